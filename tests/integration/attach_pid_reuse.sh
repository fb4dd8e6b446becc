# SPDX-License-Identifier: MIT
# Issue 17, item 14: the target exits between sigtrace's checks and its
# PTRACE_SEIZE, and its pid goes to another process (an impostor).
# sigtrace must not trace the impostor: it holds the target with a pidfd
# from the checks to the seize, sees that the process it checked is gone
# (kfacts pidfd), says so in one line and exits 1; the impostor runs on,
# untraced and unharmed.  interpose stops sigtrace at its PTRACE_SEIZE;
# reaper ends the target and gives its pid to the impostor (clone3 with
# set_tid: root).
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace
[ "$(id -u)" -eq 0 ] || skip "giving a pid to a new process needs root"

start_reaper
J=$T/log.json
mkfifo "$T/go" || fail "mkfifo"
interposed --at SEIZE --go "$T/go" -- -q --json "$J" -p "$target"
wait_id paused 1
kill -USR1 "$reaper"
wait_id zombie 1
kill -USR2 "$reaper"
wait_id reaped 1
kill -HUP "$reaper"
wait_id impostor
impostor=$(fixture_id impostor)
kill_on_exit "$impostor"
[ "$impostor" -gt 0 ] || skip "this kernel (or container) refuses clone3 set_tid"
[ "$impostor" -eq "$target" ] || fail "the impostor got pid $impostor, not $target"
wait_until "did the impostor start" noted ready 1 "$FIXTURE_IDS.impostor"
printf g >"$T/go"
# sigtrace either ends (right) or attaches the impostor and logs its
# dispositions (wrong: it would trace it until stopped).
ended_or_attached() {
	! alive "$tracer" || in_log "$J" 'any(.[]; .type == "dispositions")'
}
wait_until "did sigtrace end or attach" ended_or_attached
if alive "$tracer"; then
	show_file "$T/err" stderr
	fail "sigtrace attached to the impostor that took pid $target"
fi
wait "$inter"
rc=$?
assert_rc 1 "sigtrace, whose target exited before the seize"
[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "pid $target.*exited" "$T/err" ||
	{ show_file "$T/err" stderr; fail "expected one line saying that pid $target exited"; }
wait_no_tracer "$impostor"
alive "$impostor" || fail "the impostor did not survive"
kill -TERM "$reaper"
wait "$reaper"
exit 0
