# SPDX-License-Identifier: MIT
# Issue 15, item 2: signals the terminal makes.  pty_driver runs the
# fixture on a real pseudo-terminal and types ^C, ^\ and ^Z (and hangs
# up): SIGINT, SIGQUIT, SIGTSTP and SIGHUP come from the line discipline
# with si_code SI_KERNEL and no sender.  They are named by their origin,
# as one event for the foreground group, and "interrupted from the
# terminal" is not a defect.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

# term_case KEYS MODE SIGNAL EVENT VERDICT-ERE
term_case() {
	J=$T/$1-$2.json
	at_terminal "$J" "$1" "killed by $3" -- "$FIXTURES/tty_victim" "$2"
	assert_jq "$J" '[signals | select(.pid == $ids.command and .signal
		== "'"$3"'")][0] | .origin == "terminal" and .code == "SI_KERNEL"
		and .terminal.event == "'"$4"'" and (has("sender") | not)' \
		"$1 $2: $3 from the terminal ($4)"
	assert_jq "$J" 'count(severe) == 0 and all(dd_findings | select(.pid
		== $ids.command); .severity == "info")' \
		"$1 $2: no critical or high finding, the death is info"
	assert_verdict "$err_file" "$(fixture_id command)" "$5" \
		"$1 $2: the verdict"
}

term_case intr plain SIGINT intr 'killed by SIGINT.* from the terminal \(\^C\)$'
term_case quit plain SIGQUIT quit 'killed by SIGQUIT.* from the terminal \(\^\\\)'
term_case intr reraise SIGINT intr \
	'killed by SIGINT.* from the terminal \(\^C\): its handler ran, then it re-raised SIGINT'
term_case hangup plain SIGHUP hangup 'killed by SIGHUP.* from the terminal \(hangup\)'
assert_jq "$J" 'last_signal($ids.session; "SIGHUP") | .origin == "terminal"
	and .terminal.event == "hangup"' 'hangup: the session leader got it too'

# ^Z stops the job (the session leader continues it), then ^C ends it.
J=$T/stop.json
trace_json "$J" -- "$FIXTURES/pty_driver" susp,intr -- \
	"$FIXTURES/tty_victim" stop
assert_rc 0
assert_output "ready
^Zcommand stopped by SIGTSTP
ready
^Ccommand killed by SIGINT"
assert_jq "$J" 'last_signal($ids.command; "SIGTSTP") | .origin ==
	"terminal" and .terminal.event == "susp"' '^Z: SIGTSTP from the terminal'
assert_jq "$J" 'any(dd_findings; .pid == $ids.command and .signal ==
	"SIGTSTP" and .effect == "stopped" and .severity == "info")' \
	'^Z: the stop is info'
assert_jq "$J" 'count(severe) == 0' 'nothing severe'
exit 0
