#!/bin/sh
# SPDX-License-Identifier: MIT
# ring_rss.sh - the flight recorder's memory bound (issue 18): sigtrace
# --ring 10000 traces a program that handles 10 million signals (each a
# delivery sigtrace sees and formats for both logs) and writes nothing,
# as a quiet run should; bench/maxrss reports sigtrace's own peak
# resident set (VmHWM), which must stay under 64 MiB.  A run with a
# tenth of the deliveries comes first: the peak must not grow with the
# length of the run.  Not part of `make check`: about 7 minutes here.
#
#	make bench-ring        (or BENCH_BIN=... SIGTRACE=... sh ring_rss.sh)
#
#   RING_DELIVERIES  deliveries of the long run (10000000)
#   RING_EVENTS      --ring N (10000)
#   RING_LIMIT_KB    the bound (65536)
# Exit status 1 when a run fails or the bound is passed.
set -u
: "${BENCH_BIN:?set BENCH_BIN to the directory of the bench programs}"
: "${SIGTRACE:?set SIGTRACE to the sigtrace binary}"
deliveries=${RING_DELIVERIES:-10000000}
ring=${RING_EVENTS:-10000}
limit=${RING_LIMIT_KB:-65536}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ring_rss.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
status=0

# run N: sigtrace --ring over N handled signals; prints one result line.
run() {
	rm -f "$tmp/rss" "$tmp/log.json" "$tmp/log.txt"
	if ! "$BENCH_BIN/maxrss" "$tmp/rss" "$SIGTRACE" -q --ring "$ring" \
		--json "$tmp/log.json" -o "$tmp/log.txt" -- \
		"$BENCH_BIN/w_selfsig" "$1" >"$tmp/out" 2>"$tmp/err"; then
		echo "deliveries=$1: the run failed:" >&2
		cat "$tmp/out" "$tmp/err" >&2
		status=1
		return
	fi
	kb=$(sed -n 's/.*vmhwm_kb=\([0-9]*\).*/\1/p' "$tmp/rss")
	wall=$(sed -n 's/.*wall_ns=\([0-9]*\).*/\1/p' "$tmp/rss")
	handled=$(sed -n 's/.*handled=\([0-9]*\).*/\1/p' "$tmp/out")
	json=$(wc -c <"$tmp/log.json")
	verdict=PASS
	if [ "$kb" -ge "$limit" ] || [ "$json" -ne 0 ] || [ "$handled" != "$1" ]; then
		verdict=FAIL
		status=1
	fi
	printf 'deliveries=%s handled=%s --ring %s: sigtrace peak RSS %s KiB (%s MiB), limit %s KiB; JSON log %s bytes; %s s  %s\n' \
		"$1" "$handled" "$ring" "$kb" "$((kb / 1024))" "$limit" "$json" \
		"$((wall / 1000000000))" "$verdict"
}

run $((deliveries / 10))
run "$deliveries"
exit "$status"
