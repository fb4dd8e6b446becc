/* SPDX-License-Identifier: MIT */
/*
 * selfsig.c - sigtrace's own signals, and where the wait loop sleeps.
 *
 * The loop must notice a stop signal even when it arrives between the
 * loop's look at the flags and its sleep, so it cannot sleep in waitpid.
 * It collects what is ready with WNOHANG and, when nothing is, sleeps in
 * sigwaitinfo() for SIGCHLD, which stays blocked so that it waits there:
 * the kernel raises it for every state change of a traced task, and the
 * handlers of sigtrace's own signals raise it too (a self-pipe without
 * the pipe).  A stop costs one waitpid while stops keep coming, and two
 * more calls when sigtrace has to sleep for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "selfsig.h"

static volatile sig_atomic_t attach_mode;
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t stop_signal = SIGINT;	/* what asked for it */
static volatile sig_atomic_t interrupt_count;
static volatile sig_atomic_t first_untold;
static volatile sig_atomic_t ticks;
static struct timespec last_interrupt;
static pid_t self;		/* the handlers also run in a child before
				 * its exec: wake sigtrace, not the child */
static sigset_t chld_set;

static void wake(void)
{
	int saved = errno;

	kill(self, SIGCHLD);
	errno = saved;
}

static void on_timer(int sig)
{
	(void)sig;
	ticks = 1;
	wake();
}

static void on_stop_signal(int sig)
{
	struct timespec now;

	/* Attach: detach at once.  Spawn: a Ctrl-C, a hangup or a SIGTERM
	 * to the process group reaches the command too, which decides what
	 * to do; sigtrace keeps tracing.  A second one within a second stops
	 * sigtrace (and with it the command: EXITKILL). */
	if (attach_mode) {
		stop_signal = sig;
		stop_requested = 1;
		wake();
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (interrupt_count > 0 && now.tv_sec - last_interrupt.tv_sec <= 1) {
		stop_signal = sig;
		stop_requested = 1;
	} else if (interrupt_count == 0) {
		first_untold = 1;
	}
	interrupt_count++;
	last_interrupt = now;
	wake();
}

/* The signals sigtrace takes over, and what it inherited for them: the
 * spawned command must inherit those, not sigtrace's (a SIG_IGN survives
 * execve, so an ignored SIGPIPE or a handled SIGINT would leak). */
static const int own_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGALRM, SIGPIPE, SIGCHLD
};
#define OWN_SIGNALS (sizeof(own_signals) / sizeof(own_signals[0]))
static struct sigaction inherited[OWN_SIGNALS];
static sigset_t inherited_mask;
static bool inherited_saved;

/* SIGUSR1 is taken only for the flight recorder (--ring). */
static struct sigaction inherited_usr1;
static bool usr1_taken;

void selfsig_restore_inherited(void)
{
	if (!inherited_saved)
		return;
	for (size_t i = 0; i < OWN_SIGNALS; i++)
		sigaction(own_signals[i], &inherited[i], NULL);
	if (usr1_taken)
		sigaction(SIGUSR1, &inherited_usr1, NULL);
	sigprocmask(SIG_SETMASK, &inherited_mask, NULL);
}

static struct sigaction action_for(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* wake() ends the loop's sleep: nothing else needs an EINTR. */
	sa.sa_flags = SA_RESTART;
	if (sig == SIGALRM)
		sa.sa_handler = on_timer;
	else if (sig == SIGPIPE)
		sa.sa_handler = SIG_IGN;
	else if (sig == SIGCHLD)
		/* Not SIG_IGN, whatever was inherited: an ignored SIGCHLD is
		 * never sent, and the loop would sleep through a stop. */
		sa.sa_handler = SIG_DFL;
	else
		sa.sa_handler = on_stop_signal;
	return sa;
}

static void take_signals(void)
{
	for (size_t i = 0; i < OWN_SIGNALS; i++) {
		int sig = own_signals[i];
		struct sigaction sa = action_for(sig);

		sigaction(sig, NULL, &inherited[i]);
		/* Started under nohup: sigtrace keeps ignoring the hangup
		 * (and a SIGTERM ignored on purpose).  SIGINT is taken even
		 * when a shell ignored it for a background job: it is how a
		 * user detaches (`kill -INT`), and the child gets the
		 * inherited SIG_IGN back before it execs. */
		if ((sig == SIGHUP || sig == SIGTERM) &&
		    inherited[i].sa_handler == SIG_IGN)
			continue;
		sigaction(sig, &sa, NULL);
	}
	inherited_saved = true;
}

void selfsig_install(bool attach)
{
	attach_mode = attach;
	self = getpid();
	sigemptyset(&chld_set);
	sigaddset(&chld_set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld_set, &inherited_mask);
	take_signals();
}

pid_t selfsig_reap(int *status)
{
	pid_t tid = waitpid(-1, status, __WALL | WNOHANG);

	if (tid < 0)
		return errno == EINTR ? 0 : -errno;
	return tid;
}

int selfsig_sleep(uint64_t max_ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(max_ns / 1000000000u),
		.tv_nsec = (long)(max_ns % 1000000000u),
	};
	int rc;

	/* Whatever happened since the reap raised SIGCHLD (or, for a stop
	 * signal, ends the wait with EINTR). */
	rc = max_ns ? sigtimedwait(&chld_set, NULL, &ts) :
		sigwaitinfo(&chld_set, NULL);
	if (rc < 0 && errno != EINTR && errno != EAGAIN)
		return -errno;
	return 0;
}

bool selfsig_stop_requested(void)
{
	return stop_requested;
}

int selfsig_stop_signal(void)
{
	return stop_signal;
}

bool selfsig_take_first_interrupt(void)
{
	if (!first_untold)
		return false;
	first_untold = 0;
	return true;
}

void selfsig_start_ticks(uint64_t period_ns)
{
	struct itimerval it;

	if (!period_ns)
		return;
	it.it_interval.tv_sec = (time_t)(period_ns / 1000000000u);
	it.it_interval.tv_usec = (suseconds_t)(period_ns % 1000000000u / 1000);
	it.it_value = it.it_interval;
	setitimer(ITIMER_REAL, &it, NULL);
}

void selfsig_stop_ticks(void)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
}

bool selfsig_take_tick(void)
{
	if (!ticks)
		return false;
	ticks = 0;
	return true;
}

/* ---- watched descriptors (SIGIO) and the operator's SIGUSR1 ---- */

static volatile sig_atomic_t io_ready;
static volatile sig_atomic_t dump_asked;

static void on_io(int sig)
{
	(void)sig;
	io_ready = 1;
	wake();
}

static void on_dump(int sig)
{
	(void)sig;
	dump_asked = 1;
	wake();
}

static void catch(int sig, void (*handler)(int), struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = handler;
	sigaction(sig, &sa, old);
}

int selfsig_watch_fd(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	catch(SIGIO, on_io, NULL);
	if (fl < 0 || fcntl(fd, F_SETOWN, getpid()) < 0 ||
	    fcntl(fd, F_SETFL, fl | O_ASYNC | O_NONBLOCK) < 0)
		return -errno;
	/* Whatever arrived before this raised nothing: look once. */
	io_ready = 1;
	return 0;
}

bool selfsig_take_io(void)
{
	if (!io_ready)
		return false;
	io_ready = 0;
	return true;
}

void selfsig_catch_dump(void)
{
	catch(SIGUSR1, on_dump, &inherited_usr1);
	usr1_taken = true;
}

bool selfsig_take_dump(void)
{
	if (!dump_asked)
		return false;
	dump_asked = 0;
	return true;
}
