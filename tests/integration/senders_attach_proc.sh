# SPDX-License-Identifier: MIT
# Issue 16: sigtrace -p --senders=proc: /proc at the delivery only.  A
# sender that exits at once is usually gone by then: it is named when
# /proc still had it (a zombie keeps its comm), "gone" otherwise, never
# guessed.
. "$TESTLIB"
skip_unless_ptrace
. "$(dirname "$TESTLIB")/sender_lib.sh"

attach_and_send proc
assert_jq "$T/log.json" 'first(.[] | select(.type == "trace_start")) |
	.senders == "proc" and .senders_note == null' \
	'trace_start names the proc back end, forced'
assert_jq "$T/log.json" 'first(signals | select(.signal == "SIGUSR1")) |
	.sender.source == "proc" and (.sender.gone or .sender.comm == "kill")' \
	'the sender is named by /proc or said to be gone'
