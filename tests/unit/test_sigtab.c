/* SPDX-License-Identifier: MIT */
/*
 * test_sigtab.c - the static tables of sigtab.c, looked up both ways.
 *
 * Decisions on signal sets (sigset_parse) pinned down here:
 * - "" and "!" are errors ("empty signal set");
 * - an empty token ("1,,2", "USR1,", ",USR1") is an error, not skipped:
 *   a typo in a filter should be reported, not silently narrow the set;
 * - blanks around a token are ignored ("USR1, HUP");
 * - "!" negates the whole set and is allowed only first ("USR1,!HUP" is
 *   an error);
 * - "all" and "none" may appear as tokens; numbers must be 1..64;
 * - on error *set is left untouched and ERR names the bad token.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <signal.h>
#include <string.h>

#include "arch.h"
#include "sigtab.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define ALL_SIGS (~(sigbits_t)0)

/* ---------------------------------------------------------------- */
/* Signal names                                                      */

static void test_sig_name_known(void **state)
{
	static const struct {
		int signo;
		const char *name;
	} cases[] = {
		{ 1, "SIGHUP" }, { 2, "SIGINT" }, { 6, "SIGABRT" },
		{ 7, "SIGBUS" }, { 9, "SIGKILL" }, { 10, "SIGUSR1" },
		{ 11, "SIGSEGV" }, { 12, "SIGUSR2" }, { 13, "SIGPIPE" },
		{ 15, "SIGTERM" }, { 16, "SIGSTKFLT" }, { 17, "SIGCHLD" },
		{ 19, "SIGSTOP" }, { 29, "SIGIO" }, { 30, "SIGPWR" },
		{ 31, "SIGSYS" }, { 32, "SIGRTMIN" }, { 33, "SIGRTMIN+1" },
		{ 35, "SIGRTMIN+3" }, { 63, "SIGRTMIN+31" },
		{ 64, "SIGRTMAX" },
	};
	char buf[16];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		assert_string_equal(sig_name(cases[i].signo, buf, sizeof(buf)),
				    cases[i].name);
	/* Every signal has a static name: no buffer needed. */
	assert_string_equal(sig_name(40, NULL, 0), "SIGRTMIN+8");
}

static void test_sig_name_every_signal(void **state)
{
	char buf[16];
	int signo;

	for (signo = 1; signo <= SIG_MAX; signo++) {
		const char *n = sig_name(signo, buf, sizeof(buf));

		assert_non_null(n);
		assert_int_equal(strncmp(n, "SIG", 3), 0);
		assert_true(strlen(n) < 16);
	}
}

static void test_sig_name_out_of_range(void **state)
{
	char buf[16];

	assert_null(sig_name(0, buf, sizeof(buf)));
	assert_null(sig_name(65, buf, sizeof(buf)));
	assert_null(sig_name(-1, buf, sizeof(buf)));
	assert_null(sig_name(INT_MIN, buf, sizeof(buf)));
	assert_null(sig_name(INT_MAX, buf, sizeof(buf)));
}

static void test_labels(void **state)
{
	char buf[32], small[4];

	/* A name when there is one, else the number after a prefix. */
	assert_string_equal(sig_label(10, "", buf, sizeof(buf)), "SIGUSR1");
	assert_string_equal(sig_label(64, "signal ", buf, sizeof(buf)),
			    "SIGRTMAX");
	assert_string_equal(sig_label(0, "", buf, sizeof(buf)), "0");
	assert_string_equal(sig_label(65, NULL, buf, sizeof(buf)), "65");
	assert_string_equal(sig_label(-3, "signal ", buf, sizeof(buf)),
			    "signal -3");
	assert_string_equal(sig_label(99, "signal ", small, sizeof(small)),
			    "sig");
	assert_string_equal(sig_label(99, "", NULL, 0), "");

	/* The event's name first, then the native table, then a number. */
	assert_string_equal(syscall_label("read", 1, buf, sizeof(buf)),
			    "read");
	assert_string_equal(syscall_label(NULL, arch_syscall_number("kill"),
					  buf, sizeof(buf)), "kill");
	assert_string_equal(syscall_label(NULL, 99999, buf, sizeof(buf)),
			    "syscall_99999");
	assert_string_equal(syscall_label(NULL, -5, buf, sizeof(buf)),
			    "syscall_-5");
	assert_string_equal(syscall_label(NULL, 99999, NULL, 0), "");
}

static void test_sig_from_name_round_trip(void **state)
{
	char buf[16], lower[16];
	int signo;
	size_t i;

	for (signo = 1; signo <= SIG_MAX; signo++) {
		const char *n = sig_name(signo, buf, sizeof(buf));

		assert_int_equal(sig_from_name(n), signo);
		assert_int_equal(sig_from_name(n + 3), signo);	/* no SIG */
		for (i = 0; n[i]; i++)
			lower[i] = (char)(n[i] >= 'A' && n[i] <= 'Z' ?
					  n[i] - 'A' + 'a' : n[i]);
		lower[i] = '\0';
		assert_int_equal(sig_from_name(lower), signo);
	}
}

