# SPDX-License-Identifier: MIT
# The tracefs back end names a sender that exits at once, at send time
# (pid, process, comm, result); parents come from proc-events when it
# can run here.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/sender_lib.sh"

probe tracefs blocked sh -c '/bin/kill -USR1 %p; true'
expect '$p.named and $p.source == "tracefs" and $p.backend == "tracefs"' \
	'the tracefs back end named the sender'
expect '$p.pid == $p.from_pid and $p.tid == $p.from_pid and
	$p.comm == "kill" and $p.result == "delivered"' \
	'the sender is kill, seen sending'
if [ "$("$JQ" -r .ident "$T/probe.json")" = proc-events ]; then
	expect '$p.chain[0] == {pid: $p.child, comm: "sh"} and
		$p.chain_end == "observer"' 'kill <- sh, from proc-events'
else
	note "proc-events unavailable: parents not checked"
fi

probe tracefs ignored
expect '$p.named and $p.result == "ignored" and $p.comm == "kill"' \
	'an ignored signal is seen with its sender'
