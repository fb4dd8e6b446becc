/* SPDX-License-Identifier: MIT */
/*
 * trace_table.c - the traced processes and threads: hash tables by pid
 * and tid, who the recently exited were (senders are often gone by the
 * time their signal is seen), and how a thread is resumed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "xmalloc.h"
#include "proc.h"
#include "stack.h"
#include "trace_priv.h"

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

/* The command line of a process that has none (yet). */
static struct proc_argv no_argv = { .refs = 1 };

static void argv_put(struct proc_argv *a)
{
	if (a && a != &no_argv && --a->refs == 0)
		free(a);
}

void process_set_argv(struct process *p, const struct cmdline *c)
{
	struct proc_argv *a = xmalloc(sizeof(*a) + c->len);

	a->refs = 1;
	a->truncated = c->truncated;
	a->len = c->len;
	memcpy(a->buf, c->buf, c->len);
	argv_put(p->argv);
	p->argv = a;
}

/* P's command line as /proc has it now. */
static void read_argv(struct process *p)
{
	struct cmdline c;

	if (proc_read_cmdline(p->pid, &c) == 0)
		process_set_argv(p, &c);
}

/* A new entry for PID, in the table. */
static struct process *process_insert(struct tracer *T, pid_t pid,
				      struct sigmodel *model, bool reported)
{
	struct process *p = xcalloc(1, sizeof(*p));

	p->argv = &no_argv;
	p->pid = pid;
	p->model = model;
	p->reported = reported;
	p->next = T->procs[bucket(pid)];
	T->procs[bucket(pid)] = p;
	return p;
}

/* What /proc/PID/stat says of P: who it is (start time), its process
 * group and terminal. */
static void take_stat(struct process *p, const struct proc_stat *st)
{
	p->start_time = st->start_time;
	p->pgid = st->pgrp;
	p->no_tty = st->tty_nr == 0;
}

struct process *process_add(struct tracer *T, pid_t pid,
			    struct sigmodel *model, bool reported)
{
	struct process *p = process_insert(T, pid, model, reported);
	struct proc_stat st;

	proc_read_comm(pid, p->comm, sizeof(p->comm));
	read_argv(p);
	if (proc_read_stat(pid, &st) == 0)
		take_stat(p, &st);
	return p;
}

struct process *process_add_child(struct tracer *T, pid_t pid,
				  struct sigmodel *model, bool reported,
				  const struct process *parent,
				  const struct proc_stat *st)
{
	struct process *p = process_insert(T, pid, model, reported);

	/* stat's comm is the comm file's text (both are the task's
	 * name, unescaped), so no second read for it. */
	if (st) {
		memcpy(p->comm, st->comm, sizeof(p->comm));
		take_stat(p, st);
	} else {
		proc_read_comm(pid, p->comm, sizeof(p->comm));
	}
	/* A fork copies the parent's memory, its arguments with it. */
	if (parent) {
		p->argv = parent->argv;
		p->argv->refs++;
	} else {
		read_argv(p);
	}
	return p;
}

static void ident_of_process(const struct process *p,
			     struct traced_ident *id)
{
	memset(id, 0, sizeof(*id));
	id->pid = p->pid;
	id->parent = p->parent;
	memcpy(id->comm, p->comm, COMM_MAX);
	process_argv(p, &id->argv);
	id->start_time = p->start_time;
	id->stdin_pipe = p->stdin_pipe;
	id->ns_tgid = p->ns_tgid;
	id->ns_ino = p->ns_ino;
}

bool process_identity(struct tracer *T, pid_t pid, struct traced_ident *id)
{
	struct process *p = process_find(T, pid);

	if (p) {
		ident_of_process(p, id);
		return true;
	}
	/* The latest first: a pid may have been reused among them. */
	for (unsigned i = 1; i <= RECENT_MAX; i++) {
		const struct traced_ident *r =
			&T->recent[(T->recent_next - i) % RECENT_MAX];

		if (r->pid == pid) {
			*id = *r;
			return true;
		}
	}
	return false;
}

bool process_by_stdin_pipe(struct tracer *T, uint64_t ino,
			   struct traced_ident *id)
{
	for (unsigned i = 1; i <= RECENT_MAX; i++) {
		const struct traced_ident *r =
			&T->recent[(T->recent_next - i) % RECENT_MAX];

		if (r->pid && r->stdin_pipe == ino) {
			*id = *r;
			return true;
		}
	}
	for (unsigned b = 0; b < TABLE_BUCKETS; b++)
		for (struct process *p = T->procs[b]; p; p = p->next)
			if (p->stdin_pipe == ino) {
				ident_of_process(p, id);
				return true;
			}
	return false;
}

void process_disposition(const struct process *p, int signo,
			 struct disposition *d)
{
	const struct sig_state *s = model_get(p->model, signo);

