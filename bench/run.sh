#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/run.sh - the sigtrace benchmarks (`make bench`); see bench/README.md.
#
# Runs every configuration of a workload once per round, ROUNDS rounds
# (interleaved, the order rotated each round), then prints the medians and
# their ratios, the tracer's own CPU time per event, and PASS/MISS against
# the targets.  Each workload prints its own elapsed time (CLOCK_MONOTONIC
# around its loop), so tracer start-up is not counted and the attach case
# is measured the same way; every tracer runs under `maxrss -n`, which
# reads the tracer's own CPU time when it exits.
#
# Environment (make bench sets the first three):
#   BENCH_BIN      directory of the bench programs (floor, maxrss, w_*)
#   SIGTRACE       the sigtrace binary
#   BENCH_OUT      where raw figures and the table go (default BENCH_BIN/out)
#   BENCH_ROUNDS   rounds (default 5; the cheap syscall workload: 3x)
#   BENCH_TIMEOUT  seconds before one run is declared hung (default 300)
#   STRACE         strace binary (default: from PATH; "none" to skip)
#   BENCH_SYSCALLS BENCH_STORM BENCH_EINTR BENCH_THREADS BENCH_PER_THREAD
#   BENCH_SEGV BENCH_FORKTREE BENCH_BIG_THREADS BENCH_MEM_PROCS
#   BENCH_LOG_EVENTS BENCH_K_STORM   workload sizes
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
N_SEGV=${BENCH_SEGV:-10000}
N_TREE=${BENCH_FORKTREE:-500}
N_BIG=${BENCH_BIG_THREADS:-4000}
N_MEM_PROCS=${BENCH_MEM_PROCS:-2000}
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
W=$BENCH_BIN

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

### Configurations ###

# config KIND [CPUFILE]: sets lbl, the name of a configuration, and cmd,
# its command line (before the workload or the pid); every tracer's own
# CPU time goes to CPUFILE.  Text log to a file: what a user tracing a
# busy program does (the terminal would be the bottleneck).
config() {
	c="$W/maxrss -n ${2:-/dev/null}"
	st="$SIGTRACE -q -o $TMP/st.log"
	sf="$STRACE -f --seccomp-bpf -e"
	case $1 in
	untraced) lbl="untraced" cmd= ;;
	floor) lbl="floor (bare ptrace, spawn)" cmd="$c $W/floor --" ;;
	floor-s) lbl="floor + sigtrace's seccomp filter"
		cmd="$c $W/floor --seccomp --" ;;
	floor-p) lbl="floor -p (bare ptrace, attach)" cmd="$c $W/floor -p" ;;
	sigtrace) lbl="sigtrace" cmd="$c $st --" ;;
	sigtrace-p) lbl="sigtrace -p (attach)" cmd="$c $st -p" ;;
	sigtrace-k) lbl="sigtrace -k (stacks)" cmd="$c $st -k --" ;;
	strace) lbl="strace -f -e trace=%signal"
		cmd="$c $STRACE -f -e trace=%signal -o /dev/null" ;;
	strace-bpf) lbl="strace -f --seccomp-bpf -e trace=%signal"
		cmd="$c $sf trace=%signal -o /dev/null" ;;
	strace-none) lbl="strace -f --seccomp-bpf -e trace=none"
		cmd="$c $sf trace=none -o /dev/null" ;;
	esac
}
label() { config "$1"; echo "$lbl"; }
tracer_cmd() { config "$1" "$2"; echo "$cmd"; }

# floor_of WORKLOAD KIND: the floor a configuration is compared with: the
# same mode, and for the syscall workload the same seccomp filter.
floor_of() {
	case $2 in
	*-p) echo floor-p ;;
	sigtrace | sigtrace-k | strace-bpf)
		if [ "$1" = syscalls ]; then echo floor-s; else echo floor; fi ;;
	*) echo floor ;;
	esac
}

# target_of WORKLOAD KIND: "ON|LIMIT|TEXT" for a configuration with a
# target (ON: untraced or floor, a ratio; below: faster than the
# configuration LIMIT), nothing for one without.  The issue-21 table.
target_of() {
	case "$1.$2" in
	syscalls.sigtrace) echo "floor|1.05|<= 1.05x floor+filter" ;;
	syscalls.sigtrace-p) echo "untraced|1.05|<= 1.05x untraced" ;;
	storm.sigtrace | storm.sigtrace-p) echo "floor|1.25|<= 1.25x floor" ;;
	eintr.sigtrace) echo "floor|1.5|<= 1.5x floor" ;;
	threads.sigtrace) echo "floor|3|<= 3x floor" ;;
	segv.sigtrace) echo "below|strace-none|faster than strace" ;;
	forktree.sigtrace) echo "untraced|1.5|<= 1.5x untraced" ;;
	esac
}

### Running ###

# run_spawn KIND OUTFILE CPUFILE WORKLOAD ARGS...: run the workload under
# the tracer of KIND (or alone); its stdout to OUTFILE.  Returns its
# status.
run_spawn() {
	kind=$1 out=$2 cpuf=$3
	shift 3
	# shellcheck disable=SC2046
	timeout -k 5 "$TIMEOUT" $(tracer_cmd "$kind" "$cpuf") "$@" \
		>"$out" 2>"$TMP/err"
}

