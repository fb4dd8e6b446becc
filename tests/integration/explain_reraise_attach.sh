# SPDX-License-Identifier: MIT
# Issue 15, item 1, attach mode: the model must never contradict what
# sigtrace saw.  A handler it watched run cannot be "already SIG_DFL when
# sigtrace attached"; the re-raise is linked to the test shell's kill.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

for mode in raise kill flag; do
	start_program victim "$T/program.out" "$FIXTURES/reraise" "$mode" alone
	J=$T/$mode.json
	attach_in_background "$J"
	kill -TERM "$target"
	wait "$tracer"
	rc=$?
	wait "$target_job"
	err_file=$T/err
	assert_rc 143 "sigtrace attached to a process killed by SIGTERM ($mode)"
	assert_jq "$J" 'last_signal($ids.victim; "SIGTERM") |
		.origin == "reraise" and .reraise_of.sender.pid == '"$$"'
		and .reraise_of.origin == "process"' \
		"$mode: the re-raise is linked to the kill from this shell"
	assert_jq "$J" 'count(dd_findings | select(.cause ==
		"unknown_before_attach")) == 0' \
		"$mode: no unknown_before_attach: sigtrace saw the handler run"
	assert_jq "$J" 'count(severe) == 0 and count(findings | select(.kind
		== "model_mismatch")) == 0' \
		"$mode: no critical/high finding, no model mismatch"
	assert_verdict "$err_file" "$target" \
		"killed by SIGTERM.* from $$ .*re-raised SIGTERM" \
		"$mode: the verdict names this shell"
done
exit 0
