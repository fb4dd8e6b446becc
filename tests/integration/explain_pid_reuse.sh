# SPDX-License-Identifier: MIT
# Issue 15, item 4: a pid reused by an untraced sender.  In a private pid
# namespace (so the pid can be pinned with ns_last_pid), a traced
# /bin/true runs and exits, then an untraced process gets the same pid
# and sends SIGUSR1.  sigtrace must not name it "true": a name is attached
# to a pid only when it is checked to be the same process (start time).
# Needs CAP_SYS_ADMIN and unshare(1) (util-linux).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace
command -v unshare >/dev/null 2>&1 || skip "unshare (util-linux) is not installed"
skip_unless_privileged "$FIXTURES/sender_exits" reused

# The fixture's own namespace: si_pid is translated, then checked.
for mode in reused reused_zombie; do
	J=$T/$mode.json
	trace_json "$J" -- "$FIXTURES/sender_exits" "$mode"
	assert_rc 0
	assert_jq "$J" 'last_signal($ids.victim; "SIGUSR1") |
		.sender.comm != "true" and .sender.cmdline != ["true"]' \
		"$mode: the sender is not the /bin/true that had its pid"
done
assert_jq "$T/reused_zombie.json" 'last_signal($ids.victim; "SIGUSR1") |
	.sender.pid == $ids.sender and .sender.comm == "sender_exits"
	and .sender.zombie' 'reused_zombie: the zombie sender is named'

# sigtrace itself in the namespace: the pid is reused in its own numbering.
for mode in reused reused_zombie; do
	J=$T/here-$mode.json
	: >"$FIXTURE_IDS"
	$WATCHDOG unshare --pid --fork --mount-proc "$SIGTRACE" --json "$J" -- \
		"$FIXTURES/sender_exits" "$mode" here >"$T/out" 2>"$T/err"
	rc=$?
	err_file=$T/err
	check_json_lines "$J"
	assert_rc 0 "sigtrace in a pid namespace ($mode)"
	assert_jq "$J" 'last_signal($ids.victim; "SIGUSR1") |
		.sender.comm != "true" and .sender.cmdline != ["true"]' \
		"here $mode: the sender is not the /bin/true that had its pid"
done
assert_jq "$T/here-reused_zombie.json" 'last_signal($ids.victim; "SIGUSR1") |
	.sender.pid == $ids.sender and .sender.comm == "sender_exits"' \
	'here reused_zombie: the zombie sender is named'
exit 0
