# SPDX-License-Identifier: MIT
# Issue 5: attach to a process that keeps creating threads: every thread
# is seized (new ones through clone events), deliveries to them are seen,
# and the process runs on after the detach.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
start_target threads
"$SIGTRACE" -p "$target" --json "$J" --duration 1 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] || { show_file "$T/err" stderr; fail "sigtrace exited $rc"; }
wait_no_tracer "$target"
stop_target
[ "$target_rc" -eq 0 ] || fail "the target exited $target_rc"
[ "$(cat "$T/target.out")" = "threads ok" ] ||
	fail "target said: $(cat "$T/target.out")"
err_file=$T/err
assert_jq "$J" 'count(ev("fork") | select(.pid == $ids.target and .thread)) > 0' \
	'threads created after the attach are followed'
assert_jq "$J" 'any(ev("detach"); .pid == $ids.target)' 'detached at the end'
exit 0
