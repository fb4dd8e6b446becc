# SPDX-License-Identifier: MIT
# A strace user's habits keep their meaning (issue 19):
# - -ff -o FILE writes each process's log to FILE.PID, each file
#   headed by the trace's start line and holding only its process;
# - -A appends to the -o file instead of truncating it;
# - -t prints seconds (HH:MM:SS), -tt microseconds;
# - -c prints the per-signal table (delivered ... findings), -S sorts it;
# - a strace option with no meaning here is refused in one line that
#   names what to use instead, exit status 2;
# - TERM=dumb: no colour even on a terminal; the attach status line is
#   cut to the terminal's width.
. "$TESTLIB"
skip_unless_ptrace

# -ff
trace_json "$T/log.json" -ff -o "$T/tr" -- "$FIXTURES/tar_race"
assert_rc 0
victim=$(fixture_id victim)
[ -e "$T/tr" ] && fail "-ff wrote the -o file itself"
pids=$("$JQ" -r 'select(.type == "exec") | .pid' "$T/log.json" | sort -u)
[ -n "$pids" ] || fail "no exec in the JSON log"
for p in $pids; do
	f=$T/tr.$p
	[ -f "$f" ] || { ls "$T" >&2; fail "-ff: no file $f"; }
	head -n 1 "$f" | grep -q 'sigtrace .*: tracing ' ||
		{ show_file "$f" "$f"; fail "-ff: $f does not start with the trace's start line"; }
	# Every line with a task names this process only.
	if grep -v 'sigtrace ' "$f" | grep -E '^[0-9:.]+ [0-9]+' |
		grep -vE "^[0-9:.]+ $p[ /]" | grep -q .; then
		show_file "$f" "$f"; fail "-ff: $f holds lines of other processes"
	fi
done
grep -q "killed by SIGUSR1" "$T/tr.$victim" ||
	{ show_file "$T/tr.$victim" victim; fail "-ff: the victim's death is not in its file"; }
[ "$(stat -c %a "$T/tr.$victim")" = 600 ] || fail "-ff: files are not 0600"

# -A
"$SIGTRACE" -o "$T/app.txt" -- /bin/true 2>/dev/null
"$SIGTRACE" -A -o "$T/app.txt" -- /bin/true 2>/dev/null
[ "$(grep -c 'sigtrace .*: tracing ' "$T/app.txt")" -eq 2 ] ||
	{ show_file "$T/app.txt" log; fail "-A did not append"; }
"$SIGTRACE" -o "$T/app.txt" -- /bin/true 2>/dev/null
[ "$(grep -c 'sigtrace .*: tracing ' "$T/app.txt")" -eq 1 ] ||
	fail "-o without -A did not truncate"

# -t and -tt
"$SIGTRACE" -t -o "$T/t1.txt" -- /bin/true 2>/dev/null
grep -qE '^[0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]+ \(true\) \+\+\+ exec' "$T/t1.txt" ||
	{ show_file "$T/t1.txt" log; fail "-t is not seconds"; }
"$SIGTRACE" -tt -o "$T/t2.txt" -- /bin/true 2>/dev/null
grep -qE '^[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} [0-9]+ ' "$T/t2.txt" ||
	fail "-tt is not microseconds"

# -c: the per-signal table; -S signal sorts by signal number.  Only
# counts the fixtures decide are compared (SIGCHLDs may merge).
"$SIGTRACE" -c -- "$FIXTURES/tar_race" >/dev/null 2>"$T/c.txt"
row() { grep -E "^$1 " "$2" | tr -s ' '; }
[ "$(row SIGUSR1 "$T/c.txt")" = "SIGUSR1 1 0 0 1 1 0 0 1 1" ] ||
	{ show_file "$T/c.txt" "-c"; fail "-c: wrong SIGUSR1 row: $(row SIGUSR1 "$T/c.txt")"; }
grep -q '^signal  *delivered  *handled  *ignored  *default  *fatal  *stopped  *EINTR  *senders  *findings$' "$T/c.txt" ||
	fail "-c: no header"
grep -q '^total ' "$T/c.txt" || fail "-c: no total"
grep -q 'exec' "$T/c.txt" && fail "-c printed the event log"
# 100 queued SIGRTMIN+1 to two threads, then one SIGUSR1 (handled), as
# children of a shell (SIGCHLD): deliveries sort RTMIN first, USR1 last.
"$SIGTRACE" -c -- sh -c "'$FIXTURES/storm' signals 2 50; '$FIXTURES/handled_usr1'" \
	>/dev/null 2>"$T/c2.txt"
rt=$(grep -oE '^SIGRTMIN\+[0-9]+' "$T/c2.txt")
[ -n "$rt" ] || { show_file "$T/c2.txt" "-c"; fail "-c: no realtime signal row"; }
[ "$(row SIGUSR1 "$T/c2.txt")" = "SIGUSR1 1 1 0 0 0 0 0 1 0" ] ||
	fail "-c: wrong SIGUSR1 row: $(row SIGUSR1 "$T/c2.txt")"