static void test_sig_from_name_forms(void **state)
{
	static const struct {
		const char *s;
		int signo;
	} cases[] = {
		{ "USR1", 10 }, { "SIGUSR1", 10 }, { "usr1", 10 },
		{ "sigusr1", 10 }, { "SigUsr1", 10 }, { "10", 10 },
		{ "1", 1 }, { "64", 64 }, { "010", 10 },
		{ "RTMIN", 32 }, { "RTMIN+0", 32 }, { "RTMIN+3", 35 },
		{ "SIGRTMIN+3", 35 }, { "rtmin+3", 35 },
		{ "RTMIN+31", 63 }, { "RTMIN+32", 64 },
		{ "RTMAX", 64 }, { "SIGRTMAX", 64 }, { "RTMAX-0", 64 },
		{ "RTMAX-1", 63 }, { "SIGRTMAX-1", 63 }, { "rtmax-32", 32 },
		{ "IOT", 6 }, { "SIGIOT", 6 }, { "POLL", 29 },
		{ "SIGPOLL", 29 }, { "CLD", 17 }, { "IO", 29 },
		{ "STKFLT", 16 }, { "sigsys", 31 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int got = sig_from_name(cases[i].s);

		if (got != cases[i].signo)
			fail_msg("sig_from_name(\"%s\") = %d, want %d",
				 cases[i].s, got, cases[i].signo);
	}
}

static void test_sig_from_name_invalid(void **state)
{
	static const char *const bad[] = {
		"", "0", "65", "99", "-1", "+1", "SIG", "SIGFOO", "FOO",
		"RTMIN+33", "RTMAX-33", "RTMIN-1", "RTMAX+1", "RTMIN+",
		"RTMAX-", "RTMIN+x", "RTMINX", "10a", " 10", "10 ", "SIG10",
		"SIGSIGHUP", "99999999999999999999", "USR1 ", "HUP,INT",
		"SIGRTMIN+3 ", "0x10",
	};
	size_t i;

	assert_int_equal(sig_from_name(NULL), -1);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (sig_from_name(bad[i]) != -1)
			fail_msg("sig_from_name(\"%s\") accepted", bad[i]);
	}
}

/* ---------------------------------------------------------------- */
/* Default actions                                                   */

static void test_default_actions(void **state)
{
	static const struct {
		int signo;
		enum sig_action act;
	} cases[] = {
		{ SIGHUP, SIG_ACT_TERM }, { SIGINT, SIG_ACT_TERM },
		{ SIGQUIT, SIG_ACT_CORE }, { SIGILL, SIG_ACT_CORE },
		{ SIGTRAP, SIG_ACT_CORE }, { SIGABRT, SIG_ACT_CORE },
		{ SIGBUS, SIG_ACT_CORE }, { SIGFPE, SIG_ACT_CORE },
		{ SIGKILL, SIG_ACT_TERM }, { SIGUSR1, SIG_ACT_TERM },
		{ SIGSEGV, SIG_ACT_CORE }, { SIGUSR2, SIG_ACT_TERM },
		{ SIGPIPE, SIG_ACT_TERM }, { SIGALRM, SIG_ACT_TERM },
		{ SIGTERM, SIG_ACT_TERM }, { SIGSTKFLT, SIG_ACT_TERM },
		{ SIGCHLD, SIG_ACT_IGN }, { SIGCONT, SIG_ACT_CONT },
		{ SIGSTOP, SIG_ACT_STOP }, { SIGTSTP, SIG_ACT_STOP },
		{ SIGTTIN, SIG_ACT_STOP }, { SIGTTOU, SIG_ACT_STOP },
		{ SIGURG, SIG_ACT_IGN }, { SIGXCPU, SIG_ACT_CORE },
		{ SIGXFSZ, SIG_ACT_CORE }, { SIGVTALRM, SIG_ACT_TERM },
		{ SIGPROF, SIG_ACT_TERM }, { SIGWINCH, SIG_ACT_IGN },
		{ SIGIO, SIG_ACT_TERM }, { SIGPWR, SIG_ACT_TERM },
		{ SIGSYS, SIG_ACT_CORE },
	};
	size_t i;
	int signo;

	assert_int_equal(ARRAY_SIZE(cases), 31);
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		assert_int_equal(sig_default_action(cases[i].signo),
				 cases[i].act);
	for (signo = 32; signo <= SIG_MAX; signo++)
		assert_int_equal(sig_default_action(signo), SIG_ACT_TERM);
	/* Out of range: documented as "term", never a crash. */
	assert_int_equal(sig_default_action(0), SIG_ACT_TERM);
	assert_int_equal(sig_default_action(65), SIG_ACT_TERM);
	assert_int_equal(sig_default_action(-1), SIG_ACT_TERM);
}

static void test_action_names(void **state)
{
	assert_string_equal(sig_action_name(SIG_ACT_TERM), "term");
	assert_string_equal(sig_action_name(SIG_ACT_CORE), "core");
	assert_string_equal(sig_action_name(SIG_ACT_STOP), "stop");
	assert_string_equal(sig_action_name(SIG_ACT_CONT), "cont");
	assert_string_equal(sig_action_name(SIG_ACT_IGN), "ign");
	assert_string_equal(sig_action_name((enum sig_action)99), "unknown");
	assert_string_equal(sig_action_name((enum sig_action)-1), "unknown");
}

/* ---------------------------------------------------------------- */
/* si_code names                                                     */

