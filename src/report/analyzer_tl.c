/* SPDX-License-Identifier: MIT */
/*
 * analyzer_tl.c - the bounded views of time: the event timeline (the
 * events findings refer to, with context), the lanes of the graphical
 * timeline (time bins that merge pairwise when the trace outgrows them,
 * so a lane never holds more than AN_BINS bins), and the exact marks of
 * the Chrome trace (the first AN_MARKS_MAX).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "xmalloc.h"

#define SPAN_START_NS (1ull << 20)	/* about 1 ms */

/* ---- lanes and bins ---- */

int an_row_add(struct analyzer *a, enum an_row_kind kind, uint32_t proc,
	       pid_t tid, int signo)
{
	struct an_row *r;

	if (!(a->keep & AN_KEEP_LANES))
		return -1;
	if (a->nrows >= AN_ROWS_MAX) {
		a->rows_dropped++;
		return -1;
	}
	if (!a->rows)
		a->rows = xcalloc(AN_ROWS_MAX, sizeof(*a->rows));
	r = &a->rows[a->nrows];
	r->kind = (uint8_t)kind;
	r->proc = proc;
	r->tid = tid;
	r->signo = signo;
	r->bins = NULL;	/* with the lane's first mark: most stay empty */
	return (int)a->nrows++;
}

static void bin_merge(struct an_bin *dst, const struct an_bin *src)
{
	uint32_t had = 0, has = 0;

	for (int c = 0; c < AN_BIN_CLS; c++) {
		had += dst->n[c];
		has += src->n[c];
	}
	if (!has)
		return;
	if (!had) {
		*dst = *src;
		return;
	}
	for (int c = 0; c < AN_BIN_CLS; c++)
		dst->n[c] += src->n[c];
	if (src->tmin < dst->tmin)
		dst->tmin = src->tmin;
	if (src->tmax > dst->tmax)
		dst->tmax = src->tmax;
}

/* Double the span of every lane: bin i takes bins 2i and 2i+1. */
static void rows_rescale(struct analyzer *a)
{
	for (uint32_t r = 0; r < a->nrows; r++) {
		struct an_bin *b = a->rows[r].bins;

		if (!b)
			continue;
		for (int i = 0; i < AN_BINS / 2; i++) {
			struct an_bin m = b[2 * i];

			bin_merge(&m, &b[2 * i + 1]);
			b[i] = m;
		}
		memset(&b[AN_BINS / 2], 0, sizeof(*b) * (AN_BINS / 2));
	}
	a->span_ns *= 2;
}

static void row_mark(struct analyzer *a, int row, uint64_t ns,
		     enum an_cls cls, pid_t tid, pid_t sender, int signo)
{
	uint64_t off = ns > a->trace.t0 ? ns - a->trace.t0 : 0;
	struct an_bin *b;
	bool empty = true;

	if (row < 0 || cls >= AN_BIN_CLS)
		return;
	if (!a->span_ns)
		a->span_ns = SPAN_START_NS;
	while (off >= a->span_ns && a->span_ns < (1ull << 62))
		rows_rescale(a);
	if (!a->rows[row].bins)
		a->rows[row].bins = xcalloc(AN_BINS, sizeof(*b));
	b = &a->rows[row].bins[off / (a->span_ns / AN_BINS)];
	for (int c = 0; c < AN_BIN_CLS; c++)
		if (b->n[c])
			empty = false;
	if (empty) {
		b->tmin = b->tmax = ns;
		b->tid = tid;
		b->sender = sender;
		b->signo = (uint8_t)signo;
	}
	if (ns < b->tmin)
		b->tmin = ns;
	if (ns > b->tmax)
		b->tmax = ns;
	b->n[cls]++;
}

