# SPDX-License-Identifier: MIT
# Issue 15, item 1, on dash: a non-interactive shell waiting for its
# foreground job when ^C comes.  dash's handler only notes the interrupt;
# once the job has died, dash puts SIG_DFL back and re-raises SIGINT from
# its main loop, long after the handler returned.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace
DASH=$(command -v dash) || skip "dash is not installed"

J=$T/log.json
at_terminal "$J" intr "killed by SIGINT" -- \
	"$DASH" -c "$FIXTURES/tty_victim plain; echo after"
assert_jq "$J" 'last_signal($ids.command; "SIGINT") | .origin == "reraise"
	and .reraise_of.origin == "terminal"' 'dash re-raised the ^C'
assert_jq "$J" 'last_signal($ids.pid; "SIGINT") | .origin == "terminal"
	and .terminal.event == "intr"' 'the job got ^C from the terminal'
assert_jq "$J" 'count(severe) == 0' 'no critical or high finding'
assert_jq "$J" 'count(problems | select(.pid == $ids.command)) == 0' \
	'no finding about dash is a problem'
assert_summary_lacks "$err_file" '^\[medium\] wait4\(\)' \
	"dash's EINTR from wait4 was part of its clean exit: not ranked"
assert_verdict "$err_file" "$(fixture_id command)" \
	'killed by SIGINT.* from the terminal \(\^C\): its handler ran, then it re-raised SIGINT' \
	"dash's verdict"
exit 0
