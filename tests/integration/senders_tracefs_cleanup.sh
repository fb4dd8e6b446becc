# SPDX-License-Identifier: MIT
# Issue 16: sigtrace --senders=tracefs never leaves its tracefs instance
# behind: it is removed when sigtrace ends on SIGTERM or SIGINT; after a
# SIGKILL it stays, and the next sigtrace removes it.
. "$TESTLIB"
skip_unless_ptrace
. "$(dirname "$TESTLIB")/sender_lib.sh"

need_kind tracefs
root=$(tracefs_root)
[ -n "$root" ] || fail "the tracefs back end runs but tracefs is not mounted"

# attach: sigtrace --senders=tracefs on the target; sets $instance.
attach() {
	attach_in_background "$T/log.json" --senders=tracefs
	instance=$(ls -d "$root/instances/sigtrace-$tracer-"* 2>/dev/null)
	[ -n "$instance" ] && [ -d "$instance" ] ||
		fail "no instance sigtrace-$tracer-* under $root/instances"
}

start_target daemon
for sig in TERM INT; do
	attach
	kill -"$sig" "$tracer"
	wait "$tracer"
	[ ! -d "$instance" ] || fail "$instance left behind after SIG$sig"
done
attach
kill -KILL "$tracer"
wait "$tracer"
stale=$instance
[ -d "$stale" ] || fail "a SIGKILLed sigtrace's instance vanished by itself"
attach
[ ! -d "$stale" ] || fail "the next sigtrace did not remove the stale $stale"
kill -TERM "$tracer"
wait "$tracer"
[ ! -d "$instance" ] || fail "$instance left behind"
stop_target
