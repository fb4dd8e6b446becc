# SPDX-License-Identifier: MIT
# Issue 14: `sigtrace psig` with several pids, some of them gone, behaves
# like kill(1): a table for every process that exists, one error line
# per pid that does not, and a non-zero status when any failed.  Both
# entry points: `sigtrace psig PID...` and `--dispositions -p PID,...`.
. "$TESTLIB"

# No pid reaches pid_max, so these two name no process.
pid_max=$(cat /proc/sys/kernel/pid_max) || skip "no /proc/sys/kernel/pid_max"
bad1=$pid_max
bad2=$((pid_max + 1))
good=$$

# $1: what ran, $2: how many tables of $good it printed; the output in
# $T/out and $T/err, the status in $rc.
check() {
	[ "$rc" -eq 1 ] || fail "$1: exit status $rc, expected 1"
	tables=$(grep -c '^pid ' "$T/out")
	[ "$tables" -eq "$2" ] && [ "$(grep -c "^pid $good (" "$T/out")" -eq "$2" ] ||
		{ show_file "$T/out" stdout; fail "$1: $tables tables, expected $2 of pid $good"; }
	for bad in $bad1 $bad2; do
		[ "$(grep -c "^sigtrace: pid $bad: no such process\$" "$T/err")" -eq 1 ] ||
			{ show_file "$T/err" stderr; fail "$1: no error line for pid $bad"; }
	done
	lines=$(wc -l <"$T/err")
	[ "$lines" -eq 2 ] ||
		{ show_file "$T/err" stderr; fail "$1: $lines lines on stderr, expected 2"; }
}

"$SIGTRACE" psig "$bad1" "$good" "$bad2" "$good" >"$T/out" 2>"$T/err"
rc=$?
check "psig $bad1 $good $bad2 $good" 2

# -p takes each pid once: one table here.
"$SIGTRACE" --dispositions -p "$bad1,$good" -p "$bad2" >"$T/out" 2>"$T/err"
rc=$?
check "--dispositions -p $bad1,$good -p $bad2" 1

# Every pid good: status 0, nothing on stderr.
"$SIGTRACE" psig "$good" "$good" >"$T/out" 2>"$T/err" || fail "psig $good $good"
[ ! -s "$T/err" ] || { show_file "$T/err" stderr; fail "stderr not empty"; }
exit 0
