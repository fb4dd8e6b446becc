/* SPDX-License-Identifier: MIT */
/*
 * lifecycle.c - a traced task's life: new threads and processes, exec,
 * group-stops, exit, and the last word when sigtrace lets go.  Each stop
 * is resumed at once.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"
#include "stack.h"
#include "trace_priv.h"

/* The fork event of CHILD, new thread or process, by thread CREATOR_TID
 * of process CREATOR. */
static void emit_fork(struct tracer *T, struct process *creator,
		      pid_t creator_tid, const struct tracee *child, int event)
{
	struct event e;

	event_init(&e, EV_FORK);
	trace_stamp(&e, creator, creator_tid);
	e.u.fork.child = child->tid;
	e.u.fork.thread = child->proc == creator;
	e.u.fork.vfork = event == PTRACE_EVENT_VFORK;
	trace_emit(T, creator, &e);
}

static void told_add(struct tracer *T, pid_t tid)
{
	if (T->ntold == TOLD_MAX) {
		/* Never that many forks in flight: drop the oldest. */
		memmove(T->told, T->told + 1, sizeof(T->told[0]) * (TOLD_MAX - 1));
		T->ntold--;
	}
	T->told[T->ntold++] = tid;
}

/* Was TID's fork event told already?  Then forget it. */
static bool told_take(struct tracer *T, pid_t tid)
{
	for (unsigned i = 0; i < T->ntold; i++) {
		if (T->told[i] != tid)
			continue;
		T->told[i] = T->told[--T->ntold];
		return true;
	}
	return false;
}

/* The thread group of TID, a task just met.  tgkill(TID, TID, 0) finds
 * it only when TID leads its group (EPERM: found, not ours to signal):
 * a new process, the common case, costs no /proc read. */
static pid_t task_tgid(pid_t tid)
{
	struct proc_status st;

	if (syscall(SYS_tgkill, tid, tid, 0) == 0 || errno == EPERM)
		return tid;
	if (proc_read_status(tid, tid, &st) == 0 && st.tgid > 0)
		return st.tgid;
	return tid;	/* gone: its exit is on the way */
}

/* Process TGID, just met, created by thread CREATOR_T (or NULL: its
 * first stop came before its creator's event stop, so its parent is
 * the one /proc/PID/stat names).  The parent's knowledge is inherited:
 * signal model, command line (its memory is the parent's), memory
 * cgroup; the rest comes from one stat read. */
static struct process *adopt_process(struct tracer *T, pid_t tgid,
				     struct tracee *creator_t)
{
	struct process *parent = creator_t ? creator_t->proc : NULL, *p;
	struct proc_stat st;
	bool have_stat = proc_read_stat(tgid, &st) == 0;
	struct sigmodel *m;

	if (!parent && have_stat)
		parent = process_find(T, st.ppid);
	if (parent) {
		m = model_copy(parent->model);
		model_forked(m);
	} else {
		m = model_new(false, 0, 0, 0);
	}
	p = process_add_child(T, tgid, m, T->cfg.follow &&
			      (!parent || parent->reported),
			      parent, have_stat ? &st : NULL);
	p->parent = parent ? parent->pid : 0;
	pidns_adopt(p);
	/* A child starts in its parent's memory cgroup: no reads. */
	if (parent)
		p->oom = parent->oom;
	else
		oom_mark(tgid, &p->oom);
	observe_watch(T, tgid);
	return p;
}

struct tracee *lifecycle_adopt(struct tracer *T, pid_t tid, pid_t creator)
{
	struct tracee *creator_t = creator > 0 ? tracee_find(T, creator) : NULL;
	pid_t tgid = task_tgid(tid);
	struct process *p = process_find(T, tgid);
	bool fresh = !p;
	struct tracee *t;

	if (fresh)
		p = adopt_process(T, tgid, creator_t);
	t = tracee_add(T, tid, p);
	if (!creator_t && tid != tgid) {
		/* A thread seen before its creator's event stop. */
		emit_fork(T, p, tgid, t, PTRACE_EVENT_CLONE);
		told_add(T, tid);
	} else if (!creator_t && fresh && p->parent) {
		/* A process seen before its parent's event stop: its fork
		 * goes out now, before anything it does (which thread of
		 * the parent forked is not known yet: the parent's pid). */
		struct process *parent = process_find(T, p->parent);

		if (parent) {
			emit_fork(T, parent, parent->pid, t,
				  PTRACE_EVENT_FORK);
			told_add(T, tid);
		}
	}
	return t;
}

