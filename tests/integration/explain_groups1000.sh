# SPDX-License-Identifier: MIT
# Issue 15, item 6: /proc/PID/status past 4 KiB.  With 1000 supplementary
# groups the status file is about 8 KiB and the signal masks come after
# the Groups: line: a handled SIGUSR1 stays handled (no model mismatch,
# no "killed"), attach is not refused, psig shows the thread.  Needs
# CAP_SETGID.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace
skip_unless_privileged "$FIXTURES/groups1000" true

J=$T/spawn.json
trace_json "$J" -- "$FIXTURES/groups1000" "$FIXTURES/handled_usr1"
assert_rc 0
assert_output "handled SIGUSR1"
assert_jq "$J" 'any(signals; .pid == $ids.pid and .signal == "SIGUSR1"
	and .disposition.kind == "handler")
	and count(findings | select(.kind == "model_mismatch"
		or .kind == "default_disposition")) == 0
	and count(ev("warning")) == 0' \
	'spawn: SIGUSR1 handled, no mismatch, no finding, no warning'

start_program target "$T/program.out" "$FIXTURES/groups1000" "$FIXTURES/attach_target" daemon
[ "$(wc -c <"/proc/$target/status")" -gt 4096 ] ||
	fail "the status file is not larger than 4 KiB"
"$SIGTRACE" psig "$target" >"$T/psig" 2>&1 || { show_file "$T/psig" psig; fail "psig failed"; }
grep -q 'threads: 1,' "$T/psig" || { show_file "$T/psig" psig; fail "psig: not 1 thread"; }
grep -Eq '^  SIGUSR1 +caught' "$T/psig" || { show_file "$T/psig" psig; fail "psig: SIGUSR1 is not caught"; }
attach_in_background "$T/attach.json"
kill -USR1 "$target"
wait_for_json "$T/attach.json" 'any(.[]; .type == "signal" and .signal == "SIGUSR1")'
stop_target
wait "$tracer"
err_file=$T/err
grep -q 'usr1 handled 1' "$T/program.out" || fail "the target did not handle SIGUSR1"
assert_jq "$T/attach.json" 'any(signals; .signal == "SIGUSR1" and
	.disposition.kind == "handler") and count(findings | select(.kind ==
	"model_mismatch" or .kind == "default_disposition")) == 0' \
	'attach: SIGUSR1 handled, no mismatch, no finding'
exit 0
