# SPDX-License-Identifier: MIT
# Issue 4: a handler that leaves by siglongjmp never calls rt_sigreturn.
# sigtrace notices (the stack pointer leaves the handler: back above the
# interrupted frame, or off the alternate stack for SA_ONSTACK), warns
# that the call was abandoned, and stops following the thread: the
# 20 000 getppid() calls after it make no syscall stops.
. "$TESTLIB"
skip_unless_ptrace

for mode in plain onstack; do
	J=$T/$mode.json
	trace_json "$J" -- "$FIXTURES/longjmp" "$mode"
	assert_rc 0
	assert_output "3 handlers left by siglongjmp"
	assert_jq "$J" 'count(ev("warning") | select(.message | test("did not return.*read"))) == 3' \
		"$mode: three abandoned read() calls reported"
	assert_jq "$J" '.[-1].type == "trace_end" and .[-1].syscall_stops < 200' \
		"$mode: the thread is not followed after the handler left"
done
exit 0
