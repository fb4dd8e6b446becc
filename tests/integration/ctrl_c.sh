# SPDX-License-Identifier: MIT
# Issue 11: in spawn mode, Ctrl-C typed at the terminal reaches the traced
# command as it would untraced (same foreground process group), and
# sigtrace keeps tracing until the command ends, then reports.
. "$TESTLIB"
skip_unless_ptrace
command -v script >/dev/null 2>&1 || skip "script(1) is not installed"

: >"$FIXTURE_IDS"
# ^C is typed once the command is ready (its ids file says so); the
# pty's line discipline turns it into SIGINT for the foreground group.
(
	_w=0
	until grep -q '^ready=1' "$FIXTURE_IDS" 2>/dev/null; do
		_w=$((_w + 1)); [ $_w -lt 3000 ] || exit 0; sleep 0.01
	done
	printf '\003'
	sleep 3
) | script -qfec "'$SIGTRACE' --json '$T/log.json' -- '$FIXTURES/attach_target' sigint" \
	"$T/tty" >/dev/null 2>&1
grep -q "interrupted" "$T/tty" || { show_file "$T/tty" terminal; fail "the command did not get Ctrl-C"; }
grep -q "sigtrace summary" "$T/tty" || { show_file "$T/tty" terminal; fail "sigtrace did not report after the command ended"; }
err_file=$T/tty
assert_jq "$T/log.json" 'any(signals; .signal == "SIGINT" and .pid == $ids.target
	and .disposition.kind == "handler" and .code == "SI_KERNEL")' \
	'the SIGINT from the terminal reached the command, handled'
assert_jq "$T/log.json" 'any(exits; .pid == $ids.target and .code == 0)
	and .[-1].type == "trace_end"' 'it exited normally and the trace ended'
exit 0
