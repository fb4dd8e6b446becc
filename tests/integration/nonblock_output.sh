# SPDX-License-Identifier: MIT
# Issue 17, item 8: a log on a non-blocking descriptor (a pipe that
# Node.js or a CI runner gives as standard output).  EAGAIN means "wait
# for the reader", not "the log is lost": sigtrace waits for the pipe
# to drain and loses no event while the reader is alive.  nbreader gives
# a 4096-byte non-blocking pipe and reads it only once sigtrace has
# exited or is waiting for it to drain.
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

N=300
# The JSON log, `--json -`, attached to a process that then makes N
# signal deliveries (burst: queued signals, none merged).
mkfifo "$T/keys" || fail "mkfifo"
: >"$FIXTURE_IDS"
"$FIXTURES/burst" $N <"$T/keys" >"$T/burst.out" 2>&1 &
burst=$!
kill_on_exit "$burst"
exec 9>"$T/keys"
wait_id ready 1
target=$(fixture_id target)
"$FIXTURES/nbreader" "$SIGTRACE" -q -o /dev/null --json - -p "$target" \
	>"$T/log.json" 2>"$T/err" &
reader=$!
wait_until "did sigtrace attach" traced "$target"
type_keys g
exec 9>&-
wait "$burst"
wait "$reader"
rc=$?
err_file=$T/err
grep -qx "handled $N" "$T/burst.out" || fail "burst did not handle its $N signals"
assert_rc 0 "sigtrace --json - on a non-blocking pipe (attach)"
check_json_lines "$T/log.json"
assert_jq "$T/log.json" "count(signals | select(.pid == \$ids.target)) == $N
	and .[-1].type == \"trace_end\"" \
	"all $N deliveries and the end of the trace reached the reader"

# The text log, `-o -`, of a spawned command.
"$FIXTURES/nbreader" "$SIGTRACE" -q -o - -- "$FIXTURES/burst" $N \
	</dev/null >"$T/log.txt" 2>"$T/err"
rc=$?
assert_rc 0 "sigtrace -o - on a non-blocking pipe (spawn)"
got=$(grep -c -- '--- SIGRTMIN+3 {' "$T/log.txt")
[ "$got" -eq $N ] || {
	show_file "$T/err" stderr
	fail "the text log has $got of $N deliveries"
}
grep -q -- '--- sigtrace summary' "$T/log.txt" || fail "the summary is lost"
exit 0
