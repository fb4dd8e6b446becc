# SPDX-License-Identifier: MIT
# The answer first, at any scale: a shell runs 58 /bin/true children and
# then the tar race, whose victim dies of SIGUSR1.  In every report the
# critical finding comes before any verdict row, the death before the
# processes that exited 0, and those 60-odd quiet processes take one
# line ("N other processes exited 0"; in HTML a <details> that needs no
# script), not a row each.
. "$TESTLIB"
skip_unless_ptrace

trace_json "$T/log.json" -o "$T/text.log" --report "$T/r.html" -- \
	sh -c 'for i in $(seq 58); do /bin/true; done; exec "$0"' \
	"$FIXTURES/tar_race"
assert_rc 0
victim=$(fixture_id victim)
assert_jq "$T/log.json" 'count(exits | select(.code == 0)) >= 59' \
	'the /bin/true children exited 0'

# first_line FILE PATTERN: the number of the first line matching.
first_line() {
	grep -n -m1 -e "$2" "$1" | cut -d: -f1
}

# before FILE A B WHAT: the first line matching A comes before B's.
before() {
	a=$(first_line "$1" "$2")
	b=$(first_line "$1" "$3")
	[ -n "$a" ] || { show_file "$1" "report"; fail "$4: no '$2'"; }
	[ -n "$b" ] || { show_file "$1" "report"; fail "$4: no '$3'"; }
	[ "$a" -lt "$b" ] || { show_file "$1" "report"; fail "$4: '$2' (line $a) is not before '$3' (line $b)"; }
}

# The text report.
"$SIGTRACE" report "$T/log.json" -o "$T/r.txt" || fail "report failed"
before "$T/r.txt" '\[critical\] SIGUSR1 killed' '^  [0-9]\{1,\} \{1,\}[a-z_]\{1,\} \{1,\}\(exited\|killed\)' \
	"text report: the critical finding before any verdict row"
before "$T/r.txt" "^  $victim .*killed by SIGUSR1" ' exited 0$' \
	"text report: the death before any exit 0"
grep -q '^  [0-9]* other processes exited 0$' "$T/r.txt" ||
	{ show_file "$T/r.txt" report; fail "text report: no count line for the quiet processes"; }
rows=$(grep -c ' true  *exited 0$' "$T/r.txt")
[ "$rows" -eq 0 ] || fail "text report: $rows rows for /bin/true children"

# The summary after the trace (the end of the text log).
sed -n '/^--- sigtrace summary/,$p' "$T/text.log" >"$T/summary"
before "$T/summary" '^\[critical\]' "^$victim " \
	"summary: the critical finding before the verdicts"
grep -q '^[0-9]* other processes exited 0$' "$T/summary" ||
	{ show_file "$T/summary" summary; fail "summary: no count line"; }

# The HTML report: one element per line is not guaranteed, so compare
# byte offsets.
offset() {
	grep -b -o -m1 -e "$2" "$1" | head -n 1 | cut -d: -f1
}
crit=$(offset "$T/r.html" 'sev-critical')
procs=$(offset "$T/r.html" '<h2>Processes</h2>')
death=$(offset "$T/r.html" "<td class=\"num\">$victim</td>")
details=$(offset "$T/r.html" '<details><summary>[0-9]* other processes exited 0</summary>')
[ -n "$crit" ] && [ -n "$procs" ] && [ -n "$death" ] && [ -n "$details" ] ||
	fail "HTML report: finding ($crit), processes ($procs), victim row ($death) or <details> ($details) missing"
[ "$crit" -lt "$procs" ] || fail "HTML report: the critical finding is after the processes"
[ "$death" -lt "$details" ] || fail "HTML report: the victim is inside the collapsed processes"
before "$T/r.html" 'sev-critical' '<h2>Processes</h2>' "HTML report"
exit 0
