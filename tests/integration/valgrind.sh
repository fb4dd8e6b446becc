# SPDX-License-Identifier: MIT
# Issue 9: a subset under valgrind (memcheck): the tracer on a race, on
# EINTR tracking and attach, and the offline report: no memory error, no
# leak.  Skipped when valgrind is not installed.
. "$TESTLIB"
skip_unless_ptrace
command -v valgrind >/dev/null 2>&1 || skip "valgrind is not installed"

VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --suppressions=$(dirname "$TESTLIB")/valgrind.supp"

$WATCHDOG $VG "$SIGTRACE" --json "$T/race.json" -o "$T/race.txt" -- "$FIXTURES/tar_race" \
	>"$T/out" 2>"$T/vg1"
rc=$?
[ "$rc" -ne 99 ] || { show_file "$T/vg1" valgrind; fail "valgrind found errors tracing tar_race"; }

$WATCHDOG $VG "$SIGTRACE" -o /dev/null -- "$FIXTURES/eintr_nested" >"$T/out" 2>"$T/vg2"
rc=$?
[ "$rc" -ne 99 ] || { show_file "$T/vg2" valgrind; fail "valgrind found errors tracing eintr_nested"; }

start_target daemon
$WATCHDOG $VG "$SIGTRACE" -q -p "$target" --duration 2 -o /dev/null 2>"$T/vg3" &
tracer=$!
sleep 1
kill -USR1 "$target"
wait "$tracer"
rc=$?
stop_target
[ "$rc" -ne 99 ] || { show_file "$T/vg3" valgrind; fail "valgrind found errors in attach mode"; }

if "$SIGTRACE" report --help >/dev/null 2>&1; then
	$WATCHDOG $VG "$SIGTRACE" report "$T/race.json" -o "$T/report.txt" 2>"$T/vg4"
	rc=$?
	[ "$rc" -ne 99 ] || { show_file "$T/vg4" valgrind; fail "valgrind found errors in sigtrace report"; }
fi
exit 0
