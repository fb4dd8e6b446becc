# SPDX-License-Identifier: MIT
# A write through 0x10: SIGSEGV SEGV_MAPERR at 0x10, killed, exit 139.
. "$TESTLIB"
skip_unless_ptrace
ulimit -c 0

J=$T/log.json
trace_json "$J" -- "$FIXTURES/segv"
assert_rc 139 "sigtrace (the status of a command killed by SIGSEGV)"
assert_output "writing to 0x10"

assert_jq "$J" 'any(signals; .pid == $ids.pid and .tid == $ids.pid
	and .signal == "SIGSEGV" and .signo == 11 and .code == "SEGV_MAPERR"
	and .addr == "0x10" and .disposition.kind == "default"
	and .disposition.action == "core" and (has("sender") | not))' \
	'SIGSEGV SEGV_MAPERR addr 0x10, default action core, no sender'
assert_jq "$J" 'any(exits; .pid == $ids.pid and .signal == "SIGSEGV"
	and .signo == 11 and (.core | type) == "boolean")' \
	'the exit event says SIGSEGV'
assert_jq "$J" '[ev("trace_end")][0].exit_status == 139' \
	'trace_end exit_status 139'
exit 0