struct code_case {
	int signo;
	int code;
	const char *name;
};

static const struct code_case code_cases[] = {
	/* generic: codes <= 0 and SI_KERNEL, whatever the signal */
	{ SIGUSR1, 0, "SI_USER" }, { SIGUSR1, 0x80, "SI_KERNEL" },
	{ SIGUSR1, -1, "SI_QUEUE" }, { SIGUSR1, -2, "SI_TIMER" },
	{ SIGUSR1, -3, "SI_MESGQ" }, { SIGUSR1, -4, "SI_ASYNCIO" },
	{ SIGUSR1, -5, "SI_SIGIO" }, { SIGUSR1, -6, "SI_TKILL" },
	{ SIGUSR1, -7, "SI_DETHREAD" }, { SIGUSR1, -60, "SI_ASYNCNL" },
	{ SIGSEGV, 0, "SI_USER" }, { SIGSEGV, 0x80, "SI_KERNEL" },
	{ SIGCHLD, -6, "SI_TKILL" }, { 64, -1, "SI_QUEUE" },
	/* SIGILL */
	{ SIGILL, 1, "ILL_ILLOPC" }, { SIGILL, 2, "ILL_ILLOPN" },
	{ SIGILL, 3, "ILL_ILLADR" }, { SIGILL, 4, "ILL_ILLTRP" },
	{ SIGILL, 5, "ILL_PRVOPC" }, { SIGILL, 6, "ILL_PRVREG" },
	{ SIGILL, 7, "ILL_COPROC" }, { SIGILL, 8, "ILL_BADSTK" },
	{ SIGILL, 9, "ILL_BADIADDR" },
	/* SIGFPE */
	{ SIGFPE, 1, "FPE_INTDIV" }, { SIGFPE, 2, "FPE_INTOVF" },
	{ SIGFPE, 3, "FPE_FLTDIV" }, { SIGFPE, 4, "FPE_FLTOVF" },
	{ SIGFPE, 5, "FPE_FLTUND" }, { SIGFPE, 6, "FPE_FLTRES" },
	{ SIGFPE, 7, "FPE_FLTINV" }, { SIGFPE, 8, "FPE_FLTSUB" },
	{ SIGFPE, 14, "FPE_FLTUNK" }, { SIGFPE, 15, "FPE_CONDTRAP" },
	/* SIGSEGV */
	{ SIGSEGV, 1, "SEGV_MAPERR" }, { SIGSEGV, 2, "SEGV_ACCERR" },
	{ SIGSEGV, 3, "SEGV_BNDERR" }, { SIGSEGV, 4, "SEGV_PKUERR" },
	{ SIGSEGV, 5, "SEGV_ACCADI" }, { SIGSEGV, 6, "SEGV_ADIDERR" },
	{ SIGSEGV, 7, "SEGV_ADIPERR" }, { SIGSEGV, 8, "SEGV_MTEAERR" },
	{ SIGSEGV, 9, "SEGV_MTESERR" }, { SIGSEGV, 10, "SEGV_CPERR" },
	/* SIGBUS */
	{ SIGBUS, 1, "BUS_ADRALN" }, { SIGBUS, 2, "BUS_ADRERR" },
	{ SIGBUS, 3, "BUS_OBJERR" }, { SIGBUS, 4, "BUS_MCEERR_AR" },
	{ SIGBUS, 5, "BUS_MCEERR_AO" },
	/* SIGTRAP */
	{ SIGTRAP, 1, "TRAP_BRKPT" }, { SIGTRAP, 2, "TRAP_TRACE" },
	{ SIGTRAP, 3, "TRAP_BRANCH" }, { SIGTRAP, 4, "TRAP_HWBKPT" },
	{ SIGTRAP, 5, "TRAP_UNK" }, { SIGTRAP, 6, "TRAP_PERF" },
	/* SIGCHLD */
	{ SIGCHLD, 1, "CLD_EXITED" }, { SIGCHLD, 2, "CLD_KILLED" },
	{ SIGCHLD, 3, "CLD_DUMPED" }, { SIGCHLD, 4, "CLD_TRAPPED" },
	{ SIGCHLD, 5, "CLD_STOPPED" }, { SIGCHLD, 6, "CLD_CONTINUED" },
	/* SIGIO (= SIGPOLL) */
	{ SIGIO, 1, "POLL_IN" }, { SIGIO, 2, "POLL_OUT" },
	{ SIGIO, 3, "POLL_MSG" }, { SIGIO, 4, "POLL_ERR" },
	{ SIGIO, 5, "POLL_PRI" }, { SIGIO, 6, "POLL_HUP" },
	{ SIGPOLL, 1, "POLL_IN" },
	/* fcntl(F_SETSIG): another signal with POLL_* codes */
	{ 33, 1, "POLL_IN" }, { SIGUSR1, 6, "POLL_HUP" },
	/* SIGSYS */
	{ SIGSYS, 1, "SYS_SECCOMP" }, { SIGSYS, 2, "SYS_USER_DISPATCH" },
};

