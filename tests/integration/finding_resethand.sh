# SPDX-License-Identifier: MIT
# Phase 2: SA_RESETHAND.  The first SIGUSR1 is handled and resets the
# disposition; the second kills: cause resethand.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/resethand"
assert_rc 138 "sigtrace (status of a command killed by SIGUSR1)"
assert_output "handled SIGUSR1 once"

assert_jq "$J" 'any(sigactions; .pid == $ids.pid and .signal == "SIGUSR1"
	and (.new.flags | index(["SA_RESETHAND"])))' \
	'the SA_RESETHAND installation'
assert_jq "$J" '[signals | select(.signal == "SIGUSR1") | .disposition.kind]
	== ["handler", "default"]' \
	'first SIGUSR1 to the handler, the second under SIG_DFL'
assert_jq "$J" 'any(dd_findings; .pid == $ids.pid and .signal == "SIGUSR1"
	and .effect == "killed" and .cause == "resethand")' \
	'finding: SIGUSR1 killed the process, cause resethand'
assert_jq "$J" 'count(dd_findings) == 1' 'exactly one such finding'
assert_jq "$J" 'any(exits; .pid == $ids.pid and .signal == "SIGUSR1")' \
	'the exit event says SIGUSR1'
exit 0
