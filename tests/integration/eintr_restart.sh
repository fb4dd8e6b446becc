# SPDX-License-Identifier: MIT
# Phase 3: the same read() with SA_RESTART: the kernel restarts it, the
# program gets its data; sigtrace reports restarted, not eintr.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/eintr_read" --restart
assert_rc 0
assert_output "read: 4 bytes: data"

assert_jq "$J" 'any(restarts; .pid == $ids.pid and .syscall == "read"
	and .signal == "SIGALRM" and .handler.kind == "handler"
	and (.handler.flags | index(["SA_RESTART"])))' \
	'a restarted event: read, SIGALRM, handler with SA_RESTART'
assert_jq "$J" 'count(eintrs | select(.pid == $ids.pid)) == 0' \
	'no eintr event for the process'
exit 0
