# SPDX-License-Identifier: MIT
# safety_lib.sh - helpers of the issue-17 safety tests (docs/safety.md),
# sourced after lib.sh.  They wait for states of processes (a signal
# taken, an id noted, a process gone), never for time to pass.

# proc_state PID: the state letter of /proc/PID/stat, empty when gone.
proc_state() {
	sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null
}

# alive PID: it exists and is not a zombie.
alive() {
	_s=$(proc_state "$1")
	[ -n "$_s" ] && [ "$_s" != Z ]
}

# sig_pending PID SIGNO: SIGNO is pending for PID (thread or process).
sig_pending() {
	_m=$(awk '/^(SigPnd|ShdPnd):/ { print $2 }' "/proc/$1/status" 2>/dev/null)
	for _x in $_m; do
		[ $(( (0x$_x >> ($2 - 1)) & 1 )) -eq 1 ] && return 0
	done
	return 1
}

# wait_until WHAT COMMAND...: until COMMAND succeeds; fails the test
# with "never WHAT" after a generous bound (a hang, not a timing test).
wait_until() {
	_what=$1
	shift
	_w=0
	until "$@"; do
		_w=$((_w + 1))
		[ $_w -lt 30000 ] || { show_file "$FIXTURE_IDS" ids; fail "never $_what"; }
		sleep 0.01
	done
}

# The conditions the tests wait for.
taken_or_gone() { ! alive "$1" || ! sig_pending "$1" "$2"; }
noted() { grep -q "^$1=${2:-}" "${3:-$FIXTURE_IDS}" 2>/dev/null; }
gone_or_noted() { ! alive "$1" || noted "$2"; }
in_log() { [ "$("$JQ" -s "$2" "$1" 2>/dev/null)" = true ]; }
traced() { [ "$(awk '/^TracerPid:/ { print $2 }' "/proc/$1/status")" != 0 ]; }

# wait_taken PID SIGNO: until PID took SIGNO (or is gone).
wait_taken() {
	wait_until "did pid $1 take signal $2" taken_or_gone "$1" "$2"
}

# wait_id KEY [VALUE]: until the fixture ids hold KEY (=VALUE).
wait_id() {
	wait_until "noted $1" noted "$1" "${2:-}"
}

# kill_on_exit PID...: SIGKILL these when the test ends, whatever
# happened (a failed test must not leave a stopped tracer or its
# target behind).
safety_pids=
kill_on_exit() {
	safety_pids="$safety_pids $*"
}
trap 'for _p in $safety_pids; do kill -KILL "$_p" 2>/dev/null; done; rm -rf "$T"' EXIT

# Typing into a fixture's standard input step by step: the test makes a
# fifo, starts the fixture reading it, then opens the writing end as
# descriptor 9 (`exec 9>"$T/keys"`); type_keys BYTES (printf escapes)
# writes to it (a reader already gone is not an error here: the test
# finds out what happened to it).
type_keys() {
	( trap '' PIPE; printf "$1" >&9 ) 2>/dev/null || :
}

# interposed [INTERPOSE-OPTIONS...] -- [SIGTRACE-ARGS...]: sigtrace under
# interpose (x86_64 only: the test skips elsewhere), in the background,
# stdout in $T/out, stderr in $T/err.  Sets $inter (interpose) and
# $tracer (sigtrace); both are killed when the test ends.
interposed() {
	[ "$(uname -m)" = x86_64 ] || skip "interpose is x86_64 only"
	_opts=
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		_opts="$_opts $1"
		shift
	done
	shift
	# LeakSanitizer cannot look for leaks in a process that is traced
	# (it exits 1 instead): sigtrace may still be interposed when it ends.
	# shellcheck disable=SC2086
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		"$FIXTURES/interpose" $_opts -- "$SIGTRACE" "$@" >"$T/out" 2>"$T/err" &
	inter=$!
	kill_on_exit "$inter"
	wait_id traced
	tracer=$(fixture_id traced)
	kill_on_exit "$tracer"
	err_file=$T/err
}

# same_as_untraced JSON COMMAND...: COMMAND exits 0 untraced, and traced
# it exits and prints the same.
same_as_untraced() {
	_j=$1
	shift
	run_plain "$@"
	[ "$plain_rc" -eq 0 ] || fail "untraced $*: exit status $plain_rc"
	trace_json "$_j" -- "$@"
	assert_rc "$plain_rc" "sigtrace -- $*"
	assert_output "$(cat "$plain_out")"
}

# watched_target MODE: start_target MODE (lib.sh), killed when the test
# ends whatever happens.
watched_target() {
	start_target "$1"
	kill_on_exit "$target"
}

# start_reaper: reaper (the parent that ends an attach target on cue) in
# the background with a fresh ids file; sets $reaper and $target.
start_reaper() {
	: >"$FIXTURE_IDS"
	"$FIXTURES/reaper" "$FIXTURES/attach_target" >"$T/reaper.out" 2>&1 &
	reaper=$!
	kill_on_exit "$reaper"
	wait_id ready 1
	target=$(fixture_id target)
	kill_on_exit "$target"
}