	if (!s) {
		memset(d, 0, sizeof(*d));
		d->kind = DISP_UNKNOWN;
		return;
	}
	*d = s->disp;
}

static void process_free(struct process *p)
{
	pending_discard(p);
	while (p->handled) {
		struct handled_rec *h = p->handled;

		p->handled = h->next;
		free(h);
	}
	model_unref(p->model);
	argv_put(p->argv);
	stack_forget_process(p->pid);
	free(p->above);
	free(p->sigfds);
	free(p);
}

void process_remove(struct tracer *T, struct process *p)
{
	struct process **pp = &T->procs[bucket(p->pid)];
	struct traced_ident *r = &T->recent[T->recent_next++ % RECENT_MAX];

	ident_of_process(p, r);
	r->exited = true;
	/* Its pid is free from now on: what the counter says now tells
	 * later whether it was handed out again. */
	r->last_pid = proc_read_last_pid();

	while (*pp && *pp != p)
		pp = &(*pp)->next;
	if (*pp)
		*pp = p->next;
	process_free(p);
}

struct tracee *tracee_add(struct tracer *T, pid_t tid, struct process *p)
{
	struct tracee *t = xcalloc(1, sizeof(*t));

	t->tid = tid;
	t->proc = p;
	t->cur_nr = -1;
	p->threads++;
	T->live++;
	t->next = T->tracees[bucket(tid)];
	T->tracees[bucket(tid)] = t;
	return t;
}

static void tracee_free(struct tracee *t)
{
	stack_free(t->sa_stack);
	stack_forget_thread(t->tid);
	frames_free(t);
	free(t->cc);
	free(t->held_frame);
	free(t->sa);
	if (t->held) {
		stack_free(t->held->u.sig.stack);
		free(t->held);
	}
	free(t);
}

void tracee_remove(struct tracer *T, struct tracee *t)
{
	struct tracee **pp = &T->tracees[bucket(t->tid)];

	while (*pp && *pp != t)
		pp = &(*pp)->next;
	if (*pp)
		*pp = t->next;
	t->proc->threads--;
	T->live--;
	tracee_free(t);
}

void table_clear(struct tracer *T)
{
	for (unsigned b = 0; b < TABLE_BUCKETS; b++) {
		while (T->tracees[b]) {
			struct tracee *t = T->tracees[b];

			T->tracees[b] = t->next;
			tracee_free(t);
		}
		while (T->procs[b]) {
			struct process *p = T->procs[b];

			T->procs[b] = p->next;
			process_free(p);
		}
	}
	T->live = 0;
}

static const char *request_name(int req)
{
	switch (req) {
	case PTRACE_LISTEN:
		return "PTRACE_LISTEN";
	case PTRACE_SINGLESTEP:
		return "PTRACE_SINGLESTEP";
	case PTRACE_SYSCALL:
		return "PTRACE_SYSCALL";
	default:
		return "PTRACE_CONT";
	}
}

/* REQ failed (errno E) on a thread that is still there: say so. */
static void warn_release(struct tracer *T, struct tracee *t, int req, int e,
			 const char *then)
{
	struct event w;

	event_init(&w, EV_WARNING);
	trace_stamp(&w, t->proc, t->tid);
	snprintf(w.u.warning.message, sizeof(w.u.warning.message),
		 "%s of thread %d failed (%s): %s", request_name(req),
		 (int)t->tid, strerror(e), then);
	trace_emit(T, t->proc, &w);
}

int tracee_release(struct tracer *T, struct tracee *t, int req, int sig)
{
	siginfo_t si;
	int e;

	if (ptrace(req, t->tid, 0, (void *)(long)sig) == 0)
		return 0;
	/* ESRCH: killed meanwhile; its exit is on the way. */
	if (errno == ESRCH)
		return -1;
	e = errno;
	if (ptrace(PTRACE_CONT, t->tid, 0, (void *)(long)sig) == 0 ||
	    errno == ESRCH) {
		warn_release(T, t, req, e, "continued instead, so that it does not stay stopped");
		return -1;
	}
	/* Nothing lets it go: take its stop, or the loop would see it
	 * again and again. */
	warn_release(T, t, req, e, "it could not be continued either and stays stopped");
	waitid(P_PID, (id_t)t->tid, &si, WSTOPPED | __WALL | WNOHANG);
	/* A SIGCHLD still naming it must not bring this stop back. */
	t->stuck = true;
	return -1;
}

void tracee_resume(struct tracer *T, struct tracee *t, int sig)
{
	int req = (t->depth > 0 || t->sa_pending || T->cfg.all_syscalls) ?
		PTRACE_SYSCALL : PTRACE_CONT;

	tracee_release(T, t, req, sig);
}
