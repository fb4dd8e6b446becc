# SPDX-License-Identifier: MIT
# Issue 5: attached to a daemon, a SIGHUP under the default disposition
# kills it: the finding names the sender and says honestly that nothing
# is known from before the attach.  sigtrace exits with 128+SIGHUP.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
start_target daemon
attach_in_background "$J"
sh -c 'echo "sender=$$" >>"$FIXTURE_IDS"; kill -HUP '"$target"
wait "$tracer"
rc=$?
wait "$target_job"
[ "$rc" -eq 129 ] || { show_file "$T/err" stderr; fail "sigtrace exited $rc, expected 129"; }

err_file=$T/err
assert_jq "$J" 'any(signals; .pid == $ids.target and .signal == "SIGHUP"
	and .disposition.kind == "default" and .disposition.action == "term")' \
	'SIGHUP delivered under SIG_DFL'
assert_jq "$J" 'any(dd_findings; .pid == $ids.target and .signal == "SIGHUP"
	and .effect == "killed" and .cause == "unknown_before_attach"
	and .sender.pid == $ids.sender)' \
	'finding: killed, cause unknown before attach, with the sender'
assert_jq "$J" 'any(exits; .pid == $ids.target and .signal == "SIGHUP")' \
	'the exit by SIGHUP'
exit 0
