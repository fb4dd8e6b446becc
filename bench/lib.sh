# SPDX-License-Identifier: MIT
# bench/lib.sh - helpers of bench/run.sh (sourced): figures from files,
# medians, table lines and verdicts, waiting for processes.  Uses OUT
# (where table.txt and failures.log go), TIMEOUT, and sets npass, nmiss,
# nskip and failed.

say() { printf '%s\n' "$*" | tee -a "$OUT/table.txt"; }
note() { printf '%s\n' "$*" >>"$OUT/failures.log"; }

# val KEY FILE: the value of KEY=NUMBER in FILE's first line that has it.
val() {
	awk -v k="$1" '{ for (i = 1; i <= NF; i++) { n = index($i, "=");
		if (n && substr($i, 1, n - 1) == k) { print substr($i, n + 1); exit } } }' "$2" 2>/dev/null
}

# vals KEY FILE: the values of KEY=NUMBER in every line of FILE that has
# it, one a line (negative values, "unknown", are left out).
vals() {
	awk -v k="$1" '{ for (i = 1; i <= NF; i++) { n = index($i, "=");
		if (n && substr($i, 1, n - 1) == k && substr($i, n + 1) + 0 >= 0)
			print substr($i, n + 1) } }' "$2" 2>/dev/null
}

# is_done PID: the process is gone or a zombie.
is_done() {
	st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
	[ -z "$st" ] || [ "$st" = Z ]
}

# wait_gone PID TENTHS: wait up to TENTHS/10 s for PID to end.
wait_gone() {
	_wg=0
	while ! is_done "$1" && [ "$_wg" -lt "$2" ]; do
		sleep 0.1
		_wg=$((_wg + 1))
	done
	is_done "$1"
}

# stop_tracer PID: an attached tracer must end by itself once its traced
# process is gone: wait 10 s, then SIGTERM, then SIGKILL.  Returns 1 when
# it had to be told.
stop_tracer() {
	wait_gone "$1" 100 && return 0
	kill -TERM "$1" 2>/dev/null
	wait_gone "$1" 50 || kill -KILL "$1" 2>/dev/null
	return 1
}

# watchdog PID...: SIGKILL the PIDs after TIMEOUT seconds unless
# unwatch is called first.  (Blocking in `wait` under a watchdog rather than
# polling: nothing else runs while an attached workload measures itself.)
watchdog() {
	sh -c 'sleep "$1" & s=$!; trap "kill \$s; exit 0" TERM
		wait "$s"; shift; kill -KILL "$@"' watchdog "$TIMEOUT" "$@" \
		>/dev/null 2>&1 &
	wd=$!
}
unwatch() {
	kill -TERM "$wd" 2>/dev/null
	wait "$wd" 2>/dev/null
}

# median FILE: median of the numbers in FILE ("" if none; "FAIL" when a
# run failed).
median() {
	[ -s "$1" ] || return 0
	if grep -q FAIL "$1"; then
		echo FAIL
		return 0
	fi
	sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR == 0) exit;
		if (NR % 2) print v[(NR + 1) / 2];
		else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# spread FILE: (max - min) / median of the runs, in percent.
spread() {
	grep -v FAIL "$1" 2>/dev/null | sort -n | awk '{ v[NR] = $1 } END {
		if (NR < 2) exit;
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
		if (m > 0) printf "%.0f%%", 100 * (v[NR] - v[1]) / m }'
}

# key_median KEY FILE: the median of KEY's values in FILE ("" if none).
key_median() {
	vals "$1" "$2" >"$OUT/raw/.vals"
	median "$OUT/raw/.vals"
	rm -f "$OUT/raw/.vals"
}

# line LABEL VALUE SPREAD X-UNTRACED X-FLOOR US/EVENT CPU/EVENT TARGET
#      RESULT: one table line, the columns of the header.
line() {
	printf '  %-44s %11s %6s %8s %8s %8s %8s  %-24s %s' \
		"$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9"
}

count_verdict() {
	case $1 in
	*PASS) npass=$((npass + 1)) ;;
	*MISS) nmiss=$((nmiss + 1)) ;;
	*SKIP*) nskip=$((nskip + 1)) ;;
	*FAIL) failed=1 ;;
	esac
}

# emit LINE: print a table line and count its verdict.
emit() {
	say "$1"
	count_verdict "$1"
}

skip_row() {
	emit "$(line "$1" "" "" "" "" "" "" "$2" "SKIP ($3)")"
}

# verdict_line LABEL SHOWN TARGET OK: a line whose verdict is OK (1 PASS,
# 0 MISS, empty FAIL: no figure).
verdict_line() {
	case $4 in
	1) v=PASS ;;
	0) v=MISS ;;
	*) v=FAIL ;;
	esac
	emit "$(line "$1" "$2" "" "" "" "" "" "$3" "$v")"
}

# le A B: 1 when the number A <= B, 0 when not, "" when either is missing.
le() {
	case "$1$2" in *FAIL*) return ;; esac
	[ -n "$1" ] && [ -n "$2" ] || return 0
	awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? 1 : 0 }'
}
