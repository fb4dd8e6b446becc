/* SPDX-License-Identifier: MIT */
/*
 * tracer.c - the top of the trace layer: the two ways of running (spawn
 * a command, attach to processes), the wait loop, and the classification
 * of every ptrace stop, handed to the file that handles that kind.
 * Every stop is paid for by the tracee, so nothing here stops a thread
 * that the answer does not need.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "proc.h"
#include "selfsig.h"
#include "spawn.h"
#include "trace_priv.h"

struct tracer *tracer_new(const struct tracer_config *cfg)
{
	struct tracer *T = calloc(1, sizeof(*T));

	if (T) {
		T->cfg = *cfg;
		T->self = getpid();
	}
	return T;
}

void tracer_free(struct tracer *T)
{
	if (!T)
		return;
	table_clear(T);
	watch_close(T);
	observe_close(T);
	attach_release(T);
	free(T);
}

const char *tracer_error(const struct tracer *T)
{
	return T->err;
}

static void dispatch(struct tracer *T, pid_t tid, int status,
		     const siginfo_t *si);
static void await_step(struct tracer *T, pid_t tid);

/* SI: the stop's siginfo when already read (a delivery), or NULL. */
static void handle_stop(struct tracer *T, pid_t tid, int status,
			const siginfo_t *si)
{
	struct tracee *t = tracee_find(T, tid);
	int sig = WSTOPSIG(status);
	int event = (unsigned)status >> 16;

	if (!t)
		t = lifecycle_adopt(T, tid, 0);
	if (t->proc->alien) {
		lifecycle_let_alien_go(T, t, status);
		return;
	}
	t->started = true;
	T->stops++;
	/* A held EINTR: the thread ran on, so the program saw it (a
	 * delivery decides for itself). */
	if (event != 0 || sig == (SIGTRAP | 0x80))
		frame_flush_outcome(T, t, false);
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		lifecycle_new_task(T, t, event);
		return;
	case PTRACE_EVENT_EXEC:
		lifecycle_exec(T, t);
		return;
	case PTRACE_EVENT_SECCOMP:
		syscall_seccomp_stop(T, t);
		return;
	case PTRACE_EVENT_STOP:
		lifecycle_event_stop(T, t, sig);
		return;
	case 0:
		break;
	default:
		tracee_resume(T, t, 0);
		return;
	}
	if (sig == (SIGTRAP | 0x80)) {
		T->syscall_stops++;
		syscall_stop(T, t);
		return;
	}
	if (t->awaiting_step && sig == SIGTRAP) {
		deliver_step_landed(T, t);
		return;
	}
	deliver_signal(T, t, sig, si);
	if (t->awaiting_step)
		await_step(T, tid);
}

/* A delivery held for one single-step (attach mode: the handler's
 * address) is logged when the step lands: wait for that thread alone
 * now, so that no other thread's stop is logged in between, out of
 * time order.  The step takes microseconds; no stop of another thread
 * is taken meanwhile (they wait, reported, in the kernel). */
static void await_step(struct tracer *T, pid_t tid)
{
	int status;

	if (selfsig_wait_for(tid, &status) == tid)
		dispatch(T, tid, status, NULL);
}

static void dispatch(struct tracer *T, pid_t tid, int status,
		     const siginfo_t *si)
{
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		struct tracee *t = tracee_find(T, tid);

		if (t) {
			deliver_release_held(T, t);
			lifecycle_exit(T, t, status);
		}
		selfsig_reap(tid);	/* selfsig_peek() left it there */
	} else if (WIFSTOPPED(status)) {
		handle_stop(T, tid, status, si);
	}
}

/* One line on the terminal, rewritten in place; never in a log file.
 * Cut to the terminal's width, read each time (the pane may be resized):
 * a line that wraps is not rewritten in place but repeated below. */
