# SPDX-License-Identifier: MIT
# Golden text logs, like strace's tests: single-process fixtures whose
# events come in one order, traced with --time=none, and the log, after
# the parts that change from run to run are replaced by placeholders,
# is exactly tests/golden/text/NAME.txt.  Placeholders: <pid1>, <pid2>...
# (in order of appearance in the JSON log), VERSION, FIXTURES (the build
# directory of the fixtures), 0xADDR (a run-time address: ASLR),
# +0xOFF (an offset in a module, which the compiler decides), UID,
# N ms (a duration); the summary's pid column is padded to the pid's
# width, so a pid there is followed by one space.  After an intended change of the log, regenerate
# and review the diff:
#   SIGTRACE_REGEN=1 make check TESTS=tests/integration/text_golden.sh
. "$TESTLIB"
skip_unless_ptrace

G=${TESTLIB%/integration/lib.sh}/golden/text
FIXTURES_RE=$(printf '%s' "$FIXTURES" | sed 's/[].[*^$\/]/\\&/g')

# normalize LOG JSON: the text log with placeholders, on stdout.
normalize() {
	"$JQ" -r '[paths(numbers) as $p | select($p[-1] == "pid" or
		$p[-1] == "tid" or $p[-1] == "child") | getpath($p)] | .[]' "$2" |
		awk '$1 > 1 && !seen[$1]++ { printf "s/\\<%s\\>/<pid%d>/g\n", $1, ++n }' \
		>"$T/pids.sed"
	sed -e "s/$FIXTURES_RE/FIXTURES/g" \
	    -e 's/^sigtrace [^ ]*: /sigtrace VERSION: /' \
	    -e 's/[0-9][0-9]*\.[0-9][0-9]* ms/N ms/g' \
	    -e 's/si_uid=[0-9]*/si_uid=UID/g' \
	    -f "$T/pids.sed" \
	    -e 's/^\(<pid[0-9]*>\)  */\1 /' \
	    -e 's/0x[0-9a-f]\{8,\}/0xADDR/g' \
	    -e 's/+0x[0-9a-f]*)/+0xOFF)/g' "$1"
}

# --without-libunwind builds name no handler symbol (docs/stacks.md).
symbols=yes
"$SIGTRACE" --version | grep -q 'stack traces: none' && symbols=no
n=0
for name in handled_usr1 resethand exec_reset rt_queue segv eintr_read \
	ignored blocked; do
	# sigtrace passes on the dispositions it inherited: clean_exec
	# makes them the defaults, whatever the test run inherited.
	: >"$FIXTURE_IDS"
	# --senders=proc: the same back end everywhere (bpf needs root).
	"$FIXTURES/clean_exec" "$SIGTRACE" --json "$T/$name.json" \
		--senders=proc --time=none -o "$T/$name.log" -- "$FIXTURES/$name" \
		>"$T/stdout" 2>"$T/stderr" ||
		[ "$name" = resethand ] || [ "$name" = exec_reset ] ||
		[ "$name" = segv ] || { show_file "$T/stderr" stderr; fail "$name: sigtrace failed"; }
	normalize "$T/$name.log" "$T/$name.json" >"$T/$name.txt"
	expected=$G/$name.txt
	if [ "$symbols" = no ]; then
		# Built without stack support: handlers are bare addresses.
		sed -e 's/0xADDR <[^>]*> ([^)]*+0xOFF)/0xADDR/g' "$expected" \
			>"$T/$name.expected"
		expected=$T/$name.expected
	fi
	golden "$T/$name.txt" "$expected" "$name: the text log" &&
		n=$((n + 1))
done
note "$n golden text logs match"
exit 0
