# SPDX-License-Identifier: MIT
# Issue 11: `sigtrace psig PID` and `--dispositions -p PID`: the signal
# table of a running process from /proc, without tracing it.
. "$TESTLIB"

start_target psig
"$SIGTRACE" psig "$target" >"$T/psig" 2>"$T/err" ||
	{ show_file "$T/err" stderr; fail "sigtrace psig failed"; }
"$SIGTRACE" --dispositions -p "$target" >"$T/disp" 2>>"$T/err" ||
	fail "--dispositions failed"
cmp -s "$T/psig" "$T/disp" || fail "psig and --dispositions differ"
# It did not trace: no tracer now, and none was needed.
[ "$(awk '/^TracerPid:/ {print $2}' /proc/$target/status)" = 0 ] ||
	fail "the process is traced after psig"

row() { grep -E "^  $1 " "$T/psig" | tr -s ' '; }
show() { show_file "$T/psig" psig; }
[ "$(row SIGUSR1)" = " SIGUSR1 caught term - - unknown (not in /proc)" ] || { show; fail "SIGUSR1 row"; }
[ "$(row SIGPIPE)" = " SIGPIPE ignored term - - -" ] || { show; fail "SIGPIPE row"; }
[ "$(row SIGUSR2)" = " SIGUSR2 default term yes - -" ] || { show; fail "SIGUSR2 row"; }
[ "$(row SIGALRM)" = " SIGALRM default term some - -" ] || { show; fail "SIGALRM row"; }
[ "$(row SIGWINCH)" = " SIGWINCH default ign yes yes -" ] || { show; fail "SIGWINCH row"; }
# What /proc cannot tell is said plainly, with what would tell.
grep -q "^  note: Linux /proc tells which signals are caught, not the handler's address, its SA_\* flags .* nor the signals it blocks while it runs (sa_mask); 'sigtrace -p $target' learns" "$T/psig" ||
	{ show; fail "no plain statement of what /proc cannot tell"; }
grep -q "per thread (they differ)" "$T/psig" || { show; fail "no per-thread masks"; }
grep -q "^  audit: .*SIGHUP" "$T/psig" || { show; fail "no audit of SIGHUP"; }
if grep -q "^  audit: .*SIGPIPE" "$T/psig"; then show; fail "SIGPIPE is ignored, not dangerous"; fi

"$SIGTRACE" psig abc >/dev/null 2>"$T/err"; [ $? -eq 2 ] || fail "psig abc"
"$SIGTRACE" --dispositions >/dev/null 2>"$T/err"; [ $? -eq 2 ] || fail "--dispositions without -p"
stop_target
[ "$(cat "$T/target.out")" = "psig done" ] || fail "target: $(cat "$T/target.out")"
exit 0
