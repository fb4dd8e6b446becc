# SPDX-License-Identifier: MIT
# Phase 2: a stop signal before the handler exists.  SIGTSTP (from
# /bin/kill) stops the victim, which has no SIGTSTP handler yet; the parent
# sees it stopped and continues it; the victim then installs its handler:
# finding effect stopped, cause installed_later.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/tar_race" --tstp
assert_rc 0
assert_output "parent: started victim
parent: sending SIGTSTP
parent: victim stopped by SIGTSTP
victim: SIGTSTP handler installed
parent: victim exited 0"

assert_jq "$J" 'any(signals; .pid == $ids.victim and .signal == "SIGTSTP"
	and .disposition.kind == "default" and .disposition.action == "stop")' \
	'SIGTSTP delivered under the default disposition (stop)'
assert_jq "$J" 'any(dd_findings; .pid == $ids.victim and .signal == "SIGTSTP"
	and .effect == "stopped" and .cause == "installed_later"
	and (.install_mono_ns | type) == "number")' \
	'finding: SIGTSTP stopped the victim, the handler was installed later'
assert_jq "$J" 'all(dd_findings | select(.signal == "SIGTSTP");
	.cause != "never_installed")' \
	'no contradicting never_installed finding for SIGTSTP'
assert_jq "$J" 'count(dd_findings | select(.signal != "SIGTSTP")) == 0' \
	'no other default-disposition finding (SIGCONT continues, no harm)'
exit 0
