# SPDX-License-Identifier: MIT
# Issue 17, item 5: SIGKILL to an attached sigtrace while it handles a
# signal-delivery-stop.  waitpid() clears the tracee's stop code, so a
# tracer that dies before resuming loses the signal; waitid(WNOWAIT)
# leaves it, and the kernel delivers it when the tracer is gone (kfacts
# wnowait).  interpose stops sigtrace at its PTRACE_GETSIGINFO for the
# target's SIGUSR1 (after its wait, before its resume); the test kills
# it there.  The target must still handle its SIGUSR1.
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

watched_target daemon
J=$T/log.json
mkfifo "$T/go" || fail "mkfifo"
interposed --at GETSIGINFO --go "$T/go" -- -q --json "$J" -p "$target"
wait_for_json "$J" 'any(.[]; .type == "dispositions")'
kill -USR1 "$target"
wait_id paused 1
kill -KILL "$tracer"
printf g >"$T/go"
wait "$inter"
[ $? -eq 137 ] || fail "sigtrace was not killed by SIGKILL at the stop"
wait_no_tracer "$target"
stop_target
[ "$target_rc" -eq 0 ] || fail "the target exited $target_rc"
grep -q "usr1 handled 1" "$T/target.out" || {
	show_file "$T/target.out" target
	fail "the SIGUSR1 that sigtrace was handling when it was killed is lost"
}
exit 0