static int signal_row(struct analyzer *a, struct an_proc *p, int signo)
{
	struct an_sigstate s;

	if (signo < 1 || signo > SIG_MAX || !(a->keep & AN_KEEP_LANES))
		return -1;
	if (an_sig(p, signo)->row < 0) {
		s = *an_sig(p, signo);
		s.row = an_row_add(a, ROW_SIGNAL, p->index - 1, 0, signo);
		an_sig_put(p, signo, &s);
	}
	return an_sig(p, signo)->row;
}

/* Deliveries to the leader go on the process lane, others on the
 * thread's own.  The thread is counted in the report with lanes or
 * without. */
static int thread_row(struct analyzer *a, struct an_proc *p, pid_t tid,
		      uint64_t ns)
{
	struct an_thread *t;

	if (tid == p->pid)
		return p->row;
	t = an_thread_get(p, tid, ns, true);
	if (!t || !(a->keep & AN_KEEP_LANES))
		return -1;
	if (t->row < 0)
		t->row = an_row_add(a, ROW_THREAD, p->index - 1, tid, 0);
	return t->row;
}

/* ---- exact marks ---- */

static struct an_mark *mark_new(struct analyzer *a, const struct event *e,
				enum an_cls cls, int signo)
{
	struct an_mark *m;

	if (!(a->keep & AN_KEEP_MARKS))
		return NULL;
	if (a->nmarks >= AN_MARKS_MAX) {
		a->marks_dropped++;
		return NULL;
	}
	if (!a->marks)
		a->marks = xcalloc(AN_MARKS_MAX, sizeof(*a->marks));
	m = &a->marks[a->nmarks++];
	memset(m, 0, sizeof(*m));
	m->ns = e->mono_ns;
	m->pid = e->pid;
	m->tid = e->tid;
	m->type = (uint8_t)e->type;
	m->cls = (uint8_t)cls;
	m->signo = (uint8_t)(signo >= 1 && signo <= SIG_MAX ? signo : 0);
	return m;
}

/* An interrupted syscall opens a slice that its outcome closes. */
static void mark_syscall(struct analyzer *a, struct an_proc *p,
			 const struct event *e)
{
	const struct ev_syscall_sig *c = &e->u.sc;
	struct an_thread *t = an_thread_get(p, e->tid, e->mono_ns, true);
	enum an_cls cls = e->type == EV_EINTR ? CLS_EINTR :
		e->type == EV_RESTARTED ? CLS_RESTARTED : CLS_INTERRUPTED;
	char buf[32];
	struct an_mark *m;

	if (e->type != EV_INTERRUPTED && t) {
		for (int i = t->nopen - 1; i >= 0; i--) {
			m = &a->marks[t->open[i]];
			if (m->signo != c->signo)
				continue;
			m->end_ns = e->mono_ns;
			m->cls = (uint8_t)cls;
			t->nopen = (uint8_t)i;
			return;
		}
	}
	m = mark_new(a, e, cls, c->signo);
	if (!m)
		return;
	m->name = an_pool_add(&a->pool, an_syscall_name(c->syscall,
			      c->syscall_name, buf, sizeof(buf)));
	if (c->handler.kind == DISP_HANDLER) {
		struct an_disp d;

		an_disp_from(a, &d, &c->handler);
		m->symbol = d.symbol;
	}
	if (e->type == EV_INTERRUPTED && t) {
		m->aux = t->nopen;
		if (t->nopen == AN_OPEN_MAX) {
			memmove(t->open, t->open + 1,
				sizeof(t->open[0]) * (AN_OPEN_MAX - 1));
			t->nopen--;
		}
		t->open[t->nopen++] = a->nmarks - 1;
	}
}

