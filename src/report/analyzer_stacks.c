/* SPDX-License-Identifier: MIT */
/*
 * analyzer_stacks.c - the -k backtraces a report shows: for each finding
 * the top frames of the delivery it is about and of the last sigaction
 * of its signal in its process (which installed, reset or removed the
 * handler), and for each process and signal the sigaction that set the
 * current disposition.  Only the top AN_TOP_FRAMES frames are kept,
 * their strings interned in the pool, so the memory stays bounded
 * whatever the log holds; none at all until an event has a stack.
 *
 * A finding comes after its delivery (sometimes much later: a stop held
 * until the process ends), so the last AN_RECENT deliveries' stacks wait
 * in a ring for it.
 */
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "xmalloc.h"

#define AN_RECENT 64		/* delivery stacks waiting for a finding */
#define AN_INSTALLS_MAX 4096	/* (process, signal) installing stacks */
#define AN_INSTALL_SLOTS (2 * AN_INSTALLS_MAX)

struct recent {
	pid_t pid;
	int signo;
	uint64_t ns;
	struct an_stack st;
};

struct install {
	uint32_t proc;		/* index into procs */
	int signo;
	struct an_stack st;
};

struct an_stacks {
	struct recent recent[AN_RECENT];
	uint32_t next_recent;
	struct an_stack delivery[AN_FINDINGS_MAX];
	struct an_stack sigaction[AN_FINDINGS_MAX];
	struct install *installs;
	uint32_t ninstalls;
	uint32_t slots[AN_INSTALL_SLOTS];	/* index + 1, 0 empty */
};

static void compact(struct analyzer *a, const struct stack *s,
		    struct an_stack *dst)
{
	memset(dst, 0, sizeof(*dst));
	dst->total = s->count > UINT16_MAX ? UINT16_MAX : (uint16_t)s->count;
	if (s->unavailable)
		dst->unavailable = an_pool_add(&a->pool, s->unavailable);
	for (size_t i = 0; i < s->count && dst->n < AN_TOP_FRAMES; i++) {
		const struct stack_frame *f = &s->frames[i];
		struct an_frame *d = &dst->f[dst->n++];
		char buf[STACK_FILE_MAX + 1];

		d->ip = f->ip;
		an_clean_fixed(buf, sizeof(buf), f->symbol, sizeof(f->symbol));
		d->symbol = buf[0] ? an_pool_add(&a->pool, buf) : 0;
		d->offset = buf[0] ? f->symbol_offset : f->module_offset;
		an_clean_fixed(buf, sizeof(buf), f->module, sizeof(f->module));
		d->module = buf[0] ? an_pool_add(&a->pool, buf) : 0;
		an_clean_fixed(buf, sizeof(buf), f->file, sizeof(f->file));
		d->file = buf[0] ? an_pool_add(&a->pool, buf) : 0;
		d->line = f->line;
		d->inlined = f->inlined;
	}
}

static struct an_stacks *stacks(struct analyzer *a)
{
	if (!a->stacks)
		a->stacks = xcalloc(1, sizeof(*a->stacks));
	return a->stacks;
}

/* The install slot of (PROC, SIGNO); ADD makes it while there is room. */
static struct install *install_of(const struct an_stacks *s, uint32_t proc,
				  int signo)
{
	uint32_t h = (proc * 65u + (uint32_t)signo) * 2654435761u;

	for (uint32_t i = 0; i < AN_INSTALL_SLOTS; i++) {
		uint32_t v = s->slots[(h + i) % AN_INSTALL_SLOTS];

		if (!v)
			return NULL;
		if (s->installs[v - 1].proc == proc &&
		    s->installs[v - 1].signo == signo)
			return &s->installs[v - 1];
	}
	return NULL;
}

static struct install *install_add(struct an_stacks *s, uint32_t proc,
				   int signo)
{
	uint32_t h = (proc * 65u + (uint32_t)signo) * 2654435761u;
	struct install *in = install_of(s, proc, signo);

	if (in || s->ninstalls >= AN_INSTALLS_MAX)
		return in;
	if (!s->installs)
		s->installs = xcalloc(AN_INSTALLS_MAX, sizeof(*s->installs));
	for (uint32_t i = 0; i < AN_INSTALL_SLOTS; i++) {
		uint32_t *slot = &s->slots[(h + i) % AN_INSTALL_SLOTS];

		if (*slot)
			continue;
		in = &s->installs[s->ninstalls++];
		in->proc = proc;
		in->signo = signo;
		*slot = s->ninstalls;
		return in;
	}
	return NULL;
}

static void on_signal(struct analyzer *a, const struct event *e)
{
	struct an_stacks *s = stacks(a);
	struct recent *r = &s->recent[s->next_recent++ % AN_RECENT];

	r->pid = e->pid;
	r->signo = e->u.sig.signo;
	r->ns = e->mono_ns;
	compact(a, e->u.sig.stack, &r->st);
}

static void on_sigaction(struct analyzer *a, const struct event *e)
{
	const struct an_proc *p = analyzer_proc(a, e->pid);
	struct install *in;

	if (!p || e->u.sa.result || !e->u.sa.has_new)
		return;
	in = install_add(stacks(a), p->index - 1, e->u.sa.signo);
	if (in)
		compact(a, e->u.sa.stack, &in->st);
}

/* Finding I was just kept: the stacks it refers to, as they are now. */
static void on_finding(struct analyzer *a, uint32_t i)
{
	const struct an_finding *f = &a->findings[i];
	const struct an_proc *p = analyzer_proc(a, f->pid);
	struct an_stacks *s = a->stacks;
	const struct recent *best = NULL;
	const struct install *in;

	for (uint32_t k = 0; k < AN_RECENT; k++) {
		const struct recent *r = &s->recent[k];

		if (r->pid == f->pid && r->signo == f->signo && r->ns &&
		    r->ns <= f->ns && (!best || r->ns > best->ns))
			best = r;
	}
	if (best)
		s->delivery[i] = best->st;
	in = p ? install_of(s, p->index - 1, f->signo) : NULL;
	if (in)
		s->sigaction[i] = in->st;
}

void an_stacks_event(struct analyzer *a, const struct event *e,
		     uint32_t nfindings0)
{
	if (e->type == EV_SIGNAL && e->u.sig.stack)
		on_signal(a, e);
	else if (e->type == EV_SIGACTION && e->u.sa.stack)
		on_sigaction(a, e);
	if (a->stacks && a->nfindings > nfindings0)
		on_finding(a, a->nfindings - 1);
}

void an_stacks_free(struct analyzer *a)
{
	if (!a->stacks)
		return;
	free(a->stacks->installs);
	free(a->stacks);
	a->stacks = NULL;
}

static const struct an_stack *kept(const struct an_stack *st)
{
	return st->n || st->unavailable ? st : NULL;
}

const struct an_stack *an_stack_delivery(const struct analyzer *a,
					 uint32_t i)
{
	return a->stacks && i < AN_FINDINGS_MAX ?
		kept(&a->stacks->delivery[i]) : NULL;
}

const struct an_stack *an_stack_finding_sigaction(const struct analyzer *a,
						  uint32_t i)
{
	return a->stacks && i < AN_FINDINGS_MAX ?
		kept(&a->stacks->sigaction[i]) : NULL;
}

const struct an_stack *an_stack_install(const struct analyzer *a,
					const struct an_proc *p, int signo)
{
	const struct install *in;

	if (!a->stacks || !p)
		return NULL;
	in = install_of(a->stacks, p->index - 1, signo);
	return in ? kept(&in->st) : NULL;
}
