# SPDX-License-Identifier: MIT
# lib.sh - shared helpers of the integration tests (POSIX sh, sourced).
#
# The automake test driver runs each tests/integration/NAME.sh with $(SHELL)
# and this environment (Makefile.am, AM_TESTS_ENVIRONMENT):
#   SIGTRACE  the sigtrace binary under test
#   FIXTURES  the build directory of tests/fixtures
#   TESTLIB   this file
#   JQ        jq (empty when configure did not find it: the tests skip)
# Exit status: 0 pass, 1 fail, 77 skip.
#
# A test looks like:
#   . "$TESTLIB"
#   skip_unless_ptrace
#   trace_json "$T/log.json" -- "$FIXTURES/handled_usr1"
#   assert_rc 0
#   assert_jq "$T/log.json" 'any(signals; .signal == "SIGUSR1")' \
#           'SIGUSR1 was delivered'
#
# Tests assert on behaviour (events, exit statuses, what the fixture
# printed), never on how long anything took.
#
# Fixtures print what they observe to stdout (same with and without the
# tracer) and write the pids/tids a test needs as KEY=VALUE lines to
# $FIXTURE_IDS; `fixture_id KEY` reads one, and jq filters see them all as $ids.

set -u

test_name=$(basename "$0" .sh)

fail() {
	printf '%s: FAIL: %s\n' "$test_name" "$*" >&2
	exit 1
}

skip() {
	printf '%s: SKIP: %s\n' "$test_name" "$*" >&2
	exit 77
}

note() {
	printf '%s: %s\n' "$test_name" "$*" >&2
}

# A private temporary directory, removed on exit.
T=$(mktemp -d "${TMPDIR:-/tmp}/sigtrace-$test_name.XXXXXX") ||
	fail "cannot create a temporary directory"
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

FIXTURE_IDS="$T/ids"
export FIXTURE_IDS

# Crashing fixtures must not leave core files behind.
ulimit -c 0 2>/dev/null || :

[ -n "${SIGTRACE:-}" ] || fail "SIGTRACE is not set (run through make check)"
[ -n "${FIXTURES:-}" ] || fail "FIXTURES is not set (run through make check)"
[ -n "${JQ:-}" ] || skip "jq not found at configure time: install jq"
command -v "$JQ" >/dev/null 2>&1 || skip "jq ($JQ) is not runnable"

# A watchdog so that a hung tracer fails the test instead of hanging
# `make check` forever.  Generous: it is not a timing assertion.
if command -v timeout >/dev/null 2>&1; then
	WATCHDOG="timeout --foreground -k 10 300"
else
	WATCHDOG=
fi

# Print a file for the log of a failed test, at most 200 lines.
show_file() {
	if [ -s "$1" ]; then
		printf -- '--- %s (%s lines)\n' "$2" "$(wc -l <"$1")" >&2
		head -n 200 "$1" >&2
		printf -- '---\n' >&2
	else
		printf -- '--- %s: empty or missing\n' "$2" >&2
	fi
}

# golden OUT GOLDEN WHAT: OUT is exactly GOLDEN (else a diff and a
# failure naming WHAT); with SIGTRACE_REGEN set, OUT becomes GOLDEN.
# Returns 1 after regenerating, 0 after a match.
golden() {
	if [ -n "${SIGTRACE_REGEN:-}" ]; then
		cp "$1" "$2"
		note "regenerated $2"
		return 1
	fi
	[ -f "$2" ] || fail "no golden file $2 (SIGTRACE_REGEN=1 writes it)"
	if ! cmp -s "$2" "$1"; then
		diff -u "$2" "$1" | head -80 >&2
		fail "$3 differs from $2"
	fi
	return 0
}

# skip_unless_ptrace: exit 77 when this system does not let us ptrace;
# fail when ptrace works but sigtrace cannot trace /bin/true.
skip_unless_ptrace() {
	[ -x "$SIGTRACE" ] || fail "no executable sigtrace at $SIGTRACE"
	if [ -x "$FIXTURES/can_ptrace" ]; then
		"$FIXTURES/can_ptrace" 2>"$T/can_ptrace.err"
		case $? in
		0) ;;
		77) skip "ptrace is not permitted here: $(cat "$T/can_ptrace.err")" ;;
		*) fail "fixture can_ptrace failed: $(cat "$T/can_ptrace.err")" ;;
		esac
	fi
	if ! $WATCHDOG "$SIGTRACE" -- /bin/true >/dev/null 2>"$T/true.err"
	then
		if grep -qiE 'not permitted|EPERM|permission' "$T/true.err"; then
			skip "sigtrace may not trace: $(cat "$T/true.err")"
		fi
		show_file "$T/true.err" "sigtrace stderr"
		fail "sigtrace -- /bin/true failed"
	fi
}

