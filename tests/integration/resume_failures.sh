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
wait "$inter"
rc=$?
assert_rc 0 "jobctl, after a failed PTRACE_LISTEN"
grep -q 'child continued and exited 0' "$T/out" || fail "jobctl did not finish"

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