static void mark_signal(struct analyzer *a, struct an_proc *p,
			const struct event *e)
{
	const struct ev_signal *s = &e->u.sig;
	struct an_disp d;
	enum an_cls cls;
	struct an_mark *m;

	an_disp_from(a, &d, &s->disposition);
	cls = an_disp_class(s->signo, &d);
	row_mark(a, signal_row(a, p, s->signo), e->mono_ns, cls, e->tid,
		 s->has_sender ? s->sender.pid : 0, s->signo);
	row_mark(a, thread_row(a, p, e->tid, e->mono_ns), e->mono_ns, cls,
		 e->tid, s->has_sender ? s->sender.pid : 0, s->signo);
	m = mark_new(a, e, cls, s->signo);
	if (m) {
		m->sender = s->has_sender ? s->sender.pid : 0;
		m->symbol = d.symbol;
	}
}

static void marks_event(struct analyzer *a, struct an_proc *p,
			const struct event *e)
{
	struct an_mark *m;

	switch (e->type) {
	case EV_SIGNAL:
		mark_signal(a, p, e);
		break;
	case EV_INTERRUPTED:
	case EV_EINTR:
	case EV_RESTARTED:
		if (e->type != EV_INTERRUPTED)
			row_mark(a, signal_row(a, p, e->u.sc.signo), e->mono_ns,
				 e->type == EV_EINTR ? CLS_EINTR :
				 CLS_RESTARTED, e->tid, 0, e->u.sc.signo);
		mark_syscall(a, p, e);
		break;
	case EV_SIGACTION:
		if (e->u.sa.has_new &&
		    (e->u.sa.observed || e->u.sa.result == 0)) {
			m = mark_new(a, e, CLS_INSTALL, e->u.sa.signo);
			if (m && e->u.sa.new_disp.kind == DISP_HANDLER) {
				struct an_disp d;

				an_disp_from(a, &d, &e->u.sa.new_disp);
				m->symbol = d.symbol;
			}
		}
		break;
	case EV_EXEC:
		mark_new(a, e, CLS_EXEC, 0);
		break;
	case EV_EXIT:
		m = mark_new(a, e, CLS_EXIT, e->u.exit.signaled ?
			     e->u.exit.signo : 0);
		if (m)
			m->aux = e->u.exit.thread;
		break;
	case EV_FINDING:
		m = mark_new(a, e, CLS_FINDING, e->u.finding.signo);
		if (m)
			m->aux = (uint8_t)e->u.finding.kind;
		break;
	case EV_FORK:
		mark_new(a, e, CLS_NOTE, 0);
		break;
	default:
		break;
	}
}

/* ---- the event timeline ---- */

static enum an_cls event_class(const struct analyzer *a,
			       const struct event *e)
{
	struct an_disp d = { 0 };

	switch (e->type) {
	case EV_SIGNAL:
		d.kind = (unsigned)e->u.sig.disposition.kind <= DISP_HANDLER ?
			e->u.sig.disposition.kind : DISP_UNKNOWN;
		return an_disp_class(e->u.sig.signo, &d);
	case EV_EINTR:
		return CLS_EINTR;
	case EV_RESTARTED:
		return CLS_RESTARTED;
	case EV_INTERRUPTED:
		return CLS_INTERRUPTED;
	case EV_SIGACTION:
		return CLS_INSTALL;
	case EV_EXEC:
		return CLS_EXEC;
	case EV_EXIT:
		return e->u.exit.signaled ? CLS_FATAL : CLS_EXIT;
	case EV_FINDING:
	case EV_WARNING:
		return CLS_FINDING;
	default:
		return CLS_NOTE;
	}
}

/* Everything of T but its words (comm and text). */
static void tl_head(const struct analyzer *a, struct an_tl *t,
		    const struct event *e, uint64_t seq)
{
	memset(t, 0, sizeof(*t));
	t->seq = seq;
	t->ns = e->mono_ns;
	t->pid = e->pid;
	t->tid = e->tid;
	t->type = (uint8_t)e->type;
	t->cls = (uint8_t)event_class(a, e);
}

