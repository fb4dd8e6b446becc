/* SPDX-License-Identifier: MIT */
/*
 * analyzer_table.c - the analyzer's process table: a pid to the latest
 * process that had it (pids are reused), and the threads of a process.
 * With analyzer_util.c the bottom of the analyzer: it calls nothing in
 * the analyzer files above it.
 */
#include "analyzer.h"

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
	p->threads[p->nthreads] = (struct an_thread){ .tid = tid,
		.first_ns = ns, .row = -1 };
	return &p->threads[p->nthreads++];
}
