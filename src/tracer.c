/*
 * tracer.c - the wait loop: classify every ptrace stop, keep the tables
 * of processes and threads, report their lifecycle, and resume each stop
 * at once.  Every stop is paid for by the tracee, so nothing here stops a
 * thread that the answer does not need.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "proc.h"
#include "spawn.h"
#include "stack.h"
#include "tracer.h"

static volatile sig_atomic_t interrupt_count;
static volatile sig_atomic_t attach_mode;
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t stop_signal = SIGINT;	/* what asked for it */
static struct timespec last_interrupt;

static unsigned bucket(pid_t id)
{
	return (unsigned)id % TABLE_BUCKETS;
}

struct tracee *tracee_find(struct tracer *T, pid_t tid)
{
	for (struct tracee *t = T->tracees[bucket(tid)]; t; t = t->next)
		if (t->tid == tid)
			return t;
	return NULL;
}

struct process *process_find(struct tracer *T, pid_t pid)
{
	for (struct process *p = T->procs[bucket(pid)]; p; p = p->next)
		if (p->pid == pid)
			return p;
	return NULL;
}

static struct process *process_new(struct tracer *T, pid_t pid,
				   struct sigmodel *model, bool reported)
{
	struct process *p = calloc(1, sizeof(*p));

	if (!p)
		die("out of memory tracing pid %d", pid);
	p->pid = pid;
	p->model = model;
	p->reported = reported;
	proc_read_comm(pid, p->comm, sizeof(p->comm));
	proc_read_cmdline(pid, &p->argv);
	p->next = T->procs[bucket(pid)];
	T->procs[bucket(pid)] = p;
	return p;
}

bool tracer_known_identity(struct tracer *T, pid_t pid, char *comm,
			   struct cmdline *argv, pid_t *parent)
{
	struct process *p = process_find(T, pid);

	if (p) {
		memcpy(comm, p->comm, COMM_MAX);
		if (argv)
			*argv = p->argv;
		*parent = p->parent;
		return true;
	}
	for (unsigned i = 0; i < RECENT_MAX; i++) {
		struct recent_process *r = &T->recent[i];

		if (r->pid == pid) {
			memcpy(comm, r->comm, COMM_MAX);
			if (argv)
				*argv = r->argv;
			*parent = r->parent;
			return true;
		}
	}
	return false;
}

static void process_free(struct tracer *T, struct process *p)
{
	struct process **pp = &T->procs[bucket(p->pid)];
	struct recent_process *r = &T->recent[T->recent_next++ % RECENT_MAX];

	r->pid = p->pid;
	r->parent = p->parent;
	memcpy(r->comm, p->comm, COMM_MAX);
	r->argv = p->argv;

	while (*pp && *pp != p)
		pp = &(*pp)->next;
	if (*pp)
		*pp = p->next;
	while (p->pending) {
		struct pending_finding *n = p->pending->next;

		free(p->pending);
		p->pending = n;
	}
	model_unref(p->model);
	stack_forget_process(p->pid);
	free(p);
}

static struct tracee *tracee_add(struct tracer *T, pid_t tid,
				 struct process *p)
{
	struct tracee *t = calloc(1, sizeof(*t));

	if (!t)
		die("out of memory tracing tid %d", tid);
	t->tid = tid;
	t->proc = p;
	t->cur_nr = -1;
	p->threads++;
	T->live++;
	t->next = T->tracees[bucket(tid)];
	T->tracees[bucket(tid)] = t;
	return t;
}

static void tracee_remove(struct tracer *T, struct tracee *t)
{
	struct tracee **pp = &T->tracees[bucket(t->tid)];

	while (*pp && *pp != t)
		pp = &(*pp)->next;
	if (*pp)
		*pp = t->next;
	t->proc->threads--;
	T->live--;
	stack_free(t->sa_stack);
	stack_forget_thread(t->tid);
	free(t);
}

void tracer_stamp(struct event *e, const struct tracee *t)
{
	e->tid = t->tid;
	e->pid = t->proc->pid;
	memcpy(e->comm, t->proc->comm, sizeof(e->comm));
}

