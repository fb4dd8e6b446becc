# SPDX-License-Identifier: MIT
# Phase 3: read() on a pipe interrupted by a handled SIGALRM without
# SA_RESTART: the program sees EINTR, and so does sigtrace.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/eintr_read"
assert_rc 0
assert_output "read: EINTR"

assert_jq "$J" 'any(ev("interrupted"); .pid == $ids.pid
	and .syscall == "read" and .signal == "SIGALRM")' \
	'an interrupted event: read, SIGALRM'
assert_jq "$J" 'any(eintrs; .pid == $ids.pid and .tid == $ids.pid
	and .syscall == "read" and .signal == "SIGALRM" and .signo == 14
	and .never_restarted == false)' \
	'an eintr event: read, SIGALRM'
assert_jq "$J" 'count(restarts | select(.syscall == "read")) == 0' \
	'no restarted read (there is no SA_RESTART)'
exit 0
