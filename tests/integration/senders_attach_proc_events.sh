# SPDX-License-Identifier: MIT
# Issue 16: sigtrace -p --senders=proc-events names a sender that exited
# and was reaped before its delivery was seen, from the process events
# it left: its pid, its parent shell (its command line only when the
# listener read it before kill(1) exited, usually).
. "$TESTLIB"
skip_unless_ptrace
. "$(dirname "$TESTLIB")/sender_lib.sh"

attach_and_send proc-events
assert_backend proc-events
assert_jq "$T/log.json" "first(signals | select(.signal == \"SIGUSR1\")) |
	.sender.source == \"proc-events\" and
	(.sender.comm == \"kill\" or .sender.comm == null) and
	.sender.chain[0] == {pid: $shpid, comm: \"sh\"}" \
	'the sender, reaped, named by its process events with its parent'
