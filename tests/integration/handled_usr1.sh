# SPDX-License-Identifier: MIT
# A handled, self-sent SIGUSR1: the sigaction that installs the handler,
# the delivery (SI_USER from the process itself, disposition handler), the
# exit, and the shape of the log (common fields, first and last event).
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/handled_usr1"
assert_rc 0
assert_output "handled SIGUSR1"

assert_jq "$J" '.[0].type == "trace_start" and .[0].mode == "spawn"
	and (.[0].argv[0] | endswith("handled_usr1"))' \
	'the log starts with trace_start (spawn, argv)'
assert_jq "$J" '.[-1].type == "trace_end" and .[-1].exit_status == 0' \
	'the log ends with trace_end, exit_status 0'
assert_jq "$J" 'all(.[]; .v == 1 and (.type | type) == "string"
	and (.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{6,9}Z$"))
	and (.mono_ns | type) == "number" and (.pid | type) == "number"
	and (.tid | type) == "number" and (.comm | type) == "string")' \
	'every event has v, type, time, mono_ns, pid, tid, comm'

assert_jq "$J" 'any(sigactions; .pid == $ids.pid and .signal == "SIGUSR1"
	and .signo == 10 and .new.kind == "handler" and .result == 0
	and (.new.handler | test("^0x[0-9a-f]+$"))
	and (.new.symbol // "on_usr1") == "on_usr1")' \
	'a sigaction event installs a handler for SIGUSR1, result 0'
assert_jq "$J" 'any(signals; .pid == $ids.pid and .tid == $ids.pid
	and .signal == "SIGUSR1" and .signo == 10 and .code == "SI_USER"
	and .sender.pid == $ids.pid and .disposition.kind == "handler")' \
	'SIGUSR1 delivered: SI_USER, sent by the process itself, to a handler'
assert_jq "$J" 'count(signals | select(.signal == "SIGUSR1")) == 1' \
	'SIGUSR1 delivered exactly once'
assert_jq "$J" 'count(dd_findings) == 0' \
	'a handled signal is no default-disposition finding'
assert_jq "$J" 'all(findings; (.kind | type) == "string")' \
	'every finding has a kind'
assert_jq "$J" 'any(exits; .pid == $ids.pid and .code == 0)' \
	'an exit event with code 0'
exit 0
