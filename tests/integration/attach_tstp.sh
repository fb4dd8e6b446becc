# SPDX-License-Identifier: MIT
# Issue 17, item 4: Ctrl-Z on an attached sigtrace.  A stopped tracer
# freezes its tracees at their next signal (they sit in a ptrace-stop
# until `fg`), so while it holds tracees sigtrace must not stop: it
# ignores SIGTSTP, SIGTTIN and SIGTTOU, says so in the log, and traces
# on.  ptyrun runs sigtrace as the foreground job of a terminal, where
# ^Z is a person's Ctrl-Z (SIGTSTP from the kernel to the group).
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

watched_target daemon
J=$T/log.json
mkfifo "$T/keys" || fail "mkfifo"
"$FIXTURES/ptyrun" "$SIGTRACE" -q -o "$T/text" --json "$J" -p "$target" \
	<"$T/keys" >"$T/tty" 2>&1 &
pty=$!
exec 9>"$T/keys"
wait_for_json "$J" 'any(.[]; .type == "dispositions")'
tracer=$(fixture_id ptyrun_child)
kill_on_exit "$tracer"
err_file=$T/tty
stopped_noted_or_gone() {
	! alive "$tracer" || [ "$(proc_state "$tracer")" = T ] ||
		in_log "$J" "any(.[]; .type == \"tracer_signal\" and .signal == \"$1\")"
}

# stopped_or_noted SIGNO NAME: after sigtrace took the signal, wait until
# it is stopped (the defect) or has logged it (or died); fail unless it
# logged it.
stopped_or_noted() {
	wait_taken "$tracer" "$1"
	wait_until "did sigtrace stop or note $2" stopped_noted_or_gone "$2"
	alive "$tracer" || fail "sigtrace died of $2"
	[ "$(proc_state "$tracer")" != T ] ||
		fail "$2 stopped sigtrace while it holds a tracee: the target would freeze at its next signal"
}

type_keys '\032'
stopped_or_noted 20 SIGTSTP
/bin/kill -s TTIN "$tracer"
stopped_or_noted 21 SIGTTIN
/bin/kill -s TTOU "$tracer"
stopped_or_noted 22 SIGTTOU

kill -USR1 "$target"
wait_for_json "$J" 'any(.[]; .type == "signal" and .signal == "SIGUSR1")'
stop_target
[ "$target_rc" -eq 0 ] || fail "the target exited $target_rc"
grep -q "usr1 handled 1" "$T/target.out" ||
	{ show_file "$T/target.out" target; fail "the target did not handle its SIGUSR1"; }
exec 9>&-
wait "$pty"
rc=$?
assert_rc 0 "sigtrace (the target's exit status)"
assert_jq "$J" 'any(ev("tracer_signal"); .signal == "SIGTSTP" and .code == "SI_KERNEL")
	and any(exits; .pid == $ids.target and .code == 0)' \
	'Ctrl-Z noted, the target traced to its exit'
exit 0
