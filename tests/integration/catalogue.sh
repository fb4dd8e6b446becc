# SPDX-License-Identifier: MIT
# Issue 9: the catalogue of bad inputs, tests/bad-inputs.tsv: each gets
# its exit status and exactly one clear "sigtrace: " line naming the fault.
. "$TESTLIB"

cat_file=$(dirname "$TESTLIB")/../bad-inputs.tsv
[ -f "$cat_file" ] || fail "no catalogue at $cat_file"
: >"$T/notexec"
chmod 644 "$T/notexec"
max=$(cat /proc/sys/kernel/pid_max)
NOPID=$((max - 1))
while [ -d "/proc/$NOPID" ]; do NOPID=$((NOPID - 1)); done
export T NOPID

count=0
tab=$(printf '\t')
while IFS="$tab" read -r want pattern args; do
	case $want in '#'*|'') continue ;; esac
	count=$((count + 1))
	eval "set -- $args"
	$WATCHDOG "$SIGTRACE" "$@" >"$T/out" 2>"$T/err" </dev/null
	got=$?
	lines=$(grep -c '^sigtrace: ' "$T/err")
	if [ "$got" -ne "$want" ] || [ "$lines" -ne 1 ] ||
	   ! grep '^sigtrace: ' "$T/err" | grep -qE -- "$pattern"; then
		show_file "$T/err" stderr
		fail "sigtrace $args: exit $got (want $want), $lines sigtrace lines, want /$pattern/"
	fi
done <"$cat_file"
[ "$count" -ge 25 ] || fail "the catalogue has only $count entries"
note "$count bad inputs checked"
exit 0