void tracer_emit(struct tracer *T, struct process *p, struct event *e)
{
	if (p && !p->reported)
		return;
	for (size_t i = 0; i < T->nsinks; i++) {
		struct sink *s = T->sinks[i];
		int rc;

		if (s->error || !sink_event_selected(&s->cfg, e))
			continue;
		rc = s->ops->write(s, e);
		if (rc < 0) {
			s->error = -rc;
			T->output_error = true;
			/* Keep tracing: the tracee must not pay for a full
			 * disk; the other sinks still get every event. */
			warnx_msg("writing %s: %s; further events to it are lost",
				  s->path, strerror(-rc));
		}
	}
}

void tracer_resume(struct tracer *T, struct tracee *t, int sig)
{
	int req = (t->depth > 0 || t->sa_pending || T->all_syscalls) ?
		PTRACE_SYSCALL : PTRACE_CONT;

	/* ESRCH: killed meanwhile; waitpid will tell. */
	ptrace(req, t->tid, 0, (void *)(long)sig);
}

/* A task we have not met: a new thread or process whose own first stop
 * arrived before its creator's event stop. */
static struct tracee *adopt(struct tracer *T, pid_t tid, pid_t creator)
{
	struct proc_status st;
	struct process *parent_proc = NULL, *p;
	struct tracee *creator_t = creator > 0 ? tracee_find(T, creator) : NULL;
	pid_t tgid = tid;

	if (proc_read_status(tid, tid, &st) == 0 && st.tgid > 0)
		tgid = st.tgid;
	p = process_find(T, tgid);
	if (!p) {
		struct sigmodel *m;

		if (creator_t)
			parent_proc = creator_t->proc;
		else if (proc_read_status(tgid, 0, &st) == 0)
			parent_proc = process_find(T, st.ppid);
		if (parent_proc)
			m = model_copy(parent_proc->model);
		else
			m = model_new(false, 0, 0, 0);
		p = process_new(T, tgid, m, T->follow &&
				(!parent_proc || parent_proc->reported));
		p->parent = parent_proc ? parent_proc->pid : 0;
	}
	return tracee_add(T, tid, p);
}

static void handle_new_task(struct tracer *T, struct tracee *t, int event)
{
	unsigned long msg = 0;
	struct tracee *child;
	struct event e;

	if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg) < 0 || msg == 0) {
		tracer_resume(T, t, 0);
		return;
	}
	child = tracee_find(T, (pid_t)msg);
	if (!child)
		child = adopt(T, (pid_t)msg, t->tid);
	event_init(&e, EV_FORK);
	tracer_stamp(&e, t);
	e.u.fork.child = (pid_t)msg;
	e.u.fork.thread = child->proc == t->proc;
	e.u.fork.vfork = event == PTRACE_EVENT_VFORK;
	tracer_emit(T, t->proc, &e);
	tracer_resume(T, t, 0);
}

/* The kernel does not elevate a traced execve of a set-user-ID or
 * set-group-ID program: say so, since the program may then behave
 * differently from an untraced run (permission errors, another uid). */
static void warn_setid_exec(struct tracer *T, struct tracee *t,
			    const char *path)
{
	struct proc_status ps;
	struct stat st;
	struct event w;

	if (stat(path, &st) < 0 || !(st.st_mode & (S_ISUID | S_ISGID)) ||
	    proc_read_status(t->proc->pid, 0, &ps) < 0)
		return;
	if (!((st.st_mode & S_ISUID) && st.st_uid != ps.uid) &&
	    !(st.st_mode & S_ISGID))
		return;
	event_init(&w, EV_WARNING);
	tracer_stamp(&w, t);
	snprintf(w.u.warning.message, sizeof(w.u.warning.message),
		 "exec of a set-%cID program (owner uid %u, gid %u): under ptrace the kernel runs it WITHOUT those privileges (as uid %u), so it may behave differently than untraced",
		 (st.st_mode & S_ISUID) ? 'u' : 'g', (unsigned)st.st_uid,
		 (unsigned)st.st_gid, (unsigned)ps.uid);
	tracer_emit(T, t->proc, &w);
}

