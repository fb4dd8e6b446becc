# SPDX-License-Identifier: MIT
# Issue 17, item 9: one file named for two outputs (-o, --json, --report,
# `report -o` and its input log), under the same or another spelling,
# would be written twice from two offsets and end up corrupted, or be
# truncated before it is read.  One usage error line, exit status 2,
# nothing traced and nothing written.  Two outputs to /dev/null (or any
# character device, which has no offset) are fine.
. "$TESTLIB"
skip_unless_ptrace

# clash ARGS...: sigtrace refuses ARGS with one usage error, runs no
# command, writes no file.
clash() {
	rm -f "$T/marker"
	"$SIGTRACE" "$@" -- sh -c ": >'$T/marker'" >"$T/out" 2>"$T/err"
	st=$?
	[ "$st" -eq 2 ] || { show_file "$T/err" stderr; fail "sigtrace $*: exit status $st, expected 2"; }
	[ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^sigtrace: ' "$T/err" ||
		{ show_file "$T/err" stderr; fail "sigtrace $*: expected one error line"; }
	[ ! -e "$T/marker" ] || fail "sigtrace $*: the command ran anyway"
}

cd "$T" || fail "cd"
clash -o "$T/f" --json "$T/f"
[ ! -e "$T/f" ] || fail "the clashing file was created"
clash --json "$T/g" --report "$T/g"
clash -o "$T/h" --json ./h
printf 'keep\n' >"$T/old"
clash --json "$T/old" --report "$T/old"
[ "$(cat "$T/old")" = keep ] || fail "a clashing existing file was truncated"
ln -s "$T/old" "$T/link"
clash -o "$T/old" --json "$T/link"
[ "$(cat "$T/old")" = keep ] || fail "a file reached through a link was truncated"

"$SIGTRACE" -q -o /dev/null --json /dev/null -- true >"$T/out" 2>"$T/err" ||
	{ show_file "$T/err" stderr; fail "two outputs to /dev/null were refused"; }

# `sigtrace report LOG -o LOG` would truncate the log before reading it.
"$SIGTRACE" -q -o /dev/null --json "$T/log.json" -- true ||
	fail "sigtrace -- true failed"
cp "$T/log.json" "$T/log.copy"
"$SIGTRACE" report "$T/log.json" -o "$T/log.json" >"$T/out" 2>"$T/err"
st=$?
[ "$st" -eq 2 ] || { show_file "$T/err" stderr; fail "report LOG -o LOG: exit status $st, expected 2"; }
cmp -s "$T/log.json" "$T/log.copy" || fail "report LOG -o LOG destroyed the log"
exit 0
