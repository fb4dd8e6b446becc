# Phase 3: an ignored signal (SIG_IGN) sent while the process is blocked in
# read(): no EINTR, the read completes.  Under ptrace the kernel reports
# the ignored signal, interrupting the read; it must then be restarted.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/eintr_read" --ignored
assert_rc 0
assert_output "read: 4 bytes: data"

assert_jq "$J" 'count(eintrs) == 0' 'no eintr event'
if [ "$(id confirmed)" = 1 ]; then
	# The helper saw the parent inside read() before it sent SIGALRM.
	assert_jq "$J" 'any(restarts; .pid == $ids.pid and .syscall == "read"
		and .signal == "SIGALRM")' \
		'a restarted event: read, SIGALRM (ignored)'
else
	note "could not read /proc/PID/syscall: not checking for restarted"
fi
exit 0
