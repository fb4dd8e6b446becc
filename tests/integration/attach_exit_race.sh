# SPDX-License-Identifier: MIT
# Issue 17, items 15 and 16: the target exits while sigtrace attaches.
# Between sigtrace's checks and its PTRACE_SEIZE (interpose stops it
# there), reaper ends the target: left a zombie, PTRACE_SEIZE fails with
# EPERM (not a permission problem: kfacts zombie); reaped, with ESRCH.
# Either way one true line ("pid N exited before sigtrace could attach"
# or the like), nothing about permissions, no "attached to pid N" line
# before it, and exit status 1.
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

# race STEPS...: start a target, stop sigtrace at its seize, send the
# reaper each signal of STEPS (SIGNAL:NOTE, waiting for the note), let
# sigtrace go.
race() {
	rm -f "$T/go" "$T/log.json"
	mkfifo "$T/go" || fail "mkfifo"
	start_reaper
	interposed --at SEIZE --go "$T/go" -- --json "$T/log.json" -p "$target"
	wait_id paused 1
	for step; do
		kill -"${step%%:*}" "$reaper"
		wait_id "${step#*:}" 1
	done
	printf g >"$T/go"
	wait "$inter"
	rc=$?
	kill -TERM "$reaper"
	wait "$reaper"
}

# check WHAT: the outcome of one race.
check() {
	assert_rc 1 "$1"
	if [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q "pid $target.*exited" "$T/err"; then
		show_file "$T/err" stderr
		fail "$1: expected one line saying that pid $target exited"
	fi
	if grep -qi 'permission\|CAP_SYS_PTRACE\|attached to' "$T/err"; then
		show_file "$T/err" stderr
		fail "$1: a false message"
	fi
}

race USR1:zombie
check "a target that became a zombie"
race USR1:zombie USR2:reaped
check "a target that exited and was reaped"
exit 0
