# SPDX-License-Identifier: MIT
# Issue 21: a tree of 300 processes, each forked and exec'd, whose leaves
# exit at once.  A child's own stops often reach sigtrace before its
# parent's fork event stop; the log must still say each fork once, before
# anything the child does, and the summary count each process once, with
# its exit (it used to count a child a second time, from a fork event
# that came after its exit, and never see that one end).
. "$TESTLIB"
skip_unless_ptrace

N=300
J=$T/log.json
trace_json "$J" -o "$T/text.log" -- "$FIXTURES/fork_tree" "$N"
assert_rc 0
assert_output "$N processes"

assert_jq "$J" "count(ev(\"fork\") | select(.thread == false)) == $N - 1" \
	'one fork event per child'
assert_jq "$J" '[ev("fork") | .child] | length == (unique | length)' \
	'no child forked twice'
assert_jq "$J" "[exits | select(.thread != true) | .pid] | unique | length == $N" \
	'every process exits, once'
assert_jq "$J" '. as $all |
	(reduce range(length) as $i ({}; ($all[$i].pid | tostring) as $p |
		if has($p) then . else .[$p] = $i end)) as $first |
	all(range(length) as $i | $all[$i] | select(.type == "fork") |
	    {c: (.child | tostring), i: $i}; ($first[.c] // 1e9) > .i)' \
	'each fork event comes before anything its child does'
grep -q "summary: $N processes" "$T/text.log" ||
	{ show_file "$T/text.log" "text log"; fail "the summary does not count $N processes"; }
if grep -q 'no exit seen' "$T/text.log"; then
	show_file "$T/text.log" "text log"
	fail "the summary has a process without its exit"
fi
exit 0
