# SPDX-License-Identifier: MIT
# Phase 3: nanosleep() interrupted by a handled signal fails with EINTR
# (and says how long was left); glibc calls clock_nanosleep.
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
	and .never_restarted == true)' \
	'an eintr event: nanosleep, SIGALRM, never_restarted'
exit 0
