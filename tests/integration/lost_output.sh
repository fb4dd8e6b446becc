# SPDX-License-Identifier: MIT
# Issue 17, item 12: any output lost (a log, the summary, the report)
# means sigtrace exits non-zero, and the trace_end event that the JSON
# log ends with says the same status as sigtrace's exit.
. "$TESTLIB"
skip_unless_ptrace
[ -w /dev/full ] || skip "no /dev/full"

# lost WHAT ARGS...: sigtrace --json $T/a.json ARGS -- true exits 1, and
# its JSON log ends with a trace_end that says 1.
lost() {
	what=$1
	shift
	rm -f "$T/a.json"
	"$SIGTRACE" --json "$T/a.json" "$@" -- true >/dev/null 2>"$T/err"
	st=$?
	[ "$st" -eq 1 ] || { show_file "$T/err" stderr; fail "$what: exit status $st, expected 1"; }
	"$JQ" -s -e '.[-1].type == "trace_end" and .[-1].exit_status == 1' \
		"$T/a.json" >/dev/null || {
		show_file "$T/a.json" "JSON log"
		fail "$what: trace_end does not say the status sigtrace exited with (1)"
	}
}

lost "the text log" -o /dev/full
lost "the report" -q --report /dev/full
lost "the summary (-c: the only output but the JSON log)" -c -o /dev/full

# A command that fails keeps its own status when nothing is lost.
"$SIGTRACE" -q --json "$T/c.json" -- sh -c 'exit 7' 2>"$T/err"
st=$?
[ "$st" -eq 7 ] || fail "exit 7: sigtrace exited $st"
"$JQ" -s -e '.[-1].exit_status == 7' "$T/c.json" >/dev/null ||
	fail "trace_end does not say 7"
exit 0
