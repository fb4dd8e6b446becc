/* SPDX-License-Identifier: MIT */
/*
 * selfsig.c - sigtrace's own signals, and where the wait loop sleeps.
 *
 * The loop must notice a signal even when it arrives between the loop's
 * look at the records and its sleep, so it cannot sleep in waitpid.  It
 * collects what is ready with WNOHANG and, when nothing is, sleeps in
 * sigtimedwait() for SIGCHLD, which stays blocked so that it waits there:
 * the kernel raises it for every state change of a traced task, and the
 * handler of sigtrace's own signals raises it too (a self-pipe without
 * the pipe).  The sleep's timer raises SIGRTMIN+6, blocked too (wake_by).
 * The handler only records: who sent what is the loop's to judge,
 * synchronously (ownsig.c).
 *
 * Stops are collected with waitid(WNOWAIT): the stop stays reported, and
 * its signal stays with the tracee, until the resume consumes it (kfacts
 * wnowait: a waitpid() would clear it, and a sigtrace killed before the
 * resume would lose it).  Exits are reaped once they are handled.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "selfsig.h"

/* The last of each signal that came, and how many came since the loop
 * last looked (standard signals merge anyway: a count, the last sender).
 * One slot per signal number: a handler never races another of its
 * own signal (it is blocked while its handler runs). */
static struct {
	volatile sig_atomic_t count;
	int code;
	pid_t pid;
	uid_t uid;
} got[NSIG];
/* Some slot of got[] counts a signal: the loop asks before every stop,
 * and a scan of every slot would cost more than the rest of its look. */
static volatile sig_atomic_t got_any;
static volatile sig_atomic_t io_watched, io_ready;	/* SIGIO of our own */
static volatile sig_atomic_t dump_on_usr1, dump_asked;	/* --ring */
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t stop_signal = SIGINT;
static pid_t self;		/* the handler also runs in a child before
				 * its exec: wake sigtrace, not the child */
#define WAKE_TIMER_COOKIE 0x73696774	/* its si_value */
static sigset_t wake_set;	/* SIGCHLD and the timer's: the sleep's end */

/* One of sigtrace's signals came: for the loop to judge (ownsig.c). */
static void note_signal(int sig, const siginfo_t *si)
{
	got[sig].code = si->si_code;
	got[sig].pid = si->si_pid;
	got[sig].uid = si->si_uid;
	__atomic_add_fetch(&got[sig].count, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&got_any, 1, __ATOMIC_SEQ_CST);
}

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	int saved = errno;

	(void)uc;
	if (getpid() != self) {
		errno = saved;
		return;
	}
	if (sig == SIGIO && io_watched && si->si_code > 0)
		io_ready = 1;	/* a watched descriptor has data */
	else if (sig == SIGUSR1 && dump_on_usr1)
		dump_asked = 1;	/* the operator asks for the rings */
	else
		note_signal(sig, si);
	kill(self, SIGCHLD);	/* end the loop's sleep */
	errno = saved;
}

bool selfsig_next(struct selfsig_rec *r)
{
	/* Cleared before the scan: a signal that comes during it sets it
	 * again, for the next look. */
	if (!__atomic_exchange_n(&got_any, 0, __ATOMIC_SEQ_CST))
		return false;
	for (int sig = 1; sig < NSIG; sig++) {
		int n = __atomic_exchange_n(&got[sig].count, 0,
					    __ATOMIC_SEQ_CST);

		if (!n)
			continue;
		r->signo = sig;
		r->count = (unsigned)n;
		r->code = got[sig].code;
		r->pid = got[sig].pid;
		r->uid = got[sig].uid;
		/* Others may be left: the caller asks until false. */
		__atomic_store_n(&got_any, 1, __ATOMIC_SEQ_CST);
		return true;
	}
	return false;
}

/*
 * Which signals sigtrace takes: all that would end or stop it, but not
 * SIGCHLD (its wake-up), SIGCONT, the faults of its own code (a crash
 * must stay a crash: SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS,
 * SIGABRT), glibc's own (32, 33), and the job-control stops in spawn
 * mode.
 */
static bool taken(int sig, bool attach)
{
	switch (sig) {
	case SIGKILL: case SIGSTOP: case SIGCHLD: case SIGCONT:
	case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE: case SIGTRAP:
	case SIGSYS: case SIGABRT:
		return false;
	case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return attach;
	default:
		return sig < 32 || sig >= SIGRTMIN;
	}
}

/* What sigtrace inherited for each signal it takes: the spawned command
 * must inherit those, not sigtrace's (a SIG_IGN survives execve). */
