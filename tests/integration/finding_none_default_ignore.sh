# SPDX-License-Identifier: MIT
# Phase 2: SIGCHLD, SIGWINCH and SIGURG under their default disposition
# (ignore): harmless, no finding.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/default_ignore"
assert_rc 0
assert_output "survived SIGCHLD, SIGWINCH and SIGURG"

assert_jq "$J" '[signals | select(.pid == $ids.pid) | .signal] | sort
	== ["SIGCHLD", "SIGURG", "SIGWINCH"]' \
	'the three signals are delivered'
assert_jq "$J" 'all(signals; .disposition.kind == "default"
	and .disposition.action == "ign")' 'default disposition, action ign'
assert_jq "$J" 'count(dd_findings) == 0' 'no default-disposition finding'
exit 0
