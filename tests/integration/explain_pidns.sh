# SPDX-License-Identifier: MIT
# Issue 15, item 3: pid namespaces.  si_pid is the sender's pid in the
# receiver's namespace: sigtrace translates it (NSpid) to the process it
# traces and shows both ids; si_pid 0 with SI_USER means "from outside
# the namespace".  A namespace's init with SIGTERM at SIG_DFL survives a
# SIGTERM (the kernel drops it after the delivery stop): no "killed".
# Needs CAP_SYS_ADMIN.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace
skip_unless_privileged "$FIXTURES/pidns" inside

J=$T/inside.json
trace_json "$J" -- "$FIXTURES/pidns" inside
assert_rc 0
assert_output "victim killed by SIGUSR1"
assert_jq "$J" 'last_signal($ids.victim; "SIGUSR1") | .origin == "process"
	and .sender.pid == $ids.init and .sender.ns_pid == 1
	and .sender.comm == "pidns"' \
	'inside: si_pid 1 is the namespace init, not the host pid 1'
assert_jq "$J" 'any(signals; .pid == $ids.init and .signal == "SIGCHLD"
	and .sender.pid == $ids.victim and .sender.ns_pid == 2)' \
	"inside: the init's SIGCHLD names the victim by both ids"
assert_verdict "$err_file" "$(fixture_id victim)" \
	"killed by SIGUSR1.* from $(fixture_id init) \(pid 1 in its namespace\) pidns" \
	'inside: the verdict shows both ids'

J=$T/outside.json
trace_json "$J" -- "$FIXTURES/pidns" outside
assert_rc 0
assert_jq "$J" 'last_signal($ids.victim; "SIGUSR1") | .origin ==
	"outside_namespace" and .code == "SI_USER" and (.sender.pid | not)' \
	'outside: from outside the pid namespace, no pid claimed'
assert_verdict "$err_file" "$(fixture_id victim)" \
	'killed by SIGUSR1.* from outside its pid namespace' 'outside: verdict'

for mode in init init_outside; do
	J=$T/$mode.json
	trace_json "$J" -- "$FIXTURES/pidns" "$mode"
	assert_rc 0
	assert_output "init survived SIGTERM"
	assert_jq "$J" 'last_signal($ids.init; "SIGTERM") | .dropped ==
		"pid_namespace_init" and .disposition.kind == "default"' \
		"$mode: the SIGTERM to the init is dropped by the kernel"
	assert_jq "$J" 'count(dd_findings | select(.pid == $ids.init)) == 0
		and any(exits; .pid == $ids.init and .code == 0)' \
		"$mode: no finding says it killed the init, which exited 0"
	assert_summary_lacks "$err_file" 'SIGTERM killed' "$mode: summary"
done

# The container's own shell (pid 1 there) signals its job.
command -v unshare >/dev/null 2>&1 || exit 0
host_init=$(cat /proc/1/comm)
[ "$host_init" != sh ] || host_init="(host init is sh)"
J=$T/sh.json
trace_json "$J" -- unshare --pid --fork sh -c "$FIXTURES/tty_victim plain & kill -USR1 \$!; wait"
assert_rc 0
assert_jq "$J" '(ev("exec") | select(.argv[0] == "sh") | .pid) as $sh |
	any(signals; .signal == "SIGUSR1" and .sender.pid == $sh
	    and .sender.ns_pid == 1 and .sender.comm == "sh")
	and all(signals | select(.sender.comm); .sender.comm != "'"$host_init"'"
	    and (.sender.comm | test("^kworker|^kthreadd") | not))' \
	"sh as a namespace's pid 1: named as the host's sh, never host pid 1"
exit 0
