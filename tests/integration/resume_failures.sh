# SPDX-License-Identifier: MIT
# Issue 17, "Also": a thread must never stay stopped because a ptrace call
# that should have let it go failed unnoticed.  interpose makes exactly
# one such call fail (it is not made; it returns EIO) and watches whether
# sigtrace lets the thread go some other way before it next waits
# (retried=1) or leaves it stopped (retried=0).  PTRACE_LISTEN of a
# group-stop (spawn, jobctl) and PTRACE_SINGLESTEP onto a handler
# (attach, learning the handler's address).
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace
EIO=5

# verdict WHAT: the interposer's note, once sigtrace next waited.
verdict() {
	wait_id retried
	[ "$(fixture_id retried)" -eq 1 ] || {
		show_file "$T/err" stderr
		fail "$1 failed and sigtrace left the thread stopped"
	}
}

: >"$FIXTURE_IDS"
interposed --at LISTEN --fail $EIO -- -q --json "$T/a.json" -- "$FIXTURES/jobctl"
verdict PTRACE_LISTEN
# Continued instead of listened to, the child runs on while its parent
# may not have seen it stopped yet: jobctl then sees it exit instead and
# exits 1.  Either way both end, the child ran on, and a warning says why.
wait "$inter"
rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ] ||
	{ show_file "$T/err" stderr; fail "jobctl, after a failed PTRACE_LISTEN: exit status $rc"; }
grep -q 'child: resumed' "$T/out" || fail "the child did not run on"
grep -q 'PTRACE_LISTEN of thread [0-9]* failed' "$T/err" ||
	{ show_file "$T/err" stderr; fail "no warning for the failed PTRACE_LISTEN"; }

watched_target daemon
interposed --at SINGLESTEP --fail $EIO -- -q --json "$T/b.json" -p "$target"
wait_for_json "$T/b.json" 'any(.[]; .type == "dispositions")'
kill -USR1 "$target"
verdict PTRACE_SINGLESTEP
stop_target
wait "$inter"
grep -q 'usr1 handled 1' "$T/target.out" ||
	{ show_file "$T/target.out" target; fail "the target did not handle its SIGUSR1"; }
exit 0
