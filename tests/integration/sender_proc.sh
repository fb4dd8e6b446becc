# SPDX-License-Identifier: MIT
# The proc back end names a sender only while /proc has it: a zombie
# keeps its comm and parent; a reaped one is not named (not guessed).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/sender_lib.sh"

probe proc zombie
expect '$p.named and $p.source == "proc" and $p.pid == $p.from_pid and
	$p.comm == "kill" and $p.zombie and $p.cmdline == [] and
	$p.ppid == $p.prober' 'a zombie sender is named by /proc'

probe proc blocked
expect '$p.named == false' 'a reaped sender is not named by /proc'
