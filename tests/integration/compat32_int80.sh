# SPDX-License-Identifier: MIT
# A 64-bit program making i386 syscalls with int $0x80
# (tests/fixtures/int80_32): the kernel runs them as i386 ones (numbers,
# argument registers, struct layout), the seccomp filter sees
# AUDIT_ARCH_I386, and sigtrace must decode them so, though the process
# runs 64-bit code.  x86_64 only; skips where the kernel runs no i386
# code (IA32 emulation off).
. "$TESTLIB"

[ -x "$FIXTURES/int80_32" ] || skip "no int80_32 fixture (x86_64 only)"
skip_unless_ptrace
run_plain "$FIXTURES/int80_32"
[ "$plain_rc" -eq 0 ] ||
	skip "int \$0x80 does not work here (exit $plain_rc): a kernel without IA32 emulation"

J=$T/log.json
trace_json "$J" -- "$FIXTURES/int80_32"
assert_rc 0
assert_output "int80 rt_sigaction: 0 0, old handler 0x12345670
int80 rt_sigsuspend: -4, handled 1"
assert_jq "$J" '[sigactions | select(.pid == $ids.pid and .signal == "SIGUSR1")]
	| length == 2 and all(.[]; .syscall == "rt_sigaction" and .result == 0)' \
	'two i386 rt_sigaction(174) calls seen, named from the i386 table'
assert_jq "$J" '[sigactions | select(.signal == "SIGUSR1")][0]
	| .new.kind == "handler" and .new.handler == "0x12345670"
	and .new.flags == ["SA_RESTART"] and .new.mask == ["SIGUSR2"]' \
	'the i386 struct decoded from the registers of the i386 ABI'
assert_jq "$J" '[sigactions | select(.signal == "SIGUSR1")][1]
	| (has("new") | not) and .old.handler == "0x12345670"
	and .old.mask == ["SIGUSR2"]' \
	'the old disposition read back in the i386 layout'
# A delivery stop inside an int $0x80 call: rcx holds an argument, not
# the return address a syscall instruction leaves there, so the call is
# not taken for an x86_64 one (179 would be quotactl).
assert_jq "$J" '[ev("signal") | select(.pid == $ids.pid)]
	| length == 1 and .[0].signal == "SIGUSR2"
	and .[0].syscall == "rt_sigsuspend" and .[0].syscall_nr == 179' \
	'the delivery names the interrupted i386 rt_sigsuspend(179)'
assert_jq "$J" 'any(ev("interrupted"); .pid == $ids.pid
	and .syscall == "rt_sigsuspend" and .code == "ERESTARTNOHAND")' \
	'its interruption too'
exit 0
