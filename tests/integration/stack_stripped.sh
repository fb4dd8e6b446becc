# SPDX-License-Identifier: MIT
# -k on a program without a symbol table (linked with -s): backtraces
# still go through it (its .eh_frame stays), its frames carry the module
# and offset but no name, the handler has a module but no symbol, and
# nothing fails.
. "$TESTLIB"
skip_unless_ptrace
backend=$("$SIGTRACE" --version | sed -n 's/^stack traces: //p')
[ "$backend" = none ] &&
	skip "this sigtrace was built without stack traces (--without-libunwind)"
[ "$backend" = libunwind ] ||
	fail "sigtrace --version says 'stack traces: ${backend:-(nothing)}', expected libunwind or none"
[ -x "$FIXTURES/stack_stripped" ] || fail "no fixture stack_stripped"

J=$T/log.json
trace_json "$J" -k -- "$FIXTURES/stack_stripped"
assert_rc 0
assert_output "handled SIGUSR1"
assert_jq "$J" 'def own: .stack[] | select((.module // "") |
	endswith("/stack_stripped"));
	[signals | select(.signal == "SIGUSR1")] | length == 1 and
	([.[0] | own] | length >= 3) and
	all(.[0] | own; (.module_offset | test("^0x[0-9a-f]+$")) and
	(has("symbol") | not))' \
	'the delivery stack goes through stack_stripped: module+offset, no names'
assert_jq "$J" 'any(sigactions; .signal == "SIGUSR1" and
	(.stack | length) >= 1)' 'the sigaction has a stack'
assert_jq "$J" 'any(sigactions; .signal == "SIGUSR1" and
	.new.kind == "handler" and (.new | has("symbol") | not) and
	(.new.module | endswith("/stack_stripped")))' \
	'the handler has its module, and no name'
grep -q 'stack_stripped+0x' "$err_file" || {
	show_file "$err_file" "stderr"
	fail "the text log shows no (.../stack_stripped+0x...) frame"
}
exit 0
