# SPDX-License-Identifier: MIT
# Handler symbols (always, in a build with libunwind) and -k backtraces:
# the sigaction's stack has install_from_named then main, the delivery's
# deep_b, deep_a, main in that order; the handler is on_usr1 in both the
# sigaction and the delivery, with or without -k; module offsets agree.
. "$TESTLIB"
skip_unless_ptrace
backend=$("$SIGTRACE" --version | sed -n 's/^stack traces: //p')
[ "$backend" = none ] &&
	skip "this sigtrace was built without stack traces (--without-libunwind)"
[ "$backend" = libunwind ] ||
	fail "sigtrace --version says 'stack traces: ${backend:-(nothing)}', expected libunwind or none"

# The load base of the fixture, from an address and its module offset.
HEX='def hex: ltrimstr("0x") | explode | reduce .[] as $c (0;
	. * 16 + (if $c >= 97 then $c - 87 else $c - 48 end));
def base: (.ip // .handler | hex) - (.module_offset | hex);
def syms: [.stack[].symbol];
def fixture: select((.module // "") | endswith("/stack_named"));'

J=$T/log.json
trace_json "$J" -- "$FIXTURES/stack_named"
assert_rc 0
assert_output "handled SIGUSR1"
assert_jq "$J" 'any(sigactions; .pid == $ids.pid and .signal == "SIGUSR1"
	and .new.kind == "handler" and .new.symbol == "on_usr1"
	and (.new.module | endswith("/stack_named"))
	and (.new.module_offset | test("^0x[0-9a-f]+$")))' \
	'without -k, the sigaction names the handler on_usr1 in stack_named'
assert_jq "$J" 'any(signals; .pid == $ids.pid and .signal == "SIGUSR1"
	and .disposition.kind == "handler"
	and .disposition.symbol == "on_usr1")' \
	'without -k, the delivery names the handler on_usr1'
assert_jq "$J" 'all(.[]; has("stack") | not)' 'without -k, no stack'

trace_json "$J" -k -o "$T/log.txt" -- "$FIXTURES/stack_named"
assert_rc 0
assert_output "handled SIGUSR1"
assert_jq "$J" "$HEX"' [sigactions | select(.signal == "SIGUSR1")] |
	length == 1 and (.[0] | syms | index("install_from_named") as $i |
	index("main") as $m | $i != null and $m != null and $i < $m)' \
	'the sigaction stack has install_from_named, then main'
assert_jq "$J" "$HEX"' [signals | select(.signal == "SIGUSR1")] |
	length == 1 and (.[0] | syms | index("deep_b") as $b |
	index("deep_a") as $a | index("main") as $m |
	$b != null and $a != null and $m != null and $b < $a and $a < $m)' \
	'the delivery stack has deep_b, then deep_a, then main'
assert_jq "$J" 'any(sigactions; .new.symbol == "on_usr1") and
	any(signals; .disposition.symbol == "on_usr1")' \
	'with -k too, the handler is on_usr1'
assert_jq "$J" 'all(signals, sigactions; (.stack | length) >= 3 and
	all(.stack[]; (.ip | test("^0x[0-9a-f]+$")) and
	((has("module") | not) or (.module_offset | test("^0x[0-9a-f]+$")))
	and ((has("symbol") | not) or
	(.symbol_offset | test("^0x[0-9a-f]+$")))))' \
	'every frame has a hex ip, module_offset and symbol_offset'
assert_jq "$J" "$HEX"' [(signals, sigactions) | .stack[] | fixture | base]
	+ [sigactions | .new | fixture | base] | unique | length == 1' \
	'every address in stack_named gives the same load base'
assert_jq "$J" "$HEX"' [signals | .stack[] | select(.symbol == "deep_b")][0]
	| .symbol_offset | hex > 0' \
	'a caller frame is inside its function, not at its entry'

# A signal sent from a handler: its stack goes through the signal frame
# back to the code the first signal interrupted, the same ip as frame 0
# of the first delivery.
trace_json "$J" -k -- "$FIXTURES/stack_named" nested
assert_rc 0
assert_output "handled SIGUSR2 in SIGUSR1
handled SIGUSR1"
assert_jq "$J" "$HEX"' [signals | select(.signal == "SIGUSR1")][0].stack[0].ip as $at
	| [signals | select(.signal == "SIGUSR2")] | length == 1 and
	(.[0] | syms | index("on_usr1") as $h | index("deep_b") as $b |
	index("main") as $m | $h != null and $b != null and $m != null and
	$h < $b and $b < $m) and
	(.[0].stack | ([.[].ip] | rindex($at)) as $i | $i != null and $i > 1
	and .[$i + 1].symbol == "deep_b")' \
	'the SIGUSR2 stack: on_usr1, the signal frame, the interrupted kill, deep_b... main'

grep -Eq 'rt_sigaction\(SIGUSR1, \{handler=0x[0-9a-f]+ <on_usr1> \(/.*/stack_named\+0x[0-9a-f]+\)' \
	"$T/log.txt" || {
	show_file "$T/log.txt" "text log"
	fail "the text log shows no handler=0x... <on_usr1> (.../stack_named+0x...)"
}
# (" at stack_named.c:LINE" between them with debug information and libdw)
grep -Eq '^    #[0-9]+ 0x[0-9a-f]+ deep_a\+0x[0-9a-f]+( at [^ ]*stack_named\.c:[0-9]+)? \(/.*/stack_named\+0x[0-9a-f]+\)$' \
	"$T/log.txt" || {
	show_file "$T/log.txt" "text log"
	fail "the text log shows no frame line '    #N 0x... deep_a+0x... (.../stack_named+0x...)'"
}
exit 0
