# SPDX-License-Identifier: MIT
# Issue 17, item 18: other processes' names reach sigtrace's error
# messages too ("already traced by pid N (NAME)", "is a zombie"): they
# are escaped there as in the logs, so no escape sequence or BEL reaches
# the terminal.
. "$TESTLIB"
. "${TESTLIB%lib.sh}safety_lib.sh"
skip_unless_ptrace

ESC=$(printf '\033') BEL=$(printf '\007')
for mode in traced zombie; do
	: >"$FIXTURE_IDS"
	"$FIXTURES/hostile_target" "$mode" >/dev/null 2>&1 &
	holder=$!
	kill_on_exit "$holder"
	wait_id ready 1
	target=$(fixture_id target)
	"$SIGTRACE" -p "$target" >"$T/out" 2>"$T/err"
	st=$?
	kill -TERM "$holder"
	wait "$holder"
	[ "$st" -eq 1 ] || { show_file "$T/err" stderr; fail "$mode: exit status $st, expected 1"; }
	if grep -q "[$ESC$BEL]" "$T/err"; then
		fail "$mode: an escape sequence or BEL reached the terminal in the error message"
	fi
	grep -q '\\x1b' "$T/err" ||
		{ show_file "$T/err" stderr; fail "$mode: the hostile name is not shown escaped"; }
done
exit 0