static void test_si_code_names(void **state)
{
	char buf[16];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(code_cases); i++) {
		const struct code_case *c = &code_cases[i];
		const char *got = si_code_name(c->signo, c->code, buf,
					       sizeof(buf));

		if (strcmp(got, c->name) != 0)
			fail_msg("si_code_name(%d, %d) = %s, want %s",
				 c->signo, c->code, got, c->name);
	}
}

static void test_si_code_from_name(void **state)
{
	size_t i;
	int code;

	for (i = 0; i < ARRAY_SIZE(code_cases); i++) {
		const struct code_case *c = &code_cases[i];

		code = 12345;
		assert_int_equal(si_code_from_name(c->signo, c->name, &code),
				 0);
		assert_int_equal(code, c->code);
	}
	assert_int_equal(si_code_from_name(SIGCHLD, "cld_exited", &code), 0);
	assert_int_equal(code, 1);
	assert_int_equal(si_code_from_name(SIGSEGV, "si_user", &code), 0);
	assert_int_equal(code, 0);
	/* Another signal's code is not this signal's. */
	assert_int_equal(si_code_from_name(SIGCHLD, "SEGV_MAPERR", &code), -1);
	assert_int_equal(si_code_from_name(SIGSEGV, "CLD_EXITED", &code), -1);
	assert_int_equal(si_code_from_name(SIGSEGV, "POLL_IN", &code), -1);
	assert_int_equal(si_code_from_name(SIGSEGV, "FOO", &code), -1);
	assert_int_equal(si_code_from_name(SIGSEGV, "", &code), -1);
	assert_int_equal(si_code_from_name(SIGSEGV, "-", &code), -1);
	assert_int_equal(si_code_from_name(SIGSEGV, "12a", &code), -1);
	assert_int_equal(si_code_from_name(SIGSEGV, "99999999999", &code),
			 -1);
	assert_int_equal(si_code_from_name(SIGSEGV, NULL, &code), -1);
	assert_int_equal(si_code_from_name(SIGSEGV, "SI_USER", NULL), -1);
	/* Numbers, as si_code_name() writes unknown codes. */
	assert_int_equal(si_code_from_name(SIGSEGV, "42", &code), 0);
	assert_int_equal(code, 42);
	assert_int_equal(si_code_from_name(SIGUSR1, "-8", &code), 0);
	assert_int_equal(code, -8);
	assert_int_equal(si_code_from_name(SIGUSR1, "-2147483648", &code), 0);
	assert_int_equal(code, INT_MIN);
	assert_int_equal(si_code_from_name(SIGUSR1, "2147483648", &code), -1);
}

static void test_si_code_unknown(void **state)
{
	static const struct code_case cases[] = {
		{ SIGSEGV, 11, "11" }, { SIGCHLD, 7, "7" },
		{ SIGUSR1, -8, "-8" }, { SIGUSR1, -61, "-61" },
		{ SIGTRAP, 0x405, "1029" }, { SIGUSR1, 0x81, "129" },
		{ SIGSYS, 3, "3" }, { SIGUSR1, 7, "7" },
		{ SIGILL, 10, "10" }, { SIGFPE, 9, "9" },
		{ SIGBUS, 6, "6" }, { SIGUSR1, INT_MIN, "-2147483648" },
	};
	char buf[16], small[3];
	size_t i;
	int code;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct code_case *c = &cases[i];
		const char *got = si_code_name(c->signo, c->code, buf,
					       sizeof(buf));

		assert_string_equal(got, c->name);
		assert_ptr_equal(got, buf);
		/* and back */
		assert_int_equal(si_code_from_name(c->signo, got, &code), 0);
		assert_int_equal(code, c->code);
	}
	/* Truncated like snprintf, never overflowing. */
	assert_string_equal(si_code_name(SIGSEGV, 1234, small, sizeof(small)),
			    "12");
	assert_string_equal(si_code_name(SIGSEGV, 1234, NULL, 0), "");
	/* Known names need no buffer. */
	assert_string_equal(si_code_name(SIGSEGV, 1, NULL, 0), "SEGV_MAPERR");
}

static void test_si_code_from_process(void **state)
{
	assert_true(si_code_from_process(SIGUSR1, SI_USER));
	assert_true(si_code_from_process(SIGUSR1, SI_QUEUE));
	assert_true(si_code_from_process(SIGUSR1, SI_TKILL));
	assert_true(si_code_from_process(SIGUSR1, SI_MESGQ));
	assert_true(si_code_from_process(SIGUSR1, SI_ASYNCIO));
	assert_true(si_code_from_process(SIGUSR1, SI_ASYNCNL));
	assert_true(si_code_from_process(SIGUSR1, -42));
	assert_true(si_code_from_process(SIGSEGV, SI_USER));
	assert_false(si_code_from_process(SIGUSR1, SI_KERNEL));
	assert_false(si_code_from_process(SIGALRM, SI_TIMER));
	assert_false(si_code_from_process(SIGIO, SI_SIGIO));
	assert_false(si_code_from_process(SIGKILL, SI_DETHREAD));
	assert_false(si_code_from_process(SIGCHLD, 1));	/* CLD_EXITED */
	assert_false(si_code_from_process(SIGSEGV, 1));	/* SEGV_MAPERR */
	assert_false(si_code_from_process(SIGIO, 1));	/* POLL_IN */
}

/* ---------------------------------------------------------------- */
/* SA_* flags                                                        */