static void handle_exec(struct tracer *T, struct tracee *t)
{
	unsigned long former = 0;
	struct process *p = t->proc;
	struct event e;

	ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &former);
	if ((pid_t)former != t->tid && former) {
		/* A non-leader thread exec'd: it now has the leader's tid.
		 * The old tid will not be reported again. */
		struct tracee *old = tracee_find(T, (pid_t)former);

		if (old && old != t)
			tracee_remove(T, old);
	}
	t->depth = 0;
	t->sa_pending = false;
	stack_free(t->sa_stack);
	t->sa_stack = NULL;
	stack_forget_process(p->pid);	/* a new program: new map, new code */
	t->cur_nr = -1;
	t->in_syscall = false;
	proc_read_comm(p->pid, p->comm, sizeof(p->comm));
	event_init(&e, EV_EXEC);
	tracer_stamp(&e, t);
	proc_read_exe(p->pid, e.u.exec.path, sizeof(e.u.exec.path));
	proc_read_cmdline(p->pid, &e.u.exec.argv);
	p->argv = e.u.exec.argv;
	if ((pid_t)former != t->tid)
		e.u.exec.former_tid = (pid_t)former;
	model_exec(p->model, e.u.exec.path, e.mono_ns);
	tracer_emit(T, p, &e);
	if (p->pid == T->root_pid && !T->root_table_shown) {
		/* The spawned command's table as it starts: what it
		 * inherited (SIG_IGN survives exec; handlers do not). */
		T->root_table_shown = true;
		tracer_emit_dispositions(T, p);
	}
	warn_setid_exec(T, t, e.u.exec.path);
	tracer_resume(T, t, 0);
}

static void emit_audit(struct tracer *T, struct tracee *t)
{
	struct process *p = t->proc;
	sigbits_t danger = model_dangerous_defaults(p->model);
	sigbits_t oneshot = model_oneshot_handlers(p->model);
	struct event e;

	if (danger) {
		event_init(&e, EV_FINDING);
		tracer_stamp(&e, t);
		e.u.finding.kind = FINDING_DANGEROUS_DEFAULTS;
		e.u.finding.signals = danger;
		snprintf(e.u.finding.detail, sizeof(e.u.finding.detail),
			 "these signals, commonly sent by operators and tools, still have a default action that terminates the process");
		tracer_emit(T, p, &e);
	}
	for (int sig = 1; sig <= SIG_MAX; sig++) {
		if (!(oneshot & SIGBIT(sig)))
			continue;
		event_init(&e, EV_FINDING);
		tracer_stamp(&e, t);
		e.u.finding.kind = FINDING_ONESHOT_HANDLER;
		e.u.finding.signo = sig;
		deliver_disposition(p, sig, &e.u.finding.handler);
		snprintf(e.u.finding.detail, sizeof(e.u.finding.detail),
			 "one-shot (SysV) handler: SA_RESETHAND/SA_NODEFER make a second quick signal run the default action");
		tracer_emit(T, p, &e);
	}
}

static void handle_exit(struct tracer *T, pid_t tid, int status)
{
	struct tracee *t = tracee_find(T, tid);
	struct process *p;
	struct event e;
	bool leader;

	if (!t)
		return;
	p = t->proc;
	leader = tid == p->pid;
	deliver_release_held(T, t);
	if (leader) {
		deliver_flush_pending(T, p, tid);
		/* The audit matters for a process that lives on; one that a
		 * signal just killed has its finding already. */
		if (tid == T->root_pid && !WIFSIGNALED(status))
			emit_audit(T, t);
	}
	event_init(&e, EV_EXIT);
	tracer_stamp(&e, t);
	e.u.exit.thread = !leader;
	if (WIFSIGNALED(status)) {
		e.u.exit.signaled = true;
		e.u.exit.signo = WTERMSIG(status);
		e.u.exit.core = WCOREDUMP(status);
	} else {
		e.u.exit.code = WEXITSTATUS(status);
	}
	tracer_emit(T, p, &e);
	if (tid == T->root_pid) {
		T->root_status = status;
		T->root_exited = true;
	}
	tracee_remove(T, t);
	if (leader || p->threads == 0) {
		/* Threads left behind a dead leader are reaped with it. */
		if (p->threads == 0)
			process_free(T, p);
	}
}

