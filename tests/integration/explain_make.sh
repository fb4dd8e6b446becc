# SPDX-License-Identifier: MIT
# Issue 15, items 1 and 2, on GNU make (Debian package make): `make -j2`
# interrupted by Ctrl-C at a real terminal.  The terminal sends SIGINT to
# the whole foreground group: the two jobs die of it (a person pressed
# ^C: no defect), make's handler removes the targets and re-raises.
# Before: "5 critical" findings blaming make and sh.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace
MAKE=$(command -v make) || skip "make is not installed (Debian package make)"

mkdir "$T/build" || fail "mkdir"
printf 'all: a b\na:\n\t$(V) plain\nb:\n\t$(V) plain\n' >"$T/build/Makefile"
J=$T/log.json
# make cleans up inside its SIGINT handler, which also waits for its
# jobs: when ^C lands while the main line has just reaped a job, the
# handler's wait finds none and make stops with "wait: No child
# processes" (exit 2) instead of re-raising.  That is make's own race
# (help-make, 2021-06: "does all kinds of things in its signal handler
# which are not really valid"), seen here about once in 20 runs under
# load: the scenario did not happen, so it is run again.
for attempt in 1 2 3; do
	trace_json "$J" -- "$FIXTURES/pty_driver" -n 2 intr -- \
		"$MAKE" -s -C "$T/build" -j2 V="$FIXTURES/tty_victim"
	grep -q 'wait: No child processes' "$out_file" || break
done
assert_rc 0
grep -q 'command killed by SIGINT$' "$out_file" ||
	{ show_file "$out_file" stdout; fail "make did not die of SIGINT"; }

assert_jq "$J" 'last_signal($ids.command; "SIGINT") | .origin == "reraise"
	and .reraise_of.origin == "terminal"
	and .reraise_of.terminal.event == "intr"' \
	'make re-raised the SIGINT that came from the terminal'
assert_jq "$J" '[signals | select(.signal == "SIGINT" and .origin ==
	"terminal")] | length == 3 and (map(.group.id) | unique | length) == 1
	and (map(.group.pgid) | unique) == [$ids.command]' \
	'one group signal: ^C reached make and its two jobs, group = make'
assert_jq "$J" 'all(signals | select(.signal == "SIGINT" and .origin ==
	"terminal" and .disposition.kind == "default"); .code == "SI_KERNEL")' \
	'the terminal signal is SI_KERNEL'
assert_jq "$J" 'count(severe) == 0' 'no critical or high finding'
assert_jq "$J" 'all(dd_findings | select(.signal == "SIGINT");
	.severity == "info")' 'every SIGINT death is info'
assert_verdict "$err_file" "$(fixture_id command)" \
	'killed by SIGINT.* from the terminal \(\^C\): its handler ran, then it re-raised SIGINT' \
	"make's verdict"
for job in $(sed -n 's/^pid=//p' "$FIXTURE_IDS"); do
	assert_verdict "$err_file" "$job" 'killed by SIGINT.* from the terminal \(\^C\)' \
		"the verdict of job $job"
done
assert_summary_lacks "$err_file" '^\[(critical|high)\]' \
	'the summary lists no critical or high finding'
assert_summary_lacks "$err_file" 'coalesced' \
	'no SIGCHLD "coalescing" blamed on make, which was dying'
exit 0