row "$(printf %s "$rt" | sed 's/+/\\+/')" "$T/c2.txt" |
	awk '{ exit !($2 >= 100 && $2 == $3 && $5 == 0 && $9 == 1) }' ||
	fail "-c: wrong $rt row: $(grep "^$rt " "$T/c2.txt")"
order() { grep -oE '^SIG[A-Z0-9+]+' "$1" | tr '\n' ' '; }
[ "$(order "$T/c2.txt")" = "$rt SIGCHLD SIGUSR1 " ] ||
	fail "-c: not sorted by deliveries: $(order "$T/c2.txt")"
"$SIGTRACE" -c -S signal --json "$T/c.json" -- sh -c \
	"'$FIXTURES/storm' signals 2 50; '$FIXTURES/handled_usr1'" >/dev/null 2>"$T/c3.txt"
[ "$(order "$T/c3.txt")" = "SIGUSR1 SIGCHLD $rt " ] ||
	fail "-S signal: not sorted by signal: $(order "$T/c3.txt")"
"$SIGTRACE" report "$T/c.json" --format counts -S name >"$T/c4.txt"
[ "$(order "$T/c4.txt")" = "SIGUSR1 SIGCHLD $rt " ] ||
	fail "report --format counts -S name: $(order "$T/c4.txt")"

# -e inject: SIGUSR1 right after handled_usr1's exec, before it can
# install its handler: the race made certain, sigtrace named as sender.
trace_json "$T/inj.json" -e inject=USR1:when=1 -- "$FIXTURES/handled_usr1"
assert_rc 138 "killed by SIGUSR1"
assert_jq "$T/inj.json" '(ev("trace_start") | .tracer_pid) as $me |
	any(signals; .signal == "SIGUSR1" and .sender.pid == $me and
	.disposition.kind == "default") and
	any(dd_findings; .cause == "never_installed") and
	any(ev("warning"); .message | test("as -e inject asked"))' \
	'the injected SIGUSR1 kills before the handler, from sigtrace, said so'
trace_json "$T/inj.json" -e inject=execve:signal=USR1:when=2 -- \
	sh -c "exec '$FIXTURES/handled_usr1'"
assert_rc 138 "killed by SIGUSR1 (strace's spelling, the second exec)"

# Refusals: one line, exit 2, naming what to use instead.
for opt in -y -T -D "-u nobody" -I --decode-fds "-e trace=open" "-S time" \
	"-e inject=read:error=EINTR"; do
	# shellcheck disable=SC2086
	"$SIGTRACE" $opt -- /bin/true >/dev/null 2>"$T/refused"
	r=$?
	[ "$r" -eq 2 ] || fail "$opt: exit status $r, expected 2"
	[ "$(wc -l <"$T/refused")" -eq 1 ] || { show_file "$T/refused" stderr; fail "$opt: not one line"; }
	grep -q "^sigtrace: ${opt%% *}" "$T/refused" ||
		{ show_file "$T/refused" stderr; fail "$opt: the message does not name the option"; }
done
"$SIGTRACE" --report "$T/r.pdf" -- /bin/true 2>"$T/refused"
[ $? -eq 2 ] && grep -q 'report-format' "$T/refused" ||
	fail "--report r.pdf was not refused"
"$SIGTRACE" -q -o /dev/null --report "$T/r.svg" -- "$FIXTURES/tar_race" >/dev/null
grep -q '^<svg\|^<?xml' "$T/r.svg" || fail "--report r.svg did not write SVG"

# Terminal: TERM=dumb means no colour; the status line fits the width.
if command -v script >/dev/null 2>&1; then
	ESC=$(printf '\033')
	TERM=dumb script -qfec "'$SIGTRACE' -- '$FIXTURES/tar_race'" "$T/tty" >/dev/null 2>&1
	grep -q "FINDING" "$T/tty" || { show_file "$T/tty" terminal; fail "no finding on the terminal"; }
	grep -q "${ESC}\[1;31m" "$T/tty" && fail "colour with TERM=dumb"
	start_target daemon
	script -qfec "stty cols 40; timeout --foreground -s INT -k 20 1 '$SIGTRACE' -q -p $target -o '$T/log.txt'" \
		"$T/tty40" >/dev/null 2>&1
	grep -q "tracing pid $target" "$T/tty40" ||
		{ show_file "$T/tty40" terminal; fail "no status line on the terminal"; }
	# Each rewrite of the line, escapes and CR removed, fits 40 columns.
	long=$(tr '\r' '\n' <"$T/tty40" | sed "s/${ESC}\[K//g" |
		grep 'tracing pid' | awk 'length($0) >= 40' | head -n 1)
	[ -z "$long" ] || fail "status line wider than the terminal: '$long'"
	wait_no_tracer "$target"
	stop_target
fi
exit 0
