# SPDX-License-Identifier: MIT
# The traced program behaves exactly as untraced: for each fixture, the
# stdout and the exit status with and without sigtrace are identical.
. "$TESTLIB"
skip_unless_ptrace

F=$FIXTURES
n=0
# one command per line; words split on blanks (no fixture path has any)
while read -r cmd; do
	[ -n "$cmd" ] || continue
	# shellcheck disable=SC2086
	run_plain $cmd
	# shellcheck disable=SC2086
	trace_json "$T/log.json" -- $cmd
	if [ "$plain_rc" -ne "$rc" ]; then
		show_file "$err_file" "stderr (traced)"
		fail "$cmd: exit status $plain_rc untraced, $rc traced"
	fi
	if ! cmp -s "$plain_out" "$out_file"; then
		diff -u "$plain_out" "$out_file" >&2
		fail "$cmd: stdout differs between untraced and traced runs"
	fi
	n=$((n + 1))
done <<LIST
$F/handled_usr1
$F/tar_race
$F/tar_race --safe
$F/tar_race --tstp
$F/sigchld
$F/segv
$F/rt_queue
$F/threads
$F/fork_exec $F/handled_usr1
$F/jobctl
$F/logrotate
$F/resethand
$F/exec_reset
$F/blocked
$F/ignored
$F/default_ignore
$F/eintr_read
$F/eintr_read --restart
$F/eintr_read --ignored
$F/eintr_epoll
$F/eintr_nanosleep
$F/eintr_nested
$F/eintr_threads
LIST
note "$n fixtures behave the same traced and untraced"
exit 0
