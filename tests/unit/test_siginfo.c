/* SPDX-License-Identifier: MIT */
/*
 * test_siginfo.c - siginfo_decode() on hand-built siginfo_t values, one
 * per layout of the kernel's siginfo_layout().
 *
 * Decisions pinned down here:
 * - a sender is reported only with a non-zero si_pid (0 means the sender
 *   lives outside our pid namespace: no /proc entry to read);
 * - SIGCHLD's child is reported as the sender;
 * - si_value is the whole pointer-sized union (sival_int is its low half);
 * - fd is -1 when there is no band/fd;
 * - sender, sender_chain and every has_* field are reset, while
 *   disposition, syscall and syscall_ret are untouched.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <signal.h>
#include <string.h>

#include "siginfo.h"

static siginfo_t make(int signo, int code)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = signo;
	si.si_code = code;
	return si;
}

static void decode(const siginfo_t *si, struct ev_signal *ev)
{
	/* garbage first: decode must set or clear every field it owns */
	memset(ev, 0xa5, sizeof(*ev));
	siginfo_decode(si, ev);
}

static void assert_nothing_else(const struct ev_signal *ev, bool sender,
				bool addr, bool status, bool value, bool band)
{
	assert_int_equal(ev->has_sender, sender);
	assert_int_equal(ev->has_addr, addr);
	assert_int_equal(ev->has_status, status);
	assert_int_equal(ev->has_value, value);
	assert_int_equal(ev->has_band, band);
	if (!sender) {
		assert_int_equal(ev->sender.pid, 0);
		assert_false(ev->sender.known);
	}
	if (!band)
		assert_int_equal(ev->fd, -1);
	assert_int_equal(ev->sender_chain.count, 0);
}

static void assert_sender(const struct ev_signal *ev, pid_t pid, uid_t uid)
{
	assert_true(ev->has_sender);
	assert_int_equal(ev->sender.pid, pid);
	assert_int_equal(ev->sender.uid, uid);
	assert_false(ev->sender.known);
	assert_false(ev->sender.gone);
	assert_string_equal(ev->sender.comm, "");
	assert_int_equal(ev->sender.cmdline.len, 0);
}

static void test_kill(void **state)
{
	siginfo_t si = make(SIGUSR1, SI_USER);
	struct ev_signal ev;

	si.si_pid = 123;
	si.si_uid = 1000;
	decode(&si, &ev);
	assert_int_equal(ev.signo, SIGUSR1);
	assert_int_equal(ev.code, SI_USER);
	assert_int_equal(ev.err, 0);
	assert_sender(&ev, 123, 1000);
	assert_nothing_else(&ev, true, false, false, false, false);
}

static void test_kill_from_outside_namespace(void **state)
{
	siginfo_t si = make(SIGTERM, SI_USER);
	struct ev_signal ev;

	si.si_pid = 0;
	si.si_uid = 0;
	decode(&si, &ev);
	assert_int_equal(ev.code, SI_USER);
	assert_nothing_else(&ev, false, false, false, false, false);
}

static void test_sigqueue(void **state)
{
	siginfo_t si = make(SIGRTMIN, SI_QUEUE);
	struct ev_signal ev;

	si.si_pid = 4242;
	si.si_uid = 1001;
	si.si_value.sival_int = 42;
	decode(&si, &ev);
	assert_int_equal(ev.code, SI_QUEUE);
	assert_sender(&ev, 4242, 1001);
	assert_int_equal(ev.value, 42);
	assert_nothing_else(&ev, true, false, false, true, false);

	/* a pointer value keeps all its bits */
	si.si_value.sival_ptr = (void *)(uintptr_t)0x7ffdeadbeef0ULL;
	decode(&si, &ev);
	assert_int_equal(ev.value, 0x7ffdeadbeef0LL);
}

static void test_mesgq(void **state)
{
	siginfo_t si = make(SIGUSR2, SI_MESGQ);
	struct ev_signal ev;

	si.si_pid = 55;
	si.si_uid = 7;
	si.si_value.sival_int = 9;
	decode(&si, &ev);
	assert_sender(&ev, 55, 7);
	assert_int_equal(ev.value, 9);
	assert_nothing_else(&ev, true, false, false, true, false);
}

static void test_tgkill(void **state)
{
	siginfo_t si = make(SIGUSR2, SI_TKILL);
	struct ev_signal ev;

	si.si_pid = 777;
	si.si_uid = 0;
	decode(&si, &ev);
	assert_int_equal(ev.code, SI_TKILL);
	assert_sender(&ev, 777, 0);
	assert_nothing_else(&ev, true, false, false, false, false);
}

