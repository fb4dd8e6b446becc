# SPDX-License-Identifier: MIT
# --no-follow: only the command itself is traced, not the child it forks;
# the child still runs normally.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" --no-follow -- "$FIXTURES/fork_exec" "$FIXTURES/handled_usr1"
assert_rc 0
assert_output "handled SIGUSR1
child exited 0"

assert_jq "$J" 'any(sigactions; .pid == $ids.parent and .signal == "SIGUSR1")' \
	'the parent is traced'
assert_jq "$J" 'all(.[]; .pid != $ids.child and .tid != $ids.child)' \
	'no event from the forked child'
assert_jq "$J" 'all(signals; .pid == $ids.parent)' \
	'only deliveries to the parent (its SIGCHLD)'
exit 0