static struct sigaction inherited[NSIG];
static bool changed[NSIG];
static sigset_t inherited_mask;
static bool inherited_saved;

void selfsig_restore_inherited(void)
{
	if (!inherited_saved)
		return;
	for (int sig = 1; sig < NSIG; sig++)
		if (changed[sig])
			sigaction(sig, &inherited[sig], NULL);
	sigprocmask(SIG_SETMASK, &inherited_mask, NULL);
}

static void take_signals(bool attach)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* SA_RESTART: the handler's wake-up ends the sleep; nothing else
	 * needs an EINTR (a write waiting for a slow reader asks
	 * selfsig_stop_requested() after each). */
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sa.sa_sigaction = on_signal;
	for (int sig = 1; sig < NSIG; sig++) {
		if (!taken(sig, attach) ||
		    sigaction(sig, NULL, &inherited[sig]) < 0)
			continue;
		/* Ignored when sigtrace started (nohup, a background job):
		 * it stays ignored, but for SIGINT, which is how a user
		 * detaches (`kill -INT`); the child gets the inherited
		 * SIG_IGN back before it execs. */
		if (sig != SIGINT && inherited[sig].sa_handler == SIG_IGN)
			continue;
		changed[sig] = sigaction(sig, &sa, NULL) == 0;
	}
	inherited_saved = true;
}

void selfsig_install(bool attach)
{
	sigset_t taken_set;

	self = getpid();
	sigemptyset(&wake_set);
	sigaddset(&wake_set, SIGCHLD);
	sigaddset(&wake_set, SELFSIG_TIMER_SIGNAL);
	sigprocmask(SIG_BLOCK, &wake_set, &inherited_mask);
	take_signals(attach);
	/* Whatever the caller blocked, sigtrace's own signals get in. */
	sigemptyset(&taken_set);
	for (int sig = 1; sig < NSIG; sig++)
		if (changed[sig])
			sigaddset(&taken_set, sig);
	/* but the timer's, which only the sleep takes */
	sigdelset(&taken_set, SELFSIG_TIMER_SIGNAL);
	sigprocmask(SIG_UNBLOCK, &taken_set, NULL);
	/* Not SIG_IGN, whatever was inherited: an ignored SIGCHLD is never
	 * sent, and the loop would sleep through a stop. */
	if (sigaction(SIGCHLD, NULL, &inherited[SIGCHLD]) == 0 &&
	    inherited[SIGCHLD].sa_handler == SIG_IGN) {
		struct sigaction dfl;

		memset(&dfl, 0, sizeof(dfl));
		dfl.sa_handler = SIG_DFL;
		changed[SIGCHLD] = sigaction(SIGCHLD, &dfl, NULL) == 0;
	}
}

/* The status waitpid() would give for what waitid() said. */
static int wait_status(const siginfo_t *si)
{
	switch (si->si_code) {
	case CLD_EXITED:
		return (si->si_status & 0xff) << 8;
	case CLD_KILLED:
		return si->si_status & 0x7f;
	case CLD_DUMPED:
		return (si->si_status & 0x7f) | 0x80;
	default:	/* CLD_TRAPPED, CLD_STOPPED: the whole stop code */
		return (si->si_status << 8) | 0x7f;
	}
}

pid_t selfsig_peek(int *status)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_ALL, 0, &si, WEXITED | WSTOPPED | __WALL | WNOHANG |
		   WNOWAIT) < 0)
		return errno == EINTR ? 0 : -errno;
	if (si.si_pid > 0)
		*status = wait_status(&si);
	return si.si_pid;
}

static uint64_t mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * The sleep's time limit is a timer, not a timeout of sigtimedwait(): a
 * timeout arms and cancels a kernel timer at every sleep (once per stop
 * in a signal storm, a sixth of sigtrace's CPU time there), while the
 * times the loop wakes for (the next tick, the logs' flush, the
 * deadline) stay the same for many sleeps: the timer is set only when
 * the next one is earlier than it, or it went off.  Going off early (the
 * flush came first) only makes a sleep short.
 *
 * Its signal is not SIGCHLD.  A tracee's SIGCHLD that comes while the
 * timer's is pending merges into it (one pending instance of a standard
 * signal), and since Linux 6.13 re-arming a timer makes its pending
 * signal stale: the kernel drops it at the dequeue, and the tracee's
 * stop with it, so the loop slept until the next timer (tens of ms; a
 * thread storm under a kernel sender observer, which ticks, lost a third
 * of its time so).  A real-time signal is queued, never merged, and does
 * nothing when it is sent (SIGCONT, which looks harmless, discards a
 * pending SIGSTOP: a debugger's or LeakSanitizer's attach to sigtrace
 * would then wait for ever).  Not SIGRTMAX, which valgrind keeps for
 * itself.  It stays blocked, so one that someone else sends is taken by
 * the sleep, and noted there as the handler would.
 */
