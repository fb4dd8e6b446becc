# SPDX-License-Identifier: MIT
# Issue 18: --cgroup DIR attaches to the processes in a cgroup made by
# the test (v2, else a v1 hierarchy; skipped where none is writable): one
# that was in it before sigtrace started, one that joins it later (and
# then execs), and no process outside it.
. "$TESTLIB"
skip_unless_ptrace

cg=
for base in /sys/fs/cgroup /sys/fs/cgroup/unified /sys/fs/cgroup/pids \
	/sys/fs/cgroup/systemd; do
	[ -f "$base/cgroup.procs" ] || continue
	if mkdir "$base/sigtrace-test-$$" 2>/dev/null; then
		cg=$base/sigtrace-test-$$
		break
	fi
done
[ -n "$cg" ] || skip "no cgroup hierarchy is writable here"
# The cgroup goes when its last member is reaped.
cleanup() {
	for p in $(cat "$cg/cgroup.procs" 2>/dev/null); do kill -KILL "$p"; done
	_w=0
	while [ -d "$cg" ] && ! rmdir "$cg" 2>/dev/null && [ $_w -lt 3000 ]; do
		_w=$((_w + 1))
		sleep 0.01
	done
	kill_jobs
	rm -rf "$T"
}
trap cleanup EXIT

J=$T/log.json
# daemon_in_cgroup IDS: a daemon that joins the cgroup, then execs.
daemon_in_cgroup() {
	FIXTURE_IDS=$1 sh -c 'echo $$ >"$1/cgroup.procs" && exec "$2"' \
		sh "$cg" "$FIXTURES/daemon" >/dev/null &
	wait_for "a daemon in the cgroup" grep -q '^daemon_ready=' "$1"
	sed -n 's/^daemon_ready=//p' "$1"
}

before=$(daemon_in_cgroup "$T/ids.before")
FIXTURE_IDS=$T/ids.outside "$FIXTURES/daemon" >/dev/null &
outside=$!

$WATCHDOG "$SIGTRACE" --cgroup "$cg" --json "$J" 2>"$T/err" &
tracer=$!
wait_for_json "$J" "any(.[]; .type == \"dispositions\" and .pid == $before)"
after=$(daemon_in_cgroup "$T/ids.after")
wait_for_json "$J" "any(.[]; .type == \"dispositions\" and .pid == $after)"
kill -HUP "$after"
wait_for_json "$J" "any(.[]; .type == \"exit\" and .pid == $after)"
kill -TERM "$before"
wait "$tracer"
rc=$?
kill -TERM "$outside"
err_file=$T/err
assert_rc 143 "sigtrace (the first process's status: killed by SIGTERM)"
check_json_lines "$J"
assert_jq "$J" "first(ev(\"trace_start\")) | .pids == [$before]" \
	'the member at the start is in trace_start'
assert_jq "$J" "[ev(\"dispositions\") | [.pid, .target.kind, .target.value]] == [[$before, \"cgroup\", \"$cg\"], [$after, \"cgroup\", \"$cg\"]]" \
	'both members, and only they, attached by --cgroup'
assert_jq "$J" "any(exits; .pid == $after and .signal == \"SIGHUP\") and any(exits; .pid == $before and .signal == \"SIGTERM\")" \
	'both deaths seen'
assert_jq "$J" "all(.[]; .pid != $outside)" 'nothing about the process outside'
exit 0
