# SPDX-License-Identifier: MIT
# Bad input: exactly one line on stderr starting with "sigtrace: " naming
# the problem, exit status 2 for usage errors and 1 for the others, and
# nothing left running (the command never started when an output file
# cannot be opened).
. "$TESTLIB"
[ -x "$SIGTRACE" ] || fail "no executable sigtrace at $SIGTRACE"

# The command used where only the options are bad: it leaves a marker.
cat >"$T/victim.sh" <<VICTIM
#!/bin/sh
: >"$T/ran"
exec sleep 600
VICTIM
chmod 755 "$T/victim.sh"
printf '#!/bin/sh\nexit 0\n' >"$T/notexec"
chmod 644 "$T/notexec"
mkdir "$T/adir"

# Processes whose command line mentions $T (a sigtrace or a child of it).
leftovers() {
	for f in /proc/[0-9]*/cmdline; do
		p=${f#/proc/}
		p=${p%/cmdline}
		[ "$p" = "$$" ] && continue
		if { tr '\0' ' ' <"$f"; } 2>/dev/null | grep -qF "$T"; then
			printf '%s ' "$p"
		fi
	done
}

# check EXPECTED_STATUS WHAT_STDERR_NAMES SIGTRACE-ARGS...
check() {
	want=$1 names=$2
	shift 2
	rm -f "$T/ran"
	$WATCHDOG "$SIGTRACE" "$@" </dev/null >"$T/out" 2>"$T/err"
	st=$?
	what="sigtrace $*"
	if [ "$st" -ne "$want" ]; then
		show_file "$T/err" "stderr"
		fail "$what: exit status $st, expected $want"
	fi
	lines=$(wc -l <"$T/err")
	if [ "$lines" -ne 1 ]; then
		show_file "$T/err" "stderr"
		fail "$what: $lines lines on stderr, expected exactly 1"
	fi
	grep -q '^sigtrace: ' "$T/err" || {
		show_file "$T/err" "stderr"
		fail "$what: the message does not start with 'sigtrace: '"
	}
	grep -qiF -- "$names" "$T/err" || {
		show_file "$T/err" "stderr"
		fail "$what: the message does not mention '$names'"
	}
	if [ -e "$T/ran" ]; then
		pkill_marker
		fail "$what: the command was started although sigtrace failed"
	fi
	# Give killed processes the chance to be reaped: poll, no time limit
	# beyond a generous bound.
	i=0
	while [ -n "$(leftovers)" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	left=$(leftovers)
	if [ -n "$left" ]; then
		for p in $left; do
			printf '  left running: %s: %s\n' "$p" \
				"$({ tr '\0' ' ' <"/proc/$p/cmdline"; } 2>/dev/null)" >&2
			kill -9 "$p" 2>/dev/null
		done
		fail "$what: processes left running"
	fi
}

pkill_marker() {
	for p in $(leftovers); do kill -9 "$p" 2>/dev/null; done
}

# usage errors: 2
check 2 command
check 2 command --
check 2 command --json "$T/x.json"
check 2 command -v --
check 2 frobnicate --frobnicate -- "$T/victim.sh"
# the command cannot run: 1
check 1 /nonexistent/cmd -- /nonexistent/cmd
check 1 sigtrace-no-such-command -- sigtrace-no-such-command
check 1 "$T/adir" -- "$T/adir"
check 1 "$T/notexec" -- "$T/notexec"
# bad signal set: a usage error, 2
check 2 SIGFOO -e signal=SIGFOO -- "$T/victim.sh"
# outputs that cannot be written: 1
check 1 /nonexistent/dir/x -o /nonexistent/dir/x -- "$T/victim.sh"
check 1 /nonexistent/dir/x --json /nonexistent/dir/x -- "$T/victim.sh"
check 1 "$T/adir" -o "$T/adir" -- "$T/victim.sh"
check 1 "$T/adir" --json "$T/adir" -- "$T/victim.sh"
exit 0
