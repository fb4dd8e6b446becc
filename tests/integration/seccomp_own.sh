# SPDX-License-Identifier: MIT
# Issue 17, item 7: a program with its own SECCOMP_RET_TRACE filter.
# Without a tracer the filtered call fails with ENOSYS; under sigtrace it
# must too.  sigtrace tells its own seccomp stops from the program's by
# the filter's return data (PTRACE_GETEVENTMSG; of two RET_TRACE filters
# the later one's data wins: kfacts seccomp) and for the program's does
# what the kernel does with no tracer.  The sigaction case is a call
# that sigtrace's own filter traces too.
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

J=$T/log.json
for mode in getppid sigaction; do
	same_as_untraced "$J" "$FIXTURES/own_seccomp" "$mode"
	grep -q 'failed: ENOSYS' "$plain_out" ||
		{ show_file "$plain_out" stdout; fail "untraced $mode: no ENOSYS (this kernel differs)"; }
done
exit 0
