# SPDX-License-Identifier: MIT
# The traced command inherits what it would inherit untraced: the
# ignored signals and the signal mask of whoever started sigtrace, not
# sigtrace's own (sigtrace handles SIGINT/SIGTERM/SIGHUP/SIGALRM and
# ignores SIGPIPE for itself).
. "$TESTLIB"
skip_unless_ptrace

probe='grep -E "^(SigIgn|SigBlk|SigCgt)" /proc/self/status'
for ignored in "" "INT" "PIPE" "INT PIPE HUP"; do
	# shellcheck disable=SC2086
	want=$(sh -c "trap '' $ignored 2>/dev/null; exec sh -c '$probe'")
	got=$(sh -c "trap '' $ignored 2>/dev/null; exec \"$SIGTRACE\" -o /dev/null -- sh -c '$probe'")
	[ "$want" = "$got" ] || fail "ignoring '$ignored': untraced [$want], traced [$got]"
done

# No file descriptor of sigtrace's leaks into the command: the logs, the
# report, a JSON log on a descriptor of the shell's (which the command
# gets, as it would untraced: sigtrace's copy of it must not).
want=$(sh -c 'ls /proc/self/fd' 3>"$T/j" | sort | tr '\n' ' ')
got=$("$SIGTRACE" -q -o "$T/l" --report "$T/r" --json /dev/fd/3 -- \
	sh -c 'ls /proc/self/fd' 3>"$T/j" | sort | tr '\n' ' ')
[ "$want" = "$got" ] || fail "open files: untraced [$want], traced [$got]"
exit 0
