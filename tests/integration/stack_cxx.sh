# SPDX-License-Identifier: MIT
# Symbols people can read (issue 19): a C++ handler in a namespace is
# named svc::Reloader::on_hup(int), not _ZN3svc8Reloader6on_hupEi, in
# the logs and the reports; with debug information (-g) and libdw, -k
# frames carry file:line and the function inlined into reload() is a
# frame of its own; the reports show the delivery's and the
# installation's stacks; an i386 program gets no garbage frames but a
# plain reason.
. "$TESTLIB"
skip_unless_ptrace
backend=$("$SIGTRACE" --version | sed -n 's/^stack traces: //p')
[ "$backend" = none ] && skip "built without stack traces (--without-libunwind)"
[ -x "$FIXTURES/cxx_handler" ] || skip "no C++ compiler at configure time: no cxx_handler fixture"
lines=$("$SIGTRACE" --version | sed -n 's/^source lines: //p')

J=$T/log.json
trace_json "$J" -- "$FIXTURES/cxx_handler"
assert_rc 0
assert_output "reloaded 1"
assert_jq "$J" 'any(sigactions; .signal == "SIGHUP" and
	.new.symbol == "svc::Reloader::on_hup(int)")' \
	'the sigaction names the handler svc::Reloader::on_hup(int)'
assert_jq "$J" 'any(signals; .signal == "SIGHUP" and
	.disposition.symbol == "svc::Reloader::on_hup(int)")' \
	'the delivery names the handler demangled'
grep -q '_ZN3svc' "$J" && fail "a mangled name is in the log"

trace_json "$J" -k -e signal=HUP -o "$T/log.txt" -- "$FIXTURES/cxx_handler"
assert_rc 0
assert_jq "$J" 'any(signals; .signal == "SIGHUP" and
	any(.stack[]; .symbol == "svc::Reloader::reload()"))' \
	'the delivery stack has svc::Reloader::reload()'
assert_jq "$J" 'any(sigactions; .signal == "SIGHUP" and
	any(.stack[]; .symbol == "svc::Reloader::arm()"))' \
	'the sigaction stack has svc::Reloader::arm()'
grep -q '<svc::Reloader::on_hup(int)>' "$T/log.txt" ||
	{ show_file "$T/log.txt" "text log"; fail "the text log does not name the handler"; }
if [ "$lines" = libdw ]; then
	assert_jq "$J" 'any(signals; .signal == "SIGHUP" and
		any(.stack[]; .symbol == "svc::Reloader::reload()" and
		(.file | endswith("cxx_handler.cc")) and .line > 0))' \
		'reload() has its file:line'
	assert_jq "$J" 'any(signals; .signal == "SIGHUP" and
		([.stack[] | .symbol] | index("svc::Reloader::reload()")) as $r |
		.stack[$r - 1].inlined == true and
		(.stack[$r - 1].symbol | test("poke")) and
		.stack[$r - 1].ip == .stack[$r].ip)' \
		'poke(), inlined into reload(), is a frame of its own'
	assert_jq "$J" 'any(sigactions; .signal == "SIGHUP" and
		any(.stack[]; .symbol == "svc::Reloader::arm()" and
		(.file | endswith("cxx_handler.cc")) and .line > 0))' \
		'arm() has its file:line'
	grep -qE '#[0-9]+ 0x[0-9a-f]+ svc::Reloader::reload\(\)\+0x[0-9a-f]+ at [^ ]*cxx_handler\.cc:[0-9]+ ' "$T/log.txt" ||
		{ show_file "$T/log.txt" "text log"; fail "the text log frame has no file:line"; }
else
	note "built without libdw: file:line not checked"
fi

# The reports: the installing stack in the dispositions, in every format.
"$SIGTRACE" report "$J" >"$T/r.txt"
grep -q 'set at: .*svc::Reloader::arm()' "$T/r.txt" ||
	{ show_file "$T/r.txt" report; fail "text report: no installing stack"; }
"$SIGTRACE" report "$J" --format html >"$T/r.html"
grep -q 'set at: .*svc::Reloader::arm()' "$T/r.html" ||
	fail "HTML report: no installing stack"
"$SIGTRACE" report "$J" --format json >"$T/r.json"
assert_jq "$T/r.json" 'any(.[0].processes[].dispositions[];
	.signal == "SIGHUP" and
	any(.set_by_stack.frames[]; .symbol == "svc::Reloader::arm()"))' \
	'JSON report: the installing stack of SIGHUP'

# A finding's delivery stack, in every report (the tar race with -k).
trace_json "$J" -k -- "$FIXTURES/tar_race"
"$SIGTRACE" report "$J" >"$T/r.txt"
sed -n '/\[critical\]/,/^  2\./p' "$T/r.txt" >"$T/finding"
grep -q 'stack at the delivery:' "$T/finding" && grep -q '#0 ' "$T/finding" ||
	{ show_file "$T/r.txt" report; fail "text report: the finding has no delivery stack"; }
"$SIGTRACE" report "$J" --format html >"$T/r.html"
grep -q '<pre class="stack">stack at the delivery:' "$T/r.html" ||
	fail "HTML report: the finding has no delivery stack"
"$SIGTRACE" report "$J" --format json >"$T/r.json"
assert_jq "$T/r.json" 'any(.[0].findings[]; .severity == "critical" and
	(.delivery_stack.frames | length) > 0)' \
	'JSON report: the critical finding has its delivery stack'
"$SIGTRACE" report "$J" --format chrome >"$T/r.trace.json"
assert_jq "$T/r.trace.json" 'any(.[0].traceEvents[]; .cat == "finding" and
	(.args.stacks // "" | test("stack at the delivery:")))' \
	'Chrome trace: the finding carries its stacks'
# Live and offline say the same.
trace_json "$J" -k --report "$T/live.txt" -- "$FIXTURES/tar_race"
"$SIGTRACE" report "$J" >"$T/offline.txt"
cmp -s "$T/live.txt" "$T/offline.txt" ||
	{ diff -u "$T/live.txt" "$T/offline.txt" | head -40 >&2; fail "live and offline reports differ with -k"; }

# An i386 program: no frames, a reason (where 32-bit fixtures exist).
if [ -x "$FIXTURES/handled_usr1_32" ] && "$FIXTURES/handled_usr1_32" >/dev/null 2>&1; then
	trace_json "$J" -k -o "$T/log32.txt" -- "$FIXTURES/handled_usr1_32"
	assert_rc 0
	assert_jq "$J" 'any(signals; .signal == "SIGUSR1" and .stack == [] and
		(.stack_unavailable | test("32-bit")))' \
		'the i386 delivery has no frames and says why'
	grep -q '(no backtrace: a 32-bit (i386) process' "$T/log32.txt" ||
		{ show_file "$T/log32.txt" "text log"; fail "the text log does not say why there is no backtrace"; }
else
	note "no 32-bit fixtures here: the i386 decline is not checked"
fi
exit 0
