# SPDX-License-Identifier: MIT
# Phase 3: epoll_wait() fails with EINTR after a handler even with
# SA_RESTART (signal(7)); sigtrace says so with never_restarted.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/eintr_epoll"
assert_rc 0
assert_output "epoll_wait: EINTR despite SA_RESTART"

assert_jq "$J" 'any(eintrs; .pid == $ids.pid
	and (.syscall | test("^epoll_p?wait2?$")) and .signal == "SIGALRM"
	and .never_restarted == true
	and (.handler.flags | index(["SA_RESTART"])))' \
	'an eintr event: epoll_wait, never_restarted, despite SA_RESTART'
assert_jq "$J" 'count(restarts | select(.syscall | test("epoll"))) == 0' \
	'epoll_wait is never reported restarted'
exit 0
