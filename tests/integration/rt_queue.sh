# SPDX-License-Identifier: MIT
# sigqueue of glibc's SIGRTMIN+2 with the value 4242: SI_QUEUE, value.
# The name depends on kernel numbering ("SIGRTMIN+4"), so assert on signo.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/rt_queue"
assert_rc 0
assert_output "handled SIGRTMIN+2 code SI_QUEUE value 4242 from self"

assert_jq "$J" 'any(sigactions; .pid == $ids.pid and .signo == $ids.signo
	and .new.kind == "handler" and (.new.flags | index(["SA_SIGINFO"])))' \
	'the SA_SIGINFO handler installation'
assert_jq "$J" 'any(signals; .pid == $ids.pid and .signo == $ids.signo
	and (.signal | startswith("SIGRT")) and .code == "SI_QUEUE"
	and .value == 4242 and .sender.pid == $ids.pid
	and .disposition.kind == "handler")' \
	'the realtime signal: SI_QUEUE, value 4242, sender self'
exit 0
