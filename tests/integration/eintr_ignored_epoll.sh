# SPDX-License-Identifier: MIT
# Issue 17, item 6: a signal whose disposition is to ignore it makes
# epoll_wait fail with EINTR only because the process is traced (the
# kernel queues an ignored signal for a traced task: kfacts ignored).
# With an infinite timeout the restart is exact: sigtrace drops the
# signal and restarts the call the kernel's way, and the program sees
# what it sees untraced.  With a finite timeout a restart would wait
# longer than asked: the EINTR goes through, logged as tracing-induced.
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

J=$T/log.json
for mode in chld winch sigign; do
	same_as_untraced "$J" "$FIXTURES/ignored_wakeup" "$mode"
	grep -qx 'epoll_wait: 0 EINTR, then ready' "$plain_out" ||
		{ show_file "$plain_out" stdout; fail "untraced $mode: the fixture saw an EINTR"; }
	assert_jq "$J" 'count(eintrs | select(.pid == $ids.pid)) == 0' \
		"$mode: no EINTR reached the program"
done

run_plain "$FIXTURES/ignored_wakeup" timeout
grep -qx 'epoll_wait: 0 EINTR, then ready' "$plain_out" ||
	fail "untraced timeout: the fixture saw an EINTR"
trace_json "$J" -- "$FIXTURES/ignored_wakeup" timeout
assert_rc 0 "sigtrace (timeout)"
assert_jq "$J" 'any(eintrs; .pid == $ids.pid and .syscall == "epoll_wait"
	and .signal == "SIGWINCH" and .tracing_induced == true)' \
	'the EINTR of a timed epoll_wait is logged as tracing-induced'
exit 0
