# SPDX-License-Identifier: MIT
# Issue 17, item 2: a program that signals its own process group (which
# holds sigtrace too) twice.  Those are the program's signals, not a
# person asking sigtrace to stop: sigtrace keeps tracing, the shell
# survives (it ignores SIGTERM), prints "survived" and exits 3, exactly
# as untraced.  Each kill(0) returns only after the shell's own copy was
# reported and resumed, so the two arrive as two signals every time.
. "$TESTLIB"
skip_unless_ptrace
command -v setsid >/dev/null 2>&1 || skip "setsid is not installed"

script='trap "" TERM; kill -TERM 0; kill -TERM 0; echo survived; exit 3'
run_plain setsid -w sh -c "$script"
[ "$plain_rc" -eq 3 ] || fail "untraced: exited $plain_rc, expected 3"

J=$T/log.json
out_file=$T/stdout err_file=$T/stderr
rm -f "$J"
$WATCHDOG setsid -w "$SIGTRACE" -q --json "$J" -- sh -c "$script" \
	>"$out_file" 2>"$err_file"
rc=$?
check_json_lines "$J"
assert_rc 3 "sigtrace (the shell's status)"
assert_output "survived"
assert_jq "$J" 'count(signals | select(.signal == "SIGTERM")) == 2
	and any(exits; .code == 3) and .[-1].type == "trace_end"
	and .[-1].exit_status == 3' \
	'both SIGTERMs reached the shell (ignored), it exited 3'
if grep -q 'still running' "$err_file"; then
	show_file "$err_file" stderr
	fail "the summary says the shell is still running"
fi
exit 0
