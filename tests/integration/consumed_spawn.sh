# SPDX-License-Identifier: MIT
# Issue 16, spawn mode without privilege: a signal taken with sigwaitinfo,
# sigtimedwait or from a signalfd is never delivered, so no delivery-stop
# shows it.  The seccomp filter stops rt_sigtimedwait, signalfd4 and
# reads of one signalfd_siginfo, and sigtrace reports each signal taken
# as a `consumed` event at the call's exit: the call, the descriptor, the
# sender the program was told.  With --senders=proc (no kernel observer)
# and with the default observer alike: exactly one event per signal.
. "$TESTLIB"
skip_unless_ptrace
trap 'kill_jobs; rm -rf "$T"' EXIT

D="$FIXTURES/sigwait_daemon"
mkfifo "$T/ready" "$T/go"

# A traced shell starts the daemon, waits until its signals are blocked,
# sends it SIGHUP and SIGTERM with its builtin kill, then lets it take
# them: both are queued when the daemon asks, whatever the timing.
script='"$1" "$2" "$3" & d=$!
read x <"$3/ready"
kill -HUP $d
kill -TERM $d
echo go >"$3/go"
wait $d'

# MODE:SENDERS[:32] each; the i386 build of the daemon too (its
# siginfo_t has another layout), where it is built and runs.
runs="signalfd:proc signalfd:auto sigtimedwait:proc sigtimedwait:auto
sigwaitinfo:proc sigwaitinfo:auto signalfd_reuse:proc signalfd_reuse:auto"
if [ -x "${D}_32" ] && "${D}_32" 2>/dev/null; [ $? -eq 2 ]; then
	runs="$runs signalfd:proc:32 sigtimedwait:proc:32 sigwaitinfo:proc:32"
fi
for run in $runs; do
	mode=${run%%:*}
	senders=${run#*:}
	bits=${senders#*:}
	senders=${senders%%:*}
	[ "$bits" = 32 ] && daemon="${D}_32" || daemon=$D
	case $mode in
	signalfd*) by=signalfd call=read ;;
	sigtimedwait) by=sigtimedwait call=rt_sigtimedwait ;;
	sigwaitinfo) by=sigwaitinfo call=rt_sigtimedwait ;;
	esac
	what="$mode, --senders=$senders, $(basename "$daemon")"
	log="$T/$mode-$senders.json"
	trace_json "$log" --senders="$senders" \
		--report "$T/report.txt" -- \
		sh -c "$script" sh "$daemon" "$mode" "$T"
	assert_rc 0 "sigtrace -- sh (sigwait_daemon $what)"
	grep -q '^exit' "$out_file" || fail "$what: the daemon did not exit on SIGTERM"
	assert_jq "$log" '[.[] | select(.type == "consumed") |
		.signal] == ["SIGHUP", "SIGTERM"]' \
		"$what: SIGHUP and SIGTERM consumed, once each"
	assert_jq "$log" "all(.[] | select(.type == \"consumed\");
		.by == \"$by\" and .syscall == \"$call\" and
		.code == \"SI_USER\" and
		((.fd | type) == \"number\") == (\"$by\" == \"signalfd\"))" \
		"$what: taken by $by in $call(), with the descriptor of a signalfd"
	assert_jq "$log" 'first(ev("trace_start")).pid as $sh |
		all(.[] | select(.type == "consumed");
		.sender.pid == $sh and .sender.comm == "sh" and
		.sender.source == "tracer")' \
		"$what: the traced shell named as the sender"
	assert_jq "$log" 'count(signals | select(.signal == "SIGHUP" or
		.signal == "SIGTERM")) == 0' "$what: no delivery of either"
	assert_jq "$log" 'last(ev("trace_end")).sends.consumed == 2' \
		"$what: trace_end counts them"
	# SIGHUP is blocked and taken: the audit must not say it
	# still terminates the daemon (issue 16), nor the report.
	assert_jq "$log" 'all(ev("finding") |
		select(.comm | startswith("sigwait_daemon"));
		(.signals // []) | index("SIGHUP") | not)' \
		"$what: no audit calls SIGHUP fatal to the daemon"
	if grep 'still terminate' "$T/report.txt" |
		grep sigwait_daemon | grep -q SIGHUP; then
		show_file "$T/report.txt" "report"
		fail "$what: the report says SIGHUP still terminates the daemon"
	fi
	# signalfd_reuse: the descriptor's number became a pipe
	# holding a record like a SIGHUP's; reading it took no
	# signal (two consumed events above, not three).
	if [ "$mode" = signalfd_reuse ]; then
		grep -q '^fake read' "$out_file" ||
			fail "$what: the fake record was not read"
	fi
done

# sigwaitinfo(set, NULL) waiting when the signal comes: the program gets
# no siginfo, and without a kernel observer nobody can name the sender;
# the event says so.  Each signal is sent once the daemon sleeps in the
# call (its wchan: after the previous event, a new call); where /proc
# shows no wchan, this part is left out.
: >"$FIXTURE_IDS"
"$SIGTRACE" --senders=proc --json "$T/nosi.json" -- "$D" sigwaitinfo \
	>"$T/nosi.out" 2>"$T/nosi.err" &
tracer=$!
wait_id ready 1 sigwait_daemon
daemon=$(fixture_id daemon)
if ! [ -r "/proc/$daemon/wchan" ]; then
	echo "$test_name: no wchan in /proc: sigwaitinfo(set, NULL) unchecked" >&2
	exit 0
fi
n=0
for sig in HUP TERM; do
	wait_for "the daemon to wait in rt_sigtimedwait" \
		grep -q sigtimedwait "/proc/$daemon/wchan"
	/bin/kill -"$sig" "$daemon"
	n=$((n + 1))
	wait_for_json "$T/nosi.json" "[.[] | select(.type == \"consumed\")] |
		length == $n"
done
wait "$tracer"
rc=$?
err_file="$T/nosi.err"
assert_rc 0 "sigtrace -- sigwait_daemon sigwaitinfo"
assert_jq "$T/nosi.json" '[.[] | select(.type == "consumed")] |
	map(.signal) == ["SIGHUP", "SIGTERM"] and
	all(.[]; .sender_unknown == "no_siginfo" and (has("code") | not) and
	(has("sender") | not) and .by == "sigwaitinfo")' \
	"sigwaitinfo(set, NULL): consumed, the sender unknown and why"
