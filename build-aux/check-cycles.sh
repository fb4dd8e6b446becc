#!/bin/sh
# SPDX-License-Identifier: MIT
# check-cycles.sh LIB.a - no two object files of the library call each
# other, directly or through others: the call graph between files is a
# DAG (issue 14).  Reads the symbols with nm; exit 1 naming a cycle.
set -eu
lib=${1:?usage: check-cycles.sh LIB.a}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# "object symbol" for every defined text/data symbol, and every use.
nm -A --defined-only "$lib" 2>/dev/null |
	awk '$(NF-1) ~ /^[TDBR]$/ { split($1, a, ":"); print a[2], $NF }' |
	sort -k2 >"$tmp/defs"
nm -A --undefined-only "$lib" 2>/dev/null |
	awk '{ split($1, a, ":"); print a[2], $NF }' | sort -k2 >"$tmp/uses"
# user -> definer edges; tsort reports any cycle on stderr.
join -1 2 -2 2 -o 1.1,2.1 "$tmp/uses" "$tmp/defs" |
	awk '$1 != $2' | sort -u >"$tmp/edges"
tsort "$tmp/edges" >/dev/null 2>"$tmp/err" || true
if [ -s "$tmp/err" ]; then
	echo "call cycle between files of $lib:" >&2
	grep -v '^tsort: -:' "$tmp/err" | sed 's/^tsort: /  /' >&2
	exit 1
fi
echo "check-cycles: $(wc -l <"$tmp/edges") file-to-file call edges, no cycle"