static void tl_text(const struct analyzer *a, struct an_tl *t,
		    const struct event *e)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	an_clean(t->comm, sizeof(t->comm), e->comm,
		 strnlen(e->comm, sizeof(e->comm)));
	an_desc_event(a, &sb, e);
	/* Already clean: cut it at a character boundary. */
	an_clean(t->text, sizeof(t->text) - 3, sb.buf ? sb.buf : "", sb.len);
	n = strlen(t->text);
	if (n < sb.len)
		memcpy(t->text + n, "...", 4);
	sb_free(&sb);
	t->told = true;
}

static void tl_fill(const struct analyzer *a, struct an_tl *t,
		    const struct event *e, uint64_t seq)
{
	tl_head(a, t, e, seq);
	tl_text(a, t, e);
}

/* Keep T's comm and text in C, at their length. */
static void ctx_keep_text(struct an_ctx *c, const struct an_tl *t)
{
	size_t nc = strlen(t->comm), nt = strlen(t->text);

	c->told = xmalloc(nc + nt + 2);
	memcpy(c->told, t->comm, nc + 1);
	memcpy(c->told + nc + 1, t->text, nt + 1);
}

/* The bytes of an event of each type that its description reads: the
 * window copies only those (an event is 6.4 KB, most of it the largest
 * member of the union).  A delivery's description reads its signal,
 * sender, disposition and call, all before its stack, and two names at
 * its far end (kept apart): not its re-raise, EPIPE or command line
 * (2.2 of its 6.4 KB).  0: the type has no place in the window. */
#define USED(member) \
	(offsetof(struct event, u) + sizeof(((struct event *)0)->u.member))
#define SIG_USED (offsetof(struct event, u) + offsetof(struct ev_signal, stack))
static const size_t event_used[EV__COUNT] = {
	[EV_FORK] = USED(fork),
	[EV_EXEC] = USED(exec),
	[EV_SIGNAL] = SIG_USED,
	[EV_CONSUMED] = SIG_USED,
	[EV_SIGACTION] = USED(sa),
	[EV_INTERRUPTED] = USED(sc),
	[EV_EINTR] = USED(sc),
	[EV_RESTARTED] = USED(sc),
	[EV_WARNING] = USED(warning),
	[EV_EXIT] = USED(exit),
	[EV_DETACH] = offsetof(struct event, u),
	[EV_DISPOSITIONS] = USED(table),
};

#define MAX2(x, y) ((x) > (y) ? (x) : (y))
/* The largest of the common types; a larger one (a finding of the
 * audit, 3 KB) has its text written at once instead. */
#define RECENT_HEAD MAX2(MAX2(SIG_USED, USED(exit)), \
			 MAX2(USED(exec), USED(table)))

/* The last events, each as far as its description reads, the name it
 * points to copied in (the reader and the tracer reuse theirs): 2.4 KB
 * a slot, where a whole event would take 6.6. */
struct an_recent {
	uint64_t seq;
	bool used;
	bool named;		/* NAME replaces the event's pointer */
	struct an_proc *proc;	/* whose ring has it */
	char name[64];
	char consumed_by[SOURCE_MAX];	/* a delivery's far end */
	char sender_unknown[SOURCE_MAX];
	unsigned char head[RECENT_HEAD];	/* the event's first bytes */
};

static bool recent_fits(const struct event *e)
{
	size_t n = (unsigned)e->type < EV__COUNT ? event_used[e->type] : 0;

	return n > 0 && n <= RECENT_HEAD;
}

/* Where E keeps the name it points to, or NULL. */
static const char **event_name(struct event *e)
{
	switch (e->type) {
	case EV_SIGNAL:
	case EV_CONSUMED:
		return &e->u.sig.syscall_name;
	case EV_SIGACTION:
		return &e->u.sa.syscall;
	case EV_INTERRUPTED:
	case EV_EINTR:
	case EV_RESTARTED:
		return &e->u.sc.syscall_name;
	default:
		return NULL;
	}
}

