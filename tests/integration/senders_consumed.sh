# SPDX-License-Identifier: MIT
# Issue 16: signals that are never delivered.  A daemon that takes SIGHUP
# and SIGTERM from a signalfd, and one that takes them with sigwaitinfo,
# never stop in a signal-delivery-stop; the kernel observer sees them
# sent, and sigtrace reports them as `consumed`, with their senders, in
# spawn and in attach mode.
. "$TESTLIB"
skip_unless_ptrace
. "$(dirname "$TESTLIB")/sender_lib.sh"

kernel_kind

# send SIG PID: /bin/kill from a shell, both exiting at once.
send() {
	sh -c '/bin/kill -"$1" "$2" || true' sh "$1" "$2"
}

# check MODE LOG: a SIGHUP and a SIGTERM consumed, from kill, and no
# delivery of either.
check() {
	assert_jq "$2" '[.[] | select(.type == "consumed") | .signal] ==
		["SIGHUP", "SIGTERM"]' "$1: SIGHUP and SIGTERM consumed"
	assert_jq "$2" 'all(.[] | select(.type == "consumed");
		.sender.comm == "kill" and .sender.cmdline[0] == "/bin/kill"
		and .sender.chain[0].comm == "sh" and .code == "SI_USER")' \
		"$1: each with its sender, kill <- sh"
	assert_jq "$2" 'count(signals | select(.signal == "SIGHUP" or
		.signal == "SIGTERM")) == 0' "$1: no delivery of either"
	assert_jq "$2" 'first(.[] | select(.type == "trace_end")) |
		.sends.consumed == 2' "$1: trace_end counts them"
}

for mode in signalfd sigwaitinfo; do
	# spawn
	: >"$FIXTURE_IDS"
	"$SIGTRACE" --json "$T/spawn.json" -o "$T/spawn.txt" -- \
		"$FIXTURES/sigwait_daemon" "$mode" >"$T/out" 2>"$T/err" &
	tracer=$!
	wait_id ready 1 sigwait_daemon
	daemon=$(fixture_id daemon)
	send HUP "$daemon"
	# The reload is settled at a tick while the daemon lives (the
	# signalfd is seen then); its end settles the rest.
	wait_for_json "$T/spawn.json" 'any(.[]; .type == "consumed")'
	send TERM "$daemon"
	wait "$tracer"
	rc=$?
	err_file="$T/err"
	assert_rc 0 "sigtrace -- sigwait_daemon $mode"
	check "spawn $mode" "$T/spawn.json"
	grep -q 'consumed' "$T/spawn.txt" ||
		fail "spawn $mode: the text log shows no consumed signal"

	# attach
	: >"$FIXTURE_IDS"
	"$FIXTURES/sigwait_daemon" "$mode" >"$T/out" 2>&1 &
	daemon_job=$!
	wait_id ready 1 sigwait_daemon
	target=$(fixture_id daemon)
	attach_in_background "$T/attach.json"
	send HUP "$target"
	wait_for_json "$T/attach.json" 'any(.[]; .type == "consumed")'
	send TERM "$target"
	wait "$tracer"
	rc=$?
	wait "$daemon_job"
	err_file="$T/err"
	assert_rc 0 "sigtrace -p (sigwait_daemon $mode)"
	check "attach $mode" "$T/attach.json"
	for log in "$T/spawn.json" "$T/attach.json"; do
		if [ "$mode" = signalfd ]; then
			assert_jq "$log" 'first(ev("consumed")) |
				.by == "signalfd" and (.fd | type) == "number"' \
				"$mode: the reload taken by the signalfd, with its descriptor"
		else
			assert_jq "$log" 'first(ev("consumed")) |
				.by == "sigwaitinfo"' \
				"$mode: the reload taken by sigwaitinfo"
		fi
	done
done
