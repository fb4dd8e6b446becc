# SPDX-License-Identifier: MIT
# Issue 16: a SIGKILL from the OOM killer.  A process in a small memory
# cgroup (made under the test's own, removed at the end) uses memory
# until it is killed: its exit says the OOM killer did it (the cgroup's
# oom_kill counter rose), with or without a kernel observer.  Skipped
# where no memory controller is writable.
. "$TESTLIB"
skip_unless_ptrace

cg=
cleanup() {
	[ -n "$cg" ] && rmdir "$cg" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# A memory cgroup of 32 MiB without swap, v1 or v2; sets $cg.
make_cgroup() {
	rel=$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
	base=$(awk '$3 == "cgroup" && $4 ~ /(^|,)memory(,|$)/ { print $2; exit }' /proc/mounts)
	if [ -n "$rel" ] && [ -n "$base" ]; then
		cg="$base${rel%/}/sigtrace-oom-$$"
		mkdir "$cg" 2>/dev/null || { cg=; return 1; }
		echo 33554432 >"$cg/memory.limit_in_bytes" || return 1
		if [ -f "$cg/memory.memsw.limit_in_bytes" ]; then
			echo 33554432 >"$cg/memory.memsw.limit_in_bytes" ||
				return 1
		fi
		return 0
	fi
	rel=$(awk -F: '$1 == "0" { print $3 }' /proc/self/cgroup)
	base=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/mounts)
	[ -n "$base" ] || return 1
	cg="$base${rel%/}/sigtrace-oom-$$"
	mkdir "$cg" 2>/dev/null || { cg=; return 1; }
	[ -f "$cg/memory.max" ] && echo 33554432 >"$cg/memory.max" &&
		{ [ ! -f "$cg/memory.swap.max" ] || echo 0 >"$cg/memory.swap.max"; }
}

make_cgroup 2>/dev/null || skip "no writable memory cgroup controller here"
"$SIGTRACE" --json "$T/log.json" -o "$T/log.txt" -- sh -c \
	'echo $$ >"$1/cgroup.procs" && exec "$2"' sh "$cg" \
	"$FIXTURES/oom_alloc" >"$T/out" 2>"$T/err"
rc=$?
err_file="$T/err"
assert_rc 137 "sigtrace -- (a process the OOM killer kills)"
assert_jq "$T/log.json" 'first(exits | select(.thread | not)) |
	.signal == "SIGKILL" and .kill_cause == "oom_killer"' \
	'the SIGKILL is the OOM killer'"'"'s'
grep -q 'killed by SIGKILL (the OOM killer)' "$T/log.txt" ||
	{ show_file "$T/log.txt" "text log"; fail "the text log does not name the OOM killer"; }
