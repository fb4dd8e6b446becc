# SPDX-License-Identifier: MIT
# Issue 4: a handler that leaves by siglongjmp never calls rt_sigreturn.
# sigtrace notices (the stack pointer leaves the handler: back above the
# interrupted frame, or off the alternate stack for SA_ONSTACK), warns
# that the call was abandoned, and stops following the thread: the
# 20 000 getppid() calls after it make no syscall stops.  And one that
# returns is followed only until sigtrace has seen it return.
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

# A handler seen returning once has the outcomes of the calls it
# interrupts told at their deliveries (no rt_sigreturn stop each time);
# another handler on the same signal is followed again, and its
# siglongjmp noticed.
J=$T/returned.json
trace_json "$J" -- "$FIXTURES/longjmp" returned
assert_rc 0
assert_output "20 reads failed with EINTR
the handler returned 20 times
3 handlers left by siglongjmp"
assert_jq "$J" 'count(eintrs | select(.syscall == "read" and .signal == "SIGUSR1")) == 20' \
	"returned: 20 EINTRs logged, as the program saw"
assert_jq "$J" 'count(ev("warning") | select(.message | test("did not return.*read"))) == 3' \
	"returned: the siglongjmp handler installed next is followed"
assert_jq "$J" '.[-1].type == "trace_end" and .[-1].syscall_stops < 20' \
	"returned: the returning handler is followed once, not 20 times"
# A returning handler that starts leaving by siglongjmp is found out by
# the one delivery in 64 still followed; from then on each is followed.
J=$T/turns.json
trace_json "$J" -- "$FIXTURES/longjmp" turns
assert_rc 0
assert_output "10 reads failed with EINTR
80 handlers left by siglongjmp"
assert_jq "$J" '[.[] | select(.type == "eintr" or (.type == "warning" and
	(.message | test("did not return.*read"))))] | length == 90' \
	"turns: every interrupted read has an outcome, EINTR or abandoned"
assert_jq "$J" '[.[] | select(.type == "eintr" or .type == "warning")] |
	(.[-1].type == "warning") and
	(map(.type) | index("warning")) as $first |
	($first <= 64) and (.[$first:] | all(.type == "warning"))' \
	"turns: the siglongjmp is found within 64 deliveries, then at each"
exit 0
