# SPDX-License-Identifier: MIT
# Issue 15, item 1: the clean-exit idiom.  A SIGTERM handler cleans up,
# puts SIG_DFL back (or had SA_RESETHAND) and re-raises SIGTERM with
# raise(), kill(getpid()), tgkill(), at once or later from the main loop.
# The death was asked for by the first sender: sigtrace links the
# re-raise to the delivery whose handler ran, names that sender in the
# delivery, the finding and the verdict, and ranks it as no problem.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

for mode in raise kill tgkill resethand nodefer flag; do
	J=$T/$mode.json
	trace_json "$J" -- "$FIXTURES/reraise" "$mode"
	assert_rc 0 "sigtrace ($mode)"
	assert_output "cleaning up
victim killed by SIGTERM"

	assert_jq "$J" 'last_signal($ids.victim; "SIGTERM") |
		.origin == "reraise" and .disposition.kind == "default"
		and .sender.pid == $ids.victim
		and .reraise_of.sender.pid == $ids.sender
		and .reraise_of.origin == "process"
		and .reraise_of.code == "SI_USER"' \
		"$mode: the last SIGTERM is a re-raise of the one from the parent"
	assert_jq "$J" '[signals | select(.pid == $ids.victim and
		.signal == "SIGTERM")] | .[0].disposition.kind == "handler"
		and .[0].origin == "process"' \
		"$mode: the first SIGTERM ran the handler"
	assert_jq "$J" 'last_signal($ids.victim; "SIGTERM").reraise_of.mono_ns
		== ([signals | select(.pid == $ids.victim and
		     .signal == "SIGTERM")][0].mono_ns)' \
		"$mode: reraise_of.mono_ns is the handled delivery"
	assert_jq "$J" 'any(dd_findings; .pid == $ids.victim
		and .signal == "SIGTERM" and .cause == "reraise"
		and .severity == "info" and .sender.pid == $ids.sender)' \
		"$mode: one finding, cause reraise, info, naming the parent"
	assert_jq "$J" 'count(problems | select(.pid == $ids.victim)) == 0' \
		"$mode: nothing about the victim is ranked as a problem"
	assert_jq "$J" 'count(eintrs | select(.pid == $ids.victim
		and .seen != false and .call_class != "signal_wait")) == 0' \
		"$mode: no EINTR the program could have seen (it died first)"
	assert_verdict "$err_file" "$(fixture_id victim)" \
		"killed by SIGTERM.* from $(fixture_id sender) reraise .*: its handler ran, then it re-raised SIGTERM to exit with the default action" \
		"$mode: the verdict names the parent and the idiom"
	assert_summary_lacks "$err_file" '^\[(critical|high|medium)\]' \
		"$mode: no critical, high or medium finding in the summary"
done
exit 0
