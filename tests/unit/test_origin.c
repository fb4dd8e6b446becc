/* SPDX-License-Identifier: MIT */
/*
 * test_origin.c - where a signal came from (origin.c, origin_text.c) and
 * how much its default action matters (severity.c), on facts as the
 * tracer gathers them at a delivery stop (docs/explanations.md).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <string.h>

#include "origin.h"
#include "severity.h"

#define SELF 4242

static struct ev_signal delivery(int signo, int code, pid_t from)
{
	struct ev_signal s;

	memset(&s, 0, sizeof(s));
	s.signo = signo;
	s.code = code;
	s.has_sender = from > 0;
	s.sender.pid = from;
	s.fd = -1;
	return s;
}

/* The receiving thread in SYSCALL, returning RET, first argument ARG0. */
static struct origin_facts in_call(const char *syscall, long ret,
				   uint64_t arg0)
{
	struct origin_facts f;

	memset(&f, 0, sizeof(f));
	f.self = SELF;
	f.syscall = syscall;
	f.ret = ret;
	f.args[0] = arg0;
	return f;
}

/* SIGPIPE from a write without reader looks self-sent: the registers
 * tell it from kill(getpid(), SIGPIPE). */
static void test_pipe(void **state)
{
	struct ev_signal s = delivery(SIGPIPE, SI_USER, SELF);
	struct origin_facts f = in_call("write", -EPIPE, 10);

	(void)state;
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_PIPE);
	assert_string_equal(s.epipe.syscall, "write");
	assert_int_equal(s.epipe.fd, 10);

	s = delivery(SIGPIPE, SI_USER, SELF);
	f = in_call("kill", 0, SELF);
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_SELF);
	assert_string_equal(s.send_syscall, "kill");

	/* arm64: the return value took the first argument's register. */
	s = delivery(SIGPIPE, SI_USER, SELF);
	f = in_call("sendto", -EPIPE, 0);
	f.arg0_clobbered = true;
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_PIPE);
	assert_int_equal(s.epipe.fd, -1);

	/* splice writes to its third argument. */
	s = delivery(SIGPIPE, SI_USER, SELF);
	f = in_call("splice", -EPIPE, 3);
	f.args[2] = 7;
	origin_classify(&s, &f);
	assert_int_equal(s.epipe.fd, 7);

	/* From another process it is that process's. */
	s = delivery(SIGPIPE, SI_USER, 17);
	f = in_call("write", -EPIPE, 1);
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_PROCESS);
}

static void test_fsize(void **state)
{
	struct ev_signal s = delivery(SIGXFSZ, SI_USER, SELF);
	struct origin_facts f = in_call("pwrite64", -EFBIG, 3);

	(void)state;
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_LIMIT);
	assert_int_equal(s.limit, LIMIT_FSIZE);
	assert_int_equal(s.epipe.fd, 3);
}

/* SI_KERNEL: the terminal, a timer, a limit, a fault, I/O. */
static void test_kernel(void **state)
{
	static const struct {
		int signo;
		enum sig_origin origin;
		enum term_event term;
	} cases[] = {
		{ SIGINT, FROM_TERMINAL, TERM_INTR },
		{ SIGQUIT, FROM_TERMINAL, TERM_QUIT },
		{ SIGTSTP, FROM_TERMINAL, TERM_SUSP },
		{ SIGHUP, FROM_TERMINAL, TERM_HANGUP },
		{ SIGTTOU, FROM_TERMINAL, TERM_BG_WRITE },
		{ SIGWINCH, FROM_TERMINAL, TERM_RESIZE },
		{ SIGALRM, FROM_TIMER, TERM_NONE },
		{ SIGXCPU, FROM_LIMIT, TERM_NONE },
		{ SIGTRAP, FROM_FAULT, TERM_NONE },
		{ SIGURG, FROM_IO, TERM_NONE },
		{ SIGUSR1, FROM_KERNEL, TERM_NONE },
	};
	struct origin_facts f = in_call(NULL, 0, 0);

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ev_signal s = delivery(cases[i].signo, SI_KERNEL, 0);

		origin_classify(&s, &f);
		assert_int_equal(s.origin, cases[i].origin);
		assert_int_equal(s.term, cases[i].term);
	}
}

static void test_codes(void **state)
{
	struct origin_facts f = in_call(NULL, 0, 0);
	struct ev_signal s;

	(void)state;
	s = delivery(SIGCHLD, CLD_EXITED, 17);
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_CHILD);
	s = delivery(SIGSEGV, SEGV_MAPERR, 0);
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_FAULT);
	s = delivery(SIGSYS, 1 /* SYS_SECCOMP */, 0);
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_SECCOMP);
	s = delivery(SIGALRM, SI_TIMER, 0);
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_TIMER);
	assert_int_equal(s.timer, TIMER_POSIX);
	s = delivery(SIGRTMIN, POLL_IN, 0);
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_IO);
	/* si_pid 0 from kill(): the sender is outside the namespace. */
	s = delivery(SIGTERM, SI_USER, 0);
	f.si_pid_zero = true;
	f.uid = 1000;
	origin_classify(&s, &f);
	assert_int_equal(s.origin, FROM_OUTSIDE_NS);
	assert_true(s.has_sender_uid);
	assert_int_equal(s.sender_uid, 1000);
}

/* kill(0), kill(-pgid): the sender's own copy shows the group. */
static void test_kill_target(void **state)
{
	struct origin_facts f = in_call("kill", 0, (uint32_t)-1234);
	long pid;

	(void)state;
	assert_true(origin_kill_target(&f, &pid));
	assert_int_equal(pid, -1234);
	f = in_call("kill", 0, 0);
	assert_true(origin_kill_target(&f, &pid));
	assert_int_equal(pid, 0);
	f = in_call("tgkill", 0, SELF);
	assert_false(origin_kill_target(&f, &pid));
	f = in_call("kill", -ESRCH, 0);
	assert_false(origin_kill_target(&f, &pid));
}

