# SPDX-License-Identifier: MIT
# A traced sender's name and title are kept from one delivery to the next
# (src/trace/identcache.c), and read again when they can have changed:
# one that execs between two of its signals is named by its new program
# at the second, however soon it comes; one that renames itself, as soon
# as the kernel observer's record of the send shows the new name (bpf),
# else within 100 ms (tests/unit/test_proc.c).
. "$TESTLIB"
skip_unless_ptrace
[ -x /bin/sh ] || skip "no /bin/sh here"

sigusr1='[signals | select(.signal == "SIGUSR1")]'
for senders in auto proc; do
	J=$T/exec-$senders.json
	trace_json "$J" --senders=$senders -- "$FIXTURES/changing_sender" exec
	assert_rc 0
	assert_output "sender exited 0"
	assert_jq "$J" "$sigusr1"' | length == 2 and
		all(.[]; .sender.pid == $ids.sender and
		    .sender.source == "tracer" and (.sender.gone | not))' \
		"--senders=$senders: two signals from one live traced sender"
	assert_jq "$J" "$sigusr1"' | .[0].sender | .comm == "changing_sender"
		and (.cmdline | length == 2 and .[1] == "exec")' \
		"--senders=$senders: before its exec the sender is the fixture"
	assert_jq "$J" "$sigusr1"' | .[1].sender | .comm == "sh" and
		.cmdline[0:2] == ["sh", "-c"]' \
		"--senders=$senders: after its exec the sender is the shell"
done

J=$T/rename.json
trace_json "$J" -- "$FIXTURES/changing_sender" rename
assert_rc 0
assert_output "sender exited 0"
assert_jq "$J" "$sigusr1"' | .[0].sender | .comm == "changing_sender" and
	.cmdline[1] == "rename"' 'before the rename: the fixture'
"$JQ" -e -s 'any(.[]; .type == "trace_start" and .senders == "bpf")' \
	"$J" >/dev/null || exit 0
assert_jq "$J" "$sigusr1"' | .[1].sender | .comm == "renamed" and
	.cmdline == ["retitled"]' 'after the rename: its new name and title'
exit 0
