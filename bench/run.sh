#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/run.sh - the sigtrace benchmarks (`make bench`); see bench/README.md.
#
# Runs every configuration of a workload once per round, ROUNDS rounds
# (interleaved, the order rotated each round), then prints the medians and
# their ratios, with PASS/MISS against the targets.  Each workload prints
# its own elapsed time (CLOCK_MONOTONIC around its loop), so tracer start-up
# is not counted and the attach case is measured the same way.
#
# Environment (make bench sets the first three):
#   BENCH_BIN      directory of the bench programs (floor, maxrss, w_*)
#   SIGTRACE       the sigtrace binary
#   BENCH_OUT      where raw figures and the table go (default BENCH_BIN/out)
#   BENCH_ROUNDS   rounds (default 5; the cheap syscall workload: 3x)
#   BENCH_TIMEOUT  seconds before one run is declared hung (default 300)
#   STRACE         strace binary (default: from PATH; "none" to skip)
#   BENCH_SYSCALLS BENCH_STORM BENCH_EINTR BENCH_THREADS BENCH_PER_THREAD
#   BENCH_BIG_THREADS BENCH_LOG_EVENTS BENCH_K_STORM   workload sizes
# Exit status: 0, or 1 when a run failed (crashed, hung, wrong output).
# A MISS is a result, not a failure.

set -u
: "${BENCH_BIN:?set BENCH_BIN to the directory of the bench programs}"
: "${SIGTRACE:?set SIGTRACE to the sigtrace binary}"
OUT=${BENCH_OUT:-$BENCH_BIN/out}
ROUNDS=${BENCH_ROUNDS:-5}
SYSCALL_ROUNDS=$((ROUNDS * 3))
# strace without seccomp stops twice per syscall (~50-100 us each): it runs
# 1/STRACE_DIV of the syscall workload and its time is scaled back up.
STRACE_DIV=20
TIMEOUT=${BENCH_TIMEOUT:-300}
N_SYSCALLS=${BENCH_SYSCALLS:-200000}
N_STORM=${BENCH_STORM:-20000}
N_EINTR=${BENCH_EINTR:-5000}
N_THREADS=${BENCH_THREADS:-16}
N_PER_THREAD=${BENCH_PER_THREAD:-500}
N_BIG=${BENCH_BIG_THREADS:-1000}
N_LOG=${BENCH_LOG_EVENTS:-1000000}
N_KSTORM=${BENCH_K_STORM:-2000}
if [ "${STRACE:-}" = none ]; then
	STRACE=
elif [ -z "${STRACE:-}" ]; then
	STRACE=$(command -v strace 2>/dev/null || true)
fi

