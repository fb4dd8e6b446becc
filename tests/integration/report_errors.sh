# SPDX-License-Identifier: MIT
# `sigtrace report` on logs it cannot use: one line on stderr starting
# with "sigtrace: " naming the file, the line and what is wrong, exit
# status 1 (2 for usage errors).  A last line cut short (a trace killed
# mid-write) is a warning: the report of the rest is written.
. "$TESTLIB"
[ -x "$SIGTRACE" ] || fail "no executable sigtrace at $SIGTRACE"

G=${TESTLIB%/integration/lib.sh}/golden

# check STATUS PATTERN ARGS...: exit status and the one stderr line.
check() {
	want=$1 pattern=$2
	shift 2
	"$SIGTRACE" report "$@" >"$T/out" 2>"$T/err"
	st=$?
	if [ "$st" -ne "$want" ]; then
		show_file "$T/err" stderr
		fail "report $*: exit status $st, expected $want"
	fi
	if [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q '^sigtrace: ' "$T/err"; then
		show_file "$T/err" stderr
		fail "report $*: expected exactly one 'sigtrace: ' line on stderr"
	fi
	grep -qE -- "$pattern" "$T/err" || {
		show_file "$T/err" stderr
		fail "report $*: the message does not match '$pattern'"
	}
}

: >"$T/empty.jsonl"
check 1 'empty.jsonl: empty' "$T/empty.jsonl"
check 1 'nonexistent.jsonl.*No such file' "$T/nonexistent.jsonl"
head -c 4096 "$SIGTRACE" >"$T/binary.jsonl"
check 1 'binary.jsonl:1: (binary data|not JSON)' "$T/binary.jsonl"
printf '\177ELF\002\001\001\000\000\000\n' >"$T/elf.jsonl"
check 1 'elf.jsonl:1: binary data' "$T/elf.jsonl"
head -c 10485760 /dev/zero | tr '\0' 'a' >"$T/long.jsonl"
check 1 'long.jsonl:1: a line longer than' "$T/long.jsonl"
sed 's/"v":1,/"v":2,/' "$G/tar_race.jsonl" >"$T/v2.jsonl"
check 1 'v2.jsonl:1: schema version 2' "$T/v2.jsonl"
printf '{"name":"something","value":3}\n' >"$T/foreign.jsonl"
check 1 'foreign.jsonl:1: not a sigtrace event' "$T/foreign.jsonl"
printf 'time,pid,signal\n' >"$T/csv.jsonl"
check 1 'csv.jsonl:1: not JSON' "$T/csv.jsonl"
# Corruption in the middle: an error naming the line.
{ head -n 5 "$G/tar_race.jsonl"; printf '{"v":1,"type":"sig\n';
  tail -n +6 "$G/tar_race.jsonl"; } >"$T/middle.jsonl"
check 1 'middle.jsonl:6: not JSON' "$T/middle.jsonl"
sed '3s/"pid":[0-9]*/"pid":"x"/' "$G/tar_race.jsonl" >"$T/type.jsonl"
check 1 'type.jsonl:3: field "pid" should be an integer' "$T/type.jsonl"
# Usage.
check 2 'which log' 
check 2 'one log at a time' "$T/a" "$T/b"
check 2 'format pdf' "$G/tar_race.jsonl" --format pdf
check 1 'cannot write the report' "$G/tar_race.jsonl" -o /nonexistent/dir/r.txt

# A trace killed mid-write: a warning, and the report of the rest.
lines=$(wc -l <"$G/tar_race.jsonl")
{ head -n $((lines - 1)) "$G/tar_race.jsonl"; tail -n 1 "$G/tar_race.jsonl" |
	head -c 40; } >"$T/cut.jsonl"
check 0 "cut.jsonl:$lines: the last line is incomplete.*ignored" "$T/cut.jsonl"
grep -q 'killed by SIGUSR1' "$T/out" || fail "cut log: no report of the rest"
grep -q 'no trace_end' "$T/out" || fail "cut log: the report does not say it is cut"
exit 0
