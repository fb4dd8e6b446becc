# SPDX-License-Identifier: MIT
# Phase 2: a signal set to SIG_IGN and sent: nothing happens, no finding.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/ignored"
assert_rc 0
assert_output "SIGUSR1 ignored, still running"

assert_jq "$J" 'any(sigactions; .pid == $ids.pid and .signal == "SIGUSR1"
	and .new.kind == "ignored")' 'the SIG_IGN installation'
assert_jq "$J" 'all(signals | select(.signal == "SIGUSR1");
	.disposition.kind == "ignored")' \
	'a reported SIGUSR1 shows the ignored disposition'
assert_jq "$J" 'count(dd_findings) == 0' 'no default-disposition finding'
exit 0
