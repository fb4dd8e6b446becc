#!/bin/sh
# SPDX-License-Identifier: MIT
# check-spdx.sh - list the tracked source files that lack an
# "SPDX-License-Identifier: MIT" line in their first 3 lines (the
# licence is in LICENSE), and exit 1 if there is any.
#
#   build-aux/check-spdx.sh        from anywhere inside the git tree
#
# Source files: *.c *.h *.sh *.am, configure.ac, bootstrap and
# everything under .ci/.
set -eu

cd "$(dirname "$0")/.."

missing=$(git ls-files -- '*.c' '*.h' '*.sh' '*.am' configure.ac bootstrap '.ci/*' |
	while IFS= read -r f; do
		head -n 3 -- "$f" | grep -q 'SPDX-License-Identifier: MIT' ||
			printf '%s\n' "$f"
	done)
[ -z "$missing" ] && exit 0
printf '%s\n' "$missing"
printf 'check-spdx: %d file(s) without "SPDX-License-Identifier: MIT" in their first 3 lines\n' \
	"$(printf '%s\n' "$missing" | wc -l)" >&2
exit 1
