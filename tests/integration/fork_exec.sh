# SPDX-License-Identifier: MIT
# Following fork and exec: the child execs handled_usr1.  The exec event,
# sigaction events of both processes, the child's handled SIGUSR1.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/fork_exec" "$FIXTURES/handled_usr1"
assert_rc 0
assert_output "handled SIGUSR1
child exited 0"

assert_jq "$J" 'any(ev("fork"); .pid == $ids.parent and .child == $ids.child
	and .thread == false)' 'the fork event'
assert_jq "$J" 'any(ev("exec"); .pid == $ids.child
	and (.path | endswith("/handled_usr1")))' \
	'the exec event of the child'
assert_jq "$J" 'any(sigactions; .pid == $ids.parent and .signal == "SIGUSR1"
	and .new.kind == "handler")' 'the parent installs its handler'
assert_jq "$J" 'any(sigactions; .pid == $ids.child and .signal == "SIGUSR1"
	and .new.kind == "handler")' 'the child installs its handler'
assert_jq "$J" 'any(signals; .pid == $ids.child and .signal == "SIGUSR1"
	and .code == "SI_USER" and .sender.pid == $ids.child
	and .disposition.kind == "handler" and .comm == "handled_usr1")' \
	'the child gets SIGUSR1 with its own handler'
assert_jq "$J" 'any(exits; .pid == $ids.child and .code == 0)
	and any(exits; .pid == $ids.parent and .code == 0)' \
	'both processes exit 0'
exit 0
