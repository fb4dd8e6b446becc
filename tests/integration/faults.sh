# SPDX-License-Identifier: MIT
# Issue 9: faults around the trace.
# - the traced process is killed with SIGKILL by someone else: reported,
#   and sigtrace exits with 128+9;
# - SIGTERM to sigtrace while attached: a clean detach, the log complete;
# - a traced exec of a set-user-ID program: reported (the kernel does not
#   elevate it under ptrace).
. "$TESTLIB"
skip_unless_ptrace

# Spawned daemon killed from outside.
J=$T/kill.json
: >"$FIXTURE_IDS"
"$SIGTRACE" --json "$J" -- "$FIXTURES/attach_target" daemon >/dev/null 2>"$T/err" &
tracer=$!
_w=0
until grep -q '^ready=1' "$FIXTURE_IDS" 2>/dev/null; do
	_w=$((_w + 1)); [ $_w -lt 3000 ] || fail "daemon not ready"; sleep 0.01
done
kill -KILL "$(fixture_id target)"
wait "$tracer"
rc=$?
[ "$rc" -eq 137 ] || { show_file "$T/err" stderr; fail "sigtrace exited $rc, expected 137"; }
err_file=$T/err
assert_jq "$J" 'any(exits; .pid == $ids.target and .signal == "SIGKILL")' \
	'the death by SIGKILL is reported'
assert_jq "$J" '.[-1].type == "trace_end" and .[-1].exit_status == 137' \
	'trace_end says 137'

# SIGTERM to an attached sigtrace: detach, complete log, process lives.
start_target daemon
J=$T/term.json
attach_in_background "$J" --report "$T/term.report"
kill -TERM "$tracer"
wait "$tracer"
rc=$?
[ "$rc" -eq 0 ] || { show_file "$T/err" stderr; fail "SIGTERM: sigtrace exited $rc"; }
wait_no_tracer "$target"
kill -USR1 "$target"
sleep 0.1
stop_target
[ "$(cat "$T/target.out")" = "usr1 handled 1" ] || fail "daemon after detach: $(cat "$T/target.out")"
assert_jq "$J" 'any(ev("detach"); .pid == $ids.target) and .[-1].type == "trace_end"' \
	'detach and trace_end after SIGTERM'
grep -q "still running" "$T/term.report" ||
	{ show_file "$T/term.report" report; fail "no report written after SIGTERM"; }

# A set-user-ID program exec'd under trace, by an unprivileged user.
suid=
for f in /usr/bin/mount /bin/mount /usr/bin/su /usr/bin/passwd; do
	[ -u "$f" ] && { suid=$f; break; }
done
if [ -n "$suid" ] && [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
	chmod 777 "$T"
	J=$T/suid.json
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SIGTRACE" --json "$J" -- "$suid" --version >/dev/null 2>"$T/err"
	err_file=$T/err
	assert_jq "$J" 'any(ev("warning"); .message | test("set-uID program.*WITHOUT"))' \
		"the exec of $suid is reported as not elevated"
else
	note "no set-user-ID program or not root: setuid case not checked"
fi
exit 0
