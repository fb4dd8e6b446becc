# SPDX-License-Identifier: MIT
# Issue 17, item 16: an attach that the kernel refuses (EPERM: another
# user's process) gives one error line and exit status 1, without an
# "attached to pid N" line before it: nothing was attached.  Run as
# nobody against a root process (or, not as root, against pid 1).
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

if [ "$(id -u)" -eq 0 ]; then
	command -v setpriv >/dev/null 2>&1 || skip "no setpriv"
	nobody=$(id -u nobody 2>/dev/null) || skip "no user nobody"
	watched_target daemon
	run_as="setpriv --reuid=$nobody --regid=$nobody --clear-groups --"
	# nobody must reach the binaries
	$run_as test -x "$SIGTRACE" || skip "nobody cannot run $SIGTRACE"
else
	target=1
	[ "$(stat -c %u /proc/1)" -eq 0 ] || skip "pid 1 is not root's"
	run_as=
fi
$run_as "$SIGTRACE" -p "$target" >"$T/out" 2>"$T/err"
rc=$?
err_file=$T/err
assert_rc 1 "an attach refused with EPERM"
[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^sigtrace: pid $target.*permission" "$T/err" ||
	{ show_file "$T/err" stderr; fail "expected exactly one line, the permission error"; }
exit 0