static void test_names(void **state)
{
	(void)state;
	for (int o = FROM_UNKNOWN; o < FROM__COUNT; o++)
		assert_int_equal(origin_from_name(origin_name(o)), o);
	for (int t = TERM_INTR; t < TERM__COUNT; t++)
		assert_int_equal(term_event_from_name(term_event_name(t)), t);
	assert_int_equal(origin_from_name("nonsense"), -1);
	assert_string_equal(dropped_name(DROP_NS_INIT), "pid_namespace_init");
	assert_int_equal(origin_file_kind("pipe:[12]", false), FILE_PIPE);
	assert_int_equal(origin_file_kind("socket:[34]", false), FILE_SOCKET);
	assert_int_equal(origin_file_kind("/tmp/f", true), FILE_FIFO);
	assert_int_equal(origin_file_kind("/tmp/f", false), FILE_OTHER);
	for (int s = SEV_CRITICAL; s < SEV__COUNT; s++)
		assert_int_equal(severity_from_name(severity_name(s)), s);
}

static void check_phrase(const struct ev_signal *s, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_true(origin_phrase(&sb, s));
	assert_string_equal(sb.buf, want);
	sb_free(&sb);
}

static void test_phrases(void **state)
{
	struct ev_signal s = delivery(SIGINT, SI_KERNEL, 0);
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	s.origin = FROM_TERMINAL;
	s.term = TERM_INTR;
	check_phrase(&s, "the terminal (^C)");
	s = delivery(SIGPIPE, SI_USER, SELF);
	s.origin = FROM_PIPE;
	strcpy(s.epipe.syscall, "write");
	s.epipe.fd = 1;
	strcpy(s.epipe.file, "pipe:[9]");
	s.epipe.kind = FILE_PIPE;
	s.epipe.has_reader = true;
	s.epipe.reader.pid = 77;
	strcpy(s.epipe.reader.comm, "head");
	check_phrase(&s, "the kernel: write() to fd 1 (pipe:[9]) whose reader had gone (77 head)");
	s = delivery(SIGSEGV, SEGV_MAPERR, 0);
	s.origin = FROM_FAULT;
	s.has_addr = true;
	s.addr = 0x10;
	check_phrase(&s, "the kernel: SEGV_MAPERR at 0x10");
	/* A process is named by its caller, not here. */
	s = delivery(SIGTERM, SI_USER, 17);
	s.origin = FROM_PROCESS;
	assert_false(origin_phrase(&sb, &s));
	assert_int_equal(sb.len, 0);
	sb_free(&sb);
}

#define F(sig, eff, why, from) \
	.signo = (sig), .effect = (eff), .cause = (why), .origin = (from)

/* Critical is a real defect: a crash, a notification that killed. */
static void test_severity(void **state)
{
	static const struct {
		struct severity_facts f;
		enum severity want;
	} cases[] = {
		{ { F(SIGUSR1, EFFECT_KILLED, CAUSE_NEVER_INSTALLED, FROM_PROCESS) },
		  SEV_CRITICAL },
		{ { F(SIGTERM, EFFECT_KILLED, CAUSE_NEVER_INSTALLED, FROM_PROCESS) },
		  SEV_INFO },
		{ { F(SIGTERM, EFFECT_KILLED, CAUSE_INSTALLED_LATER, FROM_PROCESS) },
		  SEV_MEDIUM },
		{ { F(SIGINT, EFFECT_KILLED, CAUSE_EXEC_RESET, FROM_TERMINAL) },
		  SEV_INFO },
		{ { F(SIGSEGV, EFFECT_CORE, CAUSE_NEVER_INSTALLED, FROM_FAULT) },
		  SEV_CRITICAL },
		{ { F(SIGABRT, EFFECT_CORE, CAUSE_NEVER_INSTALLED, FROM_SELF) },
		  SEV_CRITICAL },
		{ { F(SIGTSTP, EFFECT_STOPPED, CAUSE_NEVER_INSTALLED, FROM_PROCESS) },
		  SEV_LOW },
		{ { F(SIGXCPU, EFFECT_CORE, CAUSE_NEVER_INSTALLED, FROM_LIMIT) },
		  SEV_HIGH },
		/* SIGHUP: a reload request for a daemon, a hangup at a tty. */
		{ { F(SIGHUP, EFFECT_KILLED, CAUSE_REMOVED, FROM_PROCESS) },
		  SEV_CRITICAL },
		{ { F(SIGHUP, EFFECT_KILLED, CAUSE_REMOVED, FROM_PROCESS),
		    .has_tty = true }, SEV_INFO },
		/* A pipeline's end is normal; a peer that hung up is not. */
		{ { F(SIGPIPE, EFFECT_KILLED, CAUSE_NEVER_INSTALLED, FROM_PIPE),
		    .pipe_kind = FILE_PIPE }, SEV_INFO },
		{ { F(SIGPIPE, EFFECT_KILLED, CAUSE_NEVER_INSTALLED, FROM_PIPE),
		    .pipe_kind = FILE_SOCKET }, SEV_HIGH },
		/* A background job stopped at the terminal waits for the user. */
		{ { F(SIGTTOU, EFFECT_STOPPED, CAUSE_NEVER_INSTALLED, FROM_TERMINAL),
		    .term = TERM_BG_WRITE }, SEV_LOW },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(severity_of_default(&cases[i].f),
				 cases[i].want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pipe),
		cmocka_unit_test(test_fsize),
		cmocka_unit_test(test_kernel),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_kill_target),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_severity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