static void handle_event_stop(struct tracer *T, struct tracee *t, int sig)
{
	switch (sig) {
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		/* Group-stop: stay stopped as without a tracer, but keep
		 * reporting (PTRACE_LISTEN), so SIGCONT is seen. */
		ptrace(PTRACE_LISTEN, t->tid, 0, 0);
		break;
	default:
		/* The first stop of a new task, or a re-trap after LISTEN. */
		tracer_resume(T, t, 0);
		break;
	}
}

static void handle_stop(struct tracer *T, pid_t tid, int status)
{
	struct tracee *t = tracee_find(T, tid);
	int sig = WSTOPSIG(status);
	int event = (unsigned)status >> 16;

	if (!t)
		t = adopt(T, tid, 0);
	t->started = true;
	T->stops++;
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		handle_new_task(T, t, event);
		return;
	case PTRACE_EVENT_EXEC:
		handle_exec(T, t);
		return;
	case PTRACE_EVENT_SECCOMP:
		syscall_seccomp_stop(T, t);
		return;
	case PTRACE_EVENT_STOP:
		handle_event_stop(T, t, sig);
		return;
	case 0:
		break;
	default:
		tracer_resume(T, t, 0);
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
	deliver_signal(T, t, sig);
}

static volatile sig_atomic_t timer_ticks;

static void on_timer(int sig)
{
	(void)sig;
	timer_ticks++;
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
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (interrupt_count > 0 && now.tv_sec - last_interrupt.tv_sec <= 1) {
		stop_signal = sig;
		stop_requested = 1;
	}
	interrupt_count++;
	last_interrupt = now;
}

/* The signals sigtrace takes over, and what it inherited for them: the
 * spawned command must inherit those, not sigtrace's (a SIG_IGN survives
 * execve, so an ignored SIGPIPE or a handled SIGINT would leak). */
static const int own_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGALRM, SIGPIPE };
#define OWN_SIGNALS (sizeof(own_signals) / sizeof(own_signals[0]))
static struct sigaction inherited[OWN_SIGNALS];
static bool inherited_saved;

void tracer_restore_inherited_signals(void)
{
	if (!inherited_saved)
		return;
	for (size_t i = 0; i < OWN_SIGNALS; i++)
		sigaction(own_signals[i], &inherited[i], NULL);
}

static void install_signal_handlers(void)
{
	struct sigaction sa, ign;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	ign = sa;
	ign.sa_handler = SIG_IGN;
	for (size_t i = 0; i < OWN_SIGNALS; i++) {
		int sig = own_signals[i];

		sigaction(sig, NULL, &inherited[i]);
		/* Started under nohup: sigtrace keeps ignoring the hangup
		 * (and a SIGTERM ignored on purpose).  SIGINT is taken even
		 * when a shell ignored it for a background job: it is how a
		 * user detaches (`kill -INT`), and the child gets the
		 * inherited SIG_IGN back before it execs. */
		if ((sig == SIGHUP || sig == SIGTERM) &&
		    inherited[i].sa_handler == SIG_IGN)
			continue;
		/* No SA_RESTART: waitpid must return so the loop sees it. */
		sa.sa_handler = sig == SIGALRM ? on_timer : on_stop_signal;
		sigaction(sig, sig == SIGPIPE ? &ign : &sa, NULL);
	}
	inherited_saved = true;
}

uint64_t tracer_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void tracer_dispatch(struct tracer *T, pid_t tid, int status)
{
	if (WIFEXITED(status) || WIFSIGNALED(status))
		handle_exit(T, tid, status);
	else if (WIFSTOPPED(status))
		handle_stop(T, tid, status);
}

struct process *tracer_add_process(struct tracer *T, pid_t pid,
				   struct sigmodel *model)
{
	return process_new(T, pid, model, true);
}

