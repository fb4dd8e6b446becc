# SPDX-License-Identifier: MIT
# SIGCHLD from a child that exits 3: CLD_EXITED, status 3, sender = child.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/sigchld"
assert_rc 0
assert_output "child exited 3
SIGCHLD handler ran: yes"

assert_jq "$J" 'any(ev("fork"); .pid == $ids.parent and .child == $ids.child
	and .thread == false)' 'a fork event for the child'
assert_jq "$J" 'any(signals; .pid == $ids.parent and .signal == "SIGCHLD"
	and .signo == 17 and .code == "CLD_EXITED" and .status == 3
	and .sender.pid == $ids.child and .disposition.kind == "handler")' \
	'SIGCHLD CLD_EXITED status 3 from the child, to the handler'
assert_jq "$J" 'any(exits; .pid == $ids.child and .code == 3)' \
	'the child exit event has code 3'
assert_jq "$J" 'count(dd_findings) == 0' 'no default-disposition finding'
exit 0
