# SPDX-License-Identifier: MIT
# bench/checks.sh - the runs of bench/run.sh (sourced) that check counts
# and measure memory and the offline report, one run each (no rounds):
# lost deliveries, EINTRs and processes logged, peak RSS, report time.
# The figures go to raw/ for table.sh.

# lost_check KIND: one 16-thread storm with a JSON log; prints "handled
# logged" (or "FAIL").
lost_check() {
	kind=$1
	rm -f "$TMP/lost.jsonl"
	case $kind in
	sigtrace)
		timeout -k 5 "$TIMEOUT" "$SIGTRACE" -q -o /dev/null \
			--json "$TMP/lost.jsonl" -- \
			"$W/w_threads" "$N_THREADS" "$N_PER_THREAD" \
			>"$TMP/out" 2>"$TMP/err"
		st=$? ;;
	sigtrace-p)
		"$W/w_threads" "$N_THREADS" "$N_PER_THREAD" wait \
			>"$TMP/out" 2>"$TMP/err" &
		wpid=$!
		"$SIGTRACE" -q -o /dev/null --json "$TMP/lost.jsonl" \
			-p "$wpid" >/dev/null 2>"$TMP/tracer.err" &
		tpid=$!
		watchdog "$wpid" "$tpid"
		wait "$wpid"
		workload_status=$?
		unwatch
		stop_tracer "$tpid"
		wait "$tpid"
		st=$workload_status ;;
	esac
	handled=$(val handled "$TMP/out")
	signo=$(val signo "$TMP/out")
	if [ "$st" -ne 0 ] || [ -z "$handled" ] || [ ! -s "$TMP/lost.jsonl" ]; then
		note "FAIL: lost-deliveries run, $kind, status $st"
		cat "$TMP/out" "$TMP/err" >>"$OUT/failures.log" 2>/dev/null
		failed=1
		echo FAIL
		return
	fi
	logged=$(grep '"type":"signal"' "$TMP/lost.jsonl" |
		grep -c "\"signo\":${signo}[,}]")
	echo "$handled $logged"
	echo "$kind handled=$handled logged=$logged" >>"$OUT/raw/lost"
}
printf '  checks: lost deliveries' >&2
lost_spawn=$(lost_check sigtrace)
lost_attach=
[ "$have_attach" = yes ] && lost_attach=$(lost_check sigtrace-p)

# EINTRs reported: one spawn run with a JSON log.
printf ', eintr events' >&2
eintr_check=FAIL
if timeout -k 5 "$TIMEOUT" "$SIGTRACE" -q -o /dev/null --json "$TMP/eintr.jsonl" \
	-- "$W/w_eintr" "$N_EINTR" >"$TMP/out" 2>"$TMP/err"; then
	eintr_check="$(val eintr "$TMP/out") $(grep -c '"type":"eintr"' "$TMP/eintr.jsonl")"
else
	note "FAIL: eintr check run"
	failed=1
fi

# Processes counted in a fork tree: the summary (-c) must say N processes
# and have no "no exit seen" line.  Prints "counted noexit" (or FAIL).
printf ', fork tree count' >&2
tree_check=FAIL
if timeout -k 5 "$TIMEOUT" "$SIGTRACE" -q -c -o "$TMP/tree.sum" -- \
	"$W/w_forktree" "$N_TREE" >"$TMP/out" 2>"$TMP/err"; then
	tree_check="$(sed -n 's/.*summary: \([0-9]*\) process.*/\1/p' "$TMP/tree.sum" | head -1) $(grep -c 'no exit seen' "$TMP/tree.sum")"
	cp "$TMP/tree.sum" "$OUT/raw/forktree.summary"
else
	note "FAIL: fork tree count run"
	failed=1
fi

# mem_attach OUTFILE WORKLOAD ARGS...: peak RSS of sigtrace -p attached to
# the workload (started with "wait").
mem_attach() {
	mout=$1
	shift
	"$@" wait >/dev/null 2>&1 &
	wpid=$!
	"$W/maxrss" "$mout" "$SIGTRACE" -q -o /dev/null -p "$wpid" \
		>/dev/null 2>&1 &
	tpid=$!
	watchdog "$wpid" "$tpid"
	wait "$wpid" || failed=1
	unwatch
	stop_tracer "$tpid"	# maxrss passes SIGTERM on to sigtrace
	wait "$tpid"
}

# Memory: peak RSS of sigtrace tracing a program with many idle threads,
# and a tree of processes all alive at once.
printf ', memory' >&2
rm -f "$OUT/raw/mem.spawn" "$OUT/raw/mem.attach" "$OUT/raw/mem.tree"
"$W/maxrss" "$OUT/raw/mem.spawn" "$SIGTRACE" -q -o /dev/null -- \
	"$W/w_threads" "$N_BIG" 1 >/dev/null 2>"$TMP/err" || failed=1
[ "$have_attach" = yes ] &&
	mem_attach "$OUT/raw/mem.attach" "$W/w_threads" "$N_BIG" 1
"$W/maxrss" "$OUT/raw/mem.tree" "$SIGTRACE" -q -o /dev/null -- \
	"$W/w_forktree" "$N_MEM_PROCS" hold >/dev/null 2>"$TMP/err" || failed=1

# Offline report of a 1M-event log: 3 runs (one when it takes over 10 s).
if [ "$have_report" = yes ]; then
	printf ', report (%s events)' "$N_LOG" >&2
	"$W/genlog" "$N_LOG" >"$TMP/big.jsonl" || failed=1
	rm -f "$OUT/raw/report"
	i=0
	while [ "$i" -lt 3 ]; do
		"$W/maxrss" "$OUT/raw/report" "$SIGTRACE" report \
			"$TMP/big.jsonl" >/dev/null 2>"$TMP/err" || {
			note "FAIL: sigtrace report"
			cat "$TMP/err" >>"$OUT/failures.log"
			failed=1
			break
		}
		[ "$(tail -1 "$OUT/raw/report" | sed 's/wall_ns=\([0-9]*\).*/\1/')" -gt 10000000000 ] && break
		i=$((i + 1))
	done
	rm -f "$TMP/big.jsonl"
fi
printf '\n\n' >&2
