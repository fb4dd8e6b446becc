# SPDX-License-Identifier: MIT
# Issue 16, the logrotate story in attach mode: a daemon is attached; a
# logrotate run's postrotate script (/bin/sh -c "/bin/kill -USR1 PID")
# signals it.  kill, sh and logrotate have all exited before the delivery
# is seen: the kernel observer names them all, kill <- sh <- logrotate.
. "$TESTLIB"
skip_unless_ptrace
. "$(dirname "$TESTLIB")/sender_lib.sh"

kernel_kind
# A logrotate: its comm is its file name.
cat >"$T/logrotate" <<'SCRIPT'
#!/bin/sh
/bin/sh -c "/bin/kill -USR1 $1 || true"
SCRIPT
chmod +x "$T/logrotate"
start_target daemon
attach_in_background "$T/log.json"
"$T/logrotate" "$target"
detach_after_usr1
assert_jq "$T/log.json" "first(signals | select(.signal == \"SIGUSR1\")) |
	.sender.comm == \"kill\" and
	.sender.cmdline == [\"/bin/kill\", \"-USR1\", \"$target\"] and
	[.sender.chain[0:2][].comm] == [\"sh\", \"logrotate\"] and
	.sender.source == \"$kind\"" \
	'the sender is kill <- sh <- logrotate, all gone, named at send time'
