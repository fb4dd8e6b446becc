# SPDX-License-Identifier: MIT
# -k at a fault: the function that faulted, fault_here, is frame 0 of the
# SIGSEGV delivery's stack, and main is its caller.
. "$TESTLIB"
skip_unless_ptrace
ulimit -c 0
backend=$("$SIGTRACE" --version | sed -n 's/^stack traces: //p')
[ "$backend" = none ] &&
	skip "this sigtrace was built without stack traces (--without-libunwind)"
[ "$backend" = libunwind ] ||
	fail "sigtrace --version says 'stack traces: ${backend:-(nothing)}', expected libunwind or none"

J=$T/log.json
trace_json "$J" -k -- "$FIXTURES/stack_named" segv
assert_rc 139 "sigtrace (the status of a command killed by SIGSEGV)"
assert_output "handled SIGUSR1
writing to 0x10"
assert_jq "$J" '[signals | select(.signal == "SIGSEGV")] | length == 1 and
	.[0].code == "SEGV_MAPERR" and .[0].addr == "0x10" and
	.[0].stack[0].symbol == "fault_here" and
	.[0].stack[1].symbol == "main" and
	(.[0].stack[0].module | endswith("/stack_named"))' \
	'the SIGSEGV stack starts with fault_here, called by main'
exit 0