mkdir -p "$OUT/raw" || exit 1
rm -f "$OUT"/raw/* "$OUT/failures.log" "$OUT/table.txt"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sigtrace-bench.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
trap 'rm -rf "$TMP"; exit 130' INT TERM
failed=0
npass=0
nmiss=0
nskip=0

say() { printf '%s\n' "$*" | tee -a "$OUT/table.txt"; }
note() { printf '%s\n' "$*" >>"$OUT/failures.log"; }

# val KEY FILE: the value of KEY=NUMBER in FILE's first line that has it.
val() {
	awk -v k="$1" '{ for (i = 1; i <= NF; i++) { n = index($i, "=");
		if (n && substr($i, 1, n - 1) == k) { print substr($i, n + 1); exit } } }' "$2" 2>/dev/null
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

# tracer_cmd KIND: the command line (before the workload or the pid) of a
# configuration.  Text log to a file: what a user tracing a busy program
# does (the terminal would be the bottleneck).
tracer_cmd() {
	case $1 in
	untraced) echo "" ;;
	floor) echo "$BENCH_BIN/floor --" ;;
	floor-s) echo "$BENCH_BIN/floor --seccomp --" ;;
	floor-p) echo "$BENCH_BIN/floor -p" ;;
	sigtrace) echo "$SIGTRACE -q -o $TMP/st.log --" ;;
	sigtrace-p) echo "$SIGTRACE -q -o $TMP/st.log -p" ;;
	sigtrace-k) echo "$SIGTRACE -q -k -o $TMP/st.log --" ;;
	strace) echo "$STRACE -f -e trace=%signal -o /dev/null" ;;
	strace-bpf) echo "$STRACE -f --seccomp-bpf -e trace=%signal -o /dev/null" ;;
	esac
}

label() {
	case $1 in
	untraced) echo "untraced" ;;
	floor) echo "floor (bare ptrace, spawn)" ;;
	floor-s) echo "floor + seccomp filter (rt_sigaction)" ;;
	floor-p) echo "floor -p (bare ptrace, attach)" ;;
	sigtrace) echo "sigtrace" ;;
	sigtrace-p) echo "sigtrace -p (attach)" ;;
	sigtrace-k) echo "sigtrace -k (stacks)" ;;
	strace) echo "strace -f -e trace=%signal" ;;
	strace-bpf) echo "strace -f --seccomp-bpf -e trace=%signal" ;;
	esac
}

# run_spawn KIND OUTFILE WORKLOAD ARGS...: run the workload under the
# tracer of KIND (or alone); its stdout to OUTFILE.  Returns its status.
run_spawn() {
	kind=$1 out=$2
	shift 2
	# shellcheck disable=SC2046
	timeout -k 5 "$TIMEOUT" $(tracer_cmd "$kind") "$@" >"$out" 2>"$TMP/err"
}

# run_attach KIND OUTFILE WORKLOAD ARGS...: start the workload (it waits
# until every thread is traced), attach the tracer of KIND to it, wait for
# the workload; the tracer must then end by itself (it is sent SIGTERM
# after 10 s).  Returns the workload's status (137 when it hung).
run_attach() {
	kind=$1 out=$2
	shift 2
	"$@" wait >"$out" 2>"$TMP/err" &
	wpid=$!
	# shellcheck disable=SC2046
	$(tracer_cmd "$kind") "$wpid" >"$TMP/tracer.out" 2>"$TMP/tracer.err" &
	tpid=$!
	watchdog "$wpid" "$tpid"
	wait "$wpid"
	wst=$?
	unwatch
	if ! wait_gone "$tpid" 100; then
		note "$kind did not end when the traced process exited: SIGTERM"
		kill -TERM "$tpid" 2>/dev/null
		wait_gone "$tpid" 50 || kill -KILL "$tpid" 2>/dev/null
	fi
	wait "$tpid"
	tst=$?
	if [ "$tst" -ne 0 ] && [ "$wst" -eq 0 ]; then
		note "$kind -p exited with status $tst:"
		cat "$TMP/tracer.err" >>"$OUT/failures.log"
	fi
	return "$wst"
}

# measure WORKLOAD KIND ARGS...: one run; appends the elapsed ns (or
# FAIL) to raw/WORKLOAD.KIND.
measure() {
	w=$1 kind=$2
	shift 2
	scale=1
	if [ "$w" = syscalls ] && [ "$kind" = strace ]; then
		set -- "$1" $(($2 / STRACE_DIV))
		scale=$STRACE_DIV
	fi
	case $kind in
	*-p) run_attach "$kind" "$TMP/out" "$@" ;;
	*) run_spawn "$kind" "$TMP/out" "$@" ;;
	esac
	st=$?
	ns=$(val elapsed_ns "$TMP/out")
	if [ "$st" -ne 0 ] || [ -z "$ns" ]; then
		note "FAIL: $w, $(label "$kind"), status $st: $*"
		cat "$TMP/out" "$TMP/err" >>"$OUT/failures.log" 2>/dev/null
		echo FAIL >>"$OUT/raw/$w.$kind"
		failed=1
	else
		echo $((ns * scale)) >>"$OUT/raw/$w.$kind"
	fi
}

# rounds WORKLOAD NROUNDS "KINDS" WORKLOAD-COMMAND...: NROUNDS interleaved
# rounds, the order of the configurations rotated by one each round.
rounds() {
	w=$1 nrounds=$2 kinds=$3
	shift 3
	printf '  %s:' "$w" >&2
	r=0
	while [ "$r" -lt "$nrounds" ]; do
		k=0
		order=
		for kind in $kinds; do
			k=$((k + 1))
		done
		i=0
		for kind in $kinds; do
			if [ "$i" -ge $((r % k)) ]; then order="$order $kind"; fi
			i=$((i + 1))
		done
		i=0
		for kind in $kinds; do
			if [ "$i" -lt $((r % k)) ]; then order="$order $kind"; fi
			i=$((i + 1))
		done
		for kind in $order; do
			measure "$w" "$kind" "$@"
		done
		r=$((r + 1))
		printf ' %d' "$r" >&2
	done
	printf '\n' >&2
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

# line LABEL VALUE SPREAD X-UNTRACED X-FLOOR US/EVENT TARGET RESULT: one
# table line, the columns of the header.
line() {
	printf '  %-42s %11s %6s %8s %8s %9s  %-18s %s' \
		"$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8"
}

# row LABEL MEDIAN_NS BASE_NS FLOOR_NS EVENTS TARGET RATIO_MAX VERDICT_BASE
#     SPREAD
# One timing line.  VERDICT_BASE: "untraced" or "floor": which ratio the
# target applies to ("" for information only).
row() {
	if [ -z "$2" ] || [ "$2" = FAIL ]; then
		line "$1" "${2:--}" "" "" "" "" "$6" "${8:+FAIL}"
		return
	fi
	awk -v m="$2" -v u="$3" -v f="$4" -v n="$5" -v max="$7" -v on="$8" 'BEGIN {
		ru = (u > 0) ? m / u : 0; rf = (f > 0) ? m / f : 0;
		su = (u > 0) ? sprintf(ru >= 100 ? "%.0fx" : "%.2fx", ru) : "";
		sf = (f > 0) ? sprintf(rf >= 100 ? "%.0fx" : "%.2fx", rf) : "";
		ev = (u > 0 && n > 0) ? sprintf("%.2f", (m - u) / n / 1e3) : "";
		verdict = "";
		if (on == "untraced") verdict = (ru <= max) ? "PASS" : "MISS";
		if (on == "floor") verdict = (rf <= max) ? "PASS" : "MISS";
		printf "%.1f ms|%s|%s|%s|%s\n", m / 1e6, su, sf, ev, verdict
	}' | {
		IFS='|' read -r ms su sf ev verdict
		line "$1" "$ms" "$9" "$su" "$sf" "$ev" "$6" "$verdict"
	}
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
	emit "$(line "$1" "" "" "" "" "" "$2" "SKIP ($3)")"
}

# table WORKLOAD EVENTS "KINDS" TARGET-KINDS TARGET MAX ON: the rows of
# one workload.  The floor of the same mode (spawn or attach) is the
# "x floor" denominator.
table() {
	w=$1 n=$2 kinds=$3 tkinds=$4 target=$5 max=$6 on=$7
	u=$(median "$OUT/raw/$w.untraced")
	[ "$u" = FAIL ] && u=
	for kind in $kinds; do
		case $kind in
		*-p) f=$(median "$OUT/raw/$w.floor-p") ;;
		*) f=$(median "$OUT/raw/$w.floor") ;;
		esac
		[ "$f" = FAIL ] && f=
		m=$(median "$OUT/raw/$w.$kind")
		l=$(label "$kind")
		if [ "$w" = syscalls ] && [ "$kind" = strace ]; then
			l="$l (1/$STRACE_DIV, x$STRACE_DIV)"
		fi
		sp=$(spread "$OUT/raw/$w.$kind")
		case " $tkinds " in
		*" $kind "*) emit "$(row "$l" "$m" "$u" "$f" "$n" "$target" "$max" "$on" "$sp")" ;;
		*) say "$(row "$l" "$m" "$u" "$f" "$n" "" "" "" "$sp")" ;;
		esac
	done
}

### What can be run here ###

have_attach=no
attach_why="sigtrace -p not built yet"
sleep 30 &
spid=$!
"$SIGTRACE" -q -o /dev/null -p "$spid" >/dev/null 2>&1 &
tpid=$!
i=0
while [ "$i" -lt 30 ]; do
	tr=$(awk '/^TracerPid:/ { print $2 }' "/proc/$spid/status" 2>/dev/null)
	if [ -n "$tr" ] && [ "$tr" != 0 ]; then
		have_attach=yes
		break
	fi
	is_done "$tpid" && break
	sleep 0.1
	i=$((i + 1))
done
kill -TERM "$tpid" 2>/dev/null
wait_gone "$tpid" 50 || kill -KILL "$tpid" 2>/dev/null
wait "$tpid" 2>/dev/null
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null

# -k counts only when it prints stacks ("stack" in a delivery event).
have_k=no
k_why="sigtrace -k not built yet"
if "$SIGTRACE" -q -k -o /dev/null -- true >/dev/null 2>&1; then
	k_why="sigtrace -k records no stacks yet"
	"$SIGTRACE" -q -k -o /dev/null --json "$TMP/k.jsonl" -- \
		"$BENCH_BIN/w_selfsig" 1 >/dev/null 2>&1
	if grep '"type":"signal"' "$TMP/k.jsonl" 2>/dev/null |
	   grep -q '"stack":'; then
		have_k=yes
	fi
fi
have_report=no
"$SIGTRACE" report --help >/dev/null 2>&1 && have_report=yes
strace_kinds=
if [ -n "$STRACE" ]; then
	strace_kinds="strace strace-bpf"
fi
attach_kinds=
[ "$have_attach" = yes ] && attach_kinds="floor-p sigtrace-p"

### Runs ###

echo "sigtrace benchmarks: $ROUNDS interleaved rounds per workload (progress on stderr)" >&2
W=$BENCH_BIN

rounds syscalls "$SYSCALL_ROUNDS" \
	"untraced floor floor-s sigtrace $attach_kinds $strace_kinds" \
	"$W/w_getppid" "$N_SYSCALLS"
rounds storm "$ROUNDS" "untraced floor sigtrace $attach_kinds ${STRACE:+strace}" \
	"$W/w_selfsig" "$N_STORM"
rounds eintr "$ROUNDS" \
	"untraced floor sigtrace $attach_kinds ${STRACE:+strace-bpf}" \
	"$W/w_eintr" "$N_EINTR"
if [ "$have_k" = yes ]; then
	rounds kstorm "$ROUNDS" "untraced sigtrace sigtrace-k" \
		"$W/w_selfsig" "$N_KSTORM"
fi

# Lost deliveries: one run per mode, JSON log, count the signal lines.
# lost_check KIND: prints "handled logged" (or "FAIL").
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
		wait_gone "$tpid" 100 || kill -TERM "$tpid" 2>/dev/null
		wait_gone "$tpid" 50 || kill -KILL "$tpid" 2>/dev/null
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
printf '  lost deliveries: sigtrace' >&2
lost_spawn=$(lost_check sigtrace)
lost_attach=
if [ "$have_attach" = yes ]; then
	printf ', sigtrace -p' >&2
	lost_attach=$(lost_check sigtrace-p)
fi

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

# Memory: peak RSS of sigtrace tracing 1000 threads.
printf ', memory' >&2
rm -f "$OUT/raw/mem.spawn" "$OUT/raw/mem.attach"
"$W/maxrss" "$OUT/raw/mem.spawn" "$SIGTRACE" -q -o /dev/null -- \
	"$W/w_threads" "$N_BIG" 1 >/dev/null 2>"$TMP/err" || failed=1
if [ "$have_attach" = yes ]; then
	"$W/w_threads" "$N_BIG" 1 wait >/dev/null 2>&1 &
	wpid=$!
	"$W/maxrss" "$OUT/raw/mem.attach" "$SIGTRACE" -q -o /dev/null \
		-p "$wpid" >/dev/null 2>&1 &
	tpid=$!
	watchdog "$wpid" "$tpid"
	wait "$wpid" || failed=1
	unwatch
	# maxrss passes SIGTERM on to sigtrace
	wait_gone "$tpid" 100 || kill -TERM "$tpid" 2>/dev/null
	wait_gone "$tpid" 50 || kill -KILL "$tpid" 2>/dev/null
	wait "$tpid"
fi

# Offline report of a 1M-event log.
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
		# one run is enough when it is that slow
		[ "$(tail -1 "$OUT/raw/report" | sed 's/wall_ns=\([0-9]*\).*/\1/')" -gt 10000000000 ] && break
		i=$((i + 1))
	done
	rm -f "$TMP/big.jsonl"
