# SPDX-License-Identifier: MIT
# Issue 18: --max-size cuts the logs between two events: every line of
# every file is whole (valid JSON for the JSON log), each file starts
# with the run's trace_start (so `sigtrace report` reads it alone), at
# most --max-files old files are kept, and the newest events are in FILE.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" --max-size 4K --max-files 3 -o "$T/text" -- sh -c \
	'trap : USR1; i=0; while [ $i -lt 300 ]; do kill -USR1 $$; i=$((i+1)); done'
assert_rc 0
[ -e "$J.4" ] && fail "more than 3 old files kept"
[ -e "$T/text.4" ] && fail "more than 3 old text logs kept"
prev=0
for f in "$J.3" "$J.2" "$J.1" "$J"; do
	[ -f "$f" ] || fail "$f is missing"
	check_json_lines "$f"
	size=$(wc -c <"$f")
	[ "$size" -le 4096 ] || fail "$f has $size bytes, over 4K"
	assert_jq "$f" '.[0].type == "trace_start" and count(ev("trace_start")) == 1' \
		"$f starts with the run"
	# Events go on from file to file, in order (the trace_start
	# repeated at the top of each is the run's, not an event of it).
	first=$("$JQ" -s '[.[1:][] | .mono_ns] | first' "$f")
	last=$("$JQ" -s '[.[1:][] | .mono_ns] | last' "$f")
	[ "$first" != null ] && [ "$first" -ge "$prev" ] ||
		fail "$f does not continue the file before it"
	prev=$last
	$WATCHDOG "$SIGTRACE" report "$f" >"$T/report.txt" 2>"$T/report.err" ||
		{ show_file "$T/report.err" stderr; fail "sigtrace report cannot read $f"; }
done
assert_jq "$J" '.[-1].type == "trace_end"' 'the newest file ends the run'
for f in "$T/text.3" "$T/text.2" "$T/text.1" "$T/text"; do
	[ -f "$f" ] || fail "$f is missing"
	[ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" = '\n' ] || fail "$f ends in the middle of a line"
	head -n 1 "$f" | grep -q 'sigtrace .*: tracing "sh"' || fail "$f does not start with the run"
	# Every line before the summary is an event: it starts with its time.
	awk '/^--- sigtrace summary/ { s = 1 }
		!s && !/^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9][0-9][0-9][0-9][0-9][0-9] / { bad = 1 }
		END { exit bad }' "$f" ||
		{ show_file "$f" "text log"; fail "$f has a line cut at a boundary"; }
done
exit 0
