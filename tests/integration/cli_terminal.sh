# SPDX-License-Identifier: MIT
# Issue 11: colour and the status line belong to a terminal only.
# - the live status line appears on a terminal in quiet attach mode,
#   never in log files and never on a non-terminal stderr;
# - colour: on a terminal by default, off when NO_COLOR is set, off in
#   files, forced by --color=always, refused by --color=never.
. "$TESTLIB"
skip_unless_ptrace
command -v script >/dev/null 2>&1 || skip "script(1) is not installed"

ESC=$(printf '\033')
has_esc() { grep -q "$ESC" "$1"; }

# On a pty (script), quiet attach: the status line is drawn.
start_target daemon
script -qfec "timeout --foreground -s INT -k 20 1 '$SIGTRACE' -q -p $target -o '$T/log.txt'" \
	"$T/tty" >/dev/null 2>&1
grep -q "tracing pid $target (1 thread), 0 signals so far" "$T/tty" ||
	{ show_file "$T/tty" terminal; fail "no status line on the terminal"; }
if grep -q "tracing pid" "$T/log.txt"; then fail "status line in the log file"; fi
if has_esc "$T/log.txt"; then fail "escape sequences in the log file"; fi

# Not a terminal: no status line, no colour.
wait_no_tracer "$target"
timeout --foreground -s INT -k 20 1 "$SIGTRACE" -q -p "$target" 2>"$T/err"
if grep -q "tracing pid" "$T/err"; then fail "status line on a non-tty stderr"; fi
if has_esc "$T/err"; then fail "colour on a non-tty stderr"; fi
wait_no_tracer "$target"
stop_target

# Colour of findings on a terminal; NO_COLOR turns it off.
script -qfec "'$SIGTRACE' -- '$FIXTURES/tar_race'" "$T/tty2" >/dev/null 2>&1
grep -q "${ESC}\[1;31m!!! FINDING" "$T/tty2" ||
	{ show_file "$T/tty2" terminal; fail "no red finding on a terminal"; }
NO_COLOR=1 script -qfec "'$SIGTRACE' -- '$FIXTURES/tar_race'" "$T/tty3" >/dev/null 2>&1
grep -q "FINDING" "$T/tty3" || fail "no finding with NO_COLOR"
if grep -q "${ESC}\[" "$T/tty3"; then show_file "$T/tty3" terminal; fail "colour despite NO_COLOR"; fi
script -qfec "'$SIGTRACE' --color=never -- '$FIXTURES/tar_race'" "$T/tty4" >/dev/null 2>&1
if grep -q "${ESC}\[" "$T/tty4"; then fail "colour despite --color=never"; fi
"$SIGTRACE" --color=always -o "$T/forced.txt" -- "$FIXTURES/tar_race" >/dev/null 2>&1
has_esc "$T/forced.txt" || fail "--color=always gave no colour"
exit 0
