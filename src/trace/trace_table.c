/* SPDX-License-Identifier: MIT */
/*
 * trace_table.c - the traced processes and threads: hash tables by pid
 * and tid, who the recently exited were (senders are often gone by the
 * time their signal is seen), and how a thread is resumed.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>

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

struct process *process_add(struct tracer *T, pid_t pid,
			    struct sigmodel *model, bool reported)
{
	struct process *p = xcalloc(1, sizeof(*p));

	p->pid = pid;
	p->model = model;
	p->reported = reported;
	proc_read_comm(pid, p->comm, sizeof(p->comm));
	proc_read_cmdline(pid, &p->argv);
	p->next = T->procs[bucket(pid)];
	T->procs[bucket(pid)] = p;
	return p;
}

bool process_identity(struct tracer *T, pid_t pid, char *comm,
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
	model_unref(p->model);
	stack_forget_process(p->pid);
	free(p->above);
	free(p);
}

void process_remove(struct tracer *T, struct process *p)
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

void tracee_resume(struct tracer *T, struct tracee *t, int sig)
{
	int req = (t->depth > 0 || t->sa_pending || T->cfg.all_syscalls) ?
		PTRACE_SYSCALL : PTRACE_CONT;

	/* ESRCH: killed meanwhile; waitpid will tell. */
	ptrace(req, t->tid, 0, (void *)(long)sig);
}
