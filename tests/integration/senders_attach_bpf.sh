# SPDX-License-Identifier: MIT
# Issue 16: sigtrace -p --senders=bpf names a sender that exits at once
# (/bin/kill run by a shell): comm, command line, parents, seen at send
# time by the BPF program.
. "$TESTLIB"
skip_unless_ptrace
. "$(dirname "$TESTLIB")/sender_lib.sh"

attach_and_send bpf
assert_backend bpf
assert_jq "$T/log.json" "first(signals | select(.signal == \"SIGUSR1\")) |
	.sender.source == \"bpf\" and .sender.comm == \"kill\" and
	.sender.cmdline == [\"/bin/kill\", \"-USR1\", \"$target\"] and
	.sender.chain[0] == {pid: $shpid, comm: \"sh\"} and
	.sender_chain[0].pid == $shpid" \
	'the sender is kill <- sh, with its command line, named by bpf'
