/* SPDX-License-Identifier: MIT */
/*
 * ring.c - the flight recorder (--ring N), a sink around a log sink.
 *
 * Each process has a ring of the bytes of its last N events, as the log
 * sink formats them.  Nothing is written until something worth keeping
 * happens:
 *   - a harmful finding about a process, or its death by a signal: every
 *     ring is written (that process's, and the others' for context,
 *     merged in the order the events came), then everything that
 *     process does until it ends;
 *   - the operator's SIGUSR1 (sink_trigger), or the end of a trace that
 *     the operator stopped (Ctrl-C, --duration: the tracer triggers it
 *     then): every ring, then everything the processes traced at that
 *     moment do until they end.
 * A process that ends quietly takes its ring with it, and the next
 * process starts with an empty one: a quiet run writes nothing at all,
 * and a run of days keeps N lines per live process in memory.  The
 * run's trace_start comes first whenever something is written, its
 * trace_end last; events that fell out of a ring are counted in a
 * warning event put before the first line kept.  What a process is
 * (its last exec, its signal table at attach) is kept apart from the
 * ring and written even when the ring has moved past it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sink.h"
#include "xmalloc.h"

#define RING_BUCKETS 256

struct slot {
	uint64_t seq;		/* order of arrival, over every process */
	int64_t real_sec;	/* the event's time, for the note on drops */
	long real_nsec;
	uint64_t mono_ns;
	struct strbuf sb;	/* its bytes; the room is kept for reuse */
};

enum { PIN_EXEC, PIN_TABLE, PINS };

struct rproc {
	struct rproc *next;	/* hash chain */
	pid_t pid;
	struct slot pin[PINS];	/* the last exec and signal table */
	uint64_t written;	/* seq + 1 of the last line written */
	bool live;		/* after an incident: written as it comes */
	size_t head;		/* the oldest slot */
	size_t count;		/* slots in use */
	size_t nslots;		/* allocated: grows up to N */
	struct slot *slots;
	uint64_t dropped;	/* events pushed out since the last write */
	char comm[COMM_MAX];
};

struct ring {
	struct sink *inner;
	size_t n;
	struct rproc *procs[RING_BUCKETS];
	struct strbuf start;	/* the trace_start line */
	bool wrote;		/* anything written yet */
	uint64_t seq;
	struct strbuf line;	/* scratch */
};

static unsigned bucket(pid_t pid)
{
	return (unsigned)pid % RING_BUCKETS;
}

static struct rproc *rproc_get(struct ring *r, pid_t pid)
{
	struct rproc *p;

	for (p = r->procs[bucket(pid)]; p; p = p->next)
		if (p->pid == pid)
			return p;
	p = xcalloc(1, sizeof(*p));
	p->pid = pid;
	p->next = r->procs[bucket(pid)];
	r->procs[bucket(pid)] = p;
	return p;
}

static void rproc_drop(struct ring *r, struct rproc *p)
{
	struct rproc **pp = &r->procs[bucket(p->pid)];

	while (*pp != p)
		pp = &(*pp)->next;
	*pp = p->next;
	for (size_t i = 0; i < p->nslots; i++)
		sb_free(&p->slots[i].sb);
	for (int i = 0; i < PINS; i++)
		sb_free(&p->pin[i].sb);
	free(p->slots);
	free(p);
}

static bool pinned(const struct rproc *p, uint64_t seq)
{
	for (int i = 0; i < PINS; i++)
		if (p->pin[i].sb.len && p->pin[i].seq == seq)
			return true;
	return false;
}

/* The slot for the next event of P: a new one while the ring grows,
 * else the oldest, whose event is lost.  Slots grow only before the
 * ring wraps (head is 0 until then), so the order is kept. */
static struct slot *next_slot(struct ring *r, struct rproc *p)
{
	struct slot *sl;

