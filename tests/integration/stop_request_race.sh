# SPDX-License-Identifier: MIT
# Issue 17, "Also": the lost wakeup.  A stop request (here SIGINT, which
# detaches an attached sigtrace) whose handler runs after the loop
# checked its flag and before waitpid() began is noticed only at the
# next event (spawn mode had no tick at all).  interpose makes exactly
# that happen: at sigtrace's first blocking wait after the attach, it
# sends SIGINT so that the handler runs just before the wait starts, and
# notes lost_wakeup=1 when sigtrace then sleeps in waitpid()/waitid()
# anyway (nothing can wake it there).  sigtrace must detach at once.
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

watched_target daemon
interposed --at SEIZE --signal-before-wait 2 -- -q --json "$T/log.json" -p "$target"
wait_id lost_wakeup
[ "$(fixture_id lost_wakeup)" -eq 0 ] || {
	show_file "$T/err" stderr
	fail "a stop request that came just before waitpid() was not noticed: sigtrace slept on"
}
wait "$inter"
rc=$?
assert_rc 0 "sigtrace, detached by SIGINT"
assert_jq "$T/log.json" 'any(.[]; .type == "detach")' 'sigtrace detached'
stop_target
exit 0
