# SPDX-License-Identifier: MIT
# Phase 2, seed 003: logrotate's postrotate `/bin/kill -HUP` reaches a
# daemon that removed its SIGHUP handler.  The first SIGHUP is handled (no
# finding), the second kills: cause removed, sender kill, whose parent is
# the shell that logrotate ran.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/logrotate"
assert_rc 0
assert_output "daemon: SIGHUP handler installed
logrotate: rotated, sending SIGHUP
daemon: reopened logs 1 time(s)
daemon: audit log removed, SIGHUP back to default
logrotate: rotated, sending SIGHUP
logrotate: daemon killed by SIGHUP"

assert_jq "$J" 'any(sigactions; .pid == $ids.daemon and .signal == "SIGHUP"
	and .old.kind == "handler" and .new.kind == "default")' \
	'the sigaction that removes the handler'
assert_jq "$J" '[signals | select(.pid == $ids.daemon and .signal == "SIGHUP")
	| .disposition.kind] == ["handler", "default"]' \
	'two SIGHUPs: the first handled, the second under SIG_DFL'
assert_jq "$J" 'any(dd_findings; .pid == $ids.daemon and .signal == "SIGHUP"
	and .effect == "killed" and .cause == "removed"
	and (.cause_mono_ns | type) == "number")' \
	'finding: SIGHUP killed the daemon after its handler was removed'
assert_jq "$J" 'any(dd_findings; .pid == $ids.daemon and .signal == "SIGHUP"
	and .sender.comm == "kill"
	and any(.sender_chain[]; .comm == "sh" and .pid == $ids.kill_sh)
	and any(.sender_chain[]; .pid == $ids.logrotate))' \
	'the finding names kill <- sh <- logrotate'
assert_jq "$J" 'count(dd_findings) == 1' 'exactly one such finding'
exit 0
