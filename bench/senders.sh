#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/senders.sh - how often sigtrace names the sender of a signal,
# per sender observer back end (`make bench-senders`; bench/README.md).
#
# Per back end (bpf, tracefs, proc-events, proc), on an idle machine and
# under load, TRIALS trials of each kind of sender: /bin/kill run by sh,
# sh's builtin kill, bash's, pkill -f, python3's os.kill, and a logrotate
# postrotate script.  Every sender exits at once and is reaped.
#   sigtrace -p   a daemon (attach_target, SIGUSR1 handler) is attached
#                 with --senders=KIND; each sender signals it and the
#                 delivery is awaited in the JSON log
#   probe         (BENCH_PROBE=1) the observer alone: sender_probe's
#                 victim takes SIGUSR1 with sigwaitinfo, and the observer
#                 is asked who sent it
# Counted:
#   named    the sender's pid (si_pid) with the right comm
#   cmdline  ... and its command line
#   chain    ... and its parents (e.g. kill <- sh) up to the bench
# Then the observer's own cost on a loop of 5000 fork+execs of /bin/true.
#
# Environment (make bench-senders sets the first four):
#   SIGTRACE        the sigtrace binary
#   FIXTURES        tests/fixtures (attach_target)
#   SENDER_PROBE    tests/fixtures/sender_probe
#   BENCH_OUT       where the table goes (default: the current directory)
#   BENCH_TRIALS    trials per sender kind (default 50)
#   BENCH_BACKENDS  back ends to measure (default "bpf tracefs proc-events proc")
#   BENCH_EXECS     fork+execs of the cost loop (default 5000)
#   BENCH_PROBE     1: also measure the observer alone
#   BENCH_TABLE     0: only the cost (no naming trials)
#   BENCH_ROUNDS    rounds of the cost loop (default 3)
# Exit status: 0, or 1 when a run failed.  A back end this machine cannot
# run is a SKIP line, not a failure.

set -u
: "${SENDER_PROBE:?set SENDER_PROBE to tests/fixtures/sender_probe}"
: "${SIGTRACE:?set SIGTRACE to the sigtrace binary}"
: "${FIXTURES:?set FIXTURES to tests/fixtures}"
OUT=${BENCH_OUT:-.}
N=${BENCH_TRIALS:-50}
BACKENDS=${BENCH_BACKENDS:-bpf tracefs proc-events proc}
EXECS=${BENCH_EXECS:-5000}
ROUNDS=${BENCH_ROUNDS:-3}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sigtrace-senders.XXXXXX") || exit 1
load_pids=
cleanup() {
	stop_load
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$OUT" || exit 1
: >"$OUT/senders.txt"
failed=0

say() { printf '%s\n' "$*" | tee -a "$OUT/senders.txt"; }

# The logrotate story: postrotate runs /bin/kill on the pid in a pidfile.
# Without logrotate installed, the same shape: sh -c SCRIPT from a
# process named logrotate is not possible in plain sh, so the row says so.
LOGROTATE=$(command -v logrotate 2>/dev/null || true)
cat >"$TMP/logrotate.conf" <<EOF
$TMP/app.log {
	rotate 1
	missingok
	nocompress
	postrotate
		/bin/kill -USR1 \$(cat $TMP/app.pid)
	endscript
}
EOF
chmod 644 "$TMP/logrotate.conf"

# kind NAME: sets CMD (the sender's words, one a line; %p the victim's
# pid, %t a token only in the victim's command line), COMM (the sender's
# comm), ARG0 (a pattern its argv[0] matches) and CHAIN (its parents'
# comms below the bench or the probe, space-separated).
kind() {
	case $1 in
	kill) set -- sh -c '/bin/kill -USR1 %p; true'
		COMM=kill ARG0='kill$' CHAIN=sh ;;
	sh-kill) set -- sh -c 'kill -USR1 %p'
		COMM=sh ARG0='sh$' CHAIN= ;;
	bash-kill) set -- bash -c 'kill -USR1 %p'
		COMM=bash ARG0='bash$' CHAIN= ;;
	pkill) set -- pkill -USR1 -f %t
		COMM=pkill ARG0='pkill$' CHAIN= ;;
	python) set -- python3 -c 'import os, sys; os.kill(int(sys.argv[1]), 10)' %p
		COMM=python3 ARG0='python3' CHAIN= ;;
	logrotate) set -- sh -c "echo %p >$TMP/app.pid; echo x >>$TMP/app.log; exec $LOGROTATE -f -s $TMP/state $TMP/logrotate.conf"
		COMM=kill ARG0='kill$' CHAIN='sh logrotate' ;;
	esac
	CMD=$(printf '%s\n' "$@")
}

KINDS="kill sh-kill bash-kill pkill python"
[ -n "$LOGROTATE" ] && KINDS="$KINDS logrotate"

