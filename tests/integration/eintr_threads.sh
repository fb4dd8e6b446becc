# SPDX-License-Identifier: MIT
# Phase 3: one thread interrupted while another makes 100000 system calls.
# Following the interrupted thread to its rt_sigreturn must not stop the
# busy thread: few syscall stops in trace_end.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/eintr_threads"
assert_rc 0
assert_output "worker: 100000 getppid calls while main was in its handler
main: read: EINTR"

assert_jq "$J" 'any(signals; .tid == $ids.main_tid and .signal == "SIGUSR1"
	and .code == "SI_TKILL" and .sender.pid == $ids.pid)' \
	'SIGUSR1 delivered to the main thread'
assert_jq "$J" 'any(eintrs; .pid == $ids.pid and .tid == $ids.main_tid
	and .syscall == "read" and .signal == "SIGUSR1")' \
	'eintr: read in the main thread, SIGUSR1'
assert_jq "$J" '[ev("trace_end")][0].syscall_stops | . != null and . < 50' \
	'the busy thread did not pay a syscall stop per getppid'
exit 0