void tracer_drop_process(struct tracer *T, struct process *p)
{
	process_free(T, p);
}

struct tracee *tracer_add_thread(struct tracer *T, pid_t tid,
				 struct process *p)
{
	return tracee_add(T, tid, p);
}

void tracer_emit_dispositions(struct tracer *T, struct process *p)
{
	struct proc_status st;
	struct event e;

	if (proc_read_status(p->pid, 0, &st) < 0)
		return;
	event_init(&e, EV_DISPOSITIONS);
	e.pid = e.tid = p->pid;
	memcpy(e.comm, p->comm, sizeof(e.comm));
	e.u.table.caught = st.caught;
	e.u.table.ignored = st.ignored;
	e.u.table.blocked = st.blocked;
	e.u.table.pending = st.pending | st.shared_pending;
	e.u.table.threads = st.threads;
	e.u.table.argv = p->argv;
	tracer_emit(T, p, &e);
}

void tracer_emit_detach(struct tracer *T)
{
	for (unsigned b = 0; b < TABLE_BUCKETS; b++) {
		for (struct process *p = T->procs[b]; p; p = p->next) {
			struct tracee fake = { .tid = p->pid, .proc = p };
			struct event e;

			deliver_flush_pending(T, p, p->pid);
			emit_audit(T, &fake);
			event_init(&e, EV_DETACH);
			tracer_stamp(&e, &fake);
			tracer_emit(T, p, &e);
		}
	}
}

static void show_status(struct tracer *T);

static void start_timer(uint64_t period_ns)
{
	struct itimerval it;

	if (!period_ns)
		return;
	it.it_interval.tv_sec = (time_t)(period_ns / 1000000000u);
	it.it_interval.tv_usec = (suseconds_t)(period_ns % 1000000000u / 1000);
	it.it_value = it.it_interval;
	setitimer(ITIMER_REAL, &it, NULL);
}

static void stop_timer(void)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
}

void tracer_init(struct tracer *T, struct sink **sinks, size_t nsinks)
{
	memset(T, 0, sizeof(*T));
	T->sinks = sinks;
	T->nsinks = nsinks;
	T->follow = true;
	T->test_ignore_sigaction = getenv("SIGTRACE_TEST_IGNORE_SIGACTION") != NULL;
	T->status_fd = -1;
}

static void emit_start(struct tracer *T, char *const argv[])
{
	struct event e;

	event_init(&e, EV_TRACE_START);
	e.pid = T->root_pid;
	e.tid = T->root_pid;
	e.u.start.attach = false;
	e.u.start.tracer_pid = getpid();
	snprintf(e.u.start.version, sizeof(e.u.start.version), "%s",
		 SIGTRACE_VERSION);
	cmdline_from_argv(&e.u.start.argv, argv);
	tracer_emit(T, NULL, &e);
}

static int exit_status_of(const struct tracer *T)
{
	if (!T->root_exited)
		return 1;
	if (WIFSIGNALED(T->root_status))
		return 128 + WTERMSIG(T->root_status);
	return WEXITSTATUS(T->root_status);
}

static void emit_end(struct tracer *T, int status)
{
	struct event e;

	event_init(&e, EV_TRACE_END);
	e.pid = T->root_pid;
	e.tid = T->root_pid;
	e.u.end.exit_status = status;
	e.u.end.stops = T->stops;
	e.u.end.syscall_stops = T->syscall_stops;
	e.u.end.deliveries = T->deliveries;
	tracer_emit(T, NULL, &e);
}

