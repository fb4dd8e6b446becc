# SPDX-License-Identifier: MIT
# Seed 000: tar is sent SIGUSR1 (by /bin/kill, run by a shell) before it
# installed its --totals handler, and dies.  The delivery shows the default
# disposition (term), the sender is the kill process, the victim's exit
# says SIGUSR1.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/tar_race"
assert_rc 0
assert_output "parent: started victim
parent: sending SIGUSR1
parent: victim killed by SIGUSR1"

assert_jq "$J" 'any(ev("exec"); .pid == $ids.victim
	and (.path | endswith("/tar_race")))' \
	'the victim re-executes tar_race'
assert_jq "$J" 'any(signals; .pid == $ids.victim and .signal == "SIGUSR1"
	and .code == "SI_USER" and .disposition.kind == "default"
	and .disposition.action == "term" and .sender.comm == "kill")' \
	'SIGUSR1 from kill reaches the victim with the default disposition'
assert_jq "$J" '[signals | select(.pid == $ids.victim and .signal == "SIGUSR1")
	| .sender.pid][0] as $s | any(ev("exec"); .pid == $s
	and (.path | endswith("/kill")))' \
	'the sender pid is the process that exec-ed /bin/kill'
assert_jq "$J" 'any(exits; .pid == $ids.victim and .signal == "SIGUSR1"
	and .signo == 10)' 'the victim exit event says SIGUSR1 killed it'
assert_jq "$J" 'any(exits; .pid == $ids.parent and .code == 0)' \
	'the parent exits 0'
exit 0
