/* SPDX-License-Identifier: MIT */
/*
 * analyzer_table.c - the analyzer's process table: a pid to the latest
 * process that had it (pids are reused), and what a process keeps that
 * most processes never need: threads beyond the first, views of signals
 * other than how it began, a fatal delivery.  A build or a fork tree
 * has thousands of processes that get no signal at all, and each costs
 * only what it used.  With analyzer_util.c the bottom of the analyzer:
 * it calls nothing in the analyzer files above it.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "xmalloc.h"

static uint32_t pid_hash(pid_t pid)
{
	return ((uint32_t)pid * 2654435761u) % AN_PID_SLOTS;
}

struct an_proc *analyzer_proc(const struct analyzer *a, pid_t pid)
{
	for (uint32_t h = pid_hash(pid);; h = (h + 1) % AN_PID_SLOTS) {
		uint32_t id = a->pid_slots[h];

		if (id == 0)
			return NULL;
		if (a->procs[id - 1]->pid == pid)
			return a->procs[id - 1];
	}
}

void an_proc_index(struct analyzer *a, const struct an_proc *p)
{
	uint32_t h;

	for (h = pid_hash(p->pid);; h = (h + 1) % AN_PID_SLOTS) {
		uint32_t id = a->pid_slots[h];

		if (id == 0 || a->procs[id - 1]->pid == p->pid)
			break;
	}
	a->pid_slots[h] = p->index;
}

struct an_thread *an_thread_get(struct an_proc *p, pid_t tid, uint64_t ns,
				bool add)
{
	for (uint32_t i = 0; i < p->nthreads; i++)
		if (p->threads[i].tid == tid)
			return &p->threads[i];
	if (!add)
		return NULL;
	if (p->nthreads >= AN_THREADS_MAX) {
		p->threads_more++;
		return NULL;
	}
	if (p->nthreads == p->threads_cap) {
		p->threads_cap = p->threads_cap ? 2 * p->threads_cap : 1;
		p->threads = xrealloc(p->threads,
				      p->threads_cap * sizeof(*p->threads));
	}
	p->threads[p->nthreads] = (struct an_thread){ .tid = tid,
		.first_ns = ns, .row = -1 };
	return &p->threads[p->nthreads++];
}

/* Views are kept by signal number: SIGNO's is after those of the lower
 * signals that have one. */
static unsigned view_index(const struct an_proc *p, int signo)
{
	return (unsigned)__builtin_popcountll(p->has_view &
					      (SIGBIT(signo) - 1));
}

const struct an_sigstate *an_sig(const struct an_proc *p, int signo)
{
	if (signo < 1 || signo > SIG_MAX || !(p->has_view & SIGBIT(signo)))
		return &p->base;
	return &p->views[view_index(p, signo)];
}

static bool disp_same(const struct an_disp *x, const struct an_disp *y)
{
	return x->kind == y->kind && x->flags_known == y->flags_known &&
	       x->symbol == y->symbol && x->handler == y->handler &&
	       x->flags == y->flags;
}

static bool view_same(const struct an_sigstate *x,
		      const struct an_sigstate *y)
{
	return disp_same(&x->start, &y->start) &&
	       disp_same(&x->cur, &y->cur) &&
	       x->flags_stated == y->flags_stated && x->how == y->how &&
	       x->changed == y->changed && x->since_ns == y->since_ns &&
	       x->since_seq == y->since_seq && x->since_tid == y->since_tid &&
	       x->row == y->row;
}

void an_sig_put(struct an_proc *p, int signo, const struct an_sigstate *s)
{
	unsigned i, n;

	if (signo < 1 || signo > SIG_MAX)
		return;
	i = view_index(p, signo);
	if (p->has_view & SIGBIT(signo)) {
		p->views[i] = *s;
		return;
	}
	if (view_same(s, &p->base))
		return;
	n = (unsigned)__builtin_popcountll(p->has_view);
	p->views = xrealloc(p->views, (n + 1) * sizeof(*p->views));
	memmove(&p->views[i + 1], &p->views[i], (n - i) * sizeof(*p->views));
	p->views[i] = *s;
	p->has_view |= SIGBIT(signo);
}

const struct an_args *an_proc_argv(const struct an_proc *p,
				   struct an_args *tmp)
{
	tmp->len = p->argv_len;
	tmp->truncated = p->argv_truncated;
	if (p->argv_len)
		memcpy(tmp->buf, p->argv_buf, p->argv_len);
	return tmp;
}

void an_proc_set_argv(struct an_proc *p, const struct an_args *args)
{
	free(p->argv_buf);
	p->argv_buf = NULL;
	p->argv_len = args->len;
	p->argv_truncated = args->truncated;
	if (args->len) {
		p->argv_buf = xmalloc(args->len);
		memcpy(p->argv_buf, args->buf, args->len);
	}
}

void an_proc_set_exec_path(struct an_proc *p, const char *path)
{
	free(p->exec_path);
	p->exec_path = path ? xstrdup(path) : NULL;
}

const struct an_fatal *an_proc_fatal(const struct an_proc *p)
{
	static const struct an_fatal none;

	return p->fatal ? p->fatal : &none;
}

struct an_fatal *an_proc_fatal_mut(struct an_proc *p)
{
	if (!p->fatal)
		p->fatal = xcalloc(1, sizeof(*p->fatal));
	return p->fatal;
}

void an_proc_free(struct an_proc *p)
{
	for (unsigned i = 0; i < p->ring_n; i++)
		free(p->ring[i].told);
	free(p->ring);
	free(p->threads);
	free(p->views);
	free(p->fatal);
	free(p->changes);
	free(p->argv_buf);
	free(p->exec_path);
	model_unref(p->model);
	free(p->saved);
	free(p);
}
