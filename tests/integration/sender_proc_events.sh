# SPDX-License-Identifier: MIT
# The proc-events back end sees no signal, but remembers recent processes:
# a sender that exited and was reaped is still named by its pid, with its
# parents; a rename (prctl) is in the event itself.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/sender_lib.sh"

probe proc-events renamed
expect '$p.named and $p.source == "proc-events" and
	$p.pid == $p.from_pid and $p.comm == "sigsender" and
	$p.ppid == $p.prober and $p.chain_end == "observer"' \
	'a reaped sender, renamed, named from the process events'

# Its command line is read at the exec event, a race with kill(1)'s
# exit that the listener usually wins: the parents are always known.
probe proc-events blocked sh -c '/bin/kill -USR1 %p; true'
expect '$p.named and $p.pid == $p.from_pid and
	($p.comm == "kill" or $p.comm == "") and
	$p.chain[0] == {pid: $p.child, comm: "sh"}' \
	'a reaped kill(1) named by pid, with its parent shell'

probe proc-events ignored
expect '$p.named == false' 'no signal is seen sent'
