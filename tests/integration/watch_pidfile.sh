# SPDX-License-Identifier: MIT
# Issue 18: a service restarted by its supervisor after it dies of a
# signal.  `sigtrace --pidfile FILE --watch`, started once, attaches to
# the daemon, sees it killed, attaches to the new one when the pidfile
# changes, sees that one killed too, and reports both deaths with their
# senders, each process with its own verdict, until it is stopped.
. "$TESTLIB"
skip_unless_ptrace
command -v setsid >/dev/null 2>&1 || skip "no setsid here"
# The supervisor and its daemon go with the test, whatever happens.
trap 'kill -KILL -- -"$supervisor" 2>/dev/null; kill_jobs; rm -rf "$T"' EXIT
supervisor=

J=$T/log.json
pidfile=$T/daemon.pid

# A tiny supervisor: runs the daemon, and runs it again after it died.
cat >"$T/supervisor.sh" <<EOF
for round in 1 2; do
	"$FIXTURES/daemon" "$pidfile"
	echo "round \$round: status \$?"
done
EOF
: >"$FIXTURE_IDS"
setsid sh "$T/supervisor.sh" >"$T/supervisor.out" 2>"$T/supervisor.err" &
supervisor=$!
# The service is up before sigtrace is started, as in production.
wait_for "the daemon" grep -q '^daemon_ready=' "$FIXTURE_IDS"
pid1=$(fixture_id daemon_ready)

$WATCHDOG "$SIGTRACE" --pidfile "$pidfile" --watch --json "$J" \
	--report "$T/report.json" -o "$T/text" 2>"$T/err" &
tracer=$!
wait_for_json "$J" "any(.[]; .type == \"dispositions\" and .pid == $pid1)"

# First death: SIGHUP from this shell.
kill -HUP "$pid1"
wait_for_json "$J" "any(.[]; .type == \"exit\" and .pid == $pid1)"

# The supervisor starts a new daemon; sigtrace attaches to it when it
# writes its pidfile.
wait_for_json "$J" "[.[] | select(.type == \"dispositions\" and .pid != $pid1)] | length == 1"
pid2=$("$JQ" -r "select(.type == \"dispositions\" and .pid != $pid1) | .pid" "$J")

# Second death: SIGTERM from another process, alive until the end.
sh -c 'kill -TERM "$1"; exec sleep 600' killer "$pid2" &
killer=$!
wait_for_json "$J" "any(.[]; .type == \"exit\" and .pid == $pid2)"
wait "$supervisor"

# --watch: sigtrace waits for a third daemon until it is told to stop.
kill -0 "$tracer" || fail "sigtrace ended when the daemon died, despite --watch"
kill -INT "$tracer"
wait "$tracer"
rc=$?
kill "$killer"
wait "$killer" 2>/dev/null
err_file=$T/err
assert_rc 0 "sigtrace --watch stopped by SIGINT"
check_json_lines "$J"

printf 'round 1: status 129\nround 2: status 143\n' >"$T/expected"
cmp -s "$T/expected" "$T/supervisor.out" ||
	{ show_file "$T/supervisor.out" supervisor; fail "the supervisor saw other deaths than untraced"; }

assert_jq "$J" "[ev(\"dispositions\") | select(.target == {kind: \"pidfile\", value: \"$pidfile\"}) | .pid] == [$pid1, $pid2]" \
	'both daemons were attached through the pidfile'
assert_jq "$J" "any(signals; .pid == $pid1 and .signal == \"SIGHUP\" and .sender.pid == $$)" \
	'the first death: SIGHUP from the test shell'
assert_jq "$J" "any(signals; .pid == $pid2 and .signal == \"SIGTERM\" and .sender.pid == $killer)" \
	'the second death: SIGTERM from the killer'
assert_jq "$J" "[dd_findings | .pid] == [$pid1, $pid2]" \
	'a finding for each death'
assert_jq "$J" "[exits | select(.thread | not) | [.pid, .signal]] == [[$pid1, \"SIGHUP\"], [$pid2, \"SIGTERM\"]]" \
	'both deaths by signal'
assert_jq "$J" 'count(ev("trace_start")) == 1 and count(ev("trace_end")) == 1' \
	'one run'

# The report: every incarnation with its own verdict and sender.
assert_jq "$T/report.json" "[.[0].processes[] | [.pid, .verdict.kind, .verdict.signal, .verdict.sender.pid]] == [[$pid1, \"killed\", \"SIGHUP\", $$], [$pid2, \"killed\", \"SIGTERM\", $killer]]" \
	'the report explains both deaths'
grep -q "^$pid1 .*killed by SIGHUP" "$T/text" && grep -q "^$pid2 .*killed by SIGTERM" "$T/text" ||
	{ show_file "$T/text" "text log"; fail "the summary does not cover both incarnations"; }
exit 0
