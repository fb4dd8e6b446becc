# SPDX-License-Identifier: MIT
# bench/table.sh - the table of bench/run.sh (sourced): one line per
# configuration of each timed workload, then the checks, memory and the
# report, each with its target and PASS/MISS.  Reads raw/.

# row WORKLOAD KIND EVENTS: the line of one configuration, counted when it
# has a target.
row() {
	w=$1 kind=$2 n=$3
	m=$(median "$OUT/raw/$w.$kind")
	u=$(median "$OUT/raw/$w.untraced")
	f=$(median "$OUT/raw/$w.$(floor_of "$w" "$kind")")
	cpu=$(median "$OUT/raw/$w.$kind.cpu")
	l=$(label "$kind")
	[ "$w" = syscalls ] && [ "$kind" = strace ] &&
		l="$l (1/$STRACE_DIV, x$STRACE_DIV)"
	IFS='|' read -r on lim text <<EOF
$(target_of "$w" "$kind")
EOF
	if [ "$on" = below ]; then
		lim=$(median "$OUT/raw/$w.$lim")
		case $lim in
		'' | FAIL)
			emit "$(line "$l" "" "" "" "" "" "" "$text" "SKIP (nothing to compare with)")"
			return ;;
		esac
	fi
	if [ -z "$m" ] || [ "$m" = FAIL ]; then
		say "$(line "$l" "${m:--}" "" "" "" "" "" "$text" "${on:+FAIL}")"
		[ -n "$on" ] && failed=1
		return
	fi
	[ "$u" = FAIL ] && u=
	[ "$f" = FAIL ] && f=
	r=$(awk -v m="$m" -v u="$u" -v f="$f" -v n="$n" -v c="$cpu" \
		-v on="$on" -v max="$lim" 'BEGIN {
		ru = (u > 0) ? m / u : 0; rf = (f > 0) ? m / f : 0;
		su = (u > 0) ? sprintf(ru >= 100 ? "%.0fx" : "%.2fx", ru) : "";
		sf = (f > 0) ? sprintf(rf >= 100 ? "%.0fx" : "%.2fx", rf) : "";
		ev = (u > 0 && n > 0) ? sprintf("%.2f", (m - u) / n / 1e3) : "";
		ce = (c != "" && n > 0) ? sprintf("%.2f", c / n / 1e3) : "";
		v = "";
		if (on == "untraced") v = (u > 0 && ru <= max) ? "PASS" : "MISS";
		if (on == "floor") v = (f > 0 && rf <= max) ? "PASS" : "MISS";
		if (on == "below") v = (m < max) ? "PASS" : "MISS";
		printf "%.1f ms|%s|%s|%s|%s|%s\n", m / 1e6, su, sf, ev, ce, v }')
	IFS='|' read -r ms su sf ev ce v <<EOF
$r
EOF
	out=$(line "$l" "$ms" "$(spread "$OUT/raw/$w.$kind")" "$su" "$sf" \
		"$ev" "$ce" "$text" "$v")
	if [ -n "$on" ]; then emit "$out"; else say "$out"; fi
}

# rows WORKLOAD EVENTS "KINDS" [SKIP-REASON]: the lines of one workload;
# the attach rows are SKIPped with the reason when attach cannot run.
rows() {
	for kind in $3; do
		row "$1" "$kind" "$2"
	done
	if [ "$have_attach" != yes ] && [ -n "$(target_of "$1" sigtrace-p)" ]; then
		skip_row "sigtrace -p (attach)" \
			"$(target_of "$1" sigtrace-p | cut -d'|' -f3)" "$attach_why"
	fi
}

# cpu_line WORKLOAD KIND EVENTS LIMIT-US: the tracer CPU per event of a
# configuration against a limit in microseconds.
cpu_line() {
	c=$(median "$OUT/raw/$1.$2.cpu")
	us=
	[ -n "$c" ] && us=$(awk -v c="$c" -v n="$3" 'BEGIN { printf "%.1f", c / n / 1e3 }')
	verdict_line "$(label "$2"): tracer CPU per event" "${us:+$us us}" \
		"<= $4 us tracer CPU" "$(le "$us" "$4")"
}

