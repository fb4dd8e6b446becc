# SPDX-License-Identifier: MIT
# Issue 15, item 4: senders gone before the delivery.  The sender exits at
# once (like kill(1)) and is reaped, or is still a zombie, when the
# victim's SIGUSR1 is delivered.  A zombie still has its name, uid and
# parent; an empty name is never printed as if it were known.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

for mode in reaped zombie; do
	J=$T/$mode.json
	trace_json "$J" -- "$FIXTURES/sender_exits" "$mode"
	assert_rc 0
	assert_output "handled SIGUSR1
victim exited 0"
	assert_jq "$J" 'last_signal($ids.victim; "SIGUSR1") | .origin ==
		"process" and .sender.pid == $ids.sender and .sender.gone
		and .sender.comm == "sender_exits"
		and .sender_chain[0].pid == $ids.parent' \
		"$mode: the gone sender is named, with its parent"
done
assert_jq "$T/zombie.json" 'last_signal($ids.victim; "SIGUSR1") |
	.sender.zombie == true' 'zombie: said to be a zombie'

# Attach: the sender is not traced; /bin/kill exits and is reaped by
# this shell before the victim unblocks SIGUSR1.
mkfifo "$T/go" || fail "mkfifo"
start_program victim "$T/program.out" "$FIXTURES/sender_exits" alone "$T/go"
attach_in_background "$T/attach.json"
/bin/kill -USR1 "$target" || fail "/bin/kill"
echo go >"$T/go"
wait "$target_job"
wait "$tracer"
err_file=$T/err
assert_jq "$T/attach.json" 'last_signal($ids.victim; "SIGUSR1") |
	(.sender.comm // "") != "" or (.sender | has("comm") | not)' \
	'attach: a name is either known or absent, never ""'
assert_jq "$T/attach.json" 'all(signals | select(.sender.cmdline);
	.sender.cmdline != [])' 'attach: no empty command line shown as known'
exit 0
