# SPDX-License-Identifier: MIT
# Issue 16: sigtrace -p --senders=tracefs names a sender that exits at
# once from the signal_generate tracepoint in a private tracefs instance
# (pid, comm); its parents come from proc-events.
. "$TESTLIB"
skip_unless_ptrace
. "$(dirname "$TESTLIB")/sender_lib.sh"

attach_and_send tracefs
assert_backend tracefs
assert_jq "$T/log.json" 'first(signals | select(.signal == "SIGUSR1")) |
	.sender.source == "tracefs" and .sender.comm == "kill"' \
	'the sender is kill, named by tracefs'
# Parents from proc-events, unless the note says it cannot run here.
assert_jq "$T/log.json" "first(ev(\"trace_start\")) as \$s |
	first(signals | select(.signal == \"SIGUSR1\")) |
	((\$s.senders_note // \"\") | test(\"proc-events\")) or
	.sender.chain[0] == {pid: $shpid, comm: \"sh\"}" \
	'its parent shell, from proc-events'