# count_line FORMAT "A B" TARGET: PASS when the two counts are equal;
# FORMAT (printf) shows them.
count_line() {
	fmt=$1 target=$3
	# shellcheck disable=SC2086
	set -- $2
	if [ "$#" -ne 2 ]; then
		# shellcheck disable=SC2059
		verdict_line "$(printf "$fmt" "?" "?")" "" "$target" ""
		return
	fi
	ok=0
	[ "$1" = "$2" ] && ok=1
	# shellcheck disable=SC2059
	verdict_line "$(printf "$fmt" "$1" "$2")" "" "$target" "$ok"
}

# mem_row LABEL FILE LIMIT-MIB: peak RSS against a limit ("" for info).
mem_row() {
	kb=$(val vmhwm_kb "$2")
	st=$(val status "$2")
	target="(info)"
	[ -n "$3" ] && target="<= $3 MiB peak RSS"
	if [ -z "$kb" ] || [ "$st" != 0 ]; then
		verdict_line "$1" "" "$target" ""
		failed=1
		return
	fi
	mib=$(awk -v kb="$kb" 'BEGIN { printf "%.1f", kb / 1024 }')
	if [ -n "$3" ]; then
		verdict_line "$1" "$mib MiB" "$target" "$(le "$mib" "$3")"
	else
		say "$(line "$1" "$mib MiB" "" "" "" "" "" "$target" "")"
	fi
}

strace_v=
[ -n "$STRACE" ] && strace_v=", $("$STRACE" -V 2>/dev/null | head -1 | sed 's/ -- version//')"
say "sigtrace benchmarks, $(date -u +%Y-%m-%d): $("$SIGTRACE" --version 2>/dev/null | head -1), $(uname -sr) $(uname -m), $(nproc) CPUs$strace_v"
say "$ROUNDS interleaved rounds ($SYSCALL_ROUNDS for the syscall workload); medians of the"
say "time each workload measures itself around its loop.  x untr. = median /"
say "untraced median; x floor = median / median of the bare-ptrace floor of the"
say "same mode (and, for the syscall loop, the same seccomp filter); us/ev ="
say "(median - untraced) / events; cpu/ev = the tracer's own CPU time / events."
say ""
say "$(line "" median spread "x untr." "x floor" "us/ev" "cpu/ev" target result)"

say "syscall-heavy, no signals: $N_SYSCALLS x getppid()"
rows syscalls "$N_SYSCALLS" \
	"untraced floor floor-s sigtrace $A ${STRACE:+strace strace-bpf}"

say "self-signal storm: $N_STORM x kill(getpid(), SIGUSR1), handler"
rows storm "$N_STORM" "untraced floor sigtrace $A $S"
cpu_line storm sigtrace "$N_STORM" 30

say "interrupted syscalls: $N_EINTR x SIGUSR1 into read() on a pipe (EINTR)"
rows eintr "$N_EINTR" "untraced floor sigtrace $A ${STRACE:+strace-bpf}"
if [ -n "$STRACE" ]; then
	a=$(median "$OUT/raw/eintr.sigtrace")
	b=$(median "$OUT/raw/eintr.strace-bpf")
	ok=
	[ -n "$a" ] && [ -n "$b" ] && ok=$(le "$a" "$b")
	verdict_line "sigtrace: faster than strace --seccomp-bpf" "" \
		"below strace" "$ok"
fi
count_line "EINTRs: program %s, sigtrace logged %s" "$eintr_check" \
	"all logged"

say "thread storm: $N_THREADS threads x $N_PER_THREAD tgkill(SIGRTMIN) each"
rows threads "$((N_THREADS * N_PER_THREAD))" "untraced floor sigtrace $A $S"
count_line "sigtrace: handled %s, logged %s" "$lost_spawn" "0 lost"
if [ "$have_attach" = yes ]; then
	count_line "sigtrace -p: handled %s, logged %s" "$lost_attach" \
		"0 lost"