# trace_json OUT [SIGTRACE-OPTIONS...] -- COMMAND [ARGS...]
# Runs sigtrace --json OUT with the options and the command.  Sets:
#   rc        sigtrace's exit status
#   out_file  the command's (and sigtrace's) stdout
#   err_file  stderr: sigtrace's text log and messages, the command's stderr
# Truncates $FIXTURE_IDS first.  Fails unless OUT exists and every line of
# it is one JSON object.
trace_json() {
	json=$1
	shift
	out_file="$T/stdout"
	err_file="$T/stderr"
	: >"$FIXTURE_IDS"
	rm -f "$json"
	$WATCHDOG "$SIGTRACE" --json "$json" "$@" >"$out_file" 2>"$err_file"
	rc=$?
	if [ -n "$WATCHDOG" ] && [ "$rc" -eq 124 ]; then
		show_file "$err_file" "stderr"
		show_file "$json" "JSON log"
		fail "sigtrace did not finish (watchdog): $*"
	fi
	check_json_lines "$json"
}

# check_json_lines FILE: every line is exactly one JSON object.
check_json_lines() {
	[ -f "$1" ] || {
		show_file "$err_file" "stderr"
		fail "sigtrace wrote no JSON log $1 (exit status $rc)"
	}
	"$JQ" -c . "$1" >/dev/null 2>"$T/jq.err" || {
		show_file "$T/jq.err" "jq"
		show_file "$1" "JSON log"
		fail "the JSON log does not parse"
	}
	"$JQ" -R -r '. as $l | try (fromjson |
		if type == "object" then empty
		else "not an object: " + $l end)
		catch ("not one JSON value: " + $l)' "$1" >"$T/badlines" \
		2>&1 || :
	if [ -s "$T/badlines" ]; then
		show_file "$T/badlines" "bad lines"
		fail "the JSON log has lines that are not one JSON object each"
	fi
}

# run_plain COMMAND [ARGS...]: the command without the tracer.  Sets
# plain_rc, plain_out (its stdout); truncates $FIXTURE_IDS first.
run_plain() {
	plain_out="$T/plain.stdout"
	: >"$FIXTURE_IDS"
	$WATCHDOG "$@" >"$plain_out" 2>"$T/plain.stderr"
	plain_rc=$?
}

# fixture_id KEY: a pid/tid the fixture recorded in its last run.
fixture_id() {
	_v=$(sed -n "s/^$1=//p" "$FIXTURE_IDS" | tail -n 1)
	[ -n "$_v" ] || {
		show_file "$FIXTURE_IDS" "fixture ids"
		show_file "${err_file:-/dev/null}" "stderr"
		fail "the fixture did not record '$1'"
	}
	printf '%s\n' "$_v"
}

# The ids of the last run as one JSON object, {"victim": 1234, ...}.
ids_json() {
	"$JQ" -R -s 'split("\n") | map(select(length > 0) | split("=") |
		{(.[0]): (.[1] | tonumber)}) | add // {}' "$FIXTURE_IDS"
}

# Definitions available to every assert_jq filter.  The input is the
# array of all events (jq -s).
JQ_PRELUDE='
def ev(t): .[] | select(.type == t);
def signals: ev("signal");
def sigactions: ev("sigaction");
def findings: ev("finding");
def dd_findings: findings | select(.kind == "default_disposition");
def eintrs: ev("eintr");
def restarts: ev("restarted");
def exits: ev("exit");
def count(s): [s] | length;
'

# assert_jq FILE FILTER MESSAGE: passes when `jq -s FILTER FILE` prints
# exactly `true`.  In FILTER, $ids is the fixture's ids object and the
# helpers of JQ_PRELUDE are defined.
assert_jq() {
	_ids=$(ids_json 2>/dev/null) || _ids='{}'
	[ -n "$_ids" ] || _ids='{}'
	_res=$("$JQ" -s --argjson ids "$_ids" "$JQ_PRELUDE $2" "$1" 2>&1)
	if [ "$_res" != true ]; then
		printf '%s: assertion failed: %s\n' "$test_name" "$3" >&2
		printf '  filter: %s\n  result: %s\n  ids: %s\n' "$2" "$_res" \
			"$(printf '%s' "$_ids" | tr -d '\n ')" >&2
		show_file "$1" "JSON log"
		show_file "${err_file:-/dev/null}" "stderr"
		fail "$3"
	fi
}

