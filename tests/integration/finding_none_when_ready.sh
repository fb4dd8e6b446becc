# SPDX-License-Identifier: MIT
# Phase 2, the fixed tar race: the victim installs its handler before it
# says it is running.  The signal is handled: no default-disposition
# finding at all.
. "$TESTLIB"
skip_unless_ptrace

J=$T/log.json
trace_json "$J" -- "$FIXTURES/tar_race" --safe
assert_rc 0
assert_output "parent: started victim
parent: sending SIGUSR1
victim: Total bytes read: 10240 (10KiB, 1.2GiB/s)
victim: extraction done
parent: victim exited 0"

assert_jq "$J" 'any(signals; .pid == $ids.victim and .signal == "SIGUSR1"
	and .disposition.kind == "handler")' 'SIGUSR1 reaches the handler'
assert_jq "$J" 'count(dd_findings) == 0' 'no default-disposition finding'
exit 0
