# SPDX-License-Identifier: MIT
# Issue 16: SIGKILL is never shown to a tracer.  A process killed by
# kill -9 says what is knowable: its sender when the kernel observer saw
# it sent, else "sender unknown"; never the OOM killer.
. "$TESTLIB"
skip_unless_ptrace
. "$(dirname "$TESTLIB")/sender_lib.sh"

start_target daemon
attach_in_background "$T/log.json"
sh -c '/bin/kill -KILL "$1" || true' sh "$target"
wait "$tracer"
rc=$?
wait "$target_job"
err_file="$T/err"
assert_rc 137 "sigtrace -p on a process killed by SIGKILL"
kind=$("$JQ" -r 'select(.type == "trace_start") | .senders' "$T/log.json")
case $kind in
bpf|tracefs)
	assert_jq "$T/log.json" 'first(.[] | select(.type == "exit")) |
		.signal == "SIGKILL" and .kill_cause == "sender" and
		.sender.comm == "kill" and .sender.chain[0].comm == "sh"' \
		'SIGKILL: its sender, kill <- sh, from the kernel observer' ;;
*)
	assert_jq "$T/log.json" 'first(.[] | select(.type == "exit")) |
		.signal == "SIGKILL" and .kill_cause == "unknown"' \
		'SIGKILL: sender unknown without a kernel observer' ;;
esac
grep -q 'killed by SIGKILL' "$T/err" || note "(text log on stderr not checked)"
