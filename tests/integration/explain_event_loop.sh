# SPDX-License-Identifier: MIT
# Issue 15, item 5: an event loop (PostgreSQL, node) waits in epoll_wait,
# poll, select...; a handler interrupts the wait, the call fails with
# EINTR (whatever SA_RESTART says) and the loop waits again.  Logged, not
# ranked: no "medium" finding, and no dangerous-defaults audit for a
# program that was never sent one of those signals.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/event_loop"
assert_rc 0
assert_output "epoll_wait: 3 EINTR, retried, then ready
epoll_pwait: 3 EINTR, retried, then ready
poll: 3 EINTR, retried, then ready
ppoll: 3 EINTR, retried, then ready
select: 3 EINTR, retried, then ready
pselect: 3 EINTR, retried, then ready"
assert_jq "$J" 'count(eintrs) >= 18 and all(eintrs; .call_class ==
	"event_wait")' 'every EINTR is from a call that waits for events'
assert_jq "$J" 'count(findings) == 0' 'no finding at all'
assert_summary_lacks "$err_file" '^\[' 'the summary ranks nothing'
"$SIGTRACE" report --format json -o "$T/report.json" "$J" ||
	fail "sigtrace report failed"
"$JQ" -e '[.findings[] | select(.severity != "info")] | length == 0' \
	"$T/report.json" >/dev/null ||
	{ show_file "$T/report.json" report; fail "the report ranks the EINTRs"; }
"$JQ" -e '[.eintr[]] | length >= 5' "$T/report.json" >/dev/null ||
	fail "the report's EINTR table lost the calls"
exit 0
