# SPDX-License-Identifier: MIT
# Issue 18: --unit NAME.  Where systemd does not run the machine, one
# clear error line naming what to use instead.  Where it does (and we
# are root), a transient unit started after sigtrace is attached to
# through its cgroup.
. "$TESTLIB"
skip_unless_ptrace

unit=sigtrace-test-$$
if [ ! -d /run/systemd/system ]; then
	$WATCHDOG "$SIGTRACE" --unit "$unit" >"$T/out" 2>"$T/err"
	rc=$?
	err_file=$T/err
	assert_rc 1 "sigtrace --unit without systemd"
	[ "$(wc -l <"$T/err")" -eq 1 ] &&
		grep -q "^sigtrace: --unit $unit: systemd does not run this machine.*--cgroup" "$T/err" ||
		{ show_file "$T/err" stderr; fail "no clear error without systemd"; }
	exit 0
fi
[ "$(id -u)" -eq 0 ] && command -v systemd-run >/dev/null 2>&1 ||
	skip "systemd runs here, but starting a unit needs root and systemd-run"

J=$T/log.json
$WATCHDOG "$SIGTRACE" --unit "$unit" --json "$J" 2>"$T/err" &
tracer=$!
trap 'systemctl stop "$unit.service" 2>/dev/null; systemctl reset-failed "$unit.service" 2>/dev/null; kill_jobs; rm -rf "$T"' EXIT
wait_for_json "$J" 'any(.[]; .type == "trace_start")'
systemd-run --quiet --unit="$unit" "$FIXTURES/daemon" ||
	skip "systemd-run could not start a transient unit"
wait_for_json "$J" 'any(.[]; .type == "dispositions")'
pid=$(systemctl show -p MainPID --value "$unit.service")
kill -TERM "$pid"
wait "$tracer"
rc=$?
err_file=$T/err
assert_rc 143 "sigtrace (the unit's process was killed by SIGTERM)"
assert_jq "$J" "[ev(\"dispositions\") | [.pid, .target.kind, .target.value]] == [[$pid, \"unit\", \"$unit\"]]" \
	'the unit process attached by --unit'
exit 0
