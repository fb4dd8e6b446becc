#!/bin/sh
# SPDX-License-Identifier: MIT
# deb.sh - build the Debian package from a fresh clone as a distribution
# would, check it with lintian, install it with apt-get, run the
# installed sigtrace (--version and the tar-race demo), remove it.
#
#   .ci/deb.sh        as root on Debian 12: it installs dpkg-dev, lintian
#                     and the build dependencies of debian/control when
#                     they are missing, and the package itself
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
say() { printf 'deb: %s\n' "$*" >&2; }

[ "$(id -u)" -eq 0 ] || {
	say "run as root: it installs packages, then the .deb it builds"
	exit 1
}
export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/sigtrace-deb.XXXXXX")
installed=no
cleanup() {
	# A failure after the install must not leave the package behind.
	[ "$installed" = no ] || apt-get remove -y -qq sigtrace >/dev/null 2>&1 || :
	rm -rf "$work"
}
trap cleanup EXIT

git clone -q "$top" "$work/sigtrace"
cd "$work/sigtrace"

missing=
for p in dpkg-dev lintian; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ] || ! dpkg-checkbuilddeps >/dev/null 2>&1; then
	say "installing dpkg-dev, lintian and the build dependencies"
	apt-get update -qq || say "apt-get update failed; trying the install anyway"
	apt-get install -y -qq --no-install-recommends dpkg-dev lintian >/dev/null
	apt-get build-dep -y -qq --no-install-recommends ./ >/dev/null
fi

# A native package: its version is the upstream release.
version=$(dpkg-parsechangelog -S Version)
release=$(sed -n 's/^release=//p' build-aux/git-version-gen)
[ "$version" = "$release" ] || {
	say "debian/changelog says $version, build-aux/git-version-gen $release"
	exit 1
}

say "dpkg-buildpackage -us -uc -b (with make check)"
DEB_BUILD_OPTIONS="parallel=$(nproc)" dpkg-buildpackage -us -uc -b \
	>"$work/build.log" 2>&1 || { tail -n 80 "$work/build.log"; exit 1; }
grep -E '^# (TOTAL|PASS|SKIP|FAIL|ERROR):' "$work/build.log" | tr '\n' ' '
echo
deb=$(ls "$work"/sigtrace_"$version"_*.deb)

say "lintian (fails on errors)"
lintian --fail-on error --display-info "$work"/sigtrace_"$version"_*.changes
say "lintian: no errors"

apt-get install -y -qq "$deb" >/dev/null
installed=yes
got=$(dpkg-query -W -f='${Version}' sigtrace)
[ "$got" = "$version" ] || { say "installed version $got, not $version"; exit 1; }
for f in /usr/bin/sigtrace /usr/share/man/man1/sigtrace.1.gz \
	/usr/share/bash-completion/completions/sigtrace \
	/usr/share/doc/sigtrace/copyright /usr/share/doc/sigtrace/NEWS.gz \
	/usr/share/doc/sigtrace/events.md.gz; do
	dpkg -S "$f" >/dev/null || { say "$f is not in the package"; exit 1; }
done
bash -n /usr/share/bash-completion/completions/sigtrace
/usr/bin/sigtrace --version

say "the tar race, traced by the installed sigtrace"
make -j"$(nproc)" tests/fixtures/tar_race >/dev/null
status=0
/usr/bin/sigtrace -e signal=USR1 -- tests/fixtures/tar_race \
	2>"$work/demo.log" || status=$?
cat "$work/demo.log"
# The parent exits 0 once its victim is dead (tests/fixtures/tar_race.c),
# and sigtrace exits with its command's status; the victim's death and
# its cause are in the log.
[ "$status" -eq 0 ] || { say "exit status $status, not tar_race's 0"; exit 1; }
grep -q '+++ killed by SIGUSR1 +++' "$work/demo.log" ||
	{ say "the victim was not reported killed by SIGUSR1"; exit 1; }
grep -q 'FINDING: SIGUSR1 killed the process under its default disposition (cause: never_installed, critical)' \
	"$work/demo.log" || { say "no never_installed finding"; exit 1; }

apt-get remove -y -qq sigtrace >/dev/null
installed=no
if dpkg-query -W -f='${Status}\n' sigtrace 2>/dev/null | grep -q 'install ok installed'; then
	say "sigtrace is still installed after apt-get remove"
	exit 1
fi
say "built, lint-clean, installed, ran, removed in $(($(date +%s) - start)) s"
