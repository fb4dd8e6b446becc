# SPDX-License-Identifier: MIT
# i386-only signal syscalls (tests/fixtures/legacy32): sigaction(67) with
# the old struct (32-bit mask), signal(48) with its System V flags, and
# handlers that return through the legacy sigreturn(119).  Skips
# without 32-bit fixtures.
. "$TESTLIB"

[ -x "$FIXTURES/legacy32" ] ||
	skip "no 32-bit fixtures: configure found no compiler that builds -m32 programs (Debian: gcc-multilib)"
skip_unless_ptrace
run_plain "$FIXTURES/handled_usr1_32"
[ "$plain_rc" -eq 0 ] ||
	skip "this kernel does not run i386 programs (exit $plain_rc: IA32 emulation off?)"

J=$T/log.json
trace_json "$J" -- "$FIXTURES/legacy32"
assert_rc 138 "sigtrace (status of a command killed by SIGUSR1)"
assert_output "read: EINTR
old SIGALRM handler: on_alarm, mask SIGUSR2
handled SIGUSR1 once"

assert_jq "$J" '[sigactions | select(.pid == $ids.pid and .signal == "SIGALRM")]
	| length == 2 and all(.[]; .syscall == "sigaction" and .result == 0)' \
	'two sigaction(67) calls for SIGALRM'
assert_jq "$J" '[sigactions | select(.signal == "SIGALRM")][0]
	| .new.kind == "handler" and .new.flags == [] and .new.mask == ["SIGUSR2"]
	and .old.kind == "default"' \
	'the old struct decoded: handler, no flags, mask [SIGUSR2]; old SIG_DFL'
assert_jq "$J" '[sigactions | select(.signal == "SIGALRM")] as $s
	| ($s[1] | has("new") | not) and $s[1].old.kind == "handler"
	and $s[1].old.handler == $s[0].new.handler
	and $s[1].old.mask == ["SIGUSR2"]' \
	'the query reads the old disposition back in the old layout'
assert_jq "$J" 'any(eintrs; .pid == $ids.pid and .syscall == "read"
	and .syscall_nr == 3 and .signal == "SIGALRM")' \
	'EINTR seen at the legacy sigreturn(119) of the handler'
assert_jq "$J" 'any(sigactions; .pid == $ids.pid and .signal == "SIGUSR1"
	and .syscall == "signal" and .result == 0 and .new.kind == "handler"
	and (.new.flags | index(["SA_RESETHAND"]))
	and (.new.flags | index(["SA_NODEFER"])))' \
	'signal(48): a handler with SA_RESETHAND|SA_NODEFER'
assert_jq "$J" '[signals | select(.signal == "SIGUSR1") | .disposition.kind]
	== ["handler", "default"]' \
	'first SIGUSR1 to the handler, the second under SIG_DFL'
assert_jq "$J" 'any(dd_findings; .pid == $ids.pid and .signal == "SIGUSR1"
	and .effect == "killed" and .cause == "resethand")' \
	'finding: SIGUSR1 killed the process, cause resethand'
exit 0
