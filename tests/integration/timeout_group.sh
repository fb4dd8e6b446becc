# SPDX-License-Identifier: MIT
# Issue 17, item 1: `timeout 5 sigtrace -- cmd`.  timeout sends SIGTERM
# to its child (sigtrace), then to its whole process group (which holds
# the command too).  The second is a group signal the command got
# itself; it is not a person asking sigtrace twice to stop, so sigtrace
# keeps tracing, the command's SIGTERM handler finishes its cleanup and
# sigtrace exits with the command's status, exactly as untraced.
# timeout_like plays timeout with each signal taken before the next is
# sent, so the two are never merged into one (the 50% of real runs).
. "$TESTLIB"
skip_unless_ptrace

run_plain "$FIXTURES/timeout_like" 15 -- "$FIXTURES/waiter" term
[ "$plain_rc" -eq 3 ] || fail "untraced: timeout_like + waiter exited $plain_rc, expected 3"

J=$T/log.json
: >"$FIXTURE_IDS"
out_file=$T/stdout err_file=$T/stderr
$WATCHDOG "$FIXTURES/timeout_like" 15 -- "$SIGTRACE" -q --json "$J" -- \
	"$FIXTURES/waiter" term >"$out_file" 2>"$err_file"
rc=$?
check_json_lines "$J"
assert_rc 3 "timeout-like run"
assert_output "cleaned up"
assert_jq "$J" 'count(signals | select(.signal == "SIGTERM"
	and .pid == $ids.waiter)) >= 1 and any(exits; .pid == $ids.waiter
	and .code == 3) and .[-1].type == "trace_end"
	and .[-1].exit_status == 3' \
	'the command handled SIGTERM, cleaned up and exited 3; the trace ended normally'
exit 0