void lifecycle_new_task(struct tracer *T, struct tracee *t, int event)
{
	unsigned long msg = 0;
	struct tracee *child;

	if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg) < 0 || msg == 0) {
		tracee_resume(T, t, 0);
		return;
	}
	if (!told_take(T, (pid_t)msg)) {
		child = tracee_find(T, (pid_t)msg);
		if (!child)
			child = lifecycle_adopt(T, (pid_t)msg, t->tid);
		emit_fork(T, t->proc, t->tid, child, event);
	}
	tracee_resume(T, t, 0);
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
	/* A tracer with CAP_SYS_PTRACE (root) does not take them away:
	 * what the process got is the truth. */
	if (!((st.st_mode & S_ISUID) && st.st_uid != ps.euid) &&
	    !((st.st_mode & S_ISGID) && st.st_gid != ps.egid))
		return;
	event_init(&w, EV_WARNING);
	trace_stamp(&w, t->proc, t->tid);
	snprintf(w.u.warning.message, sizeof(w.u.warning.message),
		 "exec of a set-%cID program (owner uid %u, gid %u): under ptrace the kernel runs it WITHOUT those privileges (as uid %u), so it may behave differently than untraced",
		 (st.st_mode & S_ISUID) ? 'u' : 'g', (unsigned)st.st_uid,
		 (unsigned)st.st_gid, (unsigned)ps.euid);
	trace_emit(T, t->proc, &w);
}

/* The device of pipefs, where every pipe(2) lives (named pipes live on
 * their own file system): one pipe of sigtrace's own tells it. */
static dev_t pipefs_dev(void)
{
	static dev_t dev;
	static bool known;
	struct stat st;
	int fds[2];

	if (!known && pipe(fds) == 0) {
		known = fstat(fds[0], &st) == 0;
		dev = st.st_dev;
		close(fds[0]);
		close(fds[1]);
	}
	return known ? dev : (dev_t)-1;
}

/* The inode of the pipe on PID's stdin, or 0: the reader of a pipeline,
 * for the writer's SIGPIPE to name.  The inode is the number in the
 * "pipe:[N]" of its fd link, so one stat says it (no readlink). */
static uint64_t stdin_pipe(pid_t pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/fd/0", (int)pid);
	if (stat(path, &st) == 0 && S_ISFIFO(st.st_mode) &&
	    st.st_dev == pipefs_dev())
		return (uint64_t)st.st_ino;
	return 0;
}

void lifecycle_exec(struct tracer *T, struct tracee *t)
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
	frame_flush_outcome(T, t, false);
	frames_clear(t);
	t->sa_pending = false;
	stack_free(t->sa_stack);
	t->sa_stack = NULL;
	stack_forget_process(p->pid);	/* a new program: new map, new code */
	t->cur_nr = -1;
	t->in_syscall = false;
	if (t->cc)		/* a call of the old program, never to exit */
		t->cc->pending = false;
	p->taken = 0;		/* the new program takes its own */
	proc_read_comm(p->pid, p->comm, sizeof(p->comm));
	event_init(&e, EV_EXEC);
	trace_stamp(&e, p, t->tid);
	proc_read_exe(p->pid, e.u.exec.path, sizeof(e.u.exec.path));
	proc_read_cmdline(p->pid, &e.u.exec.argv);
	process_set_argv(p, &e.u.exec.argv);
	p->execd = true;
	p->stdin_pipe = stdin_pipe(p->pid);
	/* It may have been moved into a small memory cgroup first. */
	oom_remark(p->pid, &p->oom);
	if ((pid_t)former != t->tid)
		e.u.exec.former_tid = (pid_t)former;
	model_exec(p->model, e.u.exec.path, e.mono_ns);
	trace_emit(T, p, &e);
	if (p->pid == T->root_pid && !T->root_table_shown) {
		/* The spawned command's table as it starts: what it
		 * inherited (SIG_IGN survives exec; handlers do not). */
		T->root_table_shown = true;
		trace_emit_dispositions(T, p);
	}
	warn_setid_exec(T, t, e.u.exec.path);
	inject_after_exec(T, p, t->tid);
	tracee_resume(T, t, 0);
}

/* The audit names the dangerous defaults of signals the process was
 * actually sent, or, attached, of a daemon (no terminal): on every
 * `true` it would only be noise.  The report lists them all anyway. */
/* The signals that cannot act on P as it ends: taken (sigwaitinfo, a
 * signalfd), or blocked and read by a signalfd. */
static sigbits_t absorbed_signals(struct process *p)
{
	struct proc_status st;
	sigbits_t out = p->taken;

	if (proc_read_status(p->pid, 0, &st) == 0)
		out |= consumed_absorbed(p, st.blocked);
	return out;
}

