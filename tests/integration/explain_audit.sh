# SPDX-License-Identifier: MIT
# Issue 15, item 5: the dangerous-defaults audit ("[low] SIGHUP|SIGUSR1...
# still terminate") appeared on every run, even `true`.  It stays in the
# report's disposition section; it is a finding only for a signal that was
# delivered to the process, or for a daemon (no controlling terminal) in
# attach mode.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

J=$T/true.json
trace_json "$J" --report "$T/true.txt" -- /bin/true
assert_rc 0
assert_jq "$J" 'count(findings | select(.kind == "dangerous_defaults")) == 0' \
	'true: no audit finding'
grep -q -- '--- audit:' "$err_file" && fail "true: an audit line in the text log"
assert_summary_lacks "$err_file" '^\[low\].*still terminate' 'true: summary'
grep -q 'still terminate' "$T/true.txt" ||
	{ show_file "$T/true.txt" report; fail "true: the report's disposition section lost the audit"; }

# The logrotate story: SIGHUP is delivered to the daemon (twice).  An
# audit finding may name only signals its process was actually sent.
J=$T/logrotate.json
trace_json "$J" -- "$FIXTURES/logrotate"
assert_jq "$J" '. as $all | all(findings | select(.kind ==
	"dangerous_defaults"); . as $f | ($f.signals - [$all | signals |
	select(.pid == $f.pid) | .signal]) == [])' \
	'logrotate: the audit lists only signals that were delivered'
assert_jq "$J" 'count(findings | select(.kind == "dangerous_defaults"
	and .pid == $ids.logrotate)) == 0' \
	'logrotate: nothing delivered to the parent, no audit for it'

# Attach mode, a daemon (no controlling terminal): the audit is a finding.
start_program target "$T/program.out" setsid "$FIXTURES/attach_target" daemon
attach_in_background "$T/attach.json"
stop_target
wait "$tracer"
assert_jq "$T/attach.json" 'any(findings; .kind == "dangerous_defaults"
	and .pid == $ids.target and (.signals | index(["SIGHUP"])))' \
	'attached daemon: the audit is a finding'
exit 0
