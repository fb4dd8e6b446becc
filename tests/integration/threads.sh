# SPDX-License-Identifier: MIT
# Threads: a process-directed SIGUSR1 (delivered once, to the thread the
# fixture saw handle it) and a thread-directed SIGUSR2 (tgkill: SI_TKILL,
# to the worker thread).
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/threads"
assert_rc 0
assert_output "SIGUSR1 handled 1 time(s)
SIGUSR2 handled by the worker thread"

assert_jq "$J" 'any(ev("fork"); .pid == $ids.pid and .child == $ids.worker_tid
	and .thread == true)' 'a fork event (thread: true) for the worker'
assert_jq "$J" 'any(signals; .pid == $ids.pid and .tid == $ids.worker_tid
	and .signal == "SIGUSR2" and .code == "SI_TKILL"
	and .sender.pid == $ids.pid)' \
	'SIGUSR2 delivered to the worker thread, SI_TKILL'
assert_jq "$J" 'count(signals | select(.signal == "SIGUSR2")) == 1' \
	'SIGUSR2 delivered once'
assert_jq "$J" '[signals | select(.signal == "SIGUSR1")] | length == 1
	and .[0].tid == $ids.usr1_tid and .[0].code == "SI_USER"' \
	'SIGUSR1 delivered once, to the thread that ran the handler'
assert_jq "$J" 'all(ev("exit") | select(.tid == $ids.worker_tid);
	.thread == true)' 'the worker exit (if reported) is a thread exit'
exit 0