static void emit_audit(struct tracer *T, struct process *p, pid_t tid)
{
	sigbits_t danger = model_dangerous_defaults(p->model) &
		(T->attach && p->no_tty ? ~(sigbits_t)0 : p->delivered);
	sigbits_t oneshot = model_oneshot_handlers(p->model);
	struct event e;

	if (danger)
		danger &= ~absorbed_signals(p);
	if (danger) {
		event_init(&e, EV_FINDING);
		trace_stamp(&e, p, tid);
		e.u.finding.kind = FINDING_DANGEROUS_DEFAULTS;
		e.u.finding.signals = danger;
		snprintf(e.u.finding.detail, sizeof(e.u.finding.detail),
			 "these signals, commonly sent by operators and tools, still have a default action that terminates the process");
		trace_emit(T, p, &e);
	}
	for (int sig = 1; sig <= SIG_MAX; sig++) {
		if (!(oneshot & SIGBIT(sig)))
			continue;
		event_init(&e, EV_FINDING);
		trace_stamp(&e, p, tid);
		e.u.finding.kind = FINDING_ONESHOT_HANDLER;
		e.u.finding.signo = sig;
		process_disposition(p, sig, &e.u.finding.handler);
		snprintf(e.u.finding.detail, sizeof(e.u.finding.detail),
			 "one-shot (SysV) handler: SA_RESETHAND/SA_NODEFER make a second quick signal run the default action");
		trace_emit(T, p, &e);
	}
}

void lifecycle_exit(struct tracer *T, struct tracee *t, int status)
{
	struct process *p = t->proc;
	pid_t tid = t->tid;
	bool leader = tid == p->pid;
	struct ev_exit x;
	struct event e;

	frame_flush_outcome(T, t, true);
	if (leader) {
		pending_flush(T, p, tid);
		/* The audit matters for a process that lives on; one that a
		 * signal just killed has its finding already. */
		if (tid == T->root_pid && !WIFSIGNALED(status))
			emit_audit(T, p, tid);
	}
	memset(&x, 0, sizeof(x));
	x.thread = !leader;
	if (WIFSIGNALED(status)) {
		x.signaled = true;
		x.signo = WTERMSIG(status);
		x.core = WCOREDUMP(status);
	} else {
		x.code = WEXITSTATUS(status);
	}
	/* Its SIGKILL claimed first; then what it took by sigwaitinfo or a
	 * signalfd before it ended, logged before its end. */
	if (leader && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		observe_kill(T, p, &x);
	if (leader)
		observe_process_end(T, p);
	event_init(&e, EV_EXIT);
	trace_stamp(&e, p, tid);
	e.u.exit = x;
	trace_emit(T, p, &e);
	if (tid == T->root_pid && !p->alien) {
		T->root_status = status;
		T->root_exited = true;
	}
	tracee_remove(T, t);
	/* Threads left behind a dead leader are reaped with it. */
	if (p->threads == 0) {
		observe_unwatch(T, p->pid);
		process_remove(T, p);
	}
}

void lifecycle_event_stop(struct tracer *T, struct tracee *t, int sig)
{
	switch (sig) {
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		/* Group-stop: stay stopped as without a tracer, but keep
		 * reporting (PTRACE_LISTEN), so SIGCONT is seen. */
		tracee_release(T, t, PTRACE_LISTEN, 0);
		break;
	default:
		/* The first stop of a new task, or a re-trap after LISTEN. */
		tracee_resume(T, t, 0);
		break;
	}
}

void lifecycle_let_alien_go(struct tracer *T, struct tracee *t, int status)
{
	int event = (unsigned)status >> 16, sig = WSTOPSIG(status);
	/* A signal-delivery-stop gives its signal back; no other stop has
	 * one to give. */
	int keep = event == 0 && sig != (SIGTRAP | 0x80) ? sig : 0;
	struct process *p = t->proc;

	/* ESRCH: it is going; its exit is not shown either. */
	if (ptrace(PTRACE_DETACH, t->tid, 0, (void *)(long)keep) < 0)
		return;
	tracee_remove(T, t);
	if (p->threads == 0)
		process_remove(T, p);
}

void lifecycle_detach(struct tracer *T)
{
	for (unsigned b = 0; b < TABLE_BUCKETS; b++) {
		for (struct process *p = T->procs[b]; p; p = p->next) {
			struct event e;

			if (p->alien)
				continue;
			pending_flush(T, p, p->pid);
			emit_audit(T, p, p->pid);
			event_init(&e, EV_DETACH);
			trace_stamp(&e, p, p->pid);
			trace_emit(T, p, &e);
		}
	}
}
