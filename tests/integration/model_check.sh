# SPDX-License-Identifier: MIT
# Issue 3: at every delivery the model is checked against the kernel's
# truth (/proc/TID/status SigCgt/SigIgn); a disagreement is a warning and
# a model_mismatch finding, and the kernel wins.  The test hook
# SIGTRACE_TEST_IGNORE_SIGACTION starves the model of sigaction calls, so
# the model believes SIGUSR1 is still SIG_DFL while the kernel knows the
# handler.  Only the test build of sigtrace next to this script has it.
. "$TESTLIB"
skip_unless_ptrace

hooks=${SIGTRACE%/*}/tests/integration/sigtrace-test-hooks
[ -x "$hooks" ] || fail "no test build of sigtrace at $hooks"

SIGTRACE_TEST_IGNORE_SIGACTION=1
export SIGTRACE_TEST_IGNORE_SIGACTION

# The shipped binary ignores the hook: no disagreement.
J=$T/shipped.json
trace_json "$J" -- "$FIXTURES/handled_usr1"
assert_jq "$J" 'count(findings | select(.kind == "model_mismatch")) == 0' \
	'the shipped sigtrace has no test hook'

shipped=$SIGTRACE
SIGTRACE=$hooks
J=$T/log.json
trace_json "$J" -- "$FIXTURES/handled_usr1"
assert_rc 0
assert_jq "$J" 'any(ev("warning"); .message | test("SIGUSR1.*model says default.*says a handler"))' \
	'a warning names the disagreement'
assert_jq "$J" 'any(findings; .kind == "model_mismatch" and .signal == "SIGUSR1")' \
	'a model_mismatch finding'
assert_jq "$J" 'any(signals; .signal == "SIGUSR1" and .disposition.kind == "handler")' \
	'the kernel wins: the delivery is reported as handled'
assert_jq "$J" 'count(dd_findings) == 0' 'and so no false default-disposition alarm'
SIGTRACE=$shipped

# Without the hook: no disagreement at all.
unset SIGTRACE_TEST_IGNORE_SIGACTION
J=$T/plain.json
trace_json "$J" -- "$FIXTURES/handled_usr1"
assert_jq "$J" 'count(findings | select(.kind == "model_mismatch")) == 0
	and count(ev("warning")) == 0' 'no mismatch when the model saw the call'
exit 0
