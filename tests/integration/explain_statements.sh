# SPDX-License-Identifier: MIT
# Issue 15, item 8: small wrong statements.  A core dump claimed under
# `ulimit -c 0`; a SIGSTOPped process "still running" at detach; a
# set-uid exec said to run "WITHOUT those privileges" when sigtrace is
# root (it keeps them); retitled and forked-not-exec'd processes shown
# with their exec's argv instead of what ps shows.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

# lib.sh sets ulimit -c 0: no core can be written.
J=$T/segv.json
trace_json "$J" -- "$FIXTURES/segv"
assert_jq "$J" 'any(exits; .pid == $ids.pid and .signal == "SIGSEGV"
	and .core == false)' 'segv: the exit says no core'
grep -q 'core dumped' "$err_file" &&
	{ show_file "$err_file" stderr; fail "segv: a core dump is claimed"; }
assert_jq "$J" 'last_signal($ids.pid; "SIGSEGV") | .origin == "fault"' \
	'segv: a fault'
assert_jq "$J" 'any(dd_findings; .pid == $ids.pid and .origin == "fault"
	and .severity == "critical")' \
	'segv: a crash is critical'
assert_summary_lacks "$err_file" "no handler had been installed yet" \
	'segv: a crash is not blamed on a missing handler'
assert_verdict "$err_file" "$(fixture_id pid)" \
	'killed by SIGSEGV.* from the kernel: .*SEGV_(MAPERR|ACCERR) at 0x' \
	'segv: the verdict names the fault'

# Stopped by SIGSTOP, then sigtrace detaches.
start_target daemon
attach_in_background "$T/stop.json"
kill -STOP "$target"
wait_for_json "$T/stop.json" 'any(.[]; .type == "signal" and .signal == "SIGSTOP")'
kill -INT "$tracer"
wait "$tracer"
err_file=$T/err
assert_verdict "$err_file" "$target" 'stopped by SIGSTOP.* when sigtrace detached' \
	'a stopped process is not "still running"'
kill -CONT "$target"
stop_target

# Retitled (nginx-style) master and its forked, never exec'd worker.
J=$T/retitle.json
trace_json "$J" --report "$T/retitle.report" --report-format json -- \
	"$FIXTURES/retitle" padding padding padding
assert_rc 0
assert_jq "$J" 'last_signal($ids.worker; "SIGUSR1") | .sender.cmdline ==
	["retitle: master process"]' \
	'the sender is shown as ps shows it, no trailing empty strings'
"$JQ" -e --argjson w "$(fixture_id worker)" '.processes[] |
	select(.pid == $w) | .argv == ["retitle: worker process"]' \
	"$T/retitle.report" >/dev/null ||
	fail "the worker is shown with its parent's argv, not its title"

# A set-uid program traced by root keeps its privileges: no warning.
[ "$(id -u)" -eq 0 ] || exit 0
nobody=$(id -u nobody 2>/dev/null) || exit 0
cp "$(command -v id)" "$T/id_suid" && chown nobody "$T/id_suid" &&
	chmod 4755 "$T/id_suid" || exit 0
[ "$("$T/id_suid" -u)" = "$nobody" ] || exit 0	# nosuid mount
trace_json "$T/suid.json" -- "$T/id_suid" -u
[ "$(cat "$out_file")" = "$nobody" ] ||
	fail "traced by root, the set-uid program lost its privileges"
grep -q 'WITHOUT' "$err_file" &&
	{ show_file "$err_file" stderr; fail "a root tracer's set-uid exec is said to lose its privileges"; }
exit 0
