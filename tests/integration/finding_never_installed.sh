# SPDX-License-Identifier: MIT
# Phase 2, seed 000: the tar race.  SIGUSR1 arrives before the victim ever
# installed its handler and kills it: one default_disposition finding,
# effect killed, cause never_installed, naming the kill process.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/tar_race"
assert_rc 0
assert_output "parent: started victim
parent: sending SIGUSR1
parent: victim killed by SIGUSR1"

assert_jq "$J" 'any(dd_findings; .pid == $ids.victim and .signal == "SIGUSR1"
	and .signo == 10 and .code == "SI_USER" and .effect == "killed"
	and .cause == "never_installed")' \
	'finding: SIGUSR1 killed the victim, handler never installed'
assert_jq "$J" '[signals | select(.pid == $ids.victim and .signal == "SIGUSR1")
	| .sender.pid][0] as $s | any(dd_findings; .pid == $ids.victim
	and .sender.pid == $s and .sender.comm == "kill")' \
	'the finding names the sender: the kill process'
assert_jq "$J" 'any(dd_findings; .pid == $ids.victim
	and (.exec_mono_ns | type) == "number"
	and (.exec_path | endswith("/tar_race")))' \
	'the finding gives the race window: when the victim was exec-ed'
assert_jq "$J" 'count(dd_findings) == 1' 'exactly one such finding'
exit 0
