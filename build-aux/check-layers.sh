#!/bin/sh
# SPDX-License-Identifier: MIT
# check-layers.sh - the design's one-way data flow, enforced on includes.
#
# Each folder of src/ is a layer; a file may include headers of its own
# layer and of the layers listed for it below, never of a layer above.
# src/ itself (main, options, psig) is the entry layer and may include
# any.  arch/ is data about the tracee's kernel ABI and may include
# nothing from src/.  Exit 1, naming every offending include.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

allowed() {
	case "$1" in
	base)   echo "base" ;;
	core)   echo "base core arch" ;;
	stack)  echo "base core stack" ;;
	log)    echo "base core log" ;;
	report) echo "base core log report arch" ;;
	trace)  echo "base core stack log trace arch" ;;
	arch)   echo "arch" ;;
	esac
}

# layer_of HEADER: the folder that holds it (src/<layer>/ or arch/).
layer_of() {
	for d in src/base src/core src/trace src/log src/report src/stack; do
		[ -f "$d/$1" ] && { echo "${d#src/}"; return; }
	done
	if [ -f "src/$1" ]; then
		echo entry
	elif find arch -name "$1" | grep -q .; then
		echo arch
	else
		echo unknown
	fi
}

bad=0
for layer in base core stack log report trace arch; do
	if [ "$layer" = arch ]; then dir=arch; else dir=src/$layer; fi
	ok=" $(allowed "$layer") "
	for f in $(find "$dir" -name '*.[ch]' | sort); do
		for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
			hl=$(layer_of "$h")
			case "$ok" in
			*" $hl "*) ;;
			*)
				echo "$f includes $h (layer $hl): $layer may include only:$ok" >&2
				bad=1
				;;
			esac
		done
	done
done
# No header cycle either: tsort names any loop in "file includes header".
for f in $(find src arch -name '*.[ch]'); do
	for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		echo "${f##*/} $h"
	done
done | tsort >/dev/null 2>/tmp/check-layers.$$ || true
if [ -s /tmp/check-layers.$$ ]; then
	sed 's/^tsort: -: /include cycle: /' /tmp/check-layers.$$ >&2
	bad=1
fi
rm -f /tmp/check-layers.$$
[ "$bad" -eq 0 ] && echo "check-layers: every include follows the layer order, no include cycle"
exit "$bad"
