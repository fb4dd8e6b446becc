# SPDX-License-Identifier: MIT
# Issue 9: stress, with nothing lost.  Sizes are modest in `make check`;
# `make stress` runs the full ones (STRESS=full: 16 threads x 10000
# signals, 500 forks, 1000 attach/detach cycles).
# - a signal storm over 16 threads (a queued realtime signal, so none
#   are merged and every one sent is delivered): the tracee's own count of handler
#   runs equals sigtrace's count of deliveries;
# - a fork storm: every child's fork and exit is reported;
# - repeated attach/detach cycles: the process never sees EINTR.
. "$TESTLIB"
skip_unless_ptrace

if [ "${STRESS:-}" = full ]; then
	per_thread=10000 forks=500 cycles=1000
else
	per_thread=500 forks=200 cycles=50
fi

J=$T/storm.json
trace_json "$J" -q -- "$FIXTURES/storm" signals 16 "$per_thread"
assert_rc 0
handled=$(sed -n 's/^handled //p' "$out_file")
[ -n "$handled" ] || fail "the storm fixture printed no count"
seen=$("$JQ" -s '[.[] | select(.type == "signal" and .signo == 35)] | length' "$J")
[ "$seen" -eq "$handled" ] ||
	fail "the tracee ran its handler $handled times, sigtrace saw $seen deliveries"
note "signal storm: $handled deliveries, all seen"
# With a kernel sender observer every send is claimed by its delivery:
# none may come out as consumed (never delivered).
assert_jq "$J" 'count(ev("consumed")) == 0 and
	(last(ev("trace_end")).sends.consumed // 0) == 0' \
	"no delivery of the storm is taken for a consumed signal"

J=$T/forks.json
trace_json "$J" -q -- "$FIXTURES/storm" forks "$forks"
assert_rc 0
assert_output "forks $forks reaped $forks"
assert_jq "$J" "count(ev(\"fork\") | select(.thread | not)) == $forks" \
	"$forks fork events"
assert_jq "$J" ".[0].pid as \$root | count(exits | select(.pid != \$root)) == $forks" \
	"$forks exit events of children"

start_target idle_io
i=0
while [ $i -lt "$cycles" ]; do
	"$SIGTRACE" -q -p "$target" --duration 0.01 2>"$T/err" ||
		{ show_file "$T/err" stderr; fail "cycle $i: sigtrace failed"; }
	wait_no_tracer "$target"
	i=$((i + 1))
done
stop_target
[ "$(cat "$T/target.out")" = "eintr 0" ] ||
	fail "after $cycles attach/detach cycles: $(cat "$T/target.out")"
exit 0
