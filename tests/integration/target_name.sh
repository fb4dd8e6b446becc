# SPDX-License-Identifier: MIT
# Issue 18: --name REGEX attaches to a process that starts after
# sigtrace, says which target brought it in, and never matches sigtrace
# itself.  Without --watch the run ends when that process ends.
. "$TESTLIB"
skip_unless_ptrace
trap 'kill_jobs; rm -rf "$T"' EXIT

J=$T/log.json
# A name no other process on this machine has: the daemon fixture run
# through a link named after this test (comm is the link's name).
name=nm-$$
ln -s "$FIXTURES/daemon" "$T/$name"

$WATCHDOG "$SIGTRACE" --name "^$name\$" --json "$J" 2>"$T/err" &
tracer=$!
wait_for_json "$J" 'any(.[]; .type == "trace_start")'
assert_jq "$J" 'first(ev("trace_start")) | .mode == "attach" and .pids == []' \
	'nothing matched before the daemon started'

: >"$FIXTURE_IDS"
"$T/$name" >"$T/daemon.out" &
daemon=$!
wait_for_json "$J" "any(.[]; .type == \"dispositions\" and .pid == $daemon)"
kill -USR1 "$daemon"
wait_for_json "$J" "any(.[]; .type == \"signal\" and .pid == $daemon)"
kill -TERM "$daemon"
wait "$daemon"
wait "$tracer"
rc=$?
err_file=$T/err
assert_rc 143 "sigtrace (the daemon's status: killed by SIGTERM)"
check_json_lines "$J"
assert_jq "$J" "[ev(\"dispositions\") | [.pid, .target.kind, .target.value]] == [[$daemon, \"name\", \"^$name\$\"]]" \
	'the daemon, and only it, attached by --name'
assert_jq "$J" "any(signals; .pid == $daemon and .signal == \"SIGUSR1\" and .disposition.kind == \"handler\")" \
	'its handled SIGUSR1 was seen'
assert_jq "$J" "any(exits; .pid == $daemon and .signal == \"SIGTERM\")" \
	'its death by SIGTERM was seen'
[ "$(cat "$T/daemon.out")" = reload ] || fail "the daemon said: $(cat "$T/daemon.out")"

# sigtrace under a name that its own regex matches: it must not
# attach to itself (nor anything else: the name is this test's).
cp "$SIGTRACE" "$T/st-$$"
"$T/st-$$" --name "^st-$$\$" --json "$T/self.json" 2>"$T/self.err" &
self=$!
wait_for_json "$T/self.json" 'any(.[]; .type == "trace_start")'
kill -INT "$self"
wait "$self"
rc=$?
err_file=$T/self.err
assert_rc 0 "sigtrace stopped while waiting"
assert_jq "$T/self.json" 'count(ev("dispositions")) == 0 and (first(ev("trace_start")) | .pids == [])' \
	'sigtrace did not match itself'
exit 0
