# SPDX-License-Identifier: MIT
# Spawn mode: signals sent to the whole process group (terminal hangup,
# `kill -TERM -PGID`, a service manager's stop) reach the command as they
# would untraced, and the command decides: a graceful SIGTERM handler runs
# and the command exits normally, traced; under nohup a SIGHUP is ignored
# by the command (and by sigtrace).  sigtrace keeps tracing until the
# command ends.
. "$TESTLIB"
skip_unless_ptrace
command -v setsid >/dev/null 2>&1 || skip "setsid is not installed"

# run_group NOHUP SIGNALS...: the daemon fixture under sigtrace in a new
# session; each signal goes to the whole group; then SIGTERM ends it.
run_group() {
	nohup_cmd=$1
	shift
	: >"$FIXTURE_IDS"
	rm -f "$T/log.json"
	setsid $nohup_cmd "$SIGTRACE" -q -o /dev/null --json "$T/log.json" -- \
		"$FIXTURES/attach_target" daemon >"$T/out" 2>"$T/err" &
	leader=$!
	_w=0
	until grep -q '^ready=1' "$FIXTURE_IDS" 2>/dev/null; do
		_w=$((_w + 1)); [ $_w -lt 3000 ] || fail "not ready"; sleep 0.01
	done
	for s in "$@"; do
		/bin/kill -s "$s" -- -"$leader"
		sleep 0.3
	done
	wait "$leader"
	rc=$?
}

run_group "" TERM
[ "$rc" -eq 0 ] || { show_file "$T/err" stderr; fail "SIGTERM to the group: sigtrace exited $rc"; }
grep -q "usr1 handled 0" "$T/out" || fail "the command's SIGTERM handler did not run to a normal exit"
err_file=$T/err
assert_jq "$T/log.json" 'any(signals; .signal == "SIGTERM" and .pid == $ids.target
	and .disposition.kind == "handler") and any(exits; .pid == $ids.target and .code == 0)' \
	'SIGTERM delivered to the handler, the command exited 0'

if command -v nohup >/dev/null 2>&1; then
	run_group nohup HUP TERM
	[ "$rc" -eq 0 ] || { show_file "$T/err" stderr; fail "nohup + SIGHUP: sigtrace exited $rc"; }
	grep -q "usr1 handled 0" "$T/out" "$T/err" nohup.out 2>/dev/null ||
		{ show_file "$T/out" stdout; fail "under nohup the command did not survive SIGHUP"; }
	rm -f nohup.out
	assert_jq "$T/log.json" 'any(exits; .pid == $ids.target and .code == 0)' \
		'under nohup, SIGHUP is ignored and the command exits normally'
fi
exit 0