fi
printf '\n\n' >&2

### The table ###

strace_v=
[ -n "$STRACE" ] && strace_v=", $("$STRACE" -V 2>/dev/null | head -1 | sed 's/ -- version//')"
say "sigtrace benchmarks, $(date -u +%Y-%m-%d): $("$SIGTRACE" --version 2>/dev/null | head -1), $(uname -sr) $(uname -m), $(nproc) CPUs$strace_v"
say "$ROUNDS interleaved rounds ($SYSCALL_ROUNDS for the syscall workload); medians of the"
say "time each workload measures itself around its loop."
say "x untr. = median / untraced median; x floor = median / bare-ptrace floor median"
say "(same mode: spawn or attach); us/event = (median - untraced) / events."
say ""
say "$(line "" median spread "x untr." "x floor" "us/event" target result)"

say "syscall-heavy, no signals: $N_SYSCALLS x getppid()"
table syscalls "$N_SYSCALLS" \
	"untraced floor floor-s sigtrace $attach_kinds $strace_kinds" \
	"sigtrace sigtrace-p" "<= 1.05x untraced" 1.05 untraced
[ "$have_attach" = yes ] || skip_row "sigtrace -p (attach)" "<= 1.05x untraced" "$attach_why"

say "self-signal storm: $N_STORM x kill(getpid(), SIGUSR1), handler"
table storm "$N_STORM" "untraced floor sigtrace $attach_kinds ${STRACE:+strace}" \
	"sigtrace sigtrace-p" "<= 1.15x floor" 1.15 floor
