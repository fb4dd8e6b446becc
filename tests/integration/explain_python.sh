# SPDX-License-Identifier: MIT
# Issue 15, item 1, on Python 3 (Debian package python3-minimal): ^C
# raises KeyboardInterrupt; when nothing catches it, the interpreter
# prints the traceback, restores SIG_DFL and kills itself with SIGINT so
# that its parent sees a death by SIGINT.
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace
if [ -x /usr/bin/python3 ]; then
	PY=/usr/bin/python3
else
	PY=$(command -v python3) || skip "python3 is not installed (Debian package python3-minimal)"
fi

J=$T/log.json
# A ^C that lands after the interpreter's last look at its signal flag
# and before it enters the sleep is only acted on when the sleep ends
# (CPython's own race, traced or not; seen here under load, the log
# saying "=> handler" and no "in clock_nanosleep()"): short sleeps in a
# loop bound that wait, and the outcome is the same.
at_terminal "$J" intr "killed by SIGINT" -- \
	"$PY" -c 'import time
print("ready", flush=True)
while True: time.sleep(0.05)'
grep -q 'KeyboardInterrupt' "$out_file" ||
	{ show_file "$out_file" stdout; fail "no KeyboardInterrupt"; }
assert_jq "$J" '[signals | select(.signal == "SIGINT" and .pid ==
	$ids.command)] | length == 2 and .[0].origin == "terminal"
	and .[0].disposition.kind == "handler" and .[1].origin == "reraise"
	and .[1].reraise_of.origin == "terminal"' \
	'^C ran the handler, then python re-raised SIGINT'
assert_jq "$J" 'count(problems | select(.pid == $ids.command)) == 0' \
	'nothing about python is ranked as a problem'
assert_verdict "$err_file" "$(fixture_id command)" \
	'killed by SIGINT.* from the terminal \(\^C\): its handler ran, then it re-raised SIGINT' \
	"python's verdict"
exit 0