static void loop(struct tracer *T)
{
	while (T->live > 0 && !stop_requested) {
		int status;
		pid_t tid = waitpid(-1, &status, __WALL);

		if (tid < 0) {
			if (errno == EINTR) {
				if (stop_requested)
					return;
				if (timer_ticks) {
					timer_ticks = 0;
					if (T->deadline_ns &&
					    tracer_now() >= T->deadline_ns) {
						stop_requested = 1;
						return;
					}
					if (T->poll_ns)
						poll_dispositions(T);
					show_status(T);
					continue;
				}
				if (interrupt_count == 1 && !T->quiet)
					warnx_msg("a stop signal (Ctrl-C, SIGTERM, SIGHUP) reached sigtrace; the command got it too if it was sent to the process group; send it again within a second to stop sigtrace (the command is then killed: it cannot outlive a seccomp-filtered trace)");
				continue;
			}
			if (errno == ECHILD)
				break;
			die("waitpid: %s", strerror(errno));
		}
		if (WIFEXITED(status) || WIFSIGNALED(status))
			handle_exit(T, tid, status);
		else if (WIFSTOPPED(status))
			handle_stop(T, tid, status);
	}
}

int tracer_spawn(struct tracer *T, char *const argv[], const char *path)
{
	unsigned options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		PTRACE_O_TRACESECCOMP | PTRACE_O_TRACECLONE |
		PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_EXITKILL;
	struct proc_status st;
	struct process *p;
	int status, pending;
	pid_t pid;

	install_signal_handlers();
	pid = spawn_traced(path, argv, options, &pending);
	T->root_pid = pid;
	memset(&st, 0, sizeof(st));
	proc_read_status(pid, 0, &st);
	/* SigIgn survives execve; handlers do not, so none are caught. */
	p = process_new(T, pid, model_new(false, st.ignored, 0, 0), true);
	tracee_add(T, pid, p);
	emit_start(T, argv);
	if (pending != -1)
		handle_stop(T, pid, pending);
	loop(T);
	if (stop_requested && T->live > 0) {
		warnx_msg("stopped by a signal; the traced command (pid %d) is killed with sigtrace", pid);
		status = 128 + stop_signal;
	} else {
		status = exit_status_of(T);
	}
	emit_end(T, status);
	return status;
}

/* One line on the terminal, rewritten in place; never in a log file. */
static void show_status(struct tracer *T)
{
	char line[256];
	int n;

	if (T->status_fd < 0)
		return;
	n = snprintf(line, sizeof(line),
		     "\r\033[Ktracing pid %d (%u thread%s), %llu signal%s so far; Ctrl-C to stop and report",
		     T->root_pid, T->live, T->live == 1 ? "" : "s",
		     (unsigned long long)T->deliveries,
		     T->deliveries == 1 ? "" : "s");
	if (n > 0)
		(void)!write(T->status_fd, line, (size_t)n);
}

static void clear_status(struct tracer *T)
{
	if (T->status_fd >= 0)
		(void)!write(T->status_fd, "\r\033[K", 4);
}

static void emit_attach_start(struct tracer *T, const pid_t *pids,
			      size_t npids)
{
	struct event e;

	event_init(&e, EV_TRACE_START);
	e.pid = e.tid = npids ? pids[0] : 0;
	e.u.start.attach = true;
	e.u.start.tracer_pid = getpid();
	snprintf(e.u.start.version, sizeof(e.u.start.version), "%s",
		 SIGTRACE_VERSION);
	for (size_t i = 0; i < npids && i < 16; i++)
		e.u.start.pids[e.u.start.npids++] = pids[i];
	tracer_emit(T, NULL, &e);
}

int tracer_run_attach(struct tracer *T, const pid_t *pids, size_t npids)
{
	uint64_t tick = T->poll_ns;
	int status = 0;

	attach_mode = 1;
	T->attach = true;
	T->root_pid = npids ? pids[0] : 0;
	attach_check(pids, npids);
	install_signal_handlers();
	emit_attach_start(T, pids, npids);
	tracer_attach(T, pids, npids);
	T->last_poll_ns = tracer_now();
	if (T->deadline_ns)
		T->deadline_ns += T->last_poll_ns;
	/* A tick at least every 100 ms: the deadline, and a stop request
	 * that raced with waitpid, are noticed within one. */
	if (!tick || tick > 100000000u)
		tick = 100000000u;
	start_timer(tick);
	show_status(T);
	loop(T);
	stop_timer();
	clear_status(T);
	if (T->live > 0)
		tracer_detach_all(T);
	else if (T->root_exited)
		status = exit_status_of(T);
	emit_end(T, status);
	return status;
}