static const struct {
	uint64_t bit;
	const char *name;
} sa_cases[] = {
	{ 0x00000001, "SA_NOCLDSTOP" }, { 0x00000002, "SA_NOCLDWAIT" },
	{ 0x00000004, "SA_SIGINFO" }, { 0x00000400, "SA_UNSUPPORTED" },
	{ 0x00000800, "SA_EXPOSE_TAGBITS" }, { 0x04000000, "SA_RESTORER" },
	{ 0x08000000, "SA_ONSTACK" }, { 0x10000000, "SA_RESTART" },
	{ 0x40000000, "SA_NODEFER" }, { 0x80000000, "SA_RESETHAND" },
};

static void test_sa_flag_each(void **state)
{
	const char *names[4];
	uint64_t unknown, bit;
	char buf[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sa_cases); i++) {
		assert_int_equal(sa_flags_names(sa_cases[i].bit, names, 4,
						&unknown), 1);
		assert_string_equal(names[0], sa_cases[i].name);
		assert_int_equal(unknown, 0);
		assert_string_equal(sa_flags_format(sa_cases[i].bit, buf,
						    sizeof(buf)),
				    sa_cases[i].name);
		bit = 0;
		assert_int_equal(sa_flag_from_name(sa_cases[i].name, &bit), 0);
		assert_int_equal(bit, sa_cases[i].bit);
		/* without SA_ */
		bit = 0;
		assert_int_equal(sa_flag_from_name(sa_cases[i].name + 3, &bit),
				 0);
		assert_int_equal(bit, sa_cases[i].bit);
	}
}

static void test_sa_flags_names(void **state)
{
	const char *names[16];
	uint64_t unknown;

	assert_int_equal(sa_flags_names(0, names, 16, &unknown), 0);
	assert_int_equal(unknown, 0);
	/* what glibc's sigaction() passes for SA_RESTART|SA_SIGINFO */
	assert_int_equal(sa_flags_names(0x14000004, names, 16, &unknown), 3);
	assert_string_equal(names[0], "SA_RESTART");
	assert_string_equal(names[1], "SA_SIGINFO");
	assert_string_equal(names[2], "SA_RESTORER");
	assert_int_equal(unknown, 0);
	/* unknown bits, low and high */
	assert_int_equal(sa_flags_names(0x10000000 | 0x100 | (1ULL << 40),
					names, 16, &unknown), 1);
	assert_int_equal(unknown, 0x100 | (1ULL << 40));
	assert_int_equal(sa_flags_names(0x20000000, names, 16, &unknown), 0);
	assert_int_equal(unknown, 0x20000000);
	/* MAX reached: the bits that did not fit stay in *unknown */
	assert_int_equal(sa_flags_names(0x14000004, names, 1, &unknown), 1);
	assert_string_equal(names[0], "SA_RESTART");
	assert_int_equal(unknown, 0x04000004);
	assert_int_equal(sa_flags_names(0x14000004, NULL, 0, &unknown), 0);
	assert_int_equal(unknown, 0x14000004);
	/* UNKNOWN may be NULL */
	assert_int_equal(sa_flags_names(0xffffffffffffffffULL, names, 16,
					NULL), 10);
}

static void test_sa_flags_format(void **state)
{
	char buf[128], small[12];

	assert_string_equal(sa_flags_format(0, buf, sizeof(buf)), "0");
	assert_string_equal(sa_flags_format(0x10000004, buf, sizeof(buf)),
			    "SA_RESTART|SA_SIGINFO");
	assert_string_equal(sa_flags_format(0x14000004, buf, sizeof(buf)),
			    "SA_RESTART|SA_SIGINFO|SA_RESTORER");
	assert_string_equal(sa_flags_format(0xc0000000, buf, sizeof(buf)),
			    "SA_RESETHAND|SA_NODEFER");
	assert_string_equal(sa_flags_format(0x10000100, buf, sizeof(buf)),
			    "SA_RESTART|0x100");
	assert_string_equal(sa_flags_format(0x100, buf, sizeof(buf)), "0x100");
	assert_string_equal(sa_flags_format(1ULL << 63, buf, sizeof(buf)),
			    "0x8000000000000000");
	assert_string_equal(sa_flags_format(0x3, buf, sizeof(buf)),
			    "SA_NOCLDSTOP|SA_NOCLDWAIT");
	/* truncated, NUL-terminated */
	assert_string_equal(sa_flags_format(0x10000004, small, sizeof(small)),
			    "SA_RESTART|");
	assert_string_equal(sa_flags_format(0x10000004, NULL, 0), "");
}

