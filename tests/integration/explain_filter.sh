# SPDX-License-Identifier: MIT
# Issue 15, item 7: `-e signal=SET` narrows the logs only.  The summary
# and --report see every event: with and without the filter they are the
# same (compared without pids and times, which differ between runs).
. "$TESTLIB"
. "$(dirname "$TESTLIB")/lib_explain.sh"
skip_unless_ptrace

# shape REPORT.json: what must not depend on the filter.
shape() {
	"$JQ" -S '{processes: (.processes | length),
		signals: [.signals[] | {signal, delivered, handled, ignored,
			default, fatal, stopped}],
		findings: ([.findings[] | {kind, severity, signal, cause,
			effect}] | sort_by(tostring)),
		eintr: ([.eintr[] | del(.pid, .comm, .handler.handler)] |
			sort_by(tostring))}' "$1"
}

# The summary's header and its verdict and finding lines, pids, times
# and the padding after a pid replaced.
summary_shape() {
	summary_of "$1" | sed -E 's/0x[0-9a-f]+/ADDR/g; s/[0-9]+(\.[0-9]+)? ?(ms|s)\b/T/g;
		s/\b[0-9]{2,}\b/N/g; s/ +/ /g'
}

for filter in USR2 '!CHLD' TERM; do
	trace_json "$T/all.json" --report "$T/all.report" --report-format json \
		-- "$FIXTURES/reraise" kill
	cp "$err_file" "$T/all.err"
	trace_json "$T/some.json" -e signal="$filter" --report "$T/some.report" \
		--report-format json -- "$FIXTURES/reraise" kill
	shape "$T/all.report" >"$T/all.shape"
	shape "$T/some.report" >"$T/some.shape"
	if ! cmp -s "$T/all.shape" "$T/some.shape"; then
		diff -u "$T/all.shape" "$T/some.shape" >&2
		fail "-e signal=$filter changed the report"
	fi
	summary_shape "$T/all.err" >"$T/all.sum"
	summary_shape "$err_file" >"$T/some.sum"
	if ! cmp -s "$T/all.sum" "$T/some.sum"; then
		diff -u "$T/all.sum" "$T/some.sum" >&2
		fail "-e signal=$filter changed the summary"
	fi
done
# The logs themselves are filtered.
assert_jq "$T/some.json" 'all(signals; .signal == "SIGTERM")' \
	'-e signal=TERM: the JSON log has only SIGTERM deliveries'
exit 0
