# SPDX-License-Identifier: MIT
# Issue 17, item 19: one true line per error.  `sigtrace report` with a
# bad option prints one line (not getopt's and then its own); a log that
# cannot be opened is an error, not a "warning"; an integer out of range
# in a log (a pid or signal number past 32 bits) is rejected with its
# line number, not wrapped; and sigtrace run under a tracer that follows
# forks (sigtrace itself) is told that its child is already traced, not
# to look at ptrace_scope or seccomp.
. "$TESTLIB"
skip_unless_ptrace

# one_line STATUS PATTERN ARGS...: `sigtrace ARGS` exits STATUS with one
# line on stderr that matches PATTERN.
one_line() {
	want=$1 pattern=$2
	shift 2
	"$SIGTRACE" "$@" >"$T/out" 2>"$T/err"
	st=$?
	[ "$st" -eq "$want" ] || { show_file "$T/err" stderr; fail "sigtrace $*: exit status $st, expected $want"; }
	[ "$(wc -l <"$T/err")" -eq 1 ] && grep -qE -- "$pattern" "$T/err" || {
		show_file "$T/err" stderr
		fail "sigtrace $*: expected one line matching '$pattern'"
	}
}

one_line 2 '^sigtrace: report: .*--bogus' report --bogus "$T/x.jsonl"
one_line 2 '^sigtrace: report: .*-o' report "$T/x.jsonl" -o
one_line 1 '^sigtrace: [^w].*missing.jsonl' report "$T/missing.jsonl"
grep -q warning "$T/err" && fail "an unopenable log is called a warning"

"$SIGTRACE" -q -o /dev/null --json "$T/log.json" -- true || fail "sigtrace -- true failed"
line=$(grep -n '"type":"exit"' "$T/log.json" | cut -d: -f1)
sed "${line}s/\"pid\":[0-9]*/\"pid\":4294967297/" "$T/log.json" >"$T/pid.jsonl"
one_line 1 "pid.jsonl:$line: .*pid" report "$T/pid.jsonl"
"$SIGTRACE" -q -o /dev/null --json "$T/sig.json" -- sh -c 'kill -USR1 $$' 
line=$(grep -n '"type":"signal"' "$T/sig.json" | head -n 1 | cut -d: -f1)
[ -n "$line" ] || fail "no signal event to corrupt"
sed "${line}s/\"signo\":[0-9]*/\"signo\":4294967306/" "$T/sig.json" >"$T/signo.jsonl"
one_line 1 "signo.jsonl:$line: .*signo" report "$T/signo.jsonl"

"$SIGTRACE" -q -o /dev/null -- "$SIGTRACE" -q -o /dev/null -- true >"$T/out" 2>"$T/err"
grep -q 'already traced' "$T/err" || {
	show_file "$T/err" stderr
	fail "sigtrace under sigtrace is not told that its child is already traced"
}
grep -q 'ptrace_scope\|seccomp' "$T/err" && fail "sigtrace under sigtrace blames ptrace_scope or seccomp"
exit 0
