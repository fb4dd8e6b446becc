# SPDX-License-Identifier: MIT
# Issue 18: --ring N, the flight recorder.  A quiet run writes nothing
# to the logs; a run with a finding writes the ring (the last N events
# of the process, the exec that says what it runs, a note of what fell
# out) and what follows; SIGUSR1 sent to sigtrace by the operator writes
# the rings at once, then everything the traced process does; so does
# the end, when the operator stops the trace.
. "$TESTLIB"
skip_unless_ptrace
trap 'kill_jobs; rm -rf "$T"' EXIT

# Quiet: handled signals only.
trace_json "$T/quiet.json" --ring 100 -o "$T/quiet.txt" -- \
	"$FIXTURES/handled_usr1"
assert_rc 0
[ -s "$T/quiet.json" ] && { show_file "$T/quiet.json" "JSON log"; fail "a quiet run wrote to the JSON log"; }
if grep -v '^--- sigtrace summary' "$T/quiet.txt" | grep -q ' --- \| +++ \|!!!'; then
	show_file "$T/quiet.txt" "text log"
	fail "a quiet run wrote events to the text log"
fi
grep -q '^--- sigtrace summary: ' "$T/quiet.txt" ||
	{ show_file "$T/quiet.txt" "text log"; fail "no summary at the end"; }

# A finding: 20 handled SIGUSR1, then a SIGTERM under its default.
trace_json "$T/f.json" --ring 5 -- sh -c \
	'trap : USR1; i=0; while [ $i -lt 20 ]; do kill -USR1 $$; i=$((i+1)); done; kill -TERM $$'
assert_rc 143
assert_jq "$T/f.json" '.[0].type == "trace_start" and .[-1].type == "trace_end"' \
	'the run begins and ends the log'
assert_jq "$T/f.json" 'any(dd_findings; .signal == "SIGTERM") and any(exits; .signal == "SIGTERM")' \
	'the finding and the death are written'
assert_jq "$T/f.json" 'count(ev("exec")) == 1' 'the exec is kept, though the ring moved past it'
assert_jq "$T/f.json" '[signals | select(.signal == "SIGUSR1")] | length >= 1 and length < 5' \
	'only the last events before the finding'
assert_jq "$T/f.json" 'any(ev("warning"); .message | test("^flight recorder: [0-9]+ earlier events of this process were not kept \\(--ring 5\\)$"))' \
	'a note of the events that fell out'

# The operator's SIGUSR1, in attach mode.
J=$T/attach.json
start_target daemon
"$SIGTRACE" -p "$target" --ring 50 --json "$J" 2>"$T/err" &
tracer=$!
traced() { [ "$(awk '/^TracerPid:/ {print $2}' "/proc/$target/status")" = "$tracer" ]; }
wait_for "sigtrace to attach" traced
[ -s "$J" ] && { show_file "$J" "JSON log"; fail "something was written before anything happened"; }
kill -USR1 "$tracer"
wait_for_json "$J" 'any(.[]; .type == "dispositions")'
kill -USR1 "$target"
wait_for_json "$J" 'any(.[]; .type == "signal")'
kill -INT "$tracer"
wait "$tracer"
rc=$?
err_file=$T/err
assert_rc 0 "sigtrace detached"
stop_target
check_json_lines "$J"
assert_jq "$J" '[.[] | .type] | .[0:3] == ["trace_start", "dispositions", "signal"] and .[-2:] == ["detach", "trace_end"]' \
	'the ring at SIGUSR1, then the process as it goes'

# The end: the operator stops a trace in which nothing happened.
start_target daemon
"$SIGTRACE" -p "$target" --ring 50 --json "$J" 2>"$T/err" &
tracer=$!
wait_for "sigtrace to attach" traced
kill -INT "$tracer"
wait "$tracer"
rc=$?
assert_rc 0 "sigtrace detached"
stop_target
check_json_lines "$J"
assert_jq "$J" '[.[] | .type] | .[0:2] == ["trace_start", "dispositions"] and .[-2:] == ["detach", "trace_end"]' \
	'the ring at the end'
exit 0