[ "$have_attach" = yes ] || skip_row "sigtrace -p (attach)" "<= 1.15x floor" "$attach_why"

say "interrupted syscalls: $N_EINTR x SIGUSR1 into read() on a pipe (EINTR)"
table eintr "$N_EINTR" "untraced floor sigtrace $attach_kinds ${STRACE:+strace-bpf}" \
	"" "" "" ""
[ "$have_attach" = yes ] || skip_row "sigtrace -p (attach)" "(vs floor)" "$attach_why"
# shellcheck disable=SC2086
set -- $eintr_check
if [ "$#" -eq 2 ]; then
	v=MISS
	[ "$1" = "$2" ] && v=PASS
	emit "$(line "EINTRs: program saw $1, sigtrace logged $2" \
		"" "" "" "" "" "all logged" "$v")"
else
	emit "$(line "EINTRs logged" "" "" "" "" "" "all logged" FAIL)"
fi

say "-k: per-delivery cost with and without stacks ($N_KSTORM x kill(getpid(), SIGUSR1))"
if [ "$have_k" = yes ]; then
	table kstorm "$N_KSTORM" "untraced sigtrace sigtrace-k" "" "" "" ""
	m0=$(median "$OUT/raw/kstorm.sigtrace")
	mk=$(median "$OUT/raw/kstorm.sigtrace-k")
	case "$m0$mk" in
	*FAIL*) ;;
	*) say "$(line "stacks: sigtrace -k minus sigtrace" "" "" "" "" \
		"$(awk -v a="$m0" -v b="$mk" -v n="$N_KSTORM" \
			'BEGIN { printf "%.2f", (b - a) / n / 1e3 }')" "(info)" "")" ;;
	esac
