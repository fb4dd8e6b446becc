# SPDX-License-Identifier: MIT
# lib_explain.sh - helpers of the explanation tests (explain_*.sh, issue
# 15, docs/explanations.md), sourced after lib.sh.
#
# The one-line verdict of the summary: for every process that did not
# exit 0, `sigtrace` prints after "--- sigtrace summary: ... ---" a line
#
#   PID  COMM  VERDICT
#
# where VERDICT is one sentence ("killed by SIGTERM from 1234 bash [...]
# <- ...: its handler ran, then it re-raised SIGTERM to exit with the
# default action (the normal clean-exit idiom)"), never wrapped.

# Definitions added to every assert_jq filter of these tests.
JQ_PRELUDE="$JQ_PRELUDE"'
def severe: findings | select(.severity == "critical" or .severity == "high");
def problems: findings | select(.severity != "info");
def last_signal(p; s): [signals | select(.pid == p and .signal == s)] | last;
'

# at_terminal JSON KEYS END -- COMMAND [ARGS...]: trace pty_driver KEYS
# running COMMAND on a new terminal (waiting for it to print "ready"
# before each key); sigtrace must exit 0 and the command end as END
# ("killed by SIGINT").
at_terminal() {
	_json=$1
	_keys=$2
	_end=$3
	shift 4
	trace_json "$_json" -- "$FIXTURES/pty_driver" "$_keys" -- "$@"
	assert_rc 0 "sigtrace ($_keys: $*)"
	grep -q "command $_end\$" "$out_file" ||
		{ show_file "$out_file" stdout; fail "$*: not $_end after $_keys"; }
}

# skip_unless_privileged COMMAND [ARGS...]: skip the test when COMMAND,
# run untraced, exits 77 (a fixture that lacks a privilege says so).
skip_unless_privileged() {
	run_plain "$@"
	[ "$plain_rc" -ne 77 ] ||
		skip "$(basename "$1") cannot run here: $(cat "$T/plain.stderr")"
}

# summary_of FILE: the summary part of a text log (from its header on).
summary_of() {
	sed -n '/^--- sigtrace summary:/,$p' "$1"
}

# assert_verdict FILE PID ERE MESSAGE: the summary in FILE has the verdict
# line of PID, and it matches the extended regular expression ERE.
assert_verdict() {
	summary_of "$1" >"$T/summary"
	_line=$(grep -E "^$2 " "$T/summary" | head -n 1)
	if [ -z "$_line" ] || ! printf '%s\n' "$_line" | grep -Eq -- "$3"; then
		show_file "$T/summary" "summary"
		printf '%s: verdict of %s: %s\n  expected to match: %s\n' \
			"$test_name" "$2" "${_line:-(none)}" "$3" >&2
		fail "$4"
	fi
}

# assert_summary_lacks FILE ERE MESSAGE: no line of the summary matches.
assert_summary_lacks() {
	summary_of "$1" >"$T/summary"
	if grep -Eq -- "$2" "$T/summary"; then
		show_file "$T/summary" "summary"
		fail "$3"
	fi
}

# assert_times_ordered FILE: the timestamps (HH:MM:SS.ffffff) that begin
# the lines of a text log never go back.
assert_times_ordered() {
	_bad=$(grep -aoE '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]+' "$1" |
		awk 'NR > 1 && $0 < prev { print prev " then " $0; exit }
		     { prev = $0 }')
	[ -z "$_bad" ] || { show_file "$1" "text log"; fail "text log lines out of time order: $_bad"; }
}
