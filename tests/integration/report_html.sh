# SPDX-License-Identifier: MIT
# The HTML report is one self-contained, valid HTML5 file (tidy, an
# HTML5 checker, finds nothing to say; no script, stylesheet, font or
# image from elsewhere) with the timeline as inline SVG, its SVG
# timeline alone is well-formed XML, and names chosen by a traced
# process cannot inject markup: a process named "<script>..." (a
# symlink so named, so exec gives it that comm) and a crafted log with
# hostile names everywhere.
. "$TESTLIB"
skip_unless_ptrace
command -v xmllint >/dev/null 2>&1 || skip "xmllint not found (libxml2-utils)"
command -v tidy >/dev/null 2>&1 || skip "tidy (tidy-html5) not found: ./bootstrap installs it"

# check_html FILE WHAT: valid HTML5, self-contained, inline timeline.
check_html() {
	tidy -q -e "$1" >"$T/tidy" 2>&1 || :
	if [ -s "$T/tidy" ]; then
		show_file "$T/tidy" "tidy -q -e"
		fail "$2: the HTML report is not valid HTML5 for tidy"
	fi
	if grep -qiE '<script|<link|<img|@import|url\(| src="' "$1"; then
		grep -oiE '.{0,40}(<script|<link|<img|@import|url\(| src=").{0,40}' "$1" | head -5 >&2
		fail "$2: the HTML report loads or runs something"
	fi
	if grep -oE 'https?://[^"&]*' "$1" | grep -v '^http://www.w3.org/2000/svg$' |
		grep -q .; then
		fail "$2: the HTML report refers to the network"
	fi
	grep -q '<iframe' "$1" && fail "$2: the timeline is in an iframe"
	grep -q '<div class="tlwrap"><svg [^>]*class="tl" [^>]*viewBox="0 0 ' "$1" ||
		fail "$2: no inline SVG timeline with a viewBox"
	grep -q '<meta name="viewport" content="width=device-width' "$1" ||
		fail "$2: no viewport meta (phones)"
	grep -q '@media print{' "$1" || fail "$2: no print stylesheet"
	grep -q '@media (prefers-color-scheme:dark)' "$1" ||
		fail "$2: no dark colour scheme"
}

for fx in tar_race logrotate eintr_epoll threads; do
	trace_json "$T/log.json" --report "$T/r.html" -- "$FIXTURES/$fx"
	check_html "$T/r.html" "$fx"
	"$SIGTRACE" report "$T/log.json" --format svg -o "$T/t.svg" ||
		fail "$fx: --format svg failed"
	xmllint --noout "$T/t.svg" 2>"$T/xmllint" ||
		{ show_file "$T/xmllint" xmllint; fail "$fx: the SVG is not well-formed"; }
done
# The tar race: the victim's SIGUSR1 lane has a default band and a
# fatal delivery mark.
trace_json "$T/log.json" -- "$FIXTURES/tar_race"
"$SIGTRACE" report "$T/log.json" --format svg -o "$T/t.svg"
grep -q 'class="b-fatal"><title>SIGUSR1: default (term)' "$T/t.svg" ||
	fail "tar_race: no default band for SIGUSR1"
grep -q 'fill="#d62728" class="mk"><title>+[0-9.]* ms SIGUSR1 to' "$T/t.svg" ||
	fail "tar_race: no fatal delivery mark"

# A process whose name is markup.
evil='<script>&'"'"'"x'
ln -s "$FIXTURES/handled_usr1" "$T/$evil"
trace_json "$T/log.json" --report "$T/r.html" -- "$T/$evil"
assert_rc 0
assert_jq "$T/log.json" 'any(ev("exec"); .comm == "<script>&'"'"'\"x")' \
	'the fixture runs under the hostile name'
check_html "$T/r.html" "hostile comm"
grep -qF '&lt;script&gt;&amp;&#39;&quot;x' "$T/r.html" ||
	fail "hostile comm: the escaped name is not in the report"

# A crafted log: hostile comm, sender and command lines everywhere.
"$JQ" -c '(.. | objects | select(has("comm")) | .comm) |=
	"<script>alert(1)</script>\u001b[2J" |
	(.. | objects | select(has("cmdline")) | .cmdline) |=
	["<img src=x onerror=alert(1)>", "\u0007\"quoted\""] |
	(.. | objects | select(has("argv")) | .argv) |= ["</svg><i class=x>"]' \
	"${TESTLIB%/integration/lib.sh}/golden/tar_race.jsonl" >"$T/evil.jsonl"
for fmt in html text json chrome svg; do
	"$SIGTRACE" report "$T/evil.jsonl" --format $fmt -o "$T/evil.$fmt" ||
		fail "crafted log: --format $fmt failed"
done
check_html "$T/evil.html" "crafted log"
grep -q '</svg><i class=x>' "$T/evil.html" && fail "crafted log: argv breaks out"
LC_ALL=C grep -q "$(printf '\033')" "$T/evil.text" &&
	fail "crafted log: an escape character reaches the text report"
LC_ALL=C grep -q "$(printf '\007')" "$T/evil.text" &&
	fail "crafted log: a control character reaches the text report"
"$JQ" -e '.processes | length > 0' "$T/evil.json" >/dev/null ||
	fail "crafted log: the JSON report does not parse"
"$JQ" -e '.traceEvents | length > 0' "$T/evil.chrome" >/dev/null ||
	fail "crafted log: the Chrome trace does not parse"
xmllint --noout "$T/evil.svg" || fail "crafted log: the SVG is not well-formed"
exit 0
