/* SPDX-License-Identifier: MIT */
/*
 * test_selfsig.c - the loop's sleep (selfsig.c) ends for a traced task's
 * stop even when the sleep's own timer went off unseen and is re-armed:
 * since Linux 6.13 a re-armed timer's pending signal is dropped at the
 * dequeue, so a stop's SIGCHLD merged into a timer's SIGCHLD was lost
 * with it and the loop slept until the next timer.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "selfsig.h"

#define POLL_LIMIT 10000	/* x 1 ms */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void pause_1ms(void)
{
	struct timespec ms = { 0, 1000000 };

	nanosleep(&ms, NULL);
}

/* Has the sleep's timer gone off (its signal, whichever, pending)? */
static bool timer_signal_pending(void)
{
	sigset_t pending;

	sigpending(&pending);
	return sigismember(&pending, SIGCHLD) ||
	       sigismember(&pending, SELFSIG_TIMER_SIGNAL);
}

static pid_t stopped_tracee(void)
{
	pid_t pid = fork();
	siginfo_t si;

	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(0);
	}
	assert_true(pid > 0);
	for (int i = 0; i < POLL_LIMIT; i++) {
		memset(&si, 0, sizeof(si));
		assert_int_equal(waitid(P_PID, (id_t)pid, &si, WSTOPPED |
					WNOHANG | WNOWAIT), 0);
		if (si.si_pid == pid)
			return pid;
		pause_1ms();
	}
	fail_msg("the tracee never stopped");
	return -1;
}

static void stop_after_unseen_timer(void **state)
{
	pid_t child, tracee, trapped = 0;
	int rc;

	(void)state;
	selfsig_install(false);
	/* Arm the timer 50 ms ahead; a child's exit ends that sleep first. */
	child = fork();
	if (child == 0)
		_exit(0);
	assert_int_equal(selfsig_sleep(now_ns() + 50000000u, &trapped), 0);
	selfsig_reap(child);
	/* The timer goes off while nobody sleeps. */
	for (int i = 0; i < POLL_LIMIT && !timer_signal_pending(); i++)
		pause_1ms();
	assert_true(timer_signal_pending());
	/* A stop comes, then a sleep that re-arms the timer (10 s ahead). */
	tracee = stopped_tracee();
	rc = selfsig_sleep(now_ns() + 10000000000u, &trapped);
	kill(tracee, SIGKILL);
	waitpid(tracee, NULL, __WALL);
	assert_int_equal(rc, 0);
	assert_int_equal(trapped, tracee);
	/* The timer's signal, blocked, was no signal of sigtrace's. */
	assert_false(selfsig_noted());
}

/* A signal someone sends that is the timer's too is noted all the same. */
static void timer_signal_from_outside(void **state)
{
	struct selfsig_rec r;
	pid_t trapped;

	(void)state;
	selfsig_install(false);
	while (selfsig_next(&r))
		;
	kill(getpid(), SELFSIG_TIMER_SIGNAL);
	/* (the first test's SIGCHLDs may come first) */
	for (int i = 0; i < 4 && !selfsig_noted(); i++)
		assert_int_equal(selfsig_sleep(now_ns() + 10000000000u,
					       &trapped), 0);
	assert_true(selfsig_next(&r));
	assert_int_equal(r.signo, SELFSIG_TIMER_SIGNAL);
	assert_int_equal(r.pid, getpid());
	assert_false(selfsig_next(&r));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stop_after_unseen_timer),
		cmocka_unit_test(timer_signal_from_outside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
