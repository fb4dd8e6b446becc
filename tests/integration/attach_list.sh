# SPDX-License-Identifier: MIT
# Issue 18: -p takes what pidof prints (pids separated by spaces); a pid
# of the list that vanished before sigtrace attached is a warning and the
# run goes on with the others; only when none is left is it an error.
. "$TESTLIB"
skip_unless_ptrace
trap 'kill_jobs; rm -rf "$T"' EXIT

J=$T/log.json
name=pl-$$
ln -s "$FIXTURES/daemon" "$T/$name"
: >"$FIXTURE_IDS"
"$T/$name" >/dev/null &
"$T/$name" >/dev/null &
two_ready() { [ "$(grep -c '^daemon_ready=' "$FIXTURE_IDS")" -eq 2 ]; }
wait_for "two daemons" two_ready
pids=$(sed -n 's/^daemon_ready=//p' "$FIXTURE_IDS" | tr '\n' ' ')
if command -v pidof >/dev/null 2>&1; then
	list=$(pidof "$name")
else
	note "no pidof here: the same list written by hand"
	list=$pids
fi
case $list in *" "*) ;; *) fail "expected two pids separated by a space, got '$list'" ;; esac
set -- $pids
a=$1 b=$2

# A pid that does not exist.
max=$(cat /proc/sys/kernel/pid_max)
nopid=$((max - 1))
while [ -d "/proc/$nopid" ]; do nopid=$((nopid - 1)); done

$WATCHDOG "$SIGTRACE" -p "$list" -p "$nopid" --json "$J" 2>"$T/err" &
tracer=$!
wait_for_json "$J" '[.[] | select(.type == "dispositions")] | length == 2'
kill -TERM "$a" "$b"
wait "$tracer"
rc=$?
err_file=$T/err
check_json_lines "$J"
assert_jq "$J" "[ev(\"dispositions\") | [.pid, .target.kind, .target.value]] | sort == ([[$a, \"pid\", \"$a\"], [$b, \"pid\", \"$b\"]] | sort)" \
	'both processes of the pidof list attached'
assert_jq "$J" "first(ev(\"trace_start\")) | (.pids | sort) == ([$a, $b] | sort)" \
	'trace_start names the pids traced, not the vanished one'
grep -q "^sigtrace: warning: pid $nopid: no such process; going on without it" "$T/err" ||
	{ show_file "$T/err" stderr; fail "no warning about the vanished pid"; }
case $rc in 143) ;; *) show_file "$T/err" stderr; fail "sigtrace exited $rc, expected 143 (the first process killed by SIGTERM)" ;; esac

# None left: one error line, exit status 1.
nopid2=$((nopid - 1))
while [ -d "/proc/$nopid2" ]; do nopid2=$((nopid2 - 1)); done
$WATCHDOG "$SIGTRACE" -p "$nopid $nopid2" >"$T/out" 2>"$T/err"
rc=$?
assert_rc 1 "sigtrace with only vanished pids"
[ "$(wc -l <"$T/err")" -eq 1 ] &&
	grep -q "^sigtrace: pid $nopid: no such process; none of the 2 processes given is running" "$T/err" ||
	{ show_file "$T/err" stderr; fail "not one clear error when no pid is left"; }
exit 0
