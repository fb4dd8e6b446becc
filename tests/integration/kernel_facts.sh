# SPDX-License-Identifier: MIT
# The kernel facts that sigtrace's safety rules rely on (docs/safety.md),
# checked on the kernel that runs the tests: if one stops holding, this
# fails first and says which, before the tests of the rules built on it.
. "$TESTLIB"
skip_unless_ptrace

"$FIXTURES/kfacts" >"$T/facts" 2>&1
st=$?
cat "$T/facts" >&2
[ "$st" -eq 0 ] || fail "a kernel fact does not hold here (see above)"
exit 0