static timer_t wake_timer;
static bool wake_timer_made;
static uint64_t wake_armed;	/* when it goes off; 0: not set */

/* A wake-up at UNTIL (CLOCK_MONOTONIC ns) at the latest; false if none
 * can be had. */
static bool wake_by(uint64_t until, uint64_t now)
{
	struct itimerspec its;

	if (wake_armed > now && wake_armed <= until)
		return true;
	if (!wake_timer_made) {
		struct sigevent sev;

		memset(&sev, 0, sizeof(sev));
		sev.sigev_notify = SIGEV_SIGNAL;
		sev.sigev_signo = SELFSIG_TIMER_SIGNAL;
		sev.sigev_value.sival_int = WAKE_TIMER_COOKIE;
		if (timer_create(CLOCK_MONOTONIC, &sev, &wake_timer) < 0)
			return false;
		wake_timer_made = true;
	}
	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = (time_t)(until / 1000000000u);
	its.it_value.tv_nsec = (long)(until % 1000000000u);
	if (timer_settime(wake_timer, TIMER_ABSTIME, &its, NULL) < 0)
		return false;
	wake_armed = until;
	return true;
}

int selfsig_sleep(uint64_t until_ns, pid_t *trapped)
{
	uint64_t now = until_ns ? mono_now() : 0;
	struct timespec ts = { 0, 0 };
	const struct timespec *limit = NULL;
	siginfo_t si;

	*trapped = 0;
	if (until_ns && (until_ns <= now || !wake_by(until_ns, now))) {
		/* Due already (just look), or no timer: a timeout. */
		uint64_t left = until_ns > now ? until_ns - now : 0;

		ts.tv_sec = (time_t)(left / 1000000000u);
		ts.tv_nsec = (long)(left % 1000000000u);
		limit = &ts;
	}
	/* Whatever happened since the peek raised SIGCHLD (a traced task's
	 * change, one of sigtrace's signals: its handler raises it) or the
	 * timer's signal.  Only the kernel makes CLD_TRAPPED (no process
	 * may send a positive si_code to another), so si_pid is a tracee's
	 * tid. */
	if (sigtimedwait(&wake_set, &si, limit) < 0) {
		if (errno != EINTR && errno != EAGAIN)
			return -errno;
	} else if (si.si_signo == SIGCHLD && si.si_code == CLD_TRAPPED) {
		*trapped = si.si_pid;
	} else if (si.si_signo != SIGCHLD && (si.si_code != SI_TIMER ||
		   si.si_value.sival_int != WAKE_TIMER_COOKIE)) {
		note_signal(si.si_signo, &si);	/* not the timer's */
	}
	return 0;
}

pid_t selfsig_wait_for(pid_t tid, int *status)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	while (waitid(P_PID, (id_t)tid, &si, WEXITED | WSTOPPED | __WALL |
		      WNOWAIT) < 0)
		if (errno != EINTR)
			return -errno;
	*status = wait_status(&si);
	return tid;
}

void selfsig_reap(pid_t tid)
{
	siginfo_t si;

	while (waitid(P_PID, (id_t)tid, &si, WEXITED | __WALL | WNOHANG) < 0 &&
	       errno == EINTR)
		;
}

int selfsig_watch_fd(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	io_watched = 1;
	if (fl < 0 || fcntl(fd, F_SETOWN, getpid()) < 0 ||
	    fcntl(fd, F_SETFL, fl | O_ASYNC | O_NONBLOCK) < 0)
		return -errno;
	/* Whatever arrived before this raised nothing: look once. */
	io_ready = 1;
	return 0;
}

bool selfsig_noted(void)
{
	return got_any || io_ready || dump_asked || stop_requested;
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
	dump_on_usr1 = 1;
}

bool selfsig_take_dump(void)
{
	if (!dump_asked)
		return false;
	dump_asked = 0;
	return true;
}

void selfsig_request_stop(int sig)
{
	stop_signal = sig;
	stop_requested = 1;
}

bool selfsig_stop_requested(void)
{
	return stop_requested;
}

int selfsig_stop_signal(void)
{
	return stop_signal;
}
