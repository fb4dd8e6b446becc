# SPDX-License-Identifier: MIT
# Phase 3: a signal arrives inside a handler that is blocked in a system
# call.  SIGUSR2 (SA_RESTART) interrupts the SIGUSR1 handler's read, which
# is restarted; then main's read fails with EINTR because of SIGUSR1 (no
# SA_RESTART).  Both outcomes, attributed to the right signal.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/eintr_nested"
assert_rc 0
assert_output "SIGUSR1 handler: read returned 1 byte after SIGUSR2 (1 handled): restarted
main: read: EINTR"

assert_jq "$J" 'any(restarts; .pid == $ids.pid and .syscall == "read"
	and .signal == "SIGUSR2")' \
	'the handler read is restarted after SIGUSR2'
assert_jq "$J" 'any(eintrs; .pid == $ids.pid and .syscall == "read"
	and .signal == "SIGUSR1")' \
	'main read fails with EINTR because of SIGUSR1'
assert_jq "$J" 'count(eintrs | select(.signal == "SIGUSR2")) == 0
	and count(restarts | select(.signal == "SIGUSR1")) == 0' \
	'no outcome attributed to the wrong signal'
assert_jq "$J" '[.[] | select((.type == "eintr" or .type == "restarted")
	and .pid == $ids.pid) | .type] == ["restarted", "eintr"]' \
	'the inner outcome (restarted) comes before the outer one (eintr)'
exit 0
