/* SPDX-License-Identifier: MIT */
/*
 * sender_cnproc.c - the proc-events back end: the kernel's process events
 * connector (procevents.c) reports every fork, exec, rename and exit on
 * the machine.  A thread listens and keeps the recent ones in a pidtab,
 * reading each new program's command line from /proc at its exec event:
 * a kill(1) is gone within a millisecond, and only a listener woken at
 * once (SCHED_FIFO when permitted) reads it in time.  It sees no
 * signals: it names a sender by si_pid afterwards.
 *
 * Only an exec (and a rename) must be acted on at once: forks and exits
 * are lazy (procevents.h), read with the next exec's wakeup or every
 * PROCEVENTS_LAZY_MS, so a fork+exec+exit costs the machine one wakeup
 * of the listener, not three.
 *
 * The connector reports the host's pids and ignores listeners in other
 * user or pid namespaces, so it is refused there.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "procevents.h"
#include "sender_priv.h"

struct cnproc {
	struct procevents *pe;
	int stopfd;		/* eventfd: the thread must end */
	bool thread_started;
	pthread_t thread;
	pthread_mutex_t lock;	/* tab, lost, now */
	struct pidtab *tab;
	uint64_t lost;		/* receive buffer overruns */
	uint64_t now;		/* the event being handled, kernel time */
};

static void on_when(void *ctx, uint64_t mono_ns)
{
	struct cnproc *c = ctx;

	c->now = mono_ns;
}

static void on_fork(void *ctx, pid_t parent_tgid, pid_t child_pid,
		    pid_t child_tgid)
{
	struct cnproc *c = ctx;

	/* threads are not processes */
	if (child_pid == child_tgid)
		pidtab_fork(c->tab, child_tgid, parent_tgid, c->now);
}

static void on_exec(void *ctx, pid_t pid, pid_t tgid)
{
	struct cnproc *c = ctx;

	pidtab_exec(c->tab, tgid, c->now);
}

/* A rename (prctl): the event carries the new name, which the process
 * may not live long enough to be asked for. */
static void on_comm(void *ctx, pid_t pid, pid_t tgid, const char *name)
{
	struct cnproc *c = ctx;

	if (pid == tgid)
		pidtab_comm(c->tab, tgid, name);
}

static void on_exit_event(void *ctx, pid_t pid, pid_t tgid, int status)
{
	struct cnproc *c = ctx;

	if (pid == tgid)
		pidtab_exit(c->tab, tgid, c->now);
}

static void on_lost(void *ctx)
{
	struct cnproc *c = ctx;

	c->lost++;
}

static const struct procevents_ops hooks = {
	.when = on_when,
	.fork = on_fork,
	.exec = on_exec,
	.comm = on_comm,
	.exit = on_exit_event,
	.lost = on_lost,
};

static void *listen_thread(void *arg)
{
	struct cnproc *c = arg;
	struct pollfd pfd[2] = {
		{ .fd = procevents_fd(c->pe), .events = POLLIN },
		{ .fd = c->stopfd, .events = POLLIN },
	};

	for (;;) {
		/* a timeout: the lazy events are due */
		if (poll(pfd, 2, PROCEVENTS_LAZY_MS) < 0 && errno != EINTR)
			return NULL;
		if (pfd[1].revents)
			return NULL;
		pthread_mutex_lock(&c->lock);
		procevents_drain(c->pe, &hooks, c);
		pthread_mutex_unlock(&c->lock);
	}
}

/* SCHED_FIFO when permitted (the listener must beat a kill(1) to its
 * exit), else an ordinary thread. */
static int start_thread(struct cnproc *c)
{
	pthread_attr_t attr;
	struct sched_param sp = { .sched_priority = 1 };
	sigset_t all, old;
	int err;

	/* The thread takes no signal: a process-directed one (a tracer's
	 * SIGCHLD, which its main thread waits for) must never land here.
	 * It inherits the mask in force when it is made. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_attr_init(&attr);
	pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
	pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
	pthread_attr_setschedparam(&attr, &sp);
	err = pthread_create(&c->thread, &attr, listen_thread, c);
	pthread_attr_destroy(&attr);
	if (err == EPERM)
		err = pthread_create(&c->thread, NULL, listen_thread, c);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	c->thread_started = err == 0;
	return -err;
}

static void cnproc_close(struct sender_backend *b)
{
	struct cnproc *c = b->priv;
	uint64_t one = 1;

	if (c->thread_started) {
		if (write(c->stopfd, &one, sizeof(one)) == sizeof(one))
			pthread_join(c->thread, NULL);
		else
			pthread_detach(c->thread);
	}
	procevents_close(c->pe);
	if (c->stopfd >= 0)
		close(c->stopfd);
	pthread_mutex_destroy(&c->lock);
	pidtab_free(c->tab);
}

static int cnproc_open(struct sender_backend *b, char *why, size_t len)
{
	struct cnproc *c = b->priv;
	int err = sender_host_namespaces(why, len);

	c->stopfd = -1;
	pthread_mutex_init(&c->lock, NULL);
	if (err == 0 && !(c->pe = procevents_open(PROCEVENTS_FORK |
			PROCEVENTS_EXEC | PROCEVENTS_COMM | PROCEVENTS_EXIT,
			PROCEVENTS_FORK | PROCEVENTS_EXIT, why, len)))
		err = -EPERM;
	if (err == 0)
		c->tab = pidtab_new();
	if (err == 0 && (c->stopfd = eventfd(0, EFD_CLOEXEC)) < 0) {
		err = -errno;
		snprintf(why, len, "eventfd: %s", strerror(-err));
	}
	if (err == 0 && (err = start_thread(c)) < 0)
		snprintf(why, len, "cannot start the listener thread: %s",
			 strerror(-err));
	if (err < 0)
		cnproc_close(b);
	return err;
}

static int cnproc_drain(struct sender_backend *b)
{
	struct cnproc *c = b->priv;
	uint64_t lost;

	pthread_mutex_lock(&c->lock);
	procevents_drain(c->pe, &hooks, c);
	lost = c->lost;
	c->lost = 0;
	pthread_mutex_unlock(&c->lock);
	if (lost)
		sender_count_lost(b->obs, lost);
	return 0;
}

static bool cnproc_process(struct sender_backend *b, pid_t pid, uint64_t at_ns,
			   struct sender_ident *out)
{
	struct cnproc *c = b->priv;
	bool found;

	pthread_mutex_lock(&c->lock);
	found = pidtab_find(c->tab, pid, at_ns, out);
	pthread_mutex_unlock(&c->lock);
	if (found)
		out->source = sender_cnproc_ops.name;
	return found;
}

const struct sender_backend_ops sender_cnproc_ops = {
	.name = "proc-events",
	.kind = SENDER_PROC_EVENTS,
	.priv_size = sizeof(struct cnproc),
	.open = cnproc_open,
	.close = cnproc_close,
	.drain = cnproc_drain,
	.process = cnproc_process,
};