static void test_timer(void **state)
{
	siginfo_t si = make(SIGALRM, SI_TIMER);
	struct ev_signal ev;

	/* si_timerid overlays si_pid: it must not become a sender */
	si.si_timerid = 3;
	si.si_overrun = 1;
	si.si_value.sival_int = 7;
	decode(&si, &ev);
	assert_int_equal(ev.code, SI_TIMER);
	assert_int_equal(ev.value, 7);
	assert_nothing_else(&ev, false, false, false, true, false);
}

static void test_segv_maperr(void **state)
{
	siginfo_t si = make(SIGSEGV, SEGV_MAPERR);
	struct ev_signal ev;

	si.si_addr = (void *)0xdead;
	decode(&si, &ev);
	assert_int_equal(ev.signo, SIGSEGV);
	assert_int_equal(ev.code, SEGV_MAPERR);
	assert_int_equal(ev.addr, 0xdead);
	assert_nothing_else(&ev, false, true, false, false, false);
}

static void test_faults(void **state)
{
	static const struct {
		int signo;
		int code;
	} cases[] = {
		{ SIGSEGV, 2 }, { SIGSEGV, 3 }, { SIGSEGV, 4 },
		{ SIGSEGV, 10 },	/* SEGV_CPERR, newer than glibc */
		{ SIGBUS, 1 }, { SIGBUS, 4 }, { SIGBUS, 5 },
		{ SIGILL, 1 }, { SIGILL, 11 }, { SIGFPE, 1 }, { SIGFPE, 15 },
		{ SIGTRAP, 1 }, { SIGTRAP, 6 },
	};
	struct ev_signal ev;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		siginfo_t si = make(cases[i].signo, cases[i].code);

		si.si_addr = (void *)(uintptr_t)(0x1000 + i);
		decode(&si, &ev);
		assert_int_equal(ev.code, cases[i].code);
		assert_int_equal(ev.addr, 0x1000 + i);
		assert_nothing_else(&ev, false, true, false, false, false);
	}
}

static void test_segv_sent_by_kill(void **state)
{
	siginfo_t si = make(SIGSEGV, SI_USER);
	struct ev_signal ev;

	si.si_pid = 31;
	si.si_uid = 1000;
	decode(&si, &ev);
	assert_sender(&ev, 31, 1000);
	assert_nothing_else(&ev, true, false, false, false, false);
}

static void test_si_kernel(void **state)
{
	static const int sigs[] = { SIGKILL, SIGUSR1, SIGSEGV, SIGCHLD,
				    SIGIO, SIGSYS };
	struct ev_signal ev;
	size_t i;

	/* e.g. a general protection fault: SIGSEGV with SI_KERNEL */
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		siginfo_t si = make(sigs[i], SI_KERNEL);

		decode(&si, &ev);
		assert_int_equal(ev.signo, sigs[i]);
		assert_int_equal(ev.code, SI_KERNEL);
		assert_nothing_else(&ev, false, false, false, false, false);
	}
}

static void test_chld_exited(void **state)
{
	siginfo_t si = make(SIGCHLD, CLD_EXITED);
	struct ev_signal ev;

	si.si_pid = 200;
	si.si_uid = 1000;
	si.si_status = 3;
	decode(&si, &ev);
	assert_int_equal(ev.code, CLD_EXITED);
	assert_sender(&ev, 200, 1000);
	assert_int_equal(ev.status, 3);
	assert_nothing_else(&ev, true, false, true, false, false);
}

static void test_chld_killed(void **state)
{
	siginfo_t si = make(SIGCHLD, CLD_KILLED);
	struct ev_signal ev;

	si.si_pid = 201;
	si.si_uid = 0;
	si.si_status = SIGKILL;
	decode(&si, &ev);
	assert_int_equal(ev.code, CLD_KILLED);
	assert_sender(&ev, 201, 0);
	assert_int_equal(ev.status, SIGKILL);
	assert_nothing_else(&ev, true, false, true, false, false);

	si.si_code = CLD_STOPPED;
	si.si_status = SIGSTOP;
	decode(&si, &ev);
	assert_int_equal(ev.status, SIGSTOP);
	assert_sender(&ev, 201, 0);
}

