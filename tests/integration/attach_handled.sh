# SPDX-License-Identifier: MIT
# Issue 5: attach to a running daemon that already has a SIGUSR1 handler.
# The delivery is handled (no false alarm), the handler address is learnt
# by observation, SIGINT to sigtrace detaches, and the daemon runs on to
# its normal exit.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
start_target daemon
attach_in_background "$J"
kill -USR1 "$target"
wait_for_json "$J" 'any(.[]; .type == "signal" and .signal == "SIGUSR1")'
kill -INT "$tracer"
wait "$tracer"
rc=$?
[ "$rc" -eq 0 ] || { show_file "$T/err" stderr; fail "sigtrace exited $rc after SIGINT"; }
wait_no_tracer "$target"
# Still alive and handling signals after the detach.
kill -USR1 "$target"
sleep 0.1
stop_target
[ "$target_rc" -eq 0 ] || fail "the daemon exited $target_rc"
[ "$(cat "$T/target.out")" = "usr1 handled 2" ] ||
	fail "daemon said: $(cat "$T/target.out")"

err_file=$T/err
assert_jq "$J" 'any(ev("trace_start"); .mode == "attach"
	and .pids == [$ids.target])' 'trace_start in attach mode'
assert_jq "$J" 'any(ev("dispositions"); .pid == $ids.target
	and (.caught | index("SIGUSR1")) != null)' \
	'the disposition table shows SIGUSR1 caught'
assert_jq "$J" 'any(signals; .pid == $ids.target and .signal == "SIGUSR1"
	and .disposition.kind == "handler"
	and (.disposition.handler | test("^0x[0-9a-f]+$")))' \
	'the delivery names the handler, learnt by observation'
assert_jq "$J" 'count(dd_findings) == 0' 'no default-disposition alarm'
assert_jq "$J" 'any(ev("detach"); .pid == $ids.target)' 'a detach event'
assert_jq "$J" '.[-1].type == "trace_end"' 'the log ends with trace_end'
exit 0
