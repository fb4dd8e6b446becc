# SPDX-License-Identifier: MIT
# Issue 5: attaching and detaching must not make the process see EINTR
# (the PTRACE_ATTACH/INTERRUPT effect on epoll_wait and inotify reads).
# 20 attach/detach cycles on a process idle in both; it counts EINTRs.
. "$TESTLIB"
skip_unless_ptrace

start_target idle_io
i=0
while [ $i -lt 20 ]; do
	if [ $((i % 2)) -eq 0 ]; then
		"$SIGTRACE" -q -p "$target" --duration 0.05 2>"$T/err" ||
			{ show_file "$T/err" stderr; fail "cycle $i: sigtrace failed"; }
	else
		attach_in_background "$T/c.json" -q
		kill -INT "$tracer"
		wait "$tracer" || fail "cycle $i: sigtrace failed after SIGINT"
	fi
	wait_no_tracer "$target"
	i=$((i + 1))
done
stop_target
[ "$target_rc" -eq 0 ] || fail "the target exited $target_rc"
[ "$(cat "$T/target.out")" = "eintr 0" ] ||
	fail "after 20 attach/detach cycles the target reports: $(cat "$T/target.out")"
exit 0
