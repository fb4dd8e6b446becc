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

# An attached daemon that blocks SIGHUP and SIGTERM and reads them from a
# signalfd (issue 16): neither still terminates it, whether sigtrace saw
# them taken (a kernel observer) or only the signalfd it found at the
# attach (--senders=proc: no observer, no consumed event).  SIGUSR1,
# left at its default, still does.
for senders in proc auto; do
	J=$T/sfd-$senders.json
	start_program daemon "$T/sfd.out" setsid "$FIXTURES/sigwait_daemon" \
		signalfd
	attach_in_background "$J" --senders=$senders
	/bin/kill -HUP "$target"
	/bin/kill -TERM "$target"
	wait "$tracer"
	rc=$?
	assert_rc 0 "sigtrace -p (signalfd daemon, --senders=$senders)"
	wait "$target_job"
	assert_jq "$J" 'any(findings; .kind == "dangerous_defaults"
		and .pid == $ids.daemon and (.signals | index(["SIGUSR1"])))' \
		"signalfd daemon ($senders): the audit names SIGUSR1"
	assert_jq "$J" 'all(findings | select(.kind == "dangerous_defaults");
		(.signals | index(["SIGHUP"]) == null and
		 index(["SIGTERM"]) == null))' \
		"signalfd daemon ($senders): SIGHUP and SIGTERM, read from its signalfd, are not said to terminate it"
done
exit 0
