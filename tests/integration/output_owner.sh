# SPDX-License-Identifier: MIT
# Issue 17, item 10: the logs hold every traced command line, so they end
# up mode 0600 whether new or reused, and sigtrace never writes into a
# file that another user owns (planted in a shared directory to read
# root's log): it refuses, and leaves that file as it was.
. "$TESTLIB"
skip_unless_ptrace

mode_of() { stat -c %a "$1"; }

# A file of our own, reused: truncated, and 0600 afterwards.
for opt in -o --json --report; do
	printf 'old\n' >"$T/own"
	chmod 0644 "$T/own"
	"$SIGTRACE" -q $opt "$T/own" -- true >/dev/null 2>"$T/err" ||
		{ show_file "$T/err" stderr; fail "$opt into a file of our own failed"; }
	[ "$(mode_of "$T/own")" = 600 ] || fail "$opt: a reused log is mode $(mode_of "$T/own"), not 600"
	grep -qx old "$T/own" && fail "$opt: the reused log was not truncated"
done
rm -f "$T/new"
"$SIGTRACE" -q -o "$T/new" -- true 2>"$T/err" || fail "-o into a new file failed"
[ "$(mode_of "$T/new")" = 600 ] || fail "a new log is mode $(mode_of "$T/new")"

# A file planted by another user in a sticky, world-writable directory.
[ "$(id -u)" -eq 0 ] || { note "not root: the planted-file case is not run"; exit 0; }
command -v setpriv >/dev/null 2>&1 || { note "no setpriv: the planted-file case is not run"; exit 0; }
nobody=$(id -u nobody 2>/dev/null) || { note "no user nobody"; exit 0; }
chmod 0711 "$T"
mkdir -m 1777 "$T/shared"
as_nobody() {
	setpriv --reuid="$nobody" --regid="$nobody" --clear-groups -- "$@"
}
for opt in -o --json --report; do
	rm -f "$T/shared/log"
	as_nobody sh -c "umask 0; printf 'planted\n' >'$T/shared/log'" ||
		fail "cannot plant a file as nobody"
	"$SIGTRACE" -q $opt "$T/shared/log" -- true >/dev/null 2>"$T/err"
	st=$?
	[ "$st" -ne 0 ] || fail "$opt: sigtrace wrote its log into a file that nobody owns"
	[ "$(wc -l <"$T/err")" -eq 1 ] || { show_file "$T/err" stderr; fail "$opt: expected one error line"; }
	[ "$(cat "$T/shared/log")" = planted ] ||
		fail "$opt: the other user's file was changed"
	[ "$(stat -c %u "$T/shared/log")" = "$nobody" ] || fail "$opt: the file changed owner"
done
exit 0
