# SPDX-License-Identifier: MIT
# The Chrome trace (--report FILE.trace.json, or --format chrome) is one
# JSON document for Perfetto / chrome://tracing: traceEvents with
# process_name and thread_name metadata, an instant per delivery, and
# slices for an interrupted read() and the handler that ran meanwhile.
. "$TESTLIB"
skip_unless_ptrace

trace_json "$T/log.json" --report "$T/r.trace.json" -- "$FIXTURES/eintr_read"
assert_rc 0
J=$T/r.trace.json
"$JQ" -e . "$J" >/dev/null 2>"$T/jq.err" ||
	{ show_file "$T/jq.err" jq; fail "the Chrome trace is not JSON"; }
assert_jq "$J" '.[0].traceEvents | type == "array" and length > 0' \
	'traceEvents is a non-empty array'
assert_jq "$J" 'all(.[0].traceEvents[]; (.ph | type) == "string" and
	(.pid | type) == "number" and (.tid | type) == "number" and
	(.name | type) == "string")' 'every event has ph, pid, tid and name'
assert_jq "$J" 'all(.[0].traceEvents[] | select(.ph != "M");
	(.ts | type) == "number" and .ts >= 0)' 'every event has a time'
assert_jq "$J" 'all(.[0].traceEvents[] | select(.ph == "X");
	(.dur | type) == "number" and .dur >= 0)' 'every slice has a duration'
assert_jq "$J" 'any(.[0].traceEvents[]; .ph == "M" and
	.name == "process_name" and .pid == $ids.pid and
	.args.name == "eintr_read")' 'the process is named'
assert_jq "$J" 'any(.[0].traceEvents[]; .ph == "M" and
	.name == "thread_name" and .tid == $ids.pid)' 'its thread is named'
assert_jq "$J" 'any(.[0].traceEvents[]; .ph == "i" and .name == "SIGALRM"
	and .pid == $ids.pid and .args.outcome == "handled")' \
	'the SIGALRM delivery is an instant'
assert_jq "$J" 'any(.[0].traceEvents[]; .ph == "X" and
	(.name | startswith("read() interrupted by SIGALRM")) and
	.args.outcome == "EINTR" and .dur > 0)' \
	'the interrupted read() is a slice ending in EINTR'
assert_jq "$J" 'any(.[0].traceEvents[]; .ph == "X" and .cat == "handler"
	and (.name | startswith("handler SIGALRM")))' \
	'the handler run is a slice'

# The tar race: the fatal delivery, and the victim's exit.
trace_json "$T/log.json" --report "$T/r.trace.json" -- "$FIXTURES/tar_race"
assert_jq "$J" 'any(.[0].traceEvents[]; .ph == "i" and .name == "SIGUSR1"
	and .pid == $ids.victim and .cat == "signal,fatal" and
	.args.sender_comm == "kill")' 'the fatal SIGUSR1 from kill'
assert_jq "$J" 'any(.[0].traceEvents[]; .pid == $ids.victim and
	.name == "exit (killed)")' 'the victim is killed'

# Each process's lifetime is a slice, the victim's with its verdict.
assert_jq "$J" '[.[0].traceEvents[] | select(.ph == "M" and
	.name == "process_name") | .pid] - [.[0].traceEvents[] |
	select(.ph == "X" and .cat == "process" and .tid == .pid) | .pid] ==
	[]' 'every process has a lifetime slice'
assert_jq "$J" 'any(.[0].traceEvents[]; .ph == "X" and .cat == "process"
	and .pid == $ids.victim and
	(.args.verdict | startswith("killed by SIGUSR1")))' 	'the victim lifetime slice says how it ended'
# The fatal SIGUSR1 flows from kill's track to the victim's: an s and an
# f of the same id, the s on the sender, the f on the receiver.
assert_jq "$J" '[.[0].traceEvents[] | select(.ph == "s" and
	.name == "SIGUSR1")] as $s | [.[0].traceEvents[] | select(.ph == "f"
	and .name == "SIGUSR1" and .pid == $ids.victim)] as $f |
	any($s[]; . as $a | any($f[]; .id == $a.id and .ts >= $a.ts and
	.bp == "e")) and ($s | length) == 1' 	'a flow arrow from the sender of SIGUSR1 to the victim'
assert_jq "$J" '[.[0].traceEvents[] | select(.ph == "s" and .name == "SIGUSR1")] | all(.pid !=
	$ids.victim)' 'no flow starts at the receiver'
# The finding carries its text.
assert_jq "$J" 'any(.[0].traceEvents[]; .cat == "finding" and
	.pid == $ids.victim and (.args.text | test("SIGUSR1 killed")) and
	(.args.details | length > 0))' 'the finding says what it found'
exit 0
