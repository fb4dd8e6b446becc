# SPDX-License-Identifier: MIT
# Issue 5: every attach error is one clear line and a non-zero exit.
. "$TESTLIB"
skip_unless_ptrace

# expect RC PATTERN ARGS...: sigtrace ARGS exits RC with one stderr line
# matching PATTERN.
expect() {
	want=$1 pattern=$2
	shift 2
	$WATCHDOG "$SIGTRACE" "$@" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" -eq "$want" ] || { show_file "$T/err" stderr; fail "sigtrace $*: exit $got, expected $want"; }
	[ "$(wc -l <"$T/err")" -eq 1 ] || { show_file "$T/err" stderr; fail "sigtrace $*: not one line"; }
	grep -q "^sigtrace: .*$pattern" "$T/err" || { show_file "$T/err" stderr; fail "sigtrace $*: no '$pattern'"; }
}

expect 2 "not a process id" -p 0
expect 2 "not a process id" -p -1
expect 2 "not a process id" -p abc
expect 2 "given twice" -p 1,1
expect 2 "not both" -p 1 -- /bin/true

# A pid that does not exist.
max=$(cat /proc/sys/kernel/pid_max)
nopid=$((max - 1))
while [ -d "/proc/$nopid" ]; do nopid=$((nopid - 1)); done
expect 1 "no such process" -p "$nopid"

# Itself.
$WATCHDOG sh -c 'exec "$SIGTRACE" -p $$' >"$T/out" 2>"$T/err"
[ $? -eq 1 ] && grep -q "sigtrace itself" "$T/err" || { show_file "$T/err" stderr; fail "-p of its own pid"; }

# A zombie: sleep 0 exits and its parent (now sleep 5) never reaps it.
sh -c 'sleep 0 & exec sleep 5' &
zparent=$!
zombie=
i=0
while [ -z "$zombie" ] && [ $i -lt 500 ]; do
	for c in $(cat /proc/$zparent/task/*/children 2>/dev/null); do
		[ "$(awk '/^State:/ {print $2}' /proc/$c/status 2>/dev/null)" = Z ] && zombie=$c
	done
	i=$((i + 1))
	sleep 0.01
done
[ -n "$zombie" ] || fail "could not make a zombie"
expect 1 "zombie" -p "$zombie"
kill "$zparent"; wait "$zparent" 2>/dev/null

# A kernel thread, when this machine shows one (containers may not).
kthread=
for s in /proc/[0-9]*/status; do
	if grep -q '^Kthread:[[:space:]]*1' "$s" 2>/dev/null; then
		kthread=$(basename "$(dirname "$s")"); break
	fi
done
if [ -n "$kthread" ]; then
	expect 1 "kernel thread" -p "$kthread"
else
	note "no kernel thread visible here: not checked"
fi

# Already traced, by another sigtrace: say by whom.
start_target daemon
"$SIGTRACE" -q -p "$target" --json "$T/a.json" 2>/dev/null &
first=$!
wait_for_json "$T/a.json" 'any(.[]; .type == "dispositions")'
expect 1 "already traced by pid $first (sigtrace)" -p "$target"

# Not permitted: another user may not trace root's process.
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
	kill -INT "$first"; wait "$first"
	wait_no_tracer "$target"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SIGTRACE" -p "$target" >"$T/out" 2>"$T/err"
	got=$?
	[ "$got" -eq 1 ] && grep -q "permission denied" "$T/err" ||
		{ show_file "$T/err" stderr; fail "non-root attach to a root process: exit $got"; }
else
	kill -INT "$first"; wait "$first"
	note "setpriv missing or not root: permission case not checked"
fi

# A process that exits while attached is not an error: its end is reported.
stop_target
exit 0
