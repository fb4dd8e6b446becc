#!/bin/sh
# SPDX-License-Identifier: MIT
# Build each fuzz target with clang's libFuzzer (+ASan/UBSan) and run it
# for FUZZ_SECONDS, keeping new inputs in the corpus.  Needs clang and
# libclang-rt (Debian: clang, libclang-rt-14-dev).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-/tmp/sigtrace-fuzz}
secs=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (apt-get install clang)"; exit 1; }
mkdir -p "$out"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -I$top/src -I$top/src/base -I$top/src/core -I$top/src/trace -I$top/src/log -I$top/src/report -I$top/src/stack -I$top/arch -I$top/arch/x86_64 -D_GNU_SOURCE"
lib="$top/src/core/sigtab.c $top/src/core/event.c"
build() {
	name=$1; shift
	# shellcheck disable=SC2086
	$CC $flags "$top/tests/fuzz/fuzz_$name.c" "$@" $lib -o "$out/fuzz_$name" ${FUZZ_LIBS:-}
}
build options "$top/src/options.c"
build decoders "$top/src/core/siginfo.c"
if [ -f "$top/tests/fuzz/fuzz_reader.c" ]; then
	FUZZ_LIBS="$(pkg-config --libs jansson)" build reader \
		"$top/src/report/reader.c" "$top/src/report/reader_fields.c" \
		"$top/src/report/reader_values.c" "$top/src/report/reader_origin.c" \
		"$top/src/core/origin_text.c" "$top/src/core/severity.c" \
		"$top/src/base/strbuf.c" "$top/src/base/escape.c" \
		"$top/arch/x86_64/syscall.c"
fi
for t in ${FUZZ_TARGETS:-options decoders reader}; do
	[ -x "$out/fuzz_$t" ] || continue
	mkdir -p "$top/tests/fuzz/corpus/$t" "$out/new_$t"
	echo "fuzz_$t: $secs s"
	"$out/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
		"$out/new_$t" "$top/tests/fuzz/corpus/$t" 2>&1 | tail -n 12
done
