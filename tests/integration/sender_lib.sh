# SPDX-License-Identifier: MIT
# sender_lib.sh - what the sender observer's tests share (sourced after
# lib.sh).  They drive the observer through tests/fixtures/sender_probe,
# without the tracer: it starts a victim, runs a sender that exits at
# once, and prints one JSON line about the sender (see its header).

PROBE="$FIXTURES/sender_probe"
[ -x "$PROBE" ] || fail "$PROBE is not built"

# probe KIND MODE [COMMAND...]: run the probe, its line in $T/probe.json;
# skips the test (exit 77, with the probe's reason) when KIND cannot run
# on this machine.
probe() {
	err_file="$T/probe.err"
	rc=0
	$WATCHDOG "$PROBE" "$@" >"$T/probe.json" 2>"$err_file" || rc=$?
	if [ "$rc" -eq 77 ]; then
		skip "$(cat "$err_file")"
	fi
	[ "$rc" -eq 0 ] || { show_file "$err_file" "stderr"; fail "sender_probe $* exited $rc"; }
	check_json_lines "$T/probe.json"
}

# expect FILTER MESSAGE: about the probe's line ($p in FILTER).
expect() {
	assert_jq "$T/probe.json" ".[0] as \$p | $1" "$2"
}

# The tracefs mount point the observer uses ("" when none).
tracefs_root() {
	if [ -d /sys/kernel/tracing/instances ]; then
		echo /sys/kernel/tracing
	else
		awk '$3 == "tracefs" { print $2; exit }' /proc/mounts
	fi
}

# need_kind KIND: skip the test unless the back end KIND runs here.
need_kind() {
	"$PROBE" "$1" open >/dev/null 2>"$T/need.err"
	case $? in
	0) ;;
	77) skip "$(cat "$T/need.err")" ;;
	*) show_file "$T/need.err" "stderr"; fail "sender_probe $1 open failed" ;;
	esac
}

# kernel_kind: the back end sigtrace picks here (auto), skipping the test
# when it sees no sends (no bpf, no tracefs: no root, or no support).
kernel_kind() {
	kind=$("$PROBE" auto open 2>/dev/null | "$JQ" -r .backend)
	case $kind in
	bpf|tracefs) ;;
	*) skip "no kernel sender observer here (auto picks '$kind'): needs root and BPF or tracefs" ;;
	esac
}

# attach_and_send KIND: sigtrace --senders=KIND attached to attach_target
# daemon, its JSON log in $T/log.json; a shell (its pid in $shpid) runs
# /bin/kill -USR1 at it and exits at once.  Returns once the delivery is
# logged and sigtrace has detached ($rc: its status).
attach_and_send() {
	need_kind "$1"
	start_target daemon
	attach_in_background "$T/log.json" --senders="$1"
	sh -c 'echo $$ >"$1"; /bin/kill -USR1 "$2" || true' sh "$T/shpid" \
		"$target"
	shpid=$(cat "$T/shpid")
	detach_after_usr1
}

# detach_after_usr1: once sigtrace (attached to $target, logging to
# $T/log.json) logs a SIGUSR1 delivery, detach it (Ctrl-C) and stop the
# target; sigtrace must exit 0.
detach_after_usr1() {
	wait_for_json "$T/log.json" \
		'any(.[]; .type == "signal" and .signal == "SIGUSR1")'
	kill -INT "$tracer"
	wait "$tracer"
	rc=$?
	stop_target
	err_file="$T/err"
	assert_rc 0
}

# assert_backend KIND: trace_start names the back end KIND.
assert_backend() {
	assert_jq "$T/log.json" "first(ev(\"trace_start\")) |
		.senders == \"$1\"" "trace_start names the $1 back end"
}