static void test_sa_flag_from_name(void **state)
{
	uint64_t bit;

	assert_int_equal(sa_flag_from_name("sa_restart", &bit), 0);
	assert_int_equal(bit, 0x10000000);
	assert_int_equal(sa_flag_from_name("restart", &bit), 0);
	assert_int_equal(bit, 0x10000000);
	assert_int_equal(sa_flag_from_name("0x10000000", &bit), 0);
	assert_int_equal(bit, 0x10000000);
	assert_int_equal(sa_flag_from_name("0X100", &bit), 0);
	assert_int_equal(bit, 0x100);
	assert_int_equal(sa_flag_from_name("0xFFFFFFFFFFFFFFFF", &bit), 0);
	assert_int_equal(bit, 0xffffffffffffffffULL);
	assert_int_equal(sa_flag_from_name("SA_ONESHOT", &bit), 0);
	assert_int_equal(bit, 0x80000000);
	assert_int_equal(sa_flag_from_name("SA_NOMASK", &bit), 0);
	assert_int_equal(bit, 0x40000000);
	assert_int_equal(sa_flag_from_name("SA_STACK", &bit), 0);
	assert_int_equal(bit, 0x08000000);

	bit = 7;
	assert_int_equal(sa_flag_from_name("SA_FOO", &bit), -1);
	assert_int_equal(bit, 7);
	assert_int_equal(sa_flag_from_name("", &bit), -1);
	assert_int_equal(sa_flag_from_name("SA_", &bit), -1);
	assert_int_equal(sa_flag_from_name("0x", &bit), -1);
	assert_int_equal(sa_flag_from_name("0x0", &bit), -1);
	assert_int_equal(sa_flag_from_name("0xg", &bit), -1);
	assert_int_equal(sa_flag_from_name("0x1ffffffffffffffff", &bit), -1);
	assert_int_equal(sa_flag_from_name("268435456", &bit), -1);
	assert_int_equal(sa_flag_from_name("SA_RESTART|SA_SIGINFO", &bit), -1);
	assert_int_equal(sa_flag_from_name(NULL, &bit), -1);
	assert_int_equal(sa_flag_from_name("SA_RESTART", NULL), -1);
}

/* ---------------------------------------------------------------- */
/* errno names                                                       */

static void test_errno_names(void **state)
{
	static const struct {
		long err;
		const char *name;
	} cases[] = {
		{ 512, "ERESTARTSYS" }, { 513, "ERESTARTNOINTR" },
		{ 514, "ERESTARTNOHAND" }, { 515, "ENOIOCTLCMD" },
		{ 516, "ERESTART_RESTARTBLOCK" }, { 524, "ENOTSUPP" },
		{ 1, "EPERM" }, { 2, "ENOENT" }, { 3, "ESRCH" },
		{ 4, "EINTR" }, { 9, "EBADF" }, { 11, "EAGAIN" },
		{ 12, "ENOMEM" }, { 13, "EACCES" }, { 14, "EFAULT" },
		{ 22, "EINVAL" }, { 32, "EPIPE" }, { 34, "ERANGE" },
		{ 35, "EDEADLK" }, { 38, "ENOSYS" }, { 85, "ERESTART" },
		{ 95, "EOPNOTSUPP" }, { 110, "ETIMEDOUT" },
		{ 125, "ECANCELED" }, { 133, "EHWPOISON" },
	};
	size_t i;
	long err;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_string_equal(errno_code_name(cases[i].err),
				    cases[i].name);
		/* the syscall return works too */
		assert_string_equal(errno_code_name(-cases[i].err),
				    cases[i].name);
		assert_int_equal(errno_code_from_name(cases[i].name, &err), 0);
		assert_int_equal(err, cases[i].err);
	}
	assert_string_equal(errno_code_name(-K_ERESTARTSYS), "ERESTARTSYS");
	assert_string_equal(errno_code_name(K_ERESTART_RESTARTBLOCK),
			    "ERESTART_RESTARTBLOCK");
}

static void test_errno_names_all(void **state)
{
	long e, err;
	int named = 0;

	/* Every name maps back to its own number (no duplicate). */
	for (e = 1; e < 600; e++) {
		const char *n = errno_code_name(e);

		if (!n)
			continue;
		named++;
		assert_int_equal(errno_code_from_name(n, &err), 0);
		assert_int_equal(err, e);
	}
	assert_true(named >= 130);
}

static void test_errno_names_unknown(void **state)
{
	long err = 99;

	assert_null(errno_code_name(0));
	assert_null(errno_code_name(41));	/* gap in the table */
	assert_null(errno_code_name(58));	/* gap in the table */
	assert_null(errno_code_name(134));
	assert_null(errno_code_name(517));
	assert_null(errno_code_name(100000));
	assert_null(errno_code_name(-4096));
	assert_null(errno_code_name(LONG_MIN));
	assert_null(errno_code_name(LONG_MAX));

	assert_int_equal(errno_code_from_name("eintr", &err), 0);
	assert_int_equal(err, 4);
	assert_int_equal(errno_code_from_name("EWOULDBLOCK", &err), 0);
	assert_int_equal(err, 11);
	assert_int_equal(errno_code_from_name("EDEADLOCK", &err), 0);
	assert_int_equal(err, 35);
	assert_int_equal(errno_code_from_name("ENOTSUP", &err), 0);
	assert_int_equal(err, 95);
	err = 99;
	assert_int_equal(errno_code_from_name("EFOO", &err), -1);
	assert_int_equal(errno_code_from_name("", &err), -1);
	assert_int_equal(errno_code_from_name("4", &err), -1);
	assert_int_equal(err, 99);
	assert_int_equal(errno_code_from_name(NULL, &err), -1);
	assert_int_equal(errno_code_from_name("EINTR", NULL), -1);
}

