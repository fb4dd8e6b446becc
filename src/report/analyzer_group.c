/* SPDX-License-Identifier: MIT */
/*
 * analyzer_group.c - signals sent to a whole process group (the
 * terminal's ^C, `kill -TERM 0`): the tracer gives each delivery of one
 * the same group id; the report shows it once, with its fan-out
 * (docs/explanations.md, "Group signals").
 */
#include <string.h>

#include "analyzer.h"
#include "xmalloc.h"

static struct an_group *group_get(struct analyzer *a, unsigned id)
{
	for (uint32_t i = 0; i < a->ngroups; i++)
		if (a->groups[i].id == id)
			return &a->groups[i];
	if (a->ngroups >= AN_GROUPS_MAX) {
		a->groups_dropped++;
		return NULL;
	}
	if (!a->groups)
		a->groups = xcalloc(AN_GROUPS_MAX, sizeof(*a->groups));
	memset(&a->groups[a->ngroups], 0, sizeof(a->groups[0]));
	a->groups[a->ngroups].id = id;
	return &a->groups[a->ngroups++];
}

void an_group_signal(struct analyzer *a, struct an_proc *p,
		     const struct event *e, enum an_cls cls)
{
	const struct ev_signal *s = &e->u.sig;
	struct an_group *g = group_get(a, s->group.id);

	if (!g)
		return;
	if (g->n == 0) {
		g->signo = s->signo;
		g->pgid = s->group.pgid;
		g->origin = (uint8_t)s->origin;
		g->term = (uint8_t)s->term;
		an_sender_from(&g->sender, s->has_sender, &s->sender,
			       &s->sender_chain);
	}
	if (g->n < AN_GROUP_SHOWN) {
		g->members[g->n].pid = p->pid;
		g->members[g->n].cls = (uint8_t)cls;
		memcpy(g->members[g->n].comm, p->comm, sizeof(p->comm));
	}
	g->n++;
}
