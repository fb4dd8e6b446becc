# SPDX-License-Identifier: MIT
# Issue 17, item 3: signals meant for the program that reach sigtrace
# (`pkill -USR1 -f PROGRAM` matches sigtrace's command line too; Ctrl-\
# at a terminal goes to the whole foreground group) must not kill
# sigtrace, and with it the command.  sigtrace survives each, says in the
# log that it got it (a tracer_signal event) and keeps tracing; the
# command ends as it would untraced.
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

# Spawn mode: each signal sent to sigtrace alone, one after the other,
# each taken before the next is sent.
J=$T/log.json
mkfifo "$T/keys" || fail "mkfifo"
: >"$FIXTURE_IDS"
"$SIGTRACE" -q --json "$J" -- "$FIXTURES/waiter" idle <"$T/keys" \
	>"$T/out" 2>"$T/err" &
tracer=$!
kill_on_exit "$tracer"
exec 9>"$T/keys"
wait_id ready 1
# USR1 USR2 ALRM PIPE WINCH VTALRM PROF IO PWR STKFLT XCPU XFSZ URG
# SIGRTMIN (34, glibc's) SIGRTMIN+6 SIGRTMAX.  (SIGQUIT: below, from a
# terminal; a shell's background job, as here, starts with it ignored.)
sigs="10 12 14 13 28 26 27 29 30 16 24 25 23 34 40 64"
for s in $sigs; do
	/bin/kill -s "$s" "$tracer" 2>/dev/null
	wait_taken "$tracer" "$s"
	alive "$tracer" || break
done
type_keys 'g'
exec 9>&-
wait "$tracer"
rc=$?
err_file=$T/err out_file=$T/out
check_json_lines "$J"
assert_rc 0 "sigtrace, after signals aimed at it"
assert_output "went on"
for s in $sigs; do
	assert_jq "$J" "any(ev(\"tracer_signal\"); .signo == $s)" \
		"signal $s to sigtrace is noted in the log"
done
assert_jq "$J" 'any(exits; .pid == $ids.waiter and .code == 0)
	and .[-1].type == "trace_end"' 'the command exited 0, the trace ended'

# Ctrl-\ at a terminal: SIGQUIT from the kernel to the foreground group.
# The command handles it and goes on; sigtrace survives it.
rm -f "$T/keys" "$J"
mkfifo "$T/keys" || fail "mkfifo"
: >"$FIXTURE_IDS"
"$FIXTURES/ptyrun" "$SIGTRACE" -q --json "$J" -- "$FIXTURES/waiter" quit \
	<"$T/keys" >"$T/tty" 2>&1 &
pty=$!
exec 9>"$T/keys"
wait_id ready 1
wait_id ptyrun_child
tracer=$(fixture_id ptyrun_child)
type_keys '\034'
wait_until "Ctrl-\\ handled or sigtrace gone" gone_or_noted "$tracer" quit
wait_taken "$tracer" 3
type_keys 'g\n'
exec 9>&-
wait "$pty"
rc=$?
err_file=$T/tty out_file=/dev/null
check_json_lines "$J"
assert_rc 0 "sigtrace under Ctrl-\\"
grep -q 'quit handled, went on' "$T/tty" ||
	{ show_file "$T/tty" terminal; fail "the command did not go on after Ctrl-\\"; }
assert_jq "$J" 'any(signals; .signal == "SIGQUIT" and .pid == $ids.waiter
	and .code == "SI_KERNEL" and .disposition.kind == "handler")
	and any(ev("tracer_signal"); .signal == "SIGQUIT")
	and any(exits; .pid == $ids.waiter and .code == 0)' \
	'Ctrl-\ reached the command (handled) and sigtrace, which noted it'
exit 0
