# SPDX-License-Identifier: MIT
# A sigtrace configured --without-libunwind: -k is refused with one clear
# message and exit status 2; handlers are plain addresses; the rest works.
# Skips in a build with stack traces.
. "$TESTLIB"
backend=$("$SIGTRACE" --version | sed -n 's/^stack traces: //p')
[ -n "$backend" ] || fail "sigtrace --version does not say 'stack traces: ...'"
[ "$backend" = none ] ||
	skip "this sigtrace has stack traces ($backend); the test is for --without-libunwind"

"$SIGTRACE" -k -- /bin/true >"$T/out" 2>"$T/err"
rc=$?
assert_rc 2 "sigtrace -k (built without libunwind)"
msg='sigtrace: -k: this sigtrace was built without stack trace support (configure --without-libunwind)'
if [ "$(cat "$T/err")" != "$msg" ]; then
	show_file "$T/err" "stderr"
	fail "sigtrace -k did not say: $msg"
fi

skip_unless_ptrace
J=$T/log.json
trace_json "$J" -- "$FIXTURES/stack_named"
assert_rc 0
assert_output "handled SIGUSR1"
assert_jq "$J" 'any(sigactions; .signal == "SIGUSR1" and
	.new.kind == "handler" and (.new.handler | test("^0x[0-9a-f]+$")) and
	(.new | has("symbol") or has("module") | not))' \
	'the handler is a bare address'
assert_jq "$J" 'any(signals; .signal == "SIGUSR1" and
	.disposition.kind == "handler") and all(.[]; has("stack") | not)' \
	'the delivery is traced, without a stack'
exit 0
