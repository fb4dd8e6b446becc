# SPDX-License-Identifier: MIT
# The HTML report as a person sees it, rendered by headless Chromium
# (Debian's chromium; CI installs it, a machine without it skips):
# - on a phone (390 px wide) the critical finding is on the first
#   screen of a 60-process run;
# - in dark mode (prefers-color-scheme) the page is dark and the
#   timeline's labels are light: none vanishes;
# - printed (PDF, rasterised by poppler), the finding is on page 1 and
#   the fatal mark at the right end of the timeline is on paper (the
#   old fixed-width timeline was cut at about half).
. "$TESTLIB"
skip_unless_ptrace
browser=$(command -v chromium || command -v chromium-browser ||
	command -v google-chrome) || skip "no chromium (CI installs it: .ci/run)"
command -v python3 >/dev/null 2>&1 || skip "no python3 (for the pixel checks)"
command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 ||
	skip "no pdftoppm/pdftotext (poppler-utils)"
PX="python3 $(dirname "$TESTLIB")/pixels.py"
CRITICAL=c0392b		# the critical badge
FATAL=d62728		# the timeline's fatal marks

# chrome OUTPUT-FLAG URL [FLAGS...]: one headless rendering.
chrome() {
	out=$1 url=$2
	shift 2
	timeout -k 10 120 "$browser" --headless --no-sandbox --disable-gpu \
		--hide-scrollbars --no-first-run --disable-dev-shm-usage \
		--user-data-dir="$T/profile" "$@" "$out" "$url" \
		>"$T/chrome.log" 2>&1 ||
		{ show_file "$T/chrome.log" chromium; fail "chromium failed: $out"; }
}

px() {
	n=$($PX "$@") || fail "pixels.py $*: cannot read the image"
	printf '%s\n' "$n"
}

# A browser that cannot start here (no display libraries, a build
# chroot) is the environment's limit, not the report's: skip.
timeout -k 10 120 "$browser" --headless --no-sandbox --disable-gpu \
	--user-data-dir="$T/profile" --dump-dom "data:text/html,<p>ok" \
	>"$T/probe" 2>"$T/chrome.log" && grep -q '<p>ok' "$T/probe" ||
	skip "$browser does not run here: $(tail -n 1 "$T/chrome.log")"

trace_json "$T/log.json" -q -o /dev/null --report "$T/r.html" -- \
	sh -c 'for i in $(seq 58); do /bin/true; done; exec "$0"' \
	"$FIXTURES/tar_race"
assert_rc 0
URL=file://$T/r.html

# A phone, light and dark: the critical finding on the first screen.
chrome --screenshot="$T/phone.png" "$URL" --window-size=390,844
[ "$(px size "$T/phone.png")" = "390 844" ] || fail "the screenshot is not 390x844"
n=$(px color "$T/phone.png" $CRITICAL 24 0 0 1 1)
[ "$n" -ge 40 ] || fail "phone: no critical badge on the first screen ($n pixels)"
chrome --screenshot="$T/phone-dark.png" "$URL" --window-size=390,844 \
	--force-dark-mode
n=$(px color "$T/phone-dark.png" $CRITICAL 24 0 0 1 1)
[ "$n" -ge 40 ] || fail "phone, dark: no critical badge on the first screen"
# The page itself is dark: its top strip, above the title, all dark.
all=$(px dark "$T/phone-dark.png" 255 0 0 1 0.01)
dark=$(px dark "$T/phone-dark.png" 60 0 0 1 0.01)
[ "$dark" -eq "$all" ] || fail "dark mode: the page background is not dark ($dark of $all)"
[ "$(px light "$T/phone-dark.png" 170 0 0 1 0.3)" -ge 200 ] ||
	fail "dark mode: no light text at the top of the page"

# The timeline's labels, light and dark: the SVG alone in a page of its
# own (the report's inline SVG, with the report's stylesheet).
"$SIGTRACE" report "$T/log.json" --format svg -o "$T/t.svg" || fail "report --format svg"
{
	printf '<!DOCTYPE html><html><head><meta charset="utf-8">'
	printf '<meta name="color-scheme" content="light dark">'
	printf '<style>body{margin:0;background:Canvas}svg{display:block;width:1200px;height:auto}</style>'
	printf '</head><body>'
	sed 1d "$T/t.svg"
	printf '</body></html>\n'
} >"$T/t.html"
chrome --screenshot="$T/tl.png" "file://$T/t.html" --window-size=1200,600
chrome --screenshot="$T/tl-dark.png" "file://$T/t.html" --window-size=1200,600 \
	--force-dark-mode
# The lane labels are in the left fifth, below the legend and the axis.
n=$(px dark "$T/tl.png" 90 0 0.1 0.2 1)
[ "$n" -ge 100 ] || fail "light: the timeline's labels are not dark on light ($n)"
n=$(px light "$T/tl-dark.png" 170 0 0.1 0.2 1)
[ "$n" -ge 100 ] || fail "dark: the timeline's labels vanish ($n light pixels)"
n=$(px dark "$T/tl-dark.png" 60 0.9 0.9 1 1)
[ "$n" -ge 100 ] || fail "dark: the timeline's background is not dark"

# Paper: the finding on page 1, the fatal mark at the right on a page.
chrome --print-to-pdf="$T/r.pdf" "$URL" --no-pdf-header-footer
pdftotext -f 1 -l 1 "$T/r.pdf" "$T/page1.txt"
grep -q 'SIGUSR1 killed' "$T/page1.txt" ||
	{ show_file "$T/page1.txt" "page 1"; fail "print: the finding is not on page 1"; }
pdftoppm -r 100 "$T/r.pdf" "$T/page" || fail "pdftoppm failed"
found=
for p in "$T"/page*.ppm; do
	n=$(px color "$p" $FATAL 40 0.6 0 1 1)
	[ "$n" -ge 5 ] && found=$p
done
[ -n "$found" ] || fail "print: no fatal mark in the right part of any page (the timeline is cut)"
exit 0