static void show_status(struct tracer *T)
{
	struct winsize ws;
	char line[256], what[64];
	int n;

	if (T->cfg.status_fd < 0)
		return;
	if (T->live == 0)
		snprintf(what, sizeof(what), "waiting for a process to attach to");
	else
		snprintf(what, sizeof(what), "tracing pid %d (%u thread%s)",
			 T->root_pid, T->live, T->live == 1 ? "" : "s");
	n = snprintf(line, sizeof(line),
		     "\r\033[K%s, %llu signal%s so far; Ctrl-C to stop and report",
		     what, (unsigned long long)T->deliveries,
		     T->deliveries == 1 ? "" : "s");
	if (n >= (int)sizeof(line))
		n = sizeof(line) - 1;
	/* 4 bytes of "\r\033[K" take no column; keep the last one free. */
	if (ioctl(T->cfg.status_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1 &&
	    n > 4 + ws.ws_col - 1)
		n = 4 + ws.ws_col - 1;
	if (n > 0)
		(void)!write(T->cfg.status_fd, line, (size_t)n);
}

static void clear_status(struct tracer *T)
{
	if (T->cfg.status_fd >= 0)
		(void)!write(T->cfg.status_fd, "\r\033[K", 4);
}

/* The clock, every T->tick_ns: the /proc poll, the targets, the sender
 * observer, the status line. */
static void tick(struct tracer *T, uint64_t now)
{
	if (!T->tick_ns || now < T->next_tick_ns)
		return;
	T->next_tick_ns = now + T->tick_ns;
	if (T->cfg.poll_ns)
		poll_dispositions(T);
	watch_tick(T);
	observe_tick(T);
	show_status(T);
}

/* The earlier of two times (0: none). */
static uint64_t earlier(uint64_t a, uint64_t b)
{
	if (!a)
		return b;
	return b && b < a ? b : a;
}

/*
 * After a stop of the only traced task was handled and the task resumed,
 * nothing else can be ready: sleep at once (its next stop raises
 * SIGCHLD) instead of asking waitpid first, one system call less per stop
 * of a single-threaded program.  In case its next change raced with the
 * last SIGCHLD (a kill while it was stopped), that sleep is short: it
 * ends at the next multiple of SOLE_TASK_SLEEP_NS, a time that stays the
 * same for many sleeps (selfsig_sleep sets its timer only when the time
 * changes).
 */
#define SOLE_TASK_SLEEP_NS 10000000u

/* Until when the loop may sleep at NOW: the next tick, the deadline,
 * the logs' next flush (they catch up first), or for ever (0). */
static uint64_t sleep_until(struct tracer *T, uint64_t now, bool sole)
{
	uint64_t until = earlier(T->tick_ns ? T->next_tick_ns : 0,
				 T->deadline_ns);

	trace_flush_idle(T);
	if (T->unflushed_ns)
		until = earlier(until, T->unflushed_ns + TRACE_FLUSH_NS);
	if (sole)
		until = earlier(until, (now / SOLE_TASK_SLEEP_NS + 1) *
				SOLE_TASK_SLEEP_NS);
	return until;
}

/*
 * Is SI what a ptrace notification left (syscall, event and group
 * stops: si_code is the stop code, the signal with the event or 0x80
 * above it) rather than a signal being delivered?  A signal a program
 * forged for itself in that shape is taken for one too: it only costs
 * the waitid() that tells them apart.
 */
static bool notification(const siginfo_t *si)
{
	return si->si_code > 0x7f && (si->si_code & 0x7f) == si->si_signo;
}

/*
 * The sleep ended with the SIGCHLD of TID's ptrace stop.  When TID is
 * at a signal-delivery-stop (PTRACE_GETSIGINFO, which its delivery needs
 * anyway, succeeds only on a stopped tracee), handle it without asking
 * waitid() first: one system call less per delivery.  The stop stays
 * reported until its resume, as with a WNOWAIT peek.  Anything else
 * (a notification, an exit, a tracee running again after a peek took
 * its stop, a task not met yet, one left stopped because no resume
 * worked) is left to the peek.  True if handled.
 */
static bool take_trapped(struct tracer *T, pid_t tid)
{
	struct tracee *t = tracee_find(T, tid);
	siginfo_t si;

	/* sigtrace's own signals and the deadline come before any stop
	 * (the loop looks at them first). */
	if (selfsig_noted() ||
	    (T->deadline_ns && trace_now() >= T->deadline_ns))
		return false;
	if (!t || t->proc->alien || t->stuck ||
	    ptrace(PTRACE_GETSIGINFO, tid, 0, &si) < 0 || notification(&si))
		return false;
	dispatch(T, tid, (si.si_signo << 8) | 0x7f, &si);
	return true;
}

/* Until no traced thread is left (and no target is awaited), sigtrace
 * is asked to stop, or the deadline comes: each is looked at before
 * every stop, so neither a busy tracee nor a signal just before the
 * sleep can delay them.  0, or -1 with T->err. */
static int loop(struct tracer *T)
{
	bool sole = false;	/* the only task was just resumed */

	for (;;) {
		uint64_t now;
		int status;
		unsigned live;
		pid_t tid;

		ownsig_handle(T);
		if ((T->live == 0 && !watch_waiting(T)) ||
		    selfsig_stop_requested())
			return 0;
		now = trace_now();
		if (T->deadline_ns && now >= T->deadline_ns)
			return 0;
		tick(T, now);
		if (selfsig_take_io())
			watch_io(T);
		if (selfsig_take_dump())
			trace_trigger_sinks(T);
		tid = sole ? 0 : selfsig_peek(&status);
		if (tid == 0 || (tid == -ECHILD && watch_waiting(T))) {
			/* Nothing to do (or no task until the next match). */
			int rc = selfsig_sleep(sleep_until(T, now, sole), &tid);

			sole = false;
			if (rc < 0)
				return trace_fail(T->err, sizeof(T->err),
						  "waiting: %s", strerror(-rc));
			/* Other stops may stand behind the same SIGCHLD:
			 * unless TID is the only task, peek next. */
			live = T->live;
			if (tid > 0 && take_trapped(T, tid))
				sole = live == 1 && T->live == 1;
			continue;
		}
		if (tid == -ECHILD)
			return 0;
		if (tid < 0)
			return trace_fail(T->err, sizeof(T->err),
					  "waitid: %s", strerror(-tid));
		live = T->live;
		dispatch(T, tid, status, NULL);
		sole = live == 1 && T->live == 1 && WIFSTOPPED(status);
	}
}

static void emit_start(struct tracer *T, char *const argv[],
		       const pid_t *pids, size_t npids)
{
	struct event e;

	event_init(&e, EV_TRACE_START);
	e.pid = e.tid = T->root_pid;
	e.u.start.attach = T->attach;
	e.u.start.tracer_pid = T->self;
	snprintf(e.u.start.version, sizeof(e.u.start.version), "%s",
		 SIGTRACE_VERSION);
	if (argv)
		cmdline_from_argv(&e.u.start.argv, argv);
	for (size_t i = 0; i < npids && i < PIDS_MAX; i++)
		e.u.start.pids[e.u.start.npids++] = pids[i];
	observe_describe(T, &e.u.start);
	trace_emit(T, NULL, &e);
}

static int exit_status_of(const struct tracer *T)
{
	if (!T->root_exited)
		return 1;
	if (WIFSIGNALED(T->root_status))
		return 128 + WTERMSIG(T->root_status);
	return WEXITSTATUS(T->root_status);
}

void tracer_end_event(struct tracer *T, int status, struct event *e)
{
	event_init(e, EV_TRACE_END);
	e->pid = T->root_pid;
	e->tid = T->root_pid;
	e->u.end.exit_status = status;
	e->u.end.stops = T->stops;
	e->u.end.syscall_stops = T->syscall_stops;
	e->u.end.deliveries = T->deliveries;
	observe_counts(T, &e->u.end);
}

int tracer_run_spawn(struct tracer *T, char *const argv[], const char *path)
{
	unsigned options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE |
		PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_EXITKILL;
	struct proc_status st;
	struct process *p;
	int status, pending;
	pid_t pid;

	if (observe_open(T, NULL, 0) < 0)
		return -1;
	selfsig_install(false);
	if (T->cfg.dump_on_usr1)
		selfsig_catch_dump();
	sink_set_give_up(selfsig_stop_requested);
	pid = spawn_traced(path, argv, options, &pending, T->err,
			   sizeof(T->err));
	if (pid < 0)
		return -1;
	T->root_pid = pid;
	observe_watch(T, pid);
	memset(&st, 0, sizeof(st));
	proc_read_status(pid, 0, &st);
	/* SigIgn survives execve; handlers do not, so none are caught. */
	p = process_add(T, pid, model_new(false, st.ignored, 0, 0), true);
	oom_mark(pid, &p->oom);
	tracee_add(T, pid, p);
	emit_start(T, argv, NULL, 0);
	T->trace_started = true;
	if (pending != -1)
		dispatch(T, pid, pending, NULL);
	/* Sends that no delivery shows are settled at ticks. */
	if (sender_sees_sends(T->obs)) {
		T->tick_ns = 100000000u;
		T->next_tick_ns = trace_now() + T->tick_ns;
	}
	if (loop(T) < 0)
		return -1;
	if (selfsig_stop_requested() && T->live > 0) {
		trace_flush(T);
		warnx_msg("stopped by a signal; the traced command (pid %d) is killed with sigtrace", pid);
		status = 128 + selfsig_stop_signal();
		trace_trigger_sinks(T);	/* the end: what the rings hold */
	} else {
		status = exit_status_of(T);
	}
	observe_finish(T);
	return status;
}

/* Let go of every thread.  Nothing is PTRACE_DETACHed: the kernel
 * refuses it for a thread in group-stop under PTRACE_LISTEN, and it
 * unlinks every tracee when sigtrace exits: a group-stopped thread stays
 * stopped, a running one runs on, without an interrupt, and one in a
 * stop that was reported but not handled resumes with its signal (the
 * loop collects stops with WNOWAIT: kfacts wnowait).  So after the
 * deadline or a detach request no further stop is handled (a
 * single-step in flight has landed already: await_step). */
static void detach_all(struct tracer *T)
{
	lifecycle_detach(T);
}

/* trace_start, once the processes asked for are attached (so that no
 * "attached to pid N" comes before an error), then their dispositions. */
static void emit_attach_start(struct tracer *T, const pid_t *first,
			      size_t nfirst)
{
	pid_t pids[PIDS_MAX];
	size_t n = 0;

	for (size_t i = 0; i < nfirst && n < PIDS_MAX; i++) {
		struct process *p = process_find(T, first[i]);

		if (p && !p->alien)
			pids[n++] = first[i];
	}
	emit_start(T, NULL, pids, n);
	T->trace_started = true;
	for (unsigned b = 0; b < TABLE_BUCKETS; b++)
		for (struct process *p = T->procs[b]; p; p = p->next)
			if (!p->alien)
				trace_emit_dispositions(T, p);
}

int tracer_run_attach(struct tracer *T, const pid_t *pids, size_t npids)
{
	uint64_t period = T->cfg.poll_ns;
	pid_t first[PIDS_MAX];
	size_t nfirst;
	int rc, status = 0;

	T->attach = true;
	/* The observer watches each process as it is seized. */
	if (watch_open(T, pids, npids) < 0 || observe_open(T, NULL, 0) < 0)
		return -1;
	selfsig_install(true);
	if (T->cfg.dump_on_usr1)
		selfsig_catch_dump();
	sink_set_give_up(selfsig_stop_requested);
	nfirst = watch_initial(T, first, PIDS_MAX);
	T->root_pid = 0;	/* the first one attached: its status is ours */
	if (watch_attach_initial(T) < 0)
		return -1;
	emit_attach_start(T, first, nfirst);
	trace_flush(T);	/* attached: say so now */
	T->last_poll_ns = trace_now();
	if (T->cfg.duration_ns)
		T->deadline_ns = T->last_poll_ns + T->cfg.duration_ns;
	/* A tick at least every 100 ms: the status line moves, targets
	 * are looked at again.  The deadline needs none: the loop looks at
	 * it before every stop. */
	if (!period || period > 100000000u)
		period = 100000000u;
	T->tick_ns = period;
	T->next_tick_ns = T->last_poll_ns + period;
	show_status(T);
	rc = loop(T);
	clear_status(T);
	if (rc < 0)
		return -1;
	if (T->live > 0) {
		/* Stopped while tracing (Ctrl-C, --duration): the end, the
		 * last moment to write what the rings hold. */
		trace_trigger_sinks(T);
		detach_all(T);
	} else if (T->root_exited && !T->cfg.watch)
		status = exit_status_of(T);
	observe_finish(T);
	if (T->attach_lost && status == 0)
		status = EXIT_FAILURE_RUNTIME;
	return status;
}
