# SPDX-License-Identifier: MIT
# Golden reports: the text and JSON reports of logs recorded from the
# scenario fixtures (tests/golden/NAME.jsonl: tar_race, logrotate,
# resethand, eintr_read, ...) are exactly tests/golden/NAME.txt and
# NAME.json (pretty-printed by jq).  Recorded logs make the reports
# deterministic: no pid or timing changes between runs.  After an
# intended change of the report, regenerate and review the diff:
#   SIGTRACE_REGEN=1 make check TESTS=tests/integration/report_golden.sh
. "$TESTLIB"
[ -x "$SIGTRACE" ] || fail "no executable sigtrace at $SIGTRACE"

G=${TESTLIB%/integration/lib.sh}/golden
n=0
for log in "$G"/*.jsonl; do
	name=$(basename "$log" .jsonl)
	for fmt in text json; do
		out=$T/$name.$fmt
		"$SIGTRACE" report "$log" --format "$fmt" >"$out.raw" 2>"$T/err" || {
			show_file "$T/err" "stderr"
			fail "$name: sigtrace report --format $fmt failed"
		}
		if [ -s "$T/err" ]; then
			show_file "$T/err" "stderr"
			fail "$name: sigtrace report --format $fmt wrote to stderr"
		fi
		if [ "$fmt" = json ]; then
			"$JQ" . "$out.raw" >"$out" 2>"$T/err" || {
				show_file "$T/err" "jq"
				fail "$name: the JSON report does not parse"
			}
			golden=$G/$name.json
		else
			mv "$out.raw" "$out"
			golden=$G/$name.txt
		fi
		golden "$out" "$golden" "$name: the $fmt report" &&
			n=$((n + 1))
	done
done
[ "$n" -gt 0 ] || [ -n "${SIGTRACE_REGEN:-}" ] || fail "no golden log in $G"
note "$n golden reports match"
exit 0
