# SPDX-License-Identifier: MIT
# Issue 17, item 13: `--json -` in spawn mode would mix the command's own
# standard output (the same descriptor) with the events: a partial line
# of the program glues onto an event and the log no longer parses.  It
# is refused with one usage error that says what to do instead; attached
# to a process, whose output goes elsewhere, `--json -` is fine.
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

"$SIGTRACE" --json - -- printf 'partial' >"$T/out" 2>"$T/err"
st=$?
[ "$st" -eq 2 ] || { show_file "$T/out" stdout; fail "spawn --json -: exit status $st, expected 2"; }
[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^sigtrace: .*--json' "$T/err" ||
	{ show_file "$T/err" stderr; fail "spawn --json -: expected one usage error line"; }
[ ! -s "$T/out" ] || fail "spawn --json -: the command ran anyway"
# The same stream under other names.
for j in /dev/stdout /dev/fd/1 /proc/self/fd/1; do
	"$SIGTRACE" --json "$j" -- printf 'partial' >"$T/out" 2>"$T/err"
	st=$?
	[ "$st" -eq 2 ] || fail "spawn --json $j: exit status $st, expected 2"
done
"$SIGTRACE" -o /dev/null --json /dev/stderr -- true 2>"$T/err.file"
st=$?
[ "$st" -eq 2 ] || fail "spawn --json /dev/stderr: exit status $st, expected 2"

watched_target daemon
"$SIGTRACE" -q -o /dev/null --json - -p "$target" >"$T/log.json" 2>"$T/err" &
tracer=$!
kill_on_exit "$tracer"
wait_for_json "$T/log.json" 'any(.[]; .type == "dispositions")'
stop_target
wait "$tracer"
rc=$?
err_file=$T/err
assert_rc 0 "attach --json -"
check_json_lines "$T/log.json"
exit 0