# assert_rc N [WHAT]: sigtrace's exit status was N.
assert_rc() {
	if [ "$rc" -ne "$1" ]; then
		show_file "${err_file:-/dev/null}" "stderr"
		fail "${2:-sigtrace} exited $rc, expected $1"
	fi
}

# assert_output EXPECTED: the traced command's stdout is exactly these
# lines (EXPECTED holds them separated by newlines).
assert_output() {
	printf '%s\n' "$1" >"$T/expected"
	if ! cmp -s "$T/expected" "$out_file"; then
		diff -u "$T/expected" "$out_file" >&2
		show_file "$err_file" "stderr"
		fail "the traced program's output is not what it prints untraced"
	fi
}

# ---- attach mode ----

# wait_id KEY VALUE WHO: until a fixture running in the background (WHO,
# for the message) has noted KEY=VALUE.
wait_id() {
	_w=0
	until grep -q "^$1=$2\$" "$FIXTURE_IDS" 2>/dev/null; do
		_w=$((_w + 1))
		[ $_w -lt 3000 ] || fail "$3 did not note $1=$2"
		sleep 0.01
	done
}

# start_program KEY OUT PROGRAM [ARGS...]: run PROGRAM in the background,
# its output in OUT, until it writes ready=1 to $FIXTURE_IDS; sets
# $target to its id KEY and $target_job.
start_program() {
	_key=$1
	_out=$2
	shift 2
	: >"$FIXTURE_IDS"
	"$@" >"$_out" 2>&1 &
	target_job=$!
	wait_id ready 1 "$*"
	target=$(fixture_id "$_key")
}

# start_target MODE: run attach_target MODE in the background, its stdout
# in $T/target.out; sets $target (pid) once it is set up.
start_target() {
	start_program target "$T/target.out" "$FIXTURES/attach_target" "$1"
}

# stop_target: SIGTERM it and wait; sets $target_rc.
stop_target() {
	kill -TERM "$target" 2>/dev/null
	wait "$target_job"
	target_rc=$?
}

# wait_for_json FILE JQ-FILTER: until the log (a stream) satisfies it.
wait_for_json() {
	_w=0
	until [ -f "$1" ] && [ "$("$JQ" -s "$2" "$1" 2>/dev/null)" = true ]; do
		_w=$((_w + 1))
		[ $_w -lt 3000 ] || { show_file "$1" "JSON log"; fail "timed out waiting for: $2"; }
		sleep 0.01
	done
}

# wait_no_tracer PID: until /proc says nobody traces PID any more.
wait_no_tracer() {
	_w=0
	while [ "$(awk '/^TracerPid:/ {print $2}' "/proc/$1/status" 2>/dev/null)" != 0 ]; do
		_w=$((_w + 1))
		[ $_w -lt 3000 ] || fail "pid $1 is still traced"
		[ -d "/proc/$1" ] || return 0
		sleep 0.01
	done
}

# attach_in_background JSON [SIGTRACE-OPTIONS...]: attach sigtrace to
# $target with a JSON log, stderr in $T/err; returns once it has attached
# (its disposition table is logged).  Sets $tracer.
attach_in_background() {
	_json=$1
	shift
	rm -f "$_json"
	"$SIGTRACE" -p "$target" --json "$_json" "$@" 2>"$T/err" &
	tracer=$!
	wait_for_json "$_json" 'any(.[]; .type == "dispositions")'
}

# wait_for WHAT COMMAND [ARGS...]: until COMMAND succeeds (it is run
# every 10 ms; failing after 30 s, as a hang rather than a timing).
wait_for() {
	_what=$1
	shift
	_w=0
	until "$@" 2>/dev/null; do
		_w=$((_w + 1))
		[ $_w -lt 3000 ] || fail "timed out waiting for $_what"
		sleep 0.01
	done
}

# kill_jobs: SIGKILL the background jobs the test still has: the EXIT
# trap of a test that starts processes, so that a failing test leaves
# nothing running (trap 'kill_jobs; rm -rf "$T"' EXIT).
kill_jobs() {
	jobs -p >"$T/.jobs" 2>/dev/null
	[ -s "$T/.jobs" ] && kill -KILL $(cat "$T/.jobs") 2>/dev/null
	:
}