# probe_kind BACKEND KIND: TRIALS trials of the observer alone; prints
# "named cmdline chain".
probe_kind() {
	kind "$2"
	old_ifs=$IFS
	IFS='
'
	# shellcheck disable=SC2086
	"$SENDER_PROBE" -n "$N" "$1" blocked $CMD >"$TMP/out.jsonl" \
		2>"$TMP/err"
	st=$?
	IFS=$old_ifs
	if [ "$st" -ne 0 ]; then
		echo "FAIL"
		return "$st"
	fi
	jq -rs --arg comm "$COMM" --arg arg0 "$ARG0" --arg chain "$CHAIN" '
		map(select(.named and .pid == .from_pid and .comm == $comm)) |
		[length,
		 (map(select((.cmdline | length) > 0 and
			(.cmdline[0] | test($arg0)))) | length),
		 (map(select(([.chain[].comm] | join(" ")) == $chain and
			.chain_end == "observer")) | length)] |
		map(tostring) | join(" ")' "$TMP/out.jsonl"
}

start_load() {
	# every CPU busy, and one fork+exec loop: what a build or a batch
	# job does to the scheduler and to the process-events listener
	for _ in $(seq "$(nproc)"); do
		sh -c 'while :; do :; done' &
		load_pids="$load_pids $!"
	done
	sh -c 'while :; do /bin/true; done' &
	load_pids="$load_pids $!"
}

stop_load() {
	for p in $load_pids; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	load_pids=
}

# usable BACKEND: 0 when the observer can open it here; else the reason
# on stdout.
usable() {
	"$SENDER_PROBE" "$1" open >/dev/null 2>"$TMP/why"
	st=$?
	[ "$st" -eq 77 ] && { cat "$TMP/why"; return 1; }
	return 0
}

# The victim of the sigtrace runs: attach_target under a name of its own,
# so that pkill -f finds it and nothing else.
VICTIM="$TMP/victim-$$"
cp "$FIXTURES/attach_target" "$VICTIM" || exit 1

# sends FILE: how many SIGUSR1 deliveries the JSON log FILE holds.
sends() {
	grep -c '"type":"signal",.*"signal":"SIGUSR1"' "$1" 2>/dev/null || true
}

# wait_log FILE N: until FILE holds N deliveries (or 10 s went by).
wait_log() {
	_w=0
	while [ "$(sends "$1")" -lt "$2" ] && [ $_w -lt 1000 ]; do
		sleep 0.01
		_w=$((_w + 1))
	done
}

# run_sender PID: the kind's sender, %p and %t replaced, run to its end.
run_sender() {
	old_ifs=$IFS
	IFS='
'
	# shellcheck disable=SC2046
	set -- $(printf '%s\n' "$CMD" | sed "s|%p|$1|g; s|%t|$VICTIM|g")
	IFS=$old_ifs
	"$@" >/dev/null 2>&1
}

# trace_kind BACKEND KIND: TRIALS senders of KIND to a daemon that
# sigtrace -p --senders=BACKEND traces; prints "named cmdline chain".
trace_kind() {
	kind "$2"
	: >"$TMP/ids"
	FIXTURE_IDS="$TMP/ids" "$VICTIM" daemon >/dev/null 2>&1 &
	vjob=$!
	while ! grep -q '^ready=1' "$TMP/ids" 2>/dev/null; do sleep 0.01; done
	vpid=$(sed -n 's/^target=//p' "$TMP/ids")
	rm -f "$TMP/s.jsonl"
	"$SIGTRACE" -q -o /dev/null --json "$TMP/s.jsonl" --senders="$1" \
		-p "$vpid" 2>"$TMP/err" &
	tpid=$!
	while ! grep -q '"type":"dispositions"' "$TMP/s.jsonl" 2>/dev/null; do
		kill -0 "$tpid" 2>/dev/null || { kill "$vpid"; wait; echo FAIL; return 1; }
		sleep 0.01
	done
	i=0
	while [ "$i" -lt "$N" ]; do
		i=$((i + 1))
		run_sender "$vpid"
		# one at a time: two pending SIGUSR1 would be one
		wait_log "$TMP/s.jsonl" "$i"
	done
	kill -INT "$tpid"
	wait "$tpid"
	kill -TERM "$vpid"
	wait "$vjob"
	# the senders' parent: this (sub)shell, whose pid $$ is not
	read -r self _ </proc/self/stat
	jq -rs --arg comm "$COMM" --arg arg0 "$ARG0" --arg chain "$CHAIN" \
		--argjson bench "$self" '
		($chain | split(" ") | map(select(length > 0))) as $want |
		map(select(.type == "signal" and .signal == "SIGUSR1" and
			.sender.comm == $comm)) |
		[length,
		 (map(select((.sender.cmdline | length) > 0 and
			(.sender.cmdline[0] | test($arg0)))) | length),
		 (map(select([.sender.chain[0:($want | length)][].comm] == $want
			and .sender.chain[$want | length].pid == $bench)) |
			length)] |
		map(tostring) | join(" ")' "$TMP/s.jsonl"
}

