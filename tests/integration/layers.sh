#!/bin/sh
# SPDX-License-Identifier: MIT
# The design's one-way rule, enforced: every include follows the layer
# order (src/log and src/report include nothing from src/trace, arch/
# nothing from src/), and no two files of the library call each other.
set -eu
top=${srcdir:-.}
sh "$top/build-aux/check-layers.sh"
lib=$(dirname "$SIGTRACE")/libsigtrace.a
command -v nm >/dev/null 2>&1 || { echo "no nm: cycle check skipped"; exit 77; }
sh "$top/build-aux/check-cycles.sh" "$lib"
