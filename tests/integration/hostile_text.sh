# SPDX-License-Identifier: MIT
# Issue 9: hostile names and command lines (escape sequences, BEL,
# newlines, quotes, invalid UTF-8, <script>) of a traced process and of a
# sender: the text log shows them escaped (no escape sequence reaches the
# terminal, one line per event), the JSON stays valid and keeps the text.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -s 0 -- "$FIXTURES/hostile"
assert_rc 0
assert_output "handled"

ESC=$(printf '\033') BEL=$(printf '\007')
if grep -q "[$ESC$BEL]" "$err_file"; then
	fail "an escape sequence or BEL reached the text log"
fi
if LC_ALL=C grep -q "$(printf '\377')" "$err_file"; then
	fail "an invalid UTF-8 byte reached the text log"
fi
grep -q '\\x1b\[2J<script>\\n\\"' "$err_file" ||
	{ show_file "$err_file" stderr; fail "the hostile comm is not shown escaped"; }
grep -q 'line1\\nline2' "$err_file" || fail "a newline in argv is not escaped"
# Every text line is one event: the newline in argv did not split one.
if grep -q '^line2' "$err_file"; then fail "a newline in argv split a log line"; fi

assert_jq "$J" 'any(signals; .signal == "SIGUSR1"
	and .comm == "\u001b[2J<script>\n\""
	and (.sender.comm | startswith("\u001b[31m\ufffd<b>x")))' \
	'JSON keeps the hostile comms exactly (invalid UTF-8 as U+FFFD)'
assert_jq "$J" 'any(ev("exec"); .argv[1:] == ["\u001b]0;pwned\u0007",
	"line1\nline2", "quote\"'"'"'\\", "\ufffd\ufffd invalid",
	"<script>alert(1)</script>"])' 'JSON keeps the hostile argv'
exit 0