/* The event R keeps, into E: what its description does not read is 0. */
static void recent_event(const struct an_recent *r, struct event *e)
{
	const char **name;

	memset(e, 0, sizeof(*e));
	memcpy(e, r->head, offsetof(struct event, u));
	memcpy(e, r->head, event_used[e->type]);
	if ((name = event_name(e)))
		*name = r->named ? r->name : NULL;
	if (e->type == EV_SIGACTION)
		e->u.sa.stack = NULL;
	if (e->type == EV_SIGNAL || e->type == EV_CONSUMED) {
		memcpy(e->u.sig.consumed_by, r->consumed_by,
		       sizeof(r->consumed_by));
		memcpy(e->u.sig.sender_unknown, r->sender_unknown,
		       sizeof(r->sender_unknown));
	}
}

/* Write the text of P's ring entry C (unless it is written or already
 * in the timeline) from the event kept in a->recent. */
static void ctx_tell(const struct analyzer *a, const struct an_proc *p,
		     struct an_ctx *c)
{
	const struct an_recent *r;
	struct an_tl t;
	struct event e;

	if (c->told || c->seq < p->captured_until)
		return;
	r = a->recent ? &a->recent[c->seq % AN_RECENT] : NULL;
	if (!r || !r->used || r->seq != c->seq)
		return;
	recent_event(r, &e);
	tl_fill(a, &t, &e, c->seq);
	ctx_keep_text(c, &t);
}

/* P's ring entry for SEQ, or NULL. */
static struct an_ctx *ring_find(struct an_proc *p, uint64_t seq)
{
	for (uint32_t i = 0; i < p->ring_n; i++)
		if (p->ring[i].seq == seq)
			return &p->ring[i];
	return NULL;
}

/* Keep E (recent_fits()) for a later text.  What falls out of the window
 * to make room gets its text now if its process's ring still holds it. */
static void recent_keep(struct analyzer *a, struct an_proc *p,
			const struct event *e, uint64_t seq)
{
	const char *const *name = event_name((struct event *)e);	/* read */
	struct an_recent *r;

	if (!a->recent)
		a->recent = xcalloc(AN_RECENT, sizeof(*a->recent));
	r = &a->recent[seq % AN_RECENT];
	if (r->used) {
		struct an_ctx *c = ring_find(r->proc, r->seq);

		if (c)
			ctx_tell(a, r->proc, c);
	}
	r->seq = seq;
	r->used = true;
	r->proc = p;
	memcpy(r->head, e, event_used[e->type]);
	r->named = name && *name;
	if (r->named)
		snprintf(r->name, sizeof(r->name), "%s", *name);
	if (e->type == EV_SIGNAL || e->type == EV_CONSUMED) {
		memcpy(r->consumed_by, e->u.sig.consumed_by,
		       sizeof(r->consumed_by));
		memcpy(r->sender_unknown, e->u.sig.sender_unknown,
		       sizeof(r->sender_unknown));
	}
}

/* The timeline only grows until the end: once full, no text written
 * from now on would be shown (tl_put() counts what it drops). */
static bool tl_full(const struct analyzer *a)
{
	return a->ntimeline >= AN_TIMELINE_MAX;
}

static void tl_put(struct analyzer *a, const struct an_tl *t)
{
	if (a->ntimeline >= AN_TIMELINE_MAX) {
		a->timeline_dropped++;
		return;
	}
	a->timeline = an_grow(a->timeline, &a->timeline_cap, a->ntimeline,
			      AN_TIMELINE_MAX, sizeof(*a->timeline));
	a->timeline[a->ntimeline++] = *t;
}

/* T goes into P's ring, with its text if written and not in the
 * timeline yet.  The ring grows to AN_RING with the events: most
 * processes have a few. */