	if (p->count < r->n) {
		if (p->count == p->nslots) {
			size_t more = p->nslots ? 2 * p->nslots : 16;

			if (more > r->n)
				more = r->n;
			p->slots = xrealloc(p->slots, more * sizeof(*p->slots));
			memset(p->slots + p->nslots, 0,
			       (more - p->nslots) * sizeof(*p->slots));
			p->nslots = more;
		}
		return &p->slots[(p->head + p->count++) % p->nslots];
	}
	sl = &p->slots[p->head];
	p->head = (p->head + 1) % p->nslots;
	if (!pinned(p, sl->seq))
		p->dropped++;	/* a pinned one is still written */
	return sl;
}

static void fill(struct slot *sl, uint64_t seq, const struct event *e,
		 const struct strbuf *line)
{
	sl->seq = seq;
	sl->real_sec = e->real_sec;
	sl->real_nsec = e->real_nsec;
	sl->mono_ns = e->mono_ns;
	sb_reset(&sl->sb);
	sb_add(&sl->sb, line->buf, line->len);
}

static void keep(struct ring *r, struct rproc *p, const struct event *e)
{
	uint64_t seq = r->seq++;

	sb_reset(&r->line);
	if (!r->inner->ops->format(r->inner, e, &r->line))
		return;
	memcpy(p->comm, e->comm, sizeof(p->comm));
	fill(next_slot(r, p), seq, e, &r->line);
	if (e->type == EV_EXEC)
		fill(&p->pin[PIN_EXEC], seq, e, &r->line);
	else if (e->type == EV_DISPOSITIONS)
		fill(&p->pin[PIN_TABLE], seq, e, &r->line);
}

static int put(struct ring *r, const char *buf, size_t len)
{
	int rc = 0;

	if (!r->wrote) {
		r->wrote = true;
		if (r->start.len)
			rc = sink_put(r->inner, r->start.buf, r->start.len);
	}
	return rc < 0 ? rc : sink_put(r->inner, buf, len);
}

static int pass(struct ring *r, const struct event *e)
{
	sb_reset(&r->line);
	if (!r->inner->ops->format(r->inner, e, &r->line))
		return 0;
	return put(r, r->line.buf, r->line.len);
}

/* "N earlier events were not kept", dated like the first one kept. */
static int note_dropped(struct ring *r, const struct rproc *p)
{
	const struct slot *first = &p->slots[p->head];
	struct event e;

	event_init(&e, EV_WARNING);
	e.real_sec = first->real_sec;
	e.real_nsec = first->real_nsec;
	e.mono_ns = first->mono_ns;
	e.pid = e.tid = p->pid;
	memcpy(e.comm, p->comm, sizeof(e.comm));
	snprintf(e.u.warning.message, sizeof(e.u.warning.message),
		 "flight recorder: %llu earlier events of this process were not kept (--ring %zu)",
		 (unsigned long long)p->dropped, r->n);
	return pass(r, &e);
}

/* The next line of P a flush writes: a pinned one that the ring has
 * moved past, else the ring's oldest; NULL when none is left.  (A pin
 * still in the ring has the seq of its slot, which goes first.) */
static struct slot *next_line(struct rproc *p)
{
	struct slot *best = p->count ? &p->slots[p->head] : NULL;

	for (int i = 0; i < PINS; i++) {
		struct slot *pin = &p->pin[i];

		if (pin->sb.len && pin->seq >= p->written &&
		    (!best || pin->seq < best->seq))
			best = pin;
	}
	return best;
}

/* The process with the oldest line to write, or NULL. */
static struct rproc *oldest(struct ring *r)
{
	struct rproc *best = NULL;
	uint64_t best_seq = 0;

	for (unsigned b = 0; b < RING_BUCKETS; b++)
		for (struct rproc *p = r->procs[b]; p; p = p->next) {
			struct slot *sl = next_line(p);

			if (sl && (!best || sl->seq < best_seq)) {
				best = p;
				best_seq = sl->seq;
			}
		}
	return best;
}

