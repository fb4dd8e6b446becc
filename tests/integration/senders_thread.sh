# SPDX-License-Identifier: MIT
# Issue 16: a thread-directed signal (tgkill) to a thread that is not the
# main one, from a process that exits at once, is seen at send time by
# each kernel back end: the tracepoint names the thread only, so the
# tracefs filter cannot name the process's threads one by one.
. "$TESTLIB"
skip_unless_ptrace
. "$(dirname "$TESTLIB")/sender_lib.sh"

command -v python3 >/dev/null 2>&1 ||
	skip "python3 (the tgkill sender) is not installed"

# tgkill TGID TID: SIGUSR1 to thread TID, from python3 (gone at once);
# exit 77 when this libc has no tgkill() (glibc before 2.30).
tgkill() {
	python3 -c 'import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
if not hasattr(libc, "tgkill"):
	sys.exit(77)
if libc.tgkill(int(sys.argv[1]), int(sys.argv[2]), 10):
	sys.exit("tgkill: errno %d" % ctypes.get_errno())' "$1" "$2"
}

tried=0
for kind in bpf tracefs; do
	"$PROBE" "$kind" open >/dev/null 2>&1 || continue
	tried=$((tried + 1))
	start_target psig
	# the thread it starts (psig blocks SIGALRM there, not SIGUSR1)
	wait_for "the second thread" sh -c \
		"[ \$(ls /proc/$target/task | wc -l) -ge 2 ]"
	worker=$(ls "/proc/$target/task" | grep -vx "$target" | head -1)
	attach_in_background "$T/log.json" --senders="$kind"
	tgkill "$target" "$worker"
	case $? in
	0) ;;
	77) kill -INT "$tracer"; wait "$tracer"; stop_target
		skip "libc has no tgkill()" ;;
	*) fail "tgkill $target $worker failed" ;;
	esac
	detach_after_usr1
	assert_jq "$T/log.json" "first(signals | select(.signal == \"SIGUSR1\")) |
		.tid == $worker and .sender.source == \"$kind\" and
		.sender.comm == \"python3\"" \
		"$kind: the send to thread $worker seen, from python3"
done
[ "$tried" -gt 0 ] ||
	skip "no kernel sender observer here (bpf, tracefs): needs root"
