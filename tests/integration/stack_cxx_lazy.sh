# SPDX-License-Identifier: MIT
# The C++ runtime is sigtrace's only for demangling (issue 21): it is
# not linked (linking it costs every run about 1.2 MB resident), and a
# run whose names are all C names never loads it; the first C++ handler
# name makes sigtrace load it, with dlopen.  stack_cxx.sh checks that the
# names then come out demangled.
. "$TESTLIB"
backend=$("$SIGTRACE" --version | sed -n 's/^stack traces: //p')
[ "$backend" = none ] && skip "built without stack traces (--without-libunwind)"

if command -v objdump >/dev/null 2>&1; then
	needed=$(objdump -p "$SIGTRACE" | awk '$1 == "NEEDED" { print $2 }')
elif command -v readelf >/dev/null 2>&1; then
	needed=$(readelf -d "$SIGTRACE" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
else
	skip "no objdump or readelf to read sigtrace's NEEDED entries"
fi
[ -n "$needed" ] || fail "no NEEDED entries read from $SIGTRACE"
echo "$needed" | grep -q '^libc\.so' || fail "libc is not among sigtrace's NEEDED:" $needed
echo "$needed" | grep -q 'libstdc++' && fail "sigtrace links libstdc++:" $needed

# Which libraries sigtrace itself loads, as glibc's dynamic linker tells
# (LD_DEBUG=files, one file per process: the traced programs and the
# watchdog write their own; sigtrace's names it as what needs libc).
# $1: the log's name; the rest: sigtrace's arguments.
loads() {
	name=$1
	shift
	err_file="$T/$name.err"
	LD_DEBUG=files LD_DEBUG_OUTPUT="$T/$name.ld" $WATCHDOG \
		"$SIGTRACE" -q -o "$T/$name.txt" "$@" >/dev/null 2>"$err_file"
	rc=$?
	ld=$(grep -lF "needed by $SIGTRACE " "$T/$name.ld".* 2>/dev/null | head -n 1)
}

skip_unless_ptrace
loads c -- "$FIXTURES/handled_usr1"
assert_rc 0
[ -n "$ld" ] && grep -q 'file=libc\.so' "$ld" ||
	skip "no LD_DEBUG=files trace of the dynamic linker (not glibc?)"
grep -q 'file=libstdc++.*dynamically loaded by' "$ld" &&
	fail "tracing a C program loaded libstdc++"
if grep -q 'file=libstdc++' "$ld"; then
	# Sanitizer builds: libubsan needs it, so it is there from the start.
	note "libstdc++ is loaded at start by another library: the load at the first C++ name is not observable"
	exit 0
fi

[ -x "$FIXTURES/cxx_handler" ] || skip "no C++ compiler at configure time: no cxx_handler fixture"
loads cxx -- "$FIXTURES/cxx_handler"
assert_rc 0
grep -q 'file=libstdc++.*dynamically loaded by' "$ld" ||
	{ show_file "$ld" "LD_DEBUG=files of sigtrace"; fail "a C++ handler name did not make sigtrace load libstdc++"; }
grep -q 'svc::Reloader::on_hup(int)' "$T/cxx.txt" ||
	{ show_file "$T/cxx.txt" "text log"; fail "the handler is not named demangled"; }
exit 0
