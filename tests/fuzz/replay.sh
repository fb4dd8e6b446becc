# SPDX-License-Identifier: MIT
# Replay the fuzzing corpus through every target (no libFuzzer needed):
# each input that once crashed or was interesting must still pass.
set -u
dir=$(dirname "$0")
bin=${FIXTURES%/fixtures}/fuzz
status=0
for target in options decoders reader; do
	[ -x "$bin/replay_$target" ] || continue
	if ! "$bin/replay_$target" "$dir/corpus/$target" >/dev/null; then
		echo "replay_$target failed on the corpus" >&2
		status=1
	fi
done
exit $status
