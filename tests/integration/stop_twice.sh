# SPDX-License-Identifier: MIT
# Spawn mode, stop signals sent to sigtrace alone: the first one is not
# forwarded and does not stop anything (sigtrace cannot tell it from a
# group signal the command got too), sigtrace says so and goes on; a
# second one within a second stops sigtrace with 128+N, and the command
# with it (PTRACE_O_EXITKILL).  The command idles meanwhile, so sigtrace
# is asleep waiting for it: a signal must wake that wait.
. "$TESTLIB"
skip_unless_ptrace

# gone PID WHAT: until PID has exited (a zombie counts: its parent may
# not have reaped it yet).
gone() {
	_w=0
	while [ -d "/proc/$1" ] &&
	    ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; do
		_w=$((_w + 1))
		[ $_w -lt 3000 ] || { kill -KILL "$1"; show_file "$T/err" stderr; fail "$2"; }
		sleep 0.01
	done
}

"$SIGTRACE" -o "$T/log.txt" --json "$T/log.json" -- \
	"$FIXTURES/attach_target" daemon >"$T/out" 2>"$T/err" &
tracer=$!
wait_for_json "$T/log.json" 'any(.[]; .type == "dispositions")'
target=$("$JQ" -s 'map(select(.type == "exec"))[0].pid' "$T/log.json")
err_file=$T/err

kill -TERM "$tracer"
_w=0
until grep -q "a stop signal .* reached sigtrace" "$T/err"; do
	_w=$((_w + 1))
	[ $_w -lt 3000 ] || { show_file "$T/err" stderr; fail "no word after the first stop signal"; }
	sleep 0.01
done
kill -0 "$target" 2>/dev/null || fail "the first stop signal ended the command"

# Two more, of two kinds (two pending SIGTERMs would merge into one): at
# least one comes within a second of the one before it, and stops
# sigtrace.
kill -TERM "$tracer"
kill -INT "$tracer"
gone "$tracer" "a second stop signal did not stop sigtrace"
wait "$tracer"
rc=$?
[ "$rc" -eq 130 ] || [ "$rc" -eq 143 ] ||
	{ show_file "$T/err" stderr; fail "sigtrace exited $rc, expected 128 + SIGINT or SIGTERM"; }
grep -q "stopped by a signal; the traced command (pid $target) is killed" "$T/err" ||
	{ show_file "$T/err" stderr; fail "no word about the command being killed"; }
assert_jq "$T/log.json" ".[-1].type == \"trace_end\" and .[-1].exit_status == $rc" \
	'the trace ends with the same status'
assert_jq "$T/log.json" "count(signals | select(.pid == $target)) == 0" \
	'no stop signal was forwarded to the command'

# EXITKILL: the command does not outlive the trace.
gone "$target" "the command outlived sigtrace"
exit 0