else
	skip_row "sigtrace -k (stacks)" "(info)" "$k_why"
fi

say "lost deliveries: $N_THREADS threads x $N_PER_THREAD tgkill(SIGRTMIN) each"
lost_row() {
	lbl=$1
	# shellcheck disable=SC2086
	set -- $2
	if [ "$#" -ne 2 ]; then
		emit "$(line "$lbl" "" "" "" "" "" "0 lost" FAIL)"
		return
	fi
	v=MISS
	[ "$1" = "$2" ] && v=PASS
	emit "$(line "$lbl: program $1, logged $2" "lost $(($1 - $2))" \
		"" "" "" "" "0 lost" "$v")"
}
lost_row sigtrace "$lost_spawn"
if [ "$have_attach" = yes ]; then
	lost_row "sigtrace -p" "$lost_attach"
else
	skip_row "sigtrace -p (attach)" "0 lost" "$attach_why"
fi

say "memory and offline report"
mem_row() {
	kb=$(val vmhwm_kb "$2")
	st=$(val status "$2")
	if [ -z "$kb" ] || [ "$st" != 0 ]; then
		emit "$(line "$1" "" "" "" "" "" "<= 32 MiB peak RSS" FAIL)"
		failed=1
		return
	fi
	v=MISS
	[ "$kb" -le $((32 * 1024)) ] && v=PASS
	emit "$(line "$1" "$(awk -v kb="$kb" 'BEGIN { printf "%.1f MiB", kb / 1024 }')" \
		"" "" "" "" "<= 32 MiB peak RSS" "$v")"
}
mem_row "sigtrace, $N_BIG-thread program" "$OUT/raw/mem.spawn"
if [ "$have_attach" = yes ]; then
	mem_row "sigtrace -p, $N_BIG-thread program" "$OUT/raw/mem.attach"
