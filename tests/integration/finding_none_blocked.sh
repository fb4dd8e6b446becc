# SPDX-License-Identifier: MIT
# Phase 2: a signal sent while blocked, the handler installed, then the
# signal unblocked: delivered to the handler, no finding.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/blocked"
assert_rc 0
assert_output "SIGUSR1 sent while blocked
handled SIGUSR1 1 time(s) after unblocking"

assert_jq "$J" '[signals | select(.signal == "SIGUSR1")] | length == 1
	and .[0].disposition.kind == "handler"' \
	'SIGUSR1 delivered once, to the handler'
assert_jq "$J" 'count(dd_findings) == 0' 'no default-disposition finding'
exit 0
