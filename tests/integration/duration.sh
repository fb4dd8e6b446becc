# SPDX-License-Identifier: MIT
# Issue 17, item 17: --duration.  A value below the clock's resolution
# (1e-10 s rounds to 0 ns, which meant "never") is a usage error.  And
# the deadline holds however busy the tracee is: once it has passed,
# sigtrace handles no further stop, it detaches.  interpose stops
# sigtrace at a delivery of a busy 4-thread target until the deadline
# has passed and another thread waits in a reported stop, then counts
# the deliveries sigtrace still handles (the defect: it went on as long
# as stops kept coming, 0.5 s became 2-8 s).
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

# ended_or_attached LOG: sigtrace ended, or it attached (logged the
# target's dispositions).
ended_or_attached() {
	! alive "$tracer" || in_log "$1" 'any(.[]; .type == "dispositions")'
}

watched_target daemon
for d in 1e-10 5e-10; do
	rm -f "$T/d.json"
	"$SIGTRACE" -q --duration "$d" --json "$T/d.json" -p "$target" \
		>/dev/null 2>"$T/err" &
	tracer=$!
	kill_on_exit "$tracer"
	wait_until "did --duration $d end or attach" ended_or_attached "$T/d.json"
	if alive "$tracer"; then
		kill -INT "$tracer"
		wait "$tracer"
		fail "--duration $d was accepted (and would never end)"
	fi
	wait "$tracer"
	st=$?
	[ "$st" -eq 2 ] || { show_file "$T/err" stderr; fail "--duration $d: exit status $st, expected 2"; }
done
stop_target

mkfifo "$T/keys" || fail "mkfifo"
: >"$FIXTURE_IDS"
"$FIXTURES/burst" 20000 4 <"$T/keys" >"$T/burst.out" 2>&1 &
burst=$!
kill_on_exit "$burst"
exec 9>"$T/keys"
wait_id ready 1
target=$(fixture_id target)
interposed --at GETSIGINFO:20 --hold-ms 600 --hold-stopped "$target" \
	--count GETSIGINFO:5 -- \
	-q -o /dev/null --duration 0.5 --json "$T/log.json" -p "$target"
wait_for_json "$T/log.json" 'any(.[]; .type == "dispositions")'
type_keys g
exec 9>&-
wait "$inter"
rc=$?
assert_rc 0 "sigtrace --duration 0.5 (a detach)"
count=$(sed -n 's/^count=//p' "$FIXTURE_IDS" | tail -n 1)
[ -z "$count" ] || fail "sigtrace handled $count more deliveries after its deadline had passed"
wait "$burst"
grep -qx 'handled 80000' "$T/burst.out" ||
	{ show_file "$T/burst.out" burst; fail "the target lost signals across the detach"; }
exit 0
