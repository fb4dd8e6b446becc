# SPDX-License-Identifier: MIT
# Issue 17, item 11: output paths that are symbolic links.  The ordinary
# ones work: -o /dev/stdout, --json /dev/fd/N (a shell's process
# substitution, >(gzip > t.jsonl.gz)), report -o /dev/stdout.  (A JSON
# log on the spawned command's own stdout, --json /dev/fd/1 as --json -,
# is refused for another reason: json_stdout.sh.)  Refused,
# as the kernel's fs.protected_symlinks does (whether or not it is on):
# a link in a sticky world-writable directory that neither we nor the
# directory's owner own, i.e. one planted there for us to follow.
. "$TESTLIB"
skip_unless_ptrace

"$SIGTRACE" -q -o /dev/stdout -- true >"$T/out" 2>"$T/err" ||
	{ show_file "$T/err" stderr; fail "-o /dev/stdout was refused"; }
grep -q 'sigtrace summary' "$T/out" || fail "-o /dev/stdout: no summary on stdout"

"$SIGTRACE" -q -o /dev/null --json /dev/fd/4 -- true 4>"$T/fd4.json" 2>"$T/err" ||
	{ show_file "$T/err" stderr; fail "--json /dev/fd/4 was refused"; }
"$JQ" -s -e '.[-1].type == "trace_end"' "$T/fd4.json" >/dev/null ||
	fail "--json /dev/fd/4: not a whole log"

# A pipe on descriptor 3, as >(consumer) gives.
{ "$SIGTRACE" -q --json /dev/fd/3 -- true 3>&1 >/dev/null 2>"$T/err"; echo $? >"$T/st"; } |
	cat >"$T/pipe.json"
[ "$(cat "$T/st")" -eq 0 ] || { show_file "$T/err" stderr; fail "--json /dev/fd/3 (a pipe) was refused"; }
"$JQ" -s -e '.[-1].type == "trace_end"' "$T/pipe.json" >/dev/null ||
	fail "--json /dev/fd/3: not a whole log"

"$SIGTRACE" report "$T/fd4.json" -o /dev/stdout >"$T/report" 2>"$T/err" ||
	{ show_file "$T/err" stderr; fail "report -o /dev/stdout was refused"; }
[ -s "$T/report" ] || fail "report -o /dev/stdout wrote nothing"

# Our own link in a sticky world-writable directory: followed.
mkdir -m 1777 "$T/shared"
ln -s "$T/mine.json" "$T/shared/mine"
"$SIGTRACE" -q --json "$T/shared/mine" -- true 2>"$T/err" ||
	{ show_file "$T/err" stderr; fail "our own link in a sticky directory was refused"; }
[ -s "$T/mine.json" ] || fail "the log did not go through our own link"

[ "$(id -u)" -eq 0 ] || { note "not root: the planted-link case is not run"; exit 0; }
command -v setpriv >/dev/null 2>&1 || { note "no setpriv: the planted-link case is not run"; exit 0; }
nobody=$(id -u nobody 2>/dev/null) || { note "no user nobody"; exit 0; }
chmod 0711 "$T"
printf 'precious\n' >"$T/precious"
for opt in -o --json --report; do
	rm -f "$T/shared/log"
	setpriv --reuid="$nobody" --regid="$nobody" --clear-groups -- \
		ln -s "$T/precious" "$T/shared/log" || fail "cannot plant a link as nobody"
	"$SIGTRACE" -q $opt "$T/shared/log" -- true >/dev/null 2>"$T/err"
	st=$?
	[ "$st" -ne 0 ] || fail "$opt: sigtrace followed a link planted in a sticky directory"
	[ "$(wc -l <"$T/err")" -eq 1 ] || { show_file "$T/err" stderr; fail "$opt: expected one error line"; }
	[ "$(cat "$T/precious")" = precious ] || fail "$opt: the link's target was changed"
done
# The same link in a directory that is not sticky: followed, as the
# kernel would.
mkdir -m 0777 "$T/plain"
setpriv --reuid="$nobody" --regid="$nobody" --clear-groups -- \
	ln -s "$T/plain.json" "$T/plain/log" || fail "cannot make a link as nobody"
chmod 0755 "$T/plain"
"$SIGTRACE" -q --json "$T/plain/log" -- true 2>"$T/err" ||
	{ show_file "$T/err" stderr; fail "a link in a directory that is not sticky was refused"; }
exit 0
