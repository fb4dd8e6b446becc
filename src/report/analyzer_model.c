/* SPDX-License-Identifier: MIT */
/*
 * analyzer_model.c - the tracer's disposition model behind each
 * process of the report, at the size it needs: none while the process
 * has changed nothing it began with (the model is then the one it began
 * with, made when asked for), and once the process ended only the
 * dispositions that differ from that beginning.  A model with a table of
 * its own is 28 KB; a daemon whose short-lived helpers fork from it and
 * exec would otherwise keep one per helper ever seen.
 *
 * What is kept is exactly the dispositions; how each came to be (origin,
 * times, had_handler) goes, which only the tracer's explanations read,
 * never the analyzer.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "xmalloc.h"

/* The model P began with, and what it kept of its own model when it
 * ended, in M. */
static void model_begin(const struct an_proc *p, struct sigmodel *m)
{
	if (p->unknown_start)
		model_init_unknown(m, p->first_ns);
	else
		model_init(m, false, 0, 0, p->first_ns);
	if (p->nexec)
		model_exec(m, p->exec_path, p->exec_ns);
	for (uint32_t i = 0; i < p->nsaved; i++)
		model_set(m, p->saved[i].signo, &p->saved[i].disp, p->end_ns);
}

/* P has a model of its own again: what was kept of it is in there. */
static void saved_drop(struct an_proc *p)
{
	free(p->saved);
	p->saved = NULL;
	p->nsaved = 0;
}

struct sigmodel *an_model_try(struct an_proc *p, struct sigmodel *tmp)
{
	if (p->model)
		return p->model;
	model_begin(p, tmp);
	return tmp;
}

void an_model_keep(struct an_proc *p, struct sigmodel *m)
{
	if (m == p->model)
		return;
	if (m->table) {
		p->model = model_copy(m);
		saved_drop(p);
	}
	model_release(m);
}

struct sigmodel *an_model_mut(struct an_proc *p)
{
	if (!p->model) {
		p->model = xmalloc(sizeof(*p->model));
		model_begin(p, p->model);
		saved_drop(p);
	}
	return p->model;
}

struct sigmodel *an_model_copy(const struct an_proc *p)
{
	struct sigmodel *m;

	if (p->model)
		return model_copy(p->model);
	if (!p->nsaved)
		return NULL;
	m = xmalloc(sizeof(*m));
	model_begin(p, m);
	return m;
}

/* Byte for byte: what differs in bytes nobody reads is kept too. */
static bool disp_same(const struct disposition *x,
		      const struct disposition *y)
{
	return memcmp(x, y, sizeof(*x)) == 0;
}

void an_model_save(struct an_proc *p)
{
	struct sigmodel begin;
	uint32_t n = 0;

	if (!p->model)
		return;
	saved_drop(p);
	model_begin(p, &begin);
	for (int s = 1; s <= SIG_MAX; s++)
		n += !disp_same(&model_get(p->model, s)->disp,
				&model_get(&begin, s)->disp);
	if (n)
		p->saved = xmalloc(n * sizeof(*p->saved));
	for (int s = 1; s <= SIG_MAX; s++) {
		const struct disposition *d = &model_get(p->model, s)->disp;

		if (disp_same(d, &model_get(&begin, s)->disp))
			continue;
		p->saved[p->nsaved].signo = (uint8_t)s;
		p->saved[p->nsaved++].disp = *d;
	}
	model_release(&begin);
	model_unref(p->model);
	p->model = NULL;
}

sigbits_t an_proc_dangerous(const struct an_proc *p)
{
	struct sigmodel begin;
	sigbits_t danger;

	if (p->model)
		return model_dangerous_defaults(p->model);
	model_begin(p, &begin);
	danger = model_dangerous_defaults(&begin);
	model_release(&begin);
	return danger;
}
