#!/bin/sh
# SPDX-License-Identifier: MIT
# cross-aarch64.sh - build sigtrace for aarch64 with Debian's cross
# compiler and run the unit tests that need no ptrace under qemu-user.
#
#   .ci/cross-aarch64.sh          from anywhere; root installs what is
#                                 missing with apt-get
#
# What it needs (Debian 12), installed when missing and run as root:
#   gcc-aarch64-linux-gnu libc6-dev-arm64-cross   the cross toolchain
#   qemu-user                                     runs the test programs
#   libjsmn-dev                                   header only: any arch
#   libcmocka-dev:arm64 libjansson-dev:arm64      through multiarch: this
#       adds the arm64 architecture to dpkg (dpkg --add-architecture
#       arm64) once, which then stays configured on the machine
#
# It builds from a clean copy of the source tree (the files git knows
# of, committed or not, without build products) in a temporary
# directory, configures out of tree (a VPATH build) with
# --host=aarch64-linux-gnu --without-libunwind, builds sigtrace and the
# unit tests, and runs them with qemu-aarch64.  ptrace itself cannot be
# tested this way (qemu-user does not emulate it): see docs/arch.md.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
host=aarch64-linux-gnu
sysroot=/usr/$host
qemu=qemu-aarch64
# Unit tests that need neither ptrace nor this machine's syscall numbers.
unit="test_arch test_sigtab test_siginfo test_escape test_jsonw test_options
test_xlat test_evwalk
test_model test_reader test_analyzer test_json_scan test_iso_time
test_name_cache"

say() { printf 'cross-aarch64: %s\n' "$*" >&2; }

native_packages="gcc-$host libc6-dev-arm64-cross qemu-user libjsmn-dev"
arm64_packages="libcmocka-dev:arm64 libjansson-dev:arm64"

missing() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q 'install ok installed' || printf '%s ' "$p"
	done
}

install_packages() {
	command -v dpkg-query >/dev/null 2>&1 || {
		say "not a Debian system: install an aarch64 cross compiler, qemu-user and arm64 cmocka and jansson by hand"
		exit 1
	}
	need=$(missing $native_packages $arm64_packages)
	[ -z "$need" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		say "missing packages: $need"
		say "run as root, or: sudo dpkg --add-architecture arm64 && sudo apt-get update && sudo apt-get install -y $need"
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	if ! dpkg --print-foreign-architectures | grep -qx arm64; then
		say "adding the arm64 architecture to dpkg (multiarch)"
		dpkg --add-architecture arm64
	fi
	say "installing: $need"
	apt-get update -qq || say "apt-get update failed; trying the install anyway"
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $need >/dev/null
}

install_packages

work=$(mktemp -d "${TMPDIR:-/tmp}/sigtrace-aarch64.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/src" "$work/build"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	git -C "$top" ls-files -z --cached --others --exclude-standard |
		tar -C "$top" --null -T - -cf - | tar -C "$work/src" -xf -
	# the version that build-aux/git-version-gen gets from git
	sh "$top/build-aux/git-version-gen" >"$work/src/.tarball-version"
else
	cp -a "$top/." "$work/src/"
fi

cd "$work/src"
autoreconf -fi >"$work/autoreconf.log" 2>&1 || {
	cat "$work/autoreconf.log"; exit 1; }
cd "$work/build"
# No $host-pkg-config on Debian: point pkg-config at the arm64 .pc files.
PKG_CONFIG=pkg-config
PKG_CONFIG_LIBDIR=/usr/lib/$host/pkgconfig:/usr/share/pkgconfig
PKG_CONFIG_PATH=
export PKG_CONFIG PKG_CONFIG_LIBDIR PKG_CONFIG_PATH
../src/configure -q --host=$host --without-libunwind --enable-werror >"$work/configure.log" 2>&1 || {
	cat "$work/configure.log"; tail -n 40 config.log; exit 1; }
grep -q '^SIGTRACE_ARCH = aarch64' Makefile || {
	say "configure did not pick arch/aarch64"; exit 1; }
targets=sigtrace
for t in $unit; do
	targets="$targets tests/unit/$t"
done
# shellcheck disable=SC2086
make -j"$(nproc)" $targets >"$work/make.log" 2>&1 || {
	tail -n 60 "$work/make.log"; exit 1; }
file sigtrace 2>/dev/null | grep -q 'ARM aarch64' || {
	command -v file >/dev/null 2>&1 &&
	{ say "sigtrace is not an aarch64 program: $(file sigtrace)"; exit 1; }
}

# srcdir: as make check exports it (test_json_scan reads the golden logs)
run() {
	srcdir=../src QEMU_LD_PREFIX=$sysroot "$qemu" "$@"
}

run ./sigtrace --version >"$work/version" 2>&1 || {
	cat "$work/version"; say "sigtrace --version failed under qemu"; exit 1; }
say "$(head -n 1 "$work/version") (aarch64, under qemu)"

passed=0
failed=0
for t in $unit; do
	if run "tests/unit/$t" >"$work/$t.log" 2>&1; then
		passed=$((passed + 1))
		say "PASS: $t"
	else
		failed=$((failed + 1))
		cat "$work/$t.log"
		say "FAIL: $t"
	fi
done
echo "aarch64-qemu: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
