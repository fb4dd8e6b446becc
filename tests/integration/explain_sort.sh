# SPDX-License-Identifier: MIT
# Issue 15, item 1, on GNU sort (coreutils): `kill -TERM` while sort reads
# its input.  sort's handler removes its temporary files, restores
# SIG_DFL and re-raises: the verdict names the kill, not sort.  Spawned
# (the sender is traced) and attached (the sender is not).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace
SORT=$(command -v sort) || skip "sort (coreutils) is not installed"

J=$T/spawn.json
trace_json "$J" -- "$FIXTURES/kill_when_blocked" TERM read "$SORT"
assert_rc 0
assert_output "command killed by SIGTERM"
assert_jq "$J" 'last_signal($ids.command; "SIGTERM") | .origin == "reraise"
	and .reraise_of.sender.pid == $ids.sender' \
	'spawn: sort re-raised the SIGTERM from kill_when_blocked'
assert_jq "$J" 'count(problems | select(.pid == $ids.command)) == 0' \
	'spawn: nothing about sort is ranked as a problem'
assert_verdict "$err_file" "$(fixture_id command)" \
	"killed by SIGTERM.* from $(fixture_id sender) kill_when_block.*re-raised SIGTERM" \
	'spawn: the verdict names the sender'

# Attach: sort reads a FIFO that this shell keeps open.
mkfifo "$T/fifo" || fail "mkfifo"
exec 3<>"$T/fifo"
"$SORT" <&3 >/dev/null &
target=$!
target_job=$!
: >"$FIXTURE_IDS"
attach_in_background "$T/attach.json"
"$FIXTURES/kill_when_blocked" -p "$target" TERM read
wait "$tracer"
rc=$?
wait "$target_job"
exec 3>&-
err_file=$T/err
assert_rc 143 'attach: sigtrace exits as sort did'
assert_jq "$T/attach.json" 'last_signal('"$target"'; "SIGTERM") |
	.origin == "reraise" and .reraise_of.sender.pid == $ids.sender
	and .reraise_of.origin == "process"' \
	'attach: the re-raise is linked to the handled SIGTERM from the sender'
assert_jq "$T/attach.json" 'count(dd_findings | select(.cause ==
	"unknown_before_attach")) == 0 and count(severe) == 0' \
	'attach: no "already SIG_DFL when sigtrace attached", nothing severe'
assert_verdict "$err_file" "$target" \
	"killed by SIGTERM.* from $(fixture_id sender) .*re-raised SIGTERM" \
	'attach: the verdict names the sender'
exit 0