static void ring_push(struct an_proc *p, const struct an_tl *t)
{
	struct an_ctx *c;

	if (p->ring_n < AN_RING && p->ring_n == p->ring_cap) {
		p->ring_cap = p->ring_cap ? 2 * p->ring_cap : 1;
		if (p->ring_cap > AN_RING)
			p->ring_cap = AN_RING;
		p->ring = xrealloc(p->ring, p->ring_cap * sizeof(*p->ring));
	}
	c = &p->ring[p->ring_next];
	if (p->ring_n == AN_RING)
		free(c->told);
	c->seq = t->seq;
	c->ns = t->ns;
	c->tid = t->tid;
	c->type = t->type;
	c->cls = t->cls;
	c->told = NULL;
	if (t->told && t->seq >= p->captured_until)
		ctx_keep_text(c, t);
	p->ring_next = (uint8_t)((p->ring_next + 1) % AN_RING);
	if (p->ring_n < AN_RING)
		p->ring_n++;
}

static bool ring_has(const struct an_proc *p, uint64_t seq)
{
	for (uint32_t i = 0; i < p->ring_n; i++)
		if (p->ring[i].seq == seq)
			return true;
	return seq < p->captured_until;
}

/* The ring, oldest first, except what is already in the timeline. */
static void ring_capture(struct analyzer *a, struct an_proc *p)
{
	uint32_t first = (p->ring_next + AN_RING - p->ring_n) % AN_RING;

	for (uint32_t i = 0; i < p->ring_n; i++) {
		struct an_ctx *c = &p->ring[(first + i) % AN_RING];
		struct an_tl t;

		if (c->seq < p->captured_until)
			continue;
		ctx_tell(a, p, c);
		memset(&t, 0, sizeof(t));
		t.seq = c->seq;
		t.ns = c->ns;
		t.pid = p->pid;
		t.tid = c->tid;
		t.type = c->type;
		t.cls = c->cls;
		t.told = c->told != NULL;
		snprintf(t.comm, sizeof(t.comm), "%s", c->told ? c->told :
			 p->comm);
		if (c->told)
			snprintf(t.text, sizeof(t.text), "%s",
				 c->told + strlen(c->told) + 1);
		tl_put(a, &t);
		p->captured_until = c->seq + 1;
		free(c->told);	/* in the timeline now */
		c->told = NULL;
	}
}

/* The last exec of P, unless the timeline will have it from P's ring
 * (RING: P's ring is about to be captured). */
static void capture_exec(struct analyzer *a, const struct an_proc *p,
			 bool ring)
{
	struct strbuf sb = STRBUF_INIT;
	struct an_args args;
	struct an_tl t;

	if (!p || !p->nexec || (ring && ring_has(p, p->exec_seq)))
		return;
	memset(&t, 0, sizeof(t));
	t.pid = t.tid = p->pid;
	memcpy(t.comm, p->comm, sizeof(t.comm));
	t.seq = p->exec_seq;
	t.ns = p->exec_ns;
	t.type = EV_EXEC;
	t.cls = CLS_EXEC;
	sb_printf(&sb, "exec %s ", p->exec_path);
	an_desc_args(&sb, an_proc_argv(p, &args));
	an_clean(t.text, sizeof(t.text), sb.buf, sb.len);
	tl_put(a, &t);
	sb_free(&sb);
}

/* What a default-disposition finding points back at, if the context
 * ring no longer holds it: the exec, and the change that left the
 * default in place. */
