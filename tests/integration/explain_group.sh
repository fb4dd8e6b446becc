# SPDX-License-Identifier: MIT
# Issue 15, item 2: one signal sent to a process group (`kill -TERM 0`,
# `kill -- -PGID`) reaches every member; a tracer sees one delivery each.
# sigtrace shows it once, as a group event with its fan-out: the
# deliveries share group.id, the summary has one line for the group, and
# the text log stays in time order.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

for mode in zero pgid; do
	J=$T/$mode.json
	trace_json "$J" -- "$FIXTURES/group_kill" "$mode"
	assert_rc 0
	assert_output "member1 killed by SIGTERM
member2 killed by SIGTERM
leader handled SIGTERM"
	assert_jq "$J" '[signals | select(.signal == "SIGTERM")] |
		length == 3 and (map(.group.id) | unique | length) == 1
		and all(.[]; .group.pgid == $ids.leader
			and .sender.pid == $ids.sender)
		and (map(select(.group.first)) | length) == 1
		and (map(.pid) | sort) == ([$ids.leader, $ids.member1,
					    $ids.member2] | sort)' \
		"$mode: three deliveries of one group signal to group leader"
	assert_jq "$J" 'count(severe) == 0' \
		"$mode: members terminated on request: nothing severe"
	summary_of "$err_file" >"$T/summary"
	n=$(grep -cE "SIGTERM to process group $(fixture_id leader) .*3 processes" "$T/summary")
	[ "$n" -eq 1 ] || { show_file "$T/summary" summary; fail "$mode: the group is not shown once"; }
	assert_times_ordered "$err_file"
	[ "$mode" = zero ] || continue
	assert_jq "$J" 'any(signals | select(.signal == "SIGTERM");
		.pid == $ids.leader and .group.how == "kill_zero"
		and .send_syscall == "kill")' 'zero: kill(0) seen at the sender'
done

# A shell script's `kill -TERM 0`: the shell and its two jobs, in a
# session of their own (the group must not hold sigtrace or make check).
command -v setsid >/dev/null 2>&1 || exit 0
J=$T/sh.json
trace_json "$J" -- setsid sh -c "$FIXTURES/tty_victim plain & $FIXTURES/tty_victim plain & kill -TERM 0; wait"
assert_rc 143
assert_jq "$J" '[signals | select(.signal == "SIGTERM")] | length == 3
	and (map(.group.id) | unique | length) == 1' \
	'sh: one group signal, three deliveries'
assert_jq "$J" 'count(severe) == 0' 'sh: nothing severe'
exit 0