/* Every ring, merged in the order the events came. */
static int flush_all(struct ring *r)
{
	struct rproc *p;
	int rc = 0;

	while ((p = oldest(r)) != NULL) {
		struct slot *sl = next_line(p);
		bool from_ring = p->count && sl == &p->slots[p->head];

		if (from_ring && p->dropped && rc == 0)
			rc = note_dropped(r, p);
		if (from_ring) {
			p->dropped = 0;
			p->head = (p->head + 1) % p->nslots;
			p->count--;
		}
		if (rc == 0)
			rc = put(r, sl->sb.buf, sl->sb.len);
		p->written = sl->seq + 1;
	}
	for (unsigned b = 0; b < RING_BUCKETS; b++)
		for (p = r->procs[b]; p; p = p->next)
			p->head = 0;
	return rc;
}

static bool incident(const struct event *e)
{
	/* A harmful finding: not an explanation such as ^C or a re-raise
	 * (severity info, docs/explanations.md). */
	if (e->type == EV_FINDING)
		return e->u.finding.kind == FINDING_DEFAULT_DISPOSITION &&
		       !(e->u.finding.has_severity &&
			 e->u.finding.severity == SEV_INFO);
	return e->type == EV_EXIT && e->u.exit.signaled && !e->u.exit.thread;
}

static bool ends_process(const struct event *e)
{
	return (e->type == EV_EXIT && !e->u.exit.thread) ||
		e->type == EV_DETACH;
}

static int ring_write(struct sink *s, const struct event *e)
{
	struct ring *r = s->data;
	struct rproc *p;
	int rc = 0;

	if (e->type == EV_TRACE_START) {
		sb_reset(&r->start);
		r->inner->ops->format(r->inner, e, &r->start);
		return 0;
	}
	if (e->type == EV_TRACE_END)
		return r->wrote ? pass(r, e) : 0;
	p = rproc_get(r, e->pid);
	if (p->live) {
		rc = pass(r, e);
	} else {
		keep(r, p, e);
		if (incident(e)) {
			rc = flush_all(r);
			p->live = true;
		}
	}
	if (ends_process(e))
		rproc_drop(r, p);
	return rc;
}

static void ring_trigger(struct sink *s)
{
	struct ring *r = s->data;

	flush_all(r);
	for (unsigned b = 0; b < RING_BUCKETS; b++)
		for (struct rproc *p = r->procs[b]; p; p = p->next)
			p->live = true;
}

/* The summary at the end is not an event: straight to the log. */
static int ring_put(struct sink *s, const char *buf, size_t len)
{
	struct ring *r = s->data;

	return sink_put(r->inner, buf, len);
}

/* What the ring let out, held by the log it wraps (sink_flush). */
static int ring_flush(struct sink *s)
{
	struct ring *r = s->data;

	return sink_flush(r->inner);
}

struct ring_arg {
	struct sink *inner;
	size_t n;
};

static void *ring_open(struct sink *s, void *arg)
{
	const struct ring_arg *a = arg;
	struct ring *r = xcalloc(1, sizeof(*r));

	(void)s;
	r->inner = a->inner;
	r->n = a->n ? a->n : 1;
	return r;
}

static int ring_close(struct sink *s)
{
	struct ring *r = s->data;
	int rc;

	for (unsigned b = 0; b < RING_BUCKETS; b++)
		while (r->procs[b])
			rproc_drop(r, r->procs[b]);
	sb_free(&r->start);
	sb_free(&r->line);
	rc = sink_close(r->inner);
	free(r);
	return rc;
}

static const struct sink_ops sink_ring_ops = {
	.name = "ring",
	.open = ring_open,
	.write = ring_write,
	.close = ring_close,
	.put = ring_put,
	.trigger = ring_trigger,
	.flush = ring_flush,
};

struct sink *sink_ring_wrap(struct sink *wrap, struct sink *inner, size_t n)
{
	struct ring_arg arg = { inner, n };

	sink_wrap_open(wrap, &sink_ring_ops, inner, &arg);
	return wrap;
}