static void capture_causes(struct analyzer *a, struct an_proc *p,
			   const struct event *e)
{
	const struct ev_finding *f = &e->u.finding;
	struct strbuf sb = STRBUF_INIT;
	struct an_tl t;
	const struct an_sigstate *s;
	char buf[32];

	if (f->kind != FINDING_DEFAULT_DISPOSITION || f->signo < 1 ||
	    f->signo > SIG_MAX)
		return;
	if (f->has_exec_time)
		capture_exec(a, p, true);
	if (f->has_sender && f->sender.pid != p->pid)
		capture_exec(a, analyzer_proc(a, f->sender.pid), false);
	memset(&t, 0, sizeof(t));
	t.pid = t.tid = p->pid;
	memcpy(t.comm, p->comm, sizeof(t.comm));
	s = an_sig(p, f->signo);
	if (f->has_cause_time && s->changed && s->since_seq &&
	    !ring_has(p, s->since_seq)) {
		sb_reset(&sb);
		sb_printf(&sb, "%s set to ", an_signame(f->signo, buf,
							sizeof(buf)));
		an_desc_disp(a, &sb, f->signo, &s->cur, true);
		sb_adds(&sb, s->how == HOW_RESETHAND ?
			" by SA_RESETHAND at a delivery" : " by sigaction");
		t.seq = s->since_seq;
		t.ns = s->since_ns;
		t.tid = s->since_tid;
		t.type = s->how == HOW_RESETHAND ? EV_SIGNAL : EV_SIGACTION;
		t.cls = CLS_INSTALL;
		an_clean(t.text, sizeof(t.text), sb.buf, sb.len);
		tl_put(a, &t);
	}
	sb_free(&sb);
}

/* E, headed in T, goes into the timeline now. */
static void tl_shown(struct analyzer *a, struct an_tl *t,
		     const struct event *e)
{
	if (!tl_full(a))
		tl_text(a, t, e);
	tl_put(a, t);
}

static bool notable(struct an_proc *p, const struct event *e)
{
	int signo = e->u.sig.signo;

	if (e->type == EV_EXIT)
		return !e->u.exit.thread && e->u.exit.code != 0;
	if (e->type != EV_SIGNAL || signo < 1 || signo > SIG_MAX ||
	    (p->tl_shown & SIGBIT(signo)))
		return false;
	p->tl_shown |= SIGBIT(signo);
	return true;
}

void an_tl_event(struct analyzer *a, struct an_proc *p, const struct event *e,
		 uint64_t seq, bool important)
{
	struct an_tl t;

	if (!p)
		return;
	marks_event(a, p, e);
	if (e->type == EV_EXEC)
		p->exec_seq = seq;
	if (e->type == EV_EXIT && e->u.exit.signaled && !e->u.exit.thread)
		important = true;
	tl_head(a, &t, e, seq);
	if (!important && !p->ctx_after && notable(p, e)) {
		/* The first delivery of each signal, an exit that is not
		 * 0: in the timeline, without context. */
		tl_shown(a, &t, e);	/* a duplicate later is dropped */
	} else if (important) {
		if (e->type == EV_FINDING)
			capture_causes(a, p, e);
		ring_capture(a, p);
		tl_shown(a, &t, e);
		p->captured_until = seq + 1;
		p->ctx_after = AN_CTX_AFTER;
	} else if (p->ctx_after > 0) {
		tl_shown(a, &t, e);
		p->captured_until = seq + 1;
		p->ctx_after--;
	}
	if (!t.told && !tl_full(a)) {
		if (recent_fits(e))
			recent_keep(a, p, e, seq);
		else
			tl_text(a, &t, e);	/* rare and large: now */
	}
	ring_push(p, &t);
}

void an_tl_global(struct analyzer *a, const struct event *e, uint64_t seq)
{
	struct an_tl t;

	tl_fill(a, &t, e, seq);
	tl_put(a, &t);
}

static int tl_cmp(const void *x, const void *y)
{
	const struct an_tl *a = x, *b = y;

	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void an_tl_finish(struct analyzer *a)
{
	uint32_t n = 0;

	if (!a->ntimeline)
		return;	/* no events: no table */
	qsort(a->timeline, a->ntimeline, sizeof(*a->timeline), tl_cmp);
	for (uint32_t i = 0; i < a->ntimeline; i++) {
		if (n > 0 && a->timeline[n - 1].seq == a->timeline[i].seq)
			continue;
		a->timeline[n++] = a->timeline[i];
	}
	a->ntimeline = n;
}