static void test_ret_is_interrupt(void **state)
{
	assert_true(sig_ret_is_interrupt(-512));
	assert_true(sig_ret_is_interrupt(-513));
	assert_true(sig_ret_is_interrupt(-514));
	assert_true(sig_ret_is_interrupt(-516));
	assert_true(sig_ret_is_interrupt(-4));
	assert_false(sig_ret_is_interrupt(-515));
	assert_false(sig_ret_is_interrupt(-11));
	assert_false(sig_ret_is_interrupt(0));
	assert_false(sig_ret_is_interrupt(4));
	assert_false(sig_ret_is_interrupt(512));
	assert_false(sig_ret_is_interrupt(LONG_MIN));
}

/* ---------------------------------------------------------------- */
/* signal(7): never restarted                                        */

static void test_never_restarted(void **state)
{
	static const char *const yes[] = {
		"epoll_wait", "epoll_pwait", "epoll_pwait2", "poll", "ppoll",
		"select", "pselect6", "_newselect", "msgrcv", "msgsnd",
		"semop", "semtimedop", "clock_nanosleep", "nanosleep",
		"io_getevents", "io_pgetevents", "rt_sigtimedwait",
		"rt_sigsuspend", "pause", "sigsuspend",
	};
	static const char *const no[] = {
		"read", "write", "wait4", "waitid", "futex", "accept",
		"recvfrom", "connect", "openat", "rt_sigaction", "kill",
		"", "POLL", "poll ", "epoll", "epoll_ctl", "sleep",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++)
		if (!syscall_never_restarted(yes[i]))
			fail_msg("%s should never be restarted", yes[i]);
	for (i = 0; i < ARRAY_SIZE(no); i++)
		if (syscall_never_restarted(no[i]))
			fail_msg("%s is restartable", no[i]);
	assert_false(syscall_never_restarted(NULL));
}

static void test_waits_for_signals(void **state)
{
	static const char *const yes[] = {
		"pause", "sigsuspend", "rt_sigsuspend", "rt_sigtimedwait",
		"rt_sigtimedwait_time64",
	};
	static const char *const no[] = {
		"read", "poll", "epoll_wait", "nanosleep", "rt_sigaction",
		"kill", "", "PAUSE", "pause ",
	};
	size_t i;

	/* Each is also never restarted: one list, not two. */
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!syscall_waits_for_signals(yes[i]))
			fail_msg("%s waits for signals", yes[i]);
		if (!syscall_never_restarted(yes[i]))
			fail_msg("%s should never be restarted", yes[i]);
	}
	for (i = 0; i < ARRAY_SIZE(no); i++)
		if (syscall_waits_for_signals(no[i]))
			fail_msg("%s does not wait for signals", no[i]);
	assert_false(syscall_waits_for_signals(NULL));
}

/* ---------------------------------------------------------------- */
/* Signal sets                                                       */

static void expect_set(const char *spec, sigbits_t want)
{
	sigbits_t set = 0x5a5a;
	char err[128] = "";

	if (sigset_parse(spec, &set, err, sizeof(err)) != 0)
		fail_msg("sigset_parse(\"%s\") failed: %s", spec, err);
	if (set != want)
		fail_msg("sigset_parse(\"%s\") = %#llx, want %#llx", spec,
			 (unsigned long long)set, (unsigned long long)want);
}

static void expect_bad(const char *spec, const char *msg)
{
	sigbits_t set = 0x5a5a;
	char err[128] = "";

	if (sigset_parse(spec, &set, err, sizeof(err)) != -1)
		fail_msg("sigset_parse(\"%s\") accepted", spec ? spec : "NULL");
	assert_int_equal(set, 0x5a5a);		/* untouched */
	assert_string_equal(err, msg);
}

static void test_sigset_parse(void **state)
{
	expect_set("all", ALL_SIGS);
	expect_set("ALL", ALL_SIGS);
	expect_set("none", 0);
	expect_set("None", 0);
	expect_set("!all", 0);
	expect_set("!none", ALL_SIGS);
	expect_set("!USR1", ALL_SIGS & ~SIGBIT(10));
	expect_set("!SIGUSR1,SIGUSR2", ALL_SIGS & ~(SIGBIT(10) | SIGBIT(12)));
	expect_set("USR1", SIGBIT(10));
	expect_set("USR1,hup,10", SIGBIT(10) | SIGBIT(1));
	expect_set("SIGUSR1,SIGUSR1", SIGBIT(10));
	expect_set("RTMIN+3", SIGBIT(35));
	expect_set("RTMIN", SIGBIT(32));
	expect_set("SIGRTMAX", SIGBIT(64));
	expect_set("RTMAX-1,64", SIGBIT(63) | SIGBIT(64));
	expect_set("1,2", SIGBIT(1) | SIGBIT(2));
	expect_set(" USR1 , HUP\t", SIGBIT(10) | SIGBIT(1));
	expect_set("none,TERM", SIGBIT(15));
	expect_set("all,TERM", ALL_SIGS);
	assert_int_equal(SIGBIT(64), (sigbits_t)1 << 63);
}

