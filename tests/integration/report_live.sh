# SPDX-License-Identifier: MIT
# The live report (--report FILE, and the summary printed after every
# trace) and the offline report (`sigtrace report LOG`) are the same
# code path: for the same events they are byte for byte the same, in
# every format.  Also: -c prints only the summary, -o moves it, and the
# tar race report says who killed whom and why.
. "$TESTLIB"
skip_unless_ptrace

# live_vs_offline FIXTURE EXT: trace with --report r.EXT, report the
# recorded log offline into o.EXT, compare.
live_vs_offline() {
	fx=$1 ext=$2
	rm -f "$T/r.$ext" "$T/o.$ext"
	trace_json "$T/log.json" --report "$T/r.$ext" -- "$FIXTURES/$fx"
	[ -s "$T/r.$ext" ] || {
		show_file "$err_file" "stderr"
		fail "$fx: --report $T/r.$ext wrote nothing"
	}
	"$SIGTRACE" report "$T/log.json" -o "$T/o.$ext" 2>"$T/rep.err" || {
		show_file "$T/rep.err" "stderr"
		fail "$fx: sigtrace report failed"
	}
	if ! cmp -s "$T/r.$ext" "$T/o.$ext"; then
		diff -u "$T/r.$ext" "$T/o.$ext" | head -60 >&2
		fail "$fx: the live and the offline .$ext reports differ"
	fi
	# The summary closes the text log (stderr here) and is the
	# offline summary of the same log.
	"$SIGTRACE" report "$T/log.json" --format summary >"$T/summary"
	lines=$(wc -l <"$T/summary")
	tail -n "$lines" "$err_file" >"$T/live-summary"
	if ! cmp -s "$T/summary" "$T/live-summary"; then
		diff -u "$T/summary" "$T/live-summary" >&2
		fail "$fx: the summary after the trace is not the offline summary"
	fi
}

for fx in tar_race logrotate eintr_read eintr_nested threads sigchld; do
	for ext in txt json html trace.json; do
		live_vs_offline "$fx" "$ext"
	done
done

# What the tar race report says (live JSON report).
trace_json "$T/log.json" --report "$T/r.json" -- "$FIXTURES/tar_race"
assert_jq "$T/r.json" '.[0].processes[] | select(.pid == $ids.victim) |
	.verdict.kind == "killed" and .verdict.signal == "SIGUSR1" and
	.verdict.cause == "never_installed" and .verdict.sender.comm == "kill"
	and .verdict.core == false' \
	'the victim was killed by SIGUSR1 from kill, cause never_installed'
assert_jq "$T/r.json" '.[0].findings[0] | .severity == "critical" and
	.kind == "default_disposition" and .pid == $ids.victim and
	.exec_to_delivery_ns > 0' 'the first finding is the critical race'
assert_jq "$T/r.json" '.[0].processes[] | select(.pid == $ids.parent) |
	.verdict.kind == "exited" and .verdict.code == 0' 'the parent exited 0'
assert_jq "$T/r.json" 'any(.[0].timeline[]; .pid == $ids.victim and
	.type == "signal") and any(.[0].timeline[]; .type == "finding")' \
	'the timeline holds the delivery and the finding'

# -c: no event log, only the summary and the per-signal table, where
# the text log would go.
"$SIGTRACE" -c --json "$T/log.json" -- "$FIXTURES/tar_race" >/dev/null \
	2>"$T/c.err" || fail "sigtrace -c failed"
"$SIGTRACE" report "$T/log.json" --format summary >"$T/summary"
"$SIGTRACE" report "$T/log.json" --format counts >>"$T/summary"
if ! cmp -s "$T/summary" "$T/c.err"; then
	diff -u "$T/summary" "$T/c.err" >&2
	fail "-c: stderr is not exactly the summary and the table"
fi
grep -q 'killed by SIGUSR1' "$T/c.err" || fail "-c: the summary has no verdict"
# -c -o FILE: the summary goes to FILE.
"$SIGTRACE" -c -o "$T/c.txt" -- "$FIXTURES/tar_race" >/dev/null \
	2>"$T/c.err" || fail "sigtrace -c -o failed"
[ -s "$T/c.err" ] && { show_file "$T/c.err" stderr; fail "-c -o: stderr not empty"; }
grep -q '^--- sigtrace summary' "$T/c.txt" || fail "-c -o: no summary in the file"
# -o FILE: the summary follows the event log in FILE.
"$SIGTRACE" -o "$T/o.txt" --json "$T/log.json" -- "$FIXTURES/tar_race" \
	>/dev/null 2>&1
"$SIGTRACE" report "$T/log.json" --format summary >"$T/summary"
sed -n '/^--- sigtrace summary/,$p' "$T/o.txt" >"$T/o.summary"
if ! cmp -s "$T/summary" "$T/o.summary"; then
	show_file "$T/o.txt" "text log"
	fail "-o: the summary does not end the text log"
fi
exit 0
