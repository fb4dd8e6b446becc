# SPDX-License-Identifier: MIT
# Phase 3: nanosleep() interrupted by a handled signal fails with EINTR
# (and says how long was left); glibc calls clock_nanosleep.  A sleep cut
# short is ranked low, not medium (CPython, for one, sleeps again).
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/eintr_nanosleep"
assert_rc 0
assert_output "nanosleep: EINTR, time remaining > 0: yes"

assert_jq "$J" 'any(ev("interrupted"); .pid == $ids.pid
	and (.syscall | test("nanosleep$"))
	and .code == "ERESTART_RESTARTBLOCK")' \
	'interrupted: nanosleep with ERESTART_RESTARTBLOCK'
assert_jq "$J" 'any(eintrs; .pid == $ids.pid
	and (.syscall | test("nanosleep$")) and .signal == "SIGALRM"
	and .never_restarted == true and .call_class == "sleep")' \
	'an eintr event: nanosleep, SIGALRM, never_restarted, a sleep'
"$SIGTRACE" report --format json -o "$T/report.json" "$J" ||
	fail "sigtrace report failed"
"$JQ" -e '[.findings[] | select(.kind == "eintr_hotspot")] |
	length == 1 and .[0].severity == "low"' "$T/report.json" >/dev/null ||
	{ show_file "$T/report.json" report; fail "the sleep's EINTR is not ranked low"; }
exit 0