static void test_sigio(void **state)
{
	siginfo_t si = make(SIGIO, POLL_IN);
	struct ev_signal ev;

	si.si_band = POLLIN | POLLRDNORM;
	si.si_fd = 7;
	decode(&si, &ev);
	assert_int_equal(ev.code, POLL_IN);
	assert_int_equal(ev.band, POLLIN | POLLRDNORM);
	assert_int_equal(ev.fd, 7);
	assert_nothing_else(&ev, false, false, false, false, true);

	/* the kernel's own queued SIGIO */
	si.si_code = SI_SIGIO;
	si.si_fd = 0;
	decode(&si, &ev);
	assert_int_equal(ev.fd, 0);
	assert_nothing_else(&ev, false, false, false, false, true);

	/* fcntl(F_SETSIG, SIGRTMIN+1): a realtime signal with POLL_* */
	si = make(SIGRTMIN + 1, POLL_OUT);
	si.si_band = POLLOUT;
	si.si_fd = 12;
	decode(&si, &ev);
	assert_int_equal(ev.band, POLLOUT);
	assert_int_equal(ev.fd, 12);
	assert_nothing_else(&ev, false, false, false, false, true);
}

static void test_sigsys(void **state)
{
	siginfo_t si = make(SIGSYS, 1);	/* SYS_SECCOMP */
	struct ev_signal ev;

	si.si_call_addr = (void *)0x401000;
	si.si_syscall = 62;
	decode(&si, &ev);
	assert_int_equal(ev.addr, 0x401000);
	assert_nothing_else(&ev, false, true, false, false, false);

	/* beyond NSIGSYS the kernel falls back to the poll layout */
	si = make(SIGSYS, 3);
	si.si_band = 1;
	si.si_fd = 4;
	decode(&si, &ev);
	assert_int_equal(ev.fd, 4);
	assert_nothing_else(&ev, false, false, false, false, true);
}

static void test_unknown_codes(void **state)
{
	struct ev_signal ev;
	siginfo_t si;

	/* beyond the signal's codes and NSIGPOLL: kill layout, no sender */
	si = make(SIGSEGV, 11);
	si.si_pid = 5;
	decode(&si, &ev);
	assert_nothing_else(&ev, false, false, false, false, false);

	/* kernel-sent, no value */
	si = make(SIGKILL, SI_DETHREAD);
	si.si_pid = 6;
	decode(&si, &ev);
	assert_nothing_else(&ev, false, false, false, false, false);

	/* rt_sigqueueinfo() with a made-up negative code */
	si = make(SIGUSR1, -42);
	si.si_pid = 8;
	si.si_uid = 9;
	si.si_value.sival_int = -1;
	decode(&si, &ev);
	assert_sender(&ev, 8, 9);
	assert_true(ev.has_value);
}

static void test_errno_and_untouched(void **state)
{
	siginfo_t si = make(SIGUSR1, SI_USER);
	struct ev_signal ev;

	memset(&ev, 0, sizeof(ev));
	ev.disposition.kind = DISP_HANDLER;
	ev.disposition.handler = 0x401136;
	ev.syscall = 35;
	ev.syscall_ret = -516;
	/* stale sender from a previous decode */
	ev.has_sender = true;
	ev.sender.pid = 99;
	ev.sender.known = true;
	strcpy(ev.sender.comm, "old");
	ev.sender_chain.count = 2;

	si.si_errno = 5;
	siginfo_decode(&si, &ev);
	assert_int_equal(ev.err, 5);
	assert_nothing_else(&ev, false, false, false, false, false);
	assert_string_equal(ev.sender.comm, "");
	assert_int_equal(ev.disposition.kind, DISP_HANDLER);
	assert_int_equal(ev.disposition.handler, 0x401136);
	assert_int_equal(ev.syscall, 35);
	assert_int_equal(ev.syscall_ret, -516);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kill),
		cmocka_unit_test(test_kill_from_outside_namespace),
		cmocka_unit_test(test_sigqueue),
		cmocka_unit_test(test_mesgq),
		cmocka_unit_test(test_tgkill),
		cmocka_unit_test(test_timer),
		cmocka_unit_test(test_segv_maperr),
		cmocka_unit_test(test_faults),
		cmocka_unit_test(test_segv_sent_by_kill),
		cmocka_unit_test(test_si_kernel),
		cmocka_unit_test(test_chld_exited),
		cmocka_unit_test(test_chld_killed),
		cmocka_unit_test(test_sigio),
		cmocka_unit_test(test_sigsys),
		cmocka_unit_test(test_unknown_codes),
		cmocka_unit_test(test_errno_and_untouched),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
