# SPDX-License-Identifier: MIT
# Job control through the tracer: the child stops itself with SIGSTOP, the
# parent sees it stopped (WUNTRACED) and continues it with SIGCONT.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/jobctl"
assert_rc 0
assert_output "child stopped by SIGSTOP
child: resumed
child continued and exited 0"

assert_jq "$J" 'any(signals; .pid == $ids.child and .signal == "SIGSTOP"
	and .sender.pid == $ids.child and .disposition.kind == "default"
	and .disposition.action == "stop")' 'SIGSTOP for the child'
assert_jq "$J" 'any(signals; .pid == $ids.child and .signal == "SIGCONT"
	and .code == "SI_USER" and .sender.pid == $ids.parent)' \
	'SIGCONT from the parent for the child'
assert_jq "$J" 'any(exits; .pid == $ids.child and .code == 0)' \
	'the child exits 0'
assert_jq "$J" 'count(dd_findings | select(.signal == "SIGSTOP")) == 0' \
	'SIGSTOP cannot be caught: its default action is no finding'
exit 0