else
	skip_row "sigtrace -p, $N_BIG-thread program" "<= 32 MiB peak RSS" "$attach_why"
fi
if [ "$have_report" = yes ] && [ -s "$OUT/raw/report" ]; then
	sed 's/wall_ns=\([0-9]*\).*/\1/' "$OUT/raw/report" >"$TMP/rep.ns"
	m=$(median "$TMP/rep.ns")
	kb=$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^vmhwm_kb=/) {
		v = substr($i, 10) + 0; if (v > mx) mx = v } } END { print mx + 0 }' \
		"$OUT/raw/report")
	v=MISS
	[ "$m" -le 3000000000 ] && v=PASS
	emit "$(line "sigtrace report, $N_LOG-event log" \
		"$(awk -v m="$m" 'BEGIN { printf "%.2f s", m / 1e9 }')" \
		"$(spread "$TMP/rep.ns")" "" "" "" "<= 3 s" "$v")"
	say "$(line "sigtrace report: peak RSS" \
		"$(awk -v kb="$kb" 'BEGIN { printf "%.1f MiB", kb / 1024 }')" \
		"" "" "" "" "(info)" "")"
elif [ "$have_report" = yes ]; then
	emit "$(line "sigtrace report, $N_LOG-event log" "" "" "" "" "" "<= 3 s" FAIL)"
else
	skip_row "sigtrace report, $N_LOG-event log" "<= 3 s" "sigtrace report not built yet"
fi

say ""
say "summary: $npass PASS, $nmiss MISS, $nskip SKIP$( [ "$failed" = 0 ] || echo ", some runs FAILED: see $OUT/failures.log")"
say "raw figures: $OUT/raw/"
exit "$failed"
