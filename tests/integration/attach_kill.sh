# SPDX-License-Identifier: MIT
# Issue 5: sigtrace must never be the cause of a death.  SIGKILL to
# sigtrace while attached: the process continues (no PTRACE_O_EXITKILL in
# attach mode) and still handles its signals.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
start_target daemon
attach_in_background "$J"
kill -KILL "$tracer"
wait "$tracer" 2>/dev/null
wait_no_tracer "$target"
kill -USR1 "$target"
sleep 0.1
stop_target
[ "$target_rc" -eq 0 ] || fail "the daemon exited $target_rc after sigtrace was killed"
[ "$(cat "$T/target.out")" = "usr1 handled 1" ] ||
	fail "daemon said: $(cat "$T/target.out")"
exit 0
