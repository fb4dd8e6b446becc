# SPDX-License-Identifier: MIT
# Phase 3: an ignored signal (SIG_IGN) sent while the process is blocked in
# read(): no EINTR, the read completes.  Under ptrace the kernel reports
# the ignored signal, interrupting the read; it must then be restarted.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/eintr_read" --ignored
assert_rc 0
assert_output "read: 4 bytes: data"

assert_jq "$J" 'count(eintrs) == 0' 'no eintr event'
# Whether the signal lands inside read() depends on whether the helper's
# data reached the pipe before the reader woke (the kernel checks the
# data first).  Both are correct; what must hold is: a delivery that
# interrupted read() is followed by a restart, and never by an EINTR.
assert_jq "$J" '[.[] | select(.type == "signal" and .signal == "SIGALRM"
		and .pid == $ids.pid)] | length == 1' 'SIGALRM delivered once'
assert_jq "$J" '(any(.[]; .type == "signal" and .signal == "SIGALRM"
		and .syscall == "read") | not) or any(restarts; .pid == $ids.pid
		and .syscall == "read" and .signal == "SIGALRM")' \
	'an interrupted read() under an ignored signal is restarted'
exit 0