static void test_sigset_parse_errors(void **state)
{
	sigbits_t set = 3;
	char err[8];

	expect_bad("SIGFOO", "unknown signal 'SIGFOO'");
	expect_bad("USR1,SIGFOO,HUP", "unknown signal 'SIGFOO'");
	expect_bad("99", "unknown signal '99'");
	expect_bad("0", "unknown signal '0'");
	expect_bad("65", "unknown signal '65'");
	expect_bad("-1", "unknown signal '-1'");
	expect_bad("RTMIN+33", "unknown signal 'RTMIN+33'");
	expect_bad("USR1|HUP", "unknown signal 'USR1|HUP'");
	expect_bad(" FOO ", "unknown signal 'FOO'");
	/* longer than any name: still reported whole */
	expect_bad("SIGAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
		   "unknown signal 'SIGAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'");
	expect_bad("", "empty signal set ''");
	expect_bad("!", "empty signal set '!'");
	expect_bad(NULL, "empty signal set");
	expect_bad("1,,2", "empty signal name in signal set '1,,2'");
	expect_bad("USR1,", "empty signal name in signal set 'USR1,'");
	expect_bad(",USR1", "empty signal name in signal set ',USR1'");
	expect_bad("USR1, ,HUP",
		   "empty signal name in signal set 'USR1, ,HUP'");
	expect_bad("USR1,!HUP", "'!' is only allowed first: '!HUP'");
	expect_bad("!!USR1", "'!' is only allowed first: '!USR1'");

	/* ERR may be NULL or tiny; it is truncated, never overflowed. */
	assert_int_equal(sigset_parse("SIGFOO", &set, NULL, 0), -1);
	assert_int_equal(sigset_parse("SIGFOO", &set, err, sizeof(err)), -1);
	assert_string_equal(err, "unknown");
	assert_int_equal(set, 3);
}

static void test_sigset_format(void **state)
{
	char buf[1024], small[10];
	sigbits_t set;

	assert_string_equal(sigset_format(0, buf, sizeof(buf)), "[]");
	assert_string_equal(sigset_format(SIGBIT(1) | SIGBIT(10), buf,
					  sizeof(buf)), "SIGHUP|SIGUSR1");
	assert_string_equal(sigset_format(SIGBIT(64), buf, sizeof(buf)),
			    "SIGRTMAX");
	assert_string_equal(sigset_format(SIGBIT(32) | SIGBIT(35), buf,
					  sizeof(buf)),
			    "SIGRTMIN|SIGRTMIN+3");
	sigset_format(ALL_SIGS, buf, sizeof(buf));
	assert_int_equal(strncmp(buf, "SIGHUP|SIGINT|SIGQUIT|", 22), 0);
	assert_string_equal(buf + strlen(buf) - 21, "|SIGRTMIN+31|SIGRTMAX");

	/* Round trip through sigset_parse ('|' -> ','). */
	for (char *p = buf; *p; p++)
		if (*p == '|')
			*p = ',';
	assert_int_equal(sigset_parse(buf, &set, NULL, 0), 0);
	assert_int_equal(set, ALL_SIGS);

	/* truncated, NUL-terminated */
	assert_string_equal(sigset_format(SIGBIT(1) | SIGBIT(10), small,
					  sizeof(small)), "SIGHUP|SI");
	assert_string_equal(sigset_format(SIGBIT(1), NULL, 0), "");
}

static void test_dangerous_defaults(void **state)
{
	sigbits_t want = SIGBIT(SIGHUP) | SIGBIT(SIGUSR1) | SIGBIT(SIGUSR2) |
			 SIGBIT(SIGPIPE) | SIGBIT(SIGALRM) | SIGBIT(SIGPROF) |
			 SIGBIT(SIGVTALRM) | SIGBIT(SIGIO) | SIGBIT(SIGPWR) |
			 SIGBIT(SIGSTKFLT);
	sigbits_t got = sig_dangerous_defaults();
	int signo;

	assert_int_equal(got, want);
	for (signo = 1; signo <= SIG_MAX; signo++)
		if (got & SIGBIT(signo))
			assert_int_equal(sig_default_action(signo),
					 SIG_ACT_TERM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sig_name_known),
		cmocka_unit_test(test_sig_name_every_signal),
		cmocka_unit_test(test_sig_name_out_of_range),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_sig_from_name_round_trip),
		cmocka_unit_test(test_sig_from_name_forms),
		cmocka_unit_test(test_sig_from_name_invalid),
		cmocka_unit_test(test_default_actions),
		cmocka_unit_test(test_action_names),
		cmocka_unit_test(test_si_code_names),
		cmocka_unit_test(test_si_code_from_name),
		cmocka_unit_test(test_si_code_unknown),
		cmocka_unit_test(test_si_code_from_process),
		cmocka_unit_test(test_sa_flag_each),
		cmocka_unit_test(test_sa_flags_names),
		cmocka_unit_test(test_sa_flags_format),
		cmocka_unit_test(test_sa_flag_from_name),
		cmocka_unit_test(test_errno_names),
		cmocka_unit_test(test_errno_names_all),
		cmocka_unit_test(test_errno_names_unknown),
		cmocka_unit_test(test_ret_is_interrupt),
		cmocka_unit_test(test_never_restarted),
		cmocka_unit_test(test_waits_for_signals),
		cmocka_unit_test(test_sigset_parse),
		cmocka_unit_test(test_sigset_parse_errors),
		cmocka_unit_test(test_sigset_format),
		cmocka_unit_test(test_dangerous_defaults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
