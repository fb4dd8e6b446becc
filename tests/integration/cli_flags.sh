# SPDX-License-Identifier: MIT
# Issue 11: one integration test per flag family, as a strace user types
# them: -t/-tt/-ttt/-r/--time, -e signal=, -s, -v, -q, -c, -o, --json -.
. "$TESTLIB"
skip_unless_ptrace

run() { "$SIGTRACE" "$@" >"$T/out" 2>"$T/err"; }
sig_line() { grep -- '--- SIGUSR1 ' "$1" | head -n 1; }

# Time formats, on the SIGUSR1 delivery line.
run -o "$T/l" -- "$FIXTURES/handled_usr1"
sig_line "$T/l" | grep -qE '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} [0-9]+ ' || fail "default: HH:MM:SS.us"
run -tt -o "$T/l" -- "$FIXTURES/handled_usr1"
sig_line "$T/l" | grep -qE '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} ' || fail "-tt"
run -ttt -o "$T/l" -- "$FIXTURES/handled_usr1"
sig_line "$T/l" | grep -qE '^[0-9]{10}\.[0-9]{6} ' || fail "-ttt: epoch seconds"
run -r -o "$T/l" -- "$FIXTURES/handled_usr1"
sig_line "$T/l" | grep -qE '^ *\+?[0-9]+\.[0-9]{6} ' || { show_file "$T/l" log; fail "-r: relative"; }
run --time=iso --time-ns -o "$T/l" -- "$FIXTURES/handled_usr1"
sig_line "$T/l" | grep -qE '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{9}Z ' || fail "--time=iso --time-ns"
run --time=none -o "$T/l" -- "$FIXTURES/handled_usr1"
sig_line "$T/l" | grep -qE '^[0-9]+ \(handled_usr1\) ---' || fail "--time=none"

# -e signal=SET: the text and JSON logs show only the chosen signals.
run -e signal=CHLD -o "$T/l" --json "$T/j" -- "$FIXTURES/sigchld"
grep -q -- '--- SIGCHLD ' "$T/l" || fail "-e signal=CHLD hides SIGCHLD"
"$JQ" -e -s 'all(.[] | select(.type == "signal"); .signal == "SIGCHLD")' "$T/j" >/dev/null ||
	fail "-e signal=CHLD let another signal into the JSON log"
run -e 'signal=!CHLD' -o "$T/l" -- "$FIXTURES/sigchld"
if grep -q -- '--- SIGCHLD ' "$T/l"; then fail "-e signal=!CHLD shows SIGCHLD"; fi

# -s: strings cut at N bytes with "..."
run -s 4 -o "$T/l" -- "$FIXTURES/handled_usr1"
grep -qE '\+\+\+ exec "[^"]{4}"\.\.\. ' "$T/l" || { show_file "$T/l" log; fail "-s 4 does not cut strings"; }

# -v shows restarts and interrupted calls; without it they are hidden.
run -o "$T/l" -- "$FIXTURES/eintr_read" --restart
if grep -q 'restarted after' "$T/l"; then fail "restarts shown without -v"; fi
run -v -o "$T/l" -- "$FIXTURES/eintr_read" --restart
grep -q 'read() restarted after SIGALRM' "$T/l" || fail "-v does not show the restart"

# -q: no start line.
run -q -o "$T/l" -- "$FIXTURES/handled_usr1"
if grep -q 'sigtrace .*: tracing' "$T/l"; then fail "-q still prints the start line"; fi
grep -q -- '--- SIGUSR1 ' "$T/l" || fail "-q hid the events"

# -c: no event log, only the summary.
run -c -- "$FIXTURES/tar_race"
if grep -q -- '--- SIGUSR1 ' "$T/err"; then fail "-c printed events"; fi
grep -q 'sigtrace summary' "$T/err" || fail "-c printed no summary"

# --json /dev/fd/N: JSON Lines on a descriptor the shell opened (spawn
# mode refuses --json - itself: the command's output would mix in).
"$SIGTRACE" -o /dev/null --json /dev/fd/3 -- "$FIXTURES/handled_usr1" \
	3>"$T/out" >/dev/null 2>&1
grep -q '^{"v":1,"type":"trace_start"' "$T/out" || fail "--json /dev/fd/3 wrote nothing to descriptor 3"

# Log files: mode 0600, never through a symlink.
run -o "$T/mode.txt" --json "$T/mode.json" -- /bin/true
[ "$(stat -c %a "$T/mode.txt")" = 600 ] && [ "$(stat -c %a "$T/mode.json")" = 600 ] ||
	fail "logs are not created 0600"

# --help fits a screen and lists the strace flags; --version.
"$SIGTRACE" --help >"$T/help"
for f in -o --json -e -t -ttt -r -k -c -v -q -s -p -f --no-follow; do
	grep -q -- " $f" "$T/help" || fail "--help does not list $f"
done
[ "$(wc -l <"$T/help")" -le 60 ] || fail "--help is longer than a screen"
"$SIGTRACE" --version | grep -qE '^sigtrace [0-9]+\.[0-9]+' || fail "--version"
exit 0
