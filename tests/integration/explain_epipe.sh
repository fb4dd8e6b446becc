# SPDX-License-Identifier: MIT
# Issue 15, item 2: SIGPIPE made by the kernel.  A write to a pipe whose
# reader is gone sends SIGPIPE with si_code SI_USER and si_pid = the
# writer itself: the registers at the delivery (write() failing with
# EPIPE) say it came from the kernel.  A pipeline writer dying of it after
# its reader finished is normal (info); on a socket, a peer that hung up
# killed the program (high: it should ignore SIGPIPE or use MSG_NOSIGNAL).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

J=$T/pipe.json
trace_json "$J" -- "$FIXTURES/epipe" pipe
assert_rc 0
assert_output "reader got: line
writer killed by SIGPIPE"
assert_jq "$J" 'last_signal($ids.writer; "SIGPIPE") | .origin == "pipe"
	and .code == "SI_USER" and .epipe.syscall == "write"
	and .epipe.fd == $ids.fd and .epipe.kind == "pipe"
	and (.epipe.file | test("^pipe:\\[[0-9]+\\]$"))' \
	'pipe: SIGPIPE from a write() to fd 10, a pipe'
assert_jq "$J" 'any(dd_findings; .pid == $ids.writer and .signal ==
	"SIGPIPE" and .origin == "pipe" and .severity == "info")' \
	'pipe: the death is info'
assert_verdict "$err_file" "$(fixture_id writer)" \
	'killed by SIGPIPE.* from the kernel: write\(\) to fd 10 \(pipe:\[[0-9]+\]\) whose reader had gone' \
	'pipe: the verdict says what happened'
assert_summary_lacks "$err_file" '^\[(critical|high|medium)\]' \
	'pipe: nothing ranked'

J=$T/socket.json
trace_json "$J" -- "$FIXTURES/epipe" socket
assert_rc 0
assert_jq "$J" 'last_signal($ids.writer; "SIGPIPE") | .origin == "pipe"
	and (.epipe.syscall | test("^send(to|msg)?$"))
	and .epipe.fd == $ids.fd and .epipe.kind == "socket"' \
	'socket: SIGPIPE from a send() to fd 10, a socket'
assert_jq "$J" 'any(dd_findings; .pid == $ids.writer and .signal ==
	"SIGPIPE" and .severity == "high")' \
	'socket: a peer that hung up killed it: high'

# The real pipeline.  The reader (head) is named: its stdin was the pipe.
J=$T/yes.json
trace_json "$J" -- sh -c 'yes | head -n 1'
assert_rc 0
assert_jq "$J" '(ev("exec") | select(.argv[0] == "head") | .pid) as $head |
	(ev("exec") | select(.argv[0] == "yes") | .pid) as $yes |
	last_signal($yes; "SIGPIPE") | .origin == "pipe"
	and .epipe.fd == 1 and .epipe.reader.pid == $head
	and .epipe.reader.comm == "head"' \
	'yes | head: the SIGPIPE names the write to stdout and head'
assert_jq "$J" 'count(problems) == 0' 'yes | head: no problem at all'
assert_summary_lacks "$err_file" 'sent by [0-9]+ yes' \
	'yes is not said to have sent its own SIGPIPE'
assert_summary_lacks "$err_file" '^\[(critical|high|medium)\]' \
	'yes | head: nothing ranked above low (SIGCHLD coalescing may be)'
exit 0
