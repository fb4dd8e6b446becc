# SPDX-License-Identifier: MIT
# i386 programs on x86_64 (docs/arch.md): the 64-bit tests, unchanged,
# on 32-bit builds of their fixtures (tests/fixtures/*_32, built with
# -m32), traced by the same 64-bit sigtrace.  Every JSON fact those
# tests assert (sigaction events with the handler and flags, the
# finding causes, the EINTR outcome, the SIGSEGV address) must hold for
# an i386 tracee too.  Then the facts only an i386 tracee has: syscall
# numbers from the i386 table.  Skips without 32-bit fixtures.
. "$TESTLIB"

here=$(dirname "$0")
[ -x "$FIXTURES/handled_usr1_32" ] ||
	skip "no 32-bit fixtures: configure found no compiler that builds -m32 programs (Debian: gcc-multilib)"
skip_unless_ptrace
run_plain "$FIXTURES/handled_usr1_32"
[ "$plain_rc" -eq 0 ] ||
	skip "this kernel does not run i386 programs (exit $plain_rc: IA32 emulation off?)"

# The ELF class byte: 01 is a 32-bit program.
elf_class() {
	od -An -tx1 -j4 -N1 "$1" | tr -d ' \n'
}

# The 64-bit tests find their fixtures by name in $FIXTURES: a directory
# where each name is the 32-bit build (a copy, not a link: the tests
# check the path the program runs as).
D=$T/fixtures32
mkdir "$D" || fail "cannot create $D"
cp "$FIXTURES/can_ptrace" "$D/" || fail "cannot copy can_ptrace"
for f in handled_usr1 tar_race eintr_read resethand sigchld segv; do
	[ -x "$FIXTURES/${f}_32" ] || fail "no 32-bit fixture ${f}_32"
	[ "$(elf_class "$FIXTURES/${f}_32")" = 01 ] ||
		fail "${f}_32 is not a 32-bit program"
	cp "$FIXTURES/${f}_32" "$D/$f" || fail "cannot copy ${f}_32"
done

failed=
passed=0
for t in handled_usr1 tar_race finding_never_installed \
	finding_installed_later finding_none_when_ready eintr_read \
	eintr_restart eintr_ignored finding_resethand sigchld segv; do
	FIXTURES=$D ${SHELL:-/bin/sh} "$here/$t.sh" >"$T/$t.out" 2>&1
	case $? in
	0)
		passed=$((passed + 1)) ;;
	77)
		note "$t.sh skipped for the i386 build: $(tail -n 1 "$T/$t.out")" ;;
	*)
		show_file "$T/$t.out" "$t.sh on the i386 fixtures"
		failed="$failed $t" ;;
	esac
done
[ -z "$failed" ] || fail "64-bit tests that fail on i386 fixtures:$failed"
[ "$passed" -gt 0 ] || skip "every test skipped"
note "$passed tests pass on the i386 fixtures"

# The i386 numbering: read is 3 there (0 on x86_64), and the sigaction
# call is i386's rt_sigaction.
J=$T/log.json
trace_json "$J" -- "$D/eintr_read"
assert_rc 0
assert_output "read: EINTR"
assert_jq "$J" 'any(ev("interrupted"); .pid == $ids.pid and .syscall == "read"
	and .syscall_nr == 3 and .code == "ERESTARTSYS")' \
	'the interrupted read() has the i386 number 3'
assert_jq "$J" 'any(eintrs; .pid == $ids.pid and .syscall == "read"
	and .syscall_nr == 3)' 'the eintr event names read(), number 3'
assert_jq "$J" 'any(signals; .pid == $ids.pid and .signal == "SIGALRM"
	and .syscall == "read" and .syscall_nr == 3)' \
	'the delivery says it found the thread in read(), number 3'
assert_jq "$J" 'any(sigactions; .pid == $ids.pid and .signal == "SIGALRM"
	and .syscall == "rt_sigaction" and .new.kind == "handler"
	and (.new.handler | test("^0x[0-9a-f]{1,8}$")))' \
	'rt_sigaction with a 32-bit handler address'

# One trace, two ABIs: the 32-bit tar_race runs the 64-bit /bin/sh and
# /bin/kill; the victim (32-bit) is still killed under SIG_DFL.
trace_json "$J" -- "$D/tar_race"
assert_rc 0
assert_jq "$J" 'any(dd_findings; .pid == $ids.victim and .signal == "SIGUSR1"
	and .cause == "never_installed" and .sender.comm == "kill")' \
	'the i386 victim: never_installed finding, sent by the 64-bit kill'
exit 0
