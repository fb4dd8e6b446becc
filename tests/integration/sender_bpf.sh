# SPDX-License-Identifier: MIT
# The bpf back end names a sender that exits at once, at send time: comm,
# command line, parents (the shell that ran kill(1)), and what the kernel
# did with the signal (delivered to a sigwaitinfo; dropped when ignored).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/sender_lib.sh"

probe bpf blocked sh -c '/bin/kill -USR1 %p; true'
expect '$p.named and $p.source == "bpf" and $p.backend == "bpf"' \
	'the bpf back end named the sender'
expect '$p.pid == $p.from_pid and $p.comm == "kill" and
	$p.cmdline == ["/bin/kill", "-USR1", ($p.victim | tostring)]' \
	'the sender is /bin/kill with its command line'
expect '$p.chain == [{pid: $p.child, comm: "sh"}] and
	$p.chain_end == "observer"' 'kill <- sh, up to the observer'
expect '$p.result == "delivered" and $p.uid == 0' \
	'the kernel delivered it; the sender is root'

probe bpf ignored
expect '$p.named and $p.result == "ignored" and $p.comm == "kill" and
	$p.pid == $p.child' 'an ignored signal is seen with its sender'