row() {
	printf '  %-12s %-5s %-10s %9s %9s %9s\n' "$@" | tee -a "$OUT/senders.txt"
}

# table HOW: one row per back end, load and kind; HOW is trace_kind or
# probe_kind.
table() {
	row backend load sender named cmdline chain
	for b in $BACKENDS; do
		if ! why=$(usable "$b"); then
			say "  $b: SKIP ($why)"
			continue
		fi
		for load in idle busy; do
			[ "$load" = busy ] && start_load
			for k in $KINDS; do
				res=$("$1" "$b" "$k") || {
					failed=1
					{ echo "$1 $b $load $k:"; cat "$TMP/err"; } \
						>>"$OUT/senders-failures.log"
				}
				# shellcheck disable=SC2086
				set -- "$1" $res
				if [ "$#" -eq 4 ]; then
					row "$b" "$load" "$k" "$2/$N" "$3/$N" "$4/$N"
				else
					row "$b" "$load" "$k" FAIL "" ""
				fi
			done
			stop_load
		done
	done
	[ -n "$LOGROTATE" ] || say "  (logrotate not installed: no logrotate row)"
}

say "sender observer, $(date -u +%Y-%m-%d): $(uname -sr) $(uname -m), $(nproc) CPUs, $N trials per sender"
say "named: the right pid and comm; cmdline: and its argv; chain: and its parents up to the bench"
say ""
if [ "${BENCH_TABLE:-1}" != 0 ]; then
	say "sigtrace -p --senders=BACKEND on a daemon (SIGUSR1 handler):"
	table trace_kind
fi
if [ "${BENCH_PROBE:-0}" = 1 ]; then
	say ""
	say "the observer alone (sender_probe; the victim takes SIGUSR1 with sigwaitinfo):"
	table probe_kind
fi

### Cost: the observer open during a fork+exec loop ###

now_ns() { date +%s%N; }

# loop_ms: the wall time of EXECS fork+execs of /bin/true, in ms.
loop_ms() {
	t0=$(now_ns)
	sh -c "i=0; while [ \$i -lt $EXECS ]; do /bin/true; i=\$((i + 1)); done"
	t1=$(now_ns)
	echo $(((t1 - t0) / 1000000))
}

# cpu_ms PID: user+system CPU time of the process (all threads), in ms.
cpu_ms() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' "/proc/$1/stat"
}

# median N...: the middle one (the lower middle of an even count).
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

say ""
say "cost: $EXECS fork+exec of /bin/true with the observer open (median of $ROUNDS rounds, back ends interleaved)"
printf '  %-12s %9s %12s %10s %10s\n' backend "loop ms" "observer ms" "% of loop" "us/exec" |
	tee -a "$OUT/senders.txt"
# hold BACKEND: the observer of BACKEND open (sender_probe ... hold) in
# the background, ready; its pid in hp.
hold() {
	"$SENDER_PROBE" "$1" hold >"$TMP/hold" 2>/dev/null &
	hp=$!
	while [ ! -s "$TMP/hold" ] && kill -0 "$hp" 2>/dev/null; do
		sleep 0.01
	done
}
costs=
for b in $BACKENDS; do
	usable "$b" >/dev/null && costs="$costs $b"
done
# One round measures the bare loop and every back end in turn, so that
# the machine's load weighs on all of them alike; each back end's
# figures are the medians over the rounds.
: >"$TMP/costs"
r=0
while [ "$r" -lt "$ROUNDS" ]; do
	r=$((r + 1))
	echo "none $(loop_ms) 0" >>"$TMP/costs"
	for b in $costs; do
		hold "$b"
		c0=$(cpu_ms "$hp")
		l=$(loop_ms)
		c1=$(cpu_ms "$hp")
		kill -TERM "$hp"
		wait "$hp"
		rm -f "$TMP/hold"
		echo "$b $l $((c1 - c0))" >>"$TMP/costs"
	done
done
for b in none $costs; do
	l=$(median $(awk -v b="$b" '$1 == b { print $2 }' "$TMP/costs"))
	c=$(median $(awk -v b="$b" '$1 == b { print $3 }' "$TMP/costs"))
	if [ "$b" = none ]; then
		printf '  %-12s %9s\n' none "$l" | tee -a "$OUT/senders.txt"
		continue
	fi
	printf '  %-12s %9s %12s %9s%% %10s\n' "$b" "$l" "$c" \
		"$(awk -v c="$c" -v l="$l" 'BEGIN { printf "%.2f", l ? 100 * c / l : 0 }')" \
		"$(awk -v c="$c" -v n="$EXECS" 'BEGIN { printf "%.1f", 1000 * c / n }')" |
		tee -a "$OUT/senders.txt"
done
exit "$failed"