else
	skip_row "sigtrace -p: deliveries logged" "0 lost" "$attach_why"
fi

say "JVM-like faults: $N_SEGV x SIGSEGV handled (the handler moves the pc past the load)"
rows segv "$N_SEGV" "untraced floor sigtrace $A $S"

say "fork tree: $N_TREE processes, fork + exec each (us/ev: per process)"
rows forktree "$N_TREE" "untraced floor sigtrace $S"
# shellcheck disable=SC2086
set -- $tree_check
if [ "$#" -eq 2 ]; then
	ok=0
	[ "$1" = "$N_TREE" ] && [ "$2" = 0 ] && ok=1
	verdict_line "summary: $1 processes, $2 'no exit seen'" "" \
		"$N_TREE, every exit" "$ok"
else
	verdict_line "summary: processes" "" "$N_TREE, every exit" ""
fi

say "-k: per-delivery cost with and without stacks ($N_KSTORM x kill(getpid(), SIGUSR1))"
if [ "$have_k" = yes ]; then
	rows kstorm "$N_KSTORM" "untraced sigtrace sigtrace-k"
	m0=$(median "$OUT/raw/kstorm.sigtrace")
	mk=$(median "$OUT/raw/kstorm.sigtrace-k")
	case "$m0$mk" in
	*FAIL*) ;;
	*) say "$(line "stacks: sigtrace -k minus sigtrace" "" "" "" "" \
		"$(awk -v a="$m0" -v b="$mk" -v n="$N_KSTORM" \
			'BEGIN { printf "%.2f", (b - a) / n / 1e3 }')" "" "(info)" "")" ;;
	esac
else
	skip_row "sigtrace -k (stacks)" "(info)" "$k_why"
fi

say "memory and offline report"
mem_row "sigtrace, $N_BIG-thread program" "$OUT/raw/mem.spawn" ""
if [ "$have_attach" = yes ]; then
	mem_row "sigtrace -p, $N_BIG-thread program" "$OUT/raw/mem.attach" 8
else
	skip_row "sigtrace -p, $N_BIG-thread program" "<= 8 MiB peak RSS" "$attach_why"
fi
mem_row "sigtrace, $N_MEM_PROCS-process fork tree" "$OUT/raw/mem.tree" 16
if [ "$have_report" = yes ] && [ -s "$OUT/raw/report" ]; then
	vals wall_ns "$OUT/raw/report" >"$TMP/rep.ns"
	m=$(median "$TMP/rep.ns")
	s=$(awk -v m="$m" 'BEGIN { printf "%.2f", m / 1e9 }')
	verdict_line "sigtrace report, $N_LOG-event log" "$s s" "<= 3 s" \
		"$(le "$s" 3)"
	vals cpu_ns "$OUT/raw/report" >"$TMP/rep.cpu"
	say "$(line "sigtrace report: its own CPU time" \
		"$(awk -v c="$(median "$TMP/rep.cpu")" 'BEGIN { printf "%.2f s", c / 1e9 }')" \
		"" "" "" "" "" "(info: wall on a quiet VM)" "")"
	kb=$(vals vmhwm_kb "$OUT/raw/report" | sort -n | tail -1)
	say "$(line "sigtrace report: peak RSS" \
		"$(awk -v kb="$kb" 'BEGIN { printf "%.1f MiB", kb / 1024 }')" \
		"" "" "" "" "" "(info)" "")"
elif [ "$have_report" = yes ]; then
	verdict_line "sigtrace report, $N_LOG-event log" "" "<= 3 s" ""
else
	skip_row "sigtrace report, $N_LOG-event log" "<= 3 s" "sigtrace report not built yet"
fi

say ""
say "summary: $npass PASS, $nmiss MISS, $nskip SKIP$( [ "$failed" = 0 ] || echo ", some runs FAILED: see $OUT/failures.log")"
say "raw figures: $OUT/raw/"
