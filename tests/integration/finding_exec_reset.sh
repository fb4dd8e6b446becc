# SPDX-License-Identifier: MIT
# Phase 2: execve resets handlers.  The program had a SIGUSR1 handler,
# exec-ed itself, and the new image (no handler) gets SIGUSR1: cause
# exec_reset.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/exec_reset"
assert_rc 138 "sigtrace (status of a command killed by SIGUSR1)"
assert_output "SIGUSR1 handler installed, exec-ing myself
after exec: sending SIGUSR1 to myself"

assert_jq "$J" 'count(ev("exec") | select(.pid == $ids.pid)) == 2' \
	'two exec events for the process'
assert_jq "$J" 'any(signals; .pid == $ids.pid and .signal == "SIGUSR1"
	and .disposition.kind == "default")' \
	'SIGUSR1 delivered under SIG_DFL after the exec'
assert_jq "$J" 'any(dd_findings; .pid == $ids.pid and .signal == "SIGUSR1"
	and .effect == "killed" and .cause == "exec_reset")' \
	'finding: SIGUSR1 killed the process, cause exec_reset'
assert_jq "$J" 'count(dd_findings) == 1' 'exactly one such finding'
exit 0