# run_attach KIND OUTFILE CPUFILE WORKLOAD ARGS...: start the workload
# (it waits until every thread is traced), attach the tracer of KIND to it,
# wait for the workload; the tracer must then end by itself (it is sent
# SIGTERM after 10 s).  Returns the workload's status (137 when it hung).
run_attach() {
	kind=$1 out=$2 cpuf=$3
	shift 3
	"$@" wait >"$out" 2>"$TMP/err" &
	wpid=$!
	# shellcheck disable=SC2046
	$(tracer_cmd "$kind" "$cpuf") "$wpid" >"$TMP/tracer.out" \
		2>"$TMP/tracer.err" &
	tpid=$!
	watchdog "$wpid" "$tpid"
	wait "$wpid"
	wst=$?
	unwatch
	stop_tracer "$tpid" ||
		note "$kind did not end when the traced process exited: SIGTERM"
	wait "$tpid"
	tst=$?
	if [ "$tst" -ne 0 ] && [ "$wst" -eq 0 ]; then
		note "$kind -p exited with status $tst:"
		cat "$TMP/tracer.err" >>"$OUT/failures.log"
	fi
	return "$wst"
}

# measure WORKLOAD KIND ARGS...: one run; appends the elapsed ns (or
# FAIL) to raw/WORKLOAD.KIND, the tracer's CPU to raw/WORKLOAD.KIND.cpu.
measure() {
	w=$1 kind=$2
	shift 2
	scale=1
	if [ "$w" = syscalls ] && [ "$kind" = strace ]; then
		set -- "$1" $(($2 / STRACE_DIV))
		scale=$STRACE_DIV
	fi
	: >"$TMP/cpu"
	case $kind in
	*-p) run_attach "$kind" "$TMP/out" "$TMP/cpu" "$@" ;;
	*) run_spawn "$kind" "$TMP/out" "$TMP/cpu" "$@" ;;
	esac
	st=$?
	ns=$(val elapsed_ns "$TMP/out")
	cpu=$(val cpu_ns "$TMP/cpu")
	if [ "$st" -ne 0 ] || [ -z "$ns" ]; then
		note "FAIL: $w, $(label "$kind"), status $st: $*"
		cat "$TMP/out" "$TMP/err" >>"$OUT/failures.log" 2>/dev/null
		echo FAIL >>"$OUT/raw/$w.$kind"
		failed=1
	else
		echo $((ns * scale)) >>"$OUT/raw/$w.$kind"
		case $cpu in
		'' | -*) ;;
		*) echo $((cpu * scale)) >>"$OUT/raw/$w.$kind.cpu" ;;
		esac
	fi
}

# rounds WORKLOAD NROUNDS "KINDS" WORKLOAD-COMMAND...: NROUNDS interleaved
# rounds, the order of the configurations rotated by one each round.
rounds() {
	w=$1 nrounds=$2 kinds=$3
	shift 3
	printf '  %s:' "$w" >&2
	k=0
	for kind in $kinds; do
		k=$((k + 1))
	done
	r=0
	while [ "$r" -lt "$nrounds" ]; do
		order=
		i=0
		for kind in $kinds; do
			[ "$i" -ge $((r % k)) ] && order="$order $kind"
			i=$((i + 1))
		done
		i=0
		for kind in $kinds; do
			[ "$i" -lt $((r % k)) ] && order="$order $kind"
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
		"$W/w_selfsig" 1 >/dev/null 2>&1
	if grep '"type":"signal"' "$TMP/k.jsonl" 2>/dev/null |
	   grep -q '"stack":'; then
		have_k=yes
	fi
fi
have_report=no
"$SIGTRACE" report --help >/dev/null 2>&1 && have_report=yes
S=
[ -n "$STRACE" ] && S=strace-none
A=
[ "$have_attach" = yes ] && A="floor-p sigtrace-p"

### Timed runs ###

echo "sigtrace benchmarks: $ROUNDS interleaved rounds per workload (progress on stderr)" >&2
rounds syscalls "$SYSCALL_ROUNDS" \
	"untraced floor floor-s sigtrace $A ${STRACE:+strace strace-bpf}" \
	"$W/w_getppid" "$N_SYSCALLS"
rounds storm "$ROUNDS" "untraced floor sigtrace $A $S" \
	"$W/w_selfsig" "$N_STORM"
rounds eintr "$ROUNDS" "untraced floor sigtrace $A ${STRACE:+strace-bpf}" \
	"$W/w_eintr" "$N_EINTR"
rounds threads "$ROUNDS" "untraced floor sigtrace $A $S" \
	"$W/w_threads" "$N_THREADS" "$N_PER_THREAD"
rounds segv "$ROUNDS" "untraced floor sigtrace $A $S" \
	"$W/w_segv" "$N_SEGV" pc
rounds forktree "$ROUNDS" "untraced floor sigtrace $S" \
	"$W/w_forktree" "$N_TREE"
if [ "$have_k" = yes ]; then
	rounds kstorm "$ROUNDS" "untraced sigtrace sigtrace-k" \
		"$W/w_selfsig" "$N_KSTORM"
fi

# shellcheck source=bench/checks.sh
. "$(dirname "$0")/checks.sh"
# shellcheck source=bench/table.sh
. "$(dirname "$0")/table.sh"
exit "$failed"
