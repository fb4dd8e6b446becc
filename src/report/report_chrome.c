/* SPDX-License-Identifier: MIT */
/*
 * report_chrome.c - the trace as Chrome Trace Event JSON, for Perfetto
 * (ui.perfetto.dev) and chrome://tracing: a process and a thread track
 * per traced task (process_name/thread_name metadata), an instant per
 * delivery (coloured by outcome through its category), per sigaction,
 * exec, exit and finding, and slices for an interrupted system call and
 * the handler that ran meanwhile (delivery to sigreturn).  Each process
 * and thread has its lifetime as a slice (args: the verdict), a
 * delivery from a traced sender is a flow arrow from the sender's track
 * to the receiver's (ph s/f, bound to those lifetime slices), and a
 * finding carries its title and details in args.
 *
 * Marks are the analyzer's exact ones (the first AN_MARKS_MAX); when
 * some were dropped, per-signal counter tracks built from the time bins
 * still show how many deliveries came when.  ts is in microseconds
 * since the first event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "report.h"

#define NAME_BUF 32

static const char *const cls_cat[CLS__COUNT] = {
	[CLS_HANDLED] = "signal,handled", [CLS_IGNORED] = "signal,ignored",
	[CLS_DEFAULT] = "signal,default", [CLS_FATAL] = "signal,fatal",
	[CLS_STOP] = "signal,stopped", [CLS_UNKNOWN] = "signal,unknown",
	[CLS_EINTR] = "syscall,eintr", [CLS_RESTARTED] = "syscall,restarted",
	[CLS_INTERRUPTED] = "syscall,interrupted",
	[CLS_INSTALL] = "sigaction", [CLS_EXEC] = "process",
	[CLS_EXIT] = "process", [CLS_FINDING] = "finding",
	[CLS_NOTE] = "process",
};

static const char *const cls_outcome[CLS__COUNT] = {
	[CLS_HANDLED] = "handled", [CLS_IGNORED] = "ignored",
	[CLS_DEFAULT] = "default (harmless)", [CLS_FATAL] = "default: fatal",
	[CLS_STOP] = "default: stopped", [CLS_UNKNOWN] = "unknown",
	[CLS_EINTR] = "EINTR", [CLS_RESTARTED] = "restarted",
	[CLS_INTERRUPTED] = "outcome not seen",
};

static struct jsonw *W(struct report_ctx *c)
{
	return c->data;
}

/* KEY: nanoseconds as microseconds with three decimals, a JSON number
 * that jsonw has no writer for: raw text, then the state a value
 * leaves (no comma before the next member's). */
static void kusec(struct report_ctx *c, const char *key, uint64_t ns)
{
	struct jsonw *w = W(c);

	jw_key(w, key);
	sb_printf(c->out, "%llu.%03llu", (unsigned long long)(ns / 1000),
		  (unsigned long long)(ns % 1000));
	w->first[w->depth < JSONW_MAX_DEPTH ? w->depth :
		 JSONW_MAX_DEPTH - 1] = false;
}

static void kts(struct report_ctx *c, const char *key, uint64_t ns)
{
	kusec(c, key, ns > c->a->trace.t0 ? ns - c->a->trace.t0 : 0);
}

/* Begin one trace event: name, category, phase, ts, pid, tid. */
static void ev_begin(struct report_ctx *c, const char *name, const char *cat,
		     const char *ph, uint64_t ns, pid_t pid, pid_t tid)
{
	struct jsonw *w = W(c);

	jw_object_begin(w);
	jw_kstring(w, "name", name);
	if (cat)
		jw_kstring(w, "cat", cat);
	jw_kstring(w, "ph", ph);
	kts(c, "ts", ns);
	jw_kint(w, "pid", pid);
	jw_kint(w, "tid", tid);
}

static void meta(struct report_ctx *c, const char *what, pid_t pid,
		 pid_t tid, const char *name)
{
	struct jsonw *w = W(c);

	jw_object_begin(w);
	jw_kstring(w, "name", what);
	jw_kstring(w, "ph", "M");
	jw_kint(w, "pid", pid);
	jw_kint(w, "tid", tid);
	jw_key(w, "args");
	jw_object_begin(w);
	jw_kstring(w, "name", name);
	jw_object_end(w);
	jw_object_end(w);
}

static void chrome_begin(struct report_ctx *c)
{
	struct jsonw *w = W(c);
	struct strbuf sb = STRBUF_INIT;

	jw_object_begin(w);
	jw_kstring(w, "displayTimeUnit", "ms");
	jw_key(w, "otherData");
	jw_object_begin(w);
	report_trace_title(c->a, &sb);
	jw_kstring(w, "trace", sb.buf ? sb.buf : "");
	jw_kstring(w, "generator", "sigtrace report");
	jw_kuint(w, "marks_dropped", c->a->marks_dropped);
	jw_object_end(w);
	jw_key(w, "traceEvents");
	jw_array_begin(w);
	sb_free(&sb);
}

static void chrome_procs(struct report_ctx *c)
{
	struct strbuf sb = STRBUF_INIT;

	for (uint32_t i = 0; i < c->a->nprocs; i++) {
		const struct an_proc *p = c->a->procs[i];

		meta(c, "process_name", p->pid, p->pid,
		     p->comm[0] ? p->comm : "?");
		for (uint32_t t = 0; t < p->nthreads; t++) {
			sb_printf(&sb, "%s %d", t == 0 ? "main" : "thread",
				  (int)p->threads[t].tid);
			meta(c, "thread_name", p->pid, p->threads[t].tid, sb.buf);
			sb_reset(&sb);
		}
	}
	sb_free(&sb);
}

/* The end of P's life on the trace: its end, or the trace's. */
static uint64_t life_end(const struct analyzer *a, const struct an_proc *p)
{
	return p->verdict == VERDICT_RUNNING || p->end_ns < p->first_ns ?
		a->trace.t_last : p->end_ns;
}

static void life_slice(struct report_ctx *c, const char *name, pid_t pid,
		       pid_t tid, uint64_t from, uint64_t to,
		       const struct an_proc *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct an_args argv;

	ev_begin(c, name, "process", "X", from, pid, tid);
	kusec(c, "dur", to > from ? to - from : 0);
	jw_key(W(c), "args");
	jw_object_begin(W(c));
	if (p) {
		report_verdict(c->a, p, &sb);
		jw_kstring(W(c), "verdict", sb.buf ? sb.buf : "");
		sb_reset(&sb);
		an_desc_args(&sb, an_proc_argv(p, &argv));
		jw_kstring(W(c), "argv", sb.buf ? sb.buf : "");
	}
	jw_object_end(W(c));
	jw_object_end(W(c));
	sb_free(&sb);
}

/* Every process and thread as a slice from its first event to its end:
 * what the flows of its signals bind to. */
static void chrome_lifetimes(struct report_ctx *c)
{
	struct strbuf sb = STRBUF_INIT;

	for (uint32_t i = 0; i < c->a->nprocs; i++) {
		const struct an_proc *p = c->a->procs[i];
		uint64_t end = life_end(c->a, p);

		sb_printf(&sb, "%s %d", p->comm[0] ? p->comm : "?", (int)p->pid);
		life_slice(c, sb.buf, p->pid, p->pid, p->first_ns, end, p);
		sb_reset(&sb);
		for (uint32_t t = 0; t < p->nthreads; t++) {
			const struct an_thread *th = &p->threads[t];

			if (th->tid == p->pid)
				continue;
			sb_printf(&sb, "thread %d", (int)th->tid);
			life_slice(c, sb.buf, p->pid, th->tid, th->first_ns,
				   th->ended ? th->end_ns : end, NULL);
			sb_reset(&sb);
		}
	}
	sb_free(&sb);
}

/* A delivery from a traced sender: an arrow from the sender's track to
 * the receiver's, at the delivery (the send itself is not observed). */
static void flow(struct report_ctx *c, const struct an_mark *m, uint32_t id)
{
	const struct an_proc *snd = analyzer_proc(c->a, m->sender);
	char buf[NAME_BUF];
	const char *sig = an_signame(m->signo, buf, sizeof(buf));

	if (!snd || m->ns < snd->first_ns)
		return;
	ev_begin(c, sig, "signal,flow", "s", m->ns, snd->pid, snd->pid);
	jw_kuint(W(c), "id", id);
	jw_object_end(W(c));
	ev_begin(c, sig, "signal,flow", "f", m->ns, m->pid, m->tid);
	jw_kuint(W(c), "id", id);
	jw_kstring(W(c), "bp", "e");
	jw_object_end(W(c));
}

/* A finding's title and details, for its args. */
static void finding_args(struct report_ctx *c, const struct an_mark *m)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;

	for (uint32_t i = 0; i < a->nfindings; i++) {
		const struct an_finding *f = &a->findings[i];
		struct an_item it = { .kind = ITEM_FINDING, .ref = i };

		if (f->pid != m->pid || f->ns != m->ns || f->kind != m->aux)
			continue;
		report_item_title(a, &it, &sb);
		jw_kstring(W(c), "text", sb.buf ? sb.buf : "");
		sb_reset(&sb);
		report_item_details(a, &it, &sb);
		jw_kstring(W(c), "details", sb.buf ? sb.buf : "");
		sb_reset(&sb);
		report_item_stacks(a, &it, &sb);
		if (sb.len)
			jw_kstring(W(c), "stacks", sb.buf);
		break;
	}
	sb_free(&sb);
}

static void mark_args(struct report_ctx *c, const struct an_mark *m)
{
	struct jsonw *w = W(c);
	const struct an_proc *snd;

	jw_key(w, "args");
	jw_object_begin(w);
	if (cls_outcome[m->cls])
		jw_kstring(w, "outcome", cls_outcome[m->cls]);
	if (m->sender) {
		jw_kint(w, "sender_pid", m->sender);
		snd = analyzer_proc(c->a, m->sender);
		if (snd)
			jw_kstring(w, "sender_comm", snd->comm);
	}
	if (m->symbol)
		jw_kstring(w, "handler", an_pool_str(c->a, m->symbol));
	if (m->type == EV_FINDING)
		finding_args(c, m);
	jw_object_end(w);
}

/* An interrupted syscall: one slice for the call, one for the handler
 * that ran inside it, or an instant when its outcome was not seen. */
static void syscall_mark(struct report_ctx *c, const struct an_mark *m,
			 const char *sig)
{
	struct strbuf sb = STRBUF_INIT;
	uint64_t dur = m->end_ns > m->ns ? m->end_ns - m->ns : 0;

	sb_printf(&sb, "%s() interrupted by %s", an_pool_str(c->a, m->name),
		  sig);
	if (m->type != EV_INTERRUPTED || !m->end_ns) {
		ev_begin(c, sb.buf, cls_cat[m->cls], "i", m->ns, m->pid, m->tid);
		jw_kstring(W(c), "s", "t");
		mark_args(c, m);
		jw_object_end(W(c));
		sb_free(&sb);
		return;
	}
	ev_begin(c, sb.buf, cls_cat[m->cls], "X", m->ns, m->pid, m->tid);
	kusec(c, "dur", dur);
	mark_args(c, m);
	jw_object_end(W(c));
	sb_reset(&sb);
	sb_printf(&sb, "handler %s", sig);
	if (m->symbol)
		sb_printf(&sb, " %s", an_pool_str(c->a, m->symbol));
	ev_begin(c, sb.buf, "handler", "X", m->ns, m->pid, m->tid);
	kusec(c, "dur", dur);
	jw_object_end(W(c));
	sb_free(&sb);
}

static void mark(struct report_ctx *c, const struct an_mark *m)
{
	char sbuf[NAME_BUF], buf[NAME_BUF + 32];
	const char *name = buf, *sig = an_signame(m->signo, sbuf, sizeof(sbuf));

	switch (m->type) {
	case EV_INTERRUPTED:
	case EV_EINTR:
	case EV_RESTARTED:
		syscall_mark(c, m, sig);
		return;
	case EV_SIGNAL:
		name = sig;
		break;
	case EV_SIGACTION:
		snprintf(buf, sizeof(buf), "sigaction %s", sig);
		break;
	case EV_EXIT:
		snprintf(buf, sizeof(buf), "%s%s", m->aux ? "thread exit" :
			 "exit", m->signo ? " (killed)" : "");
		break;
	case EV_FINDING:
		snprintf(buf, sizeof(buf), "FINDING %s%s%s",
			 finding_kind_name(m->aux), m->signo ? " " : "",
			 m->signo ? sig : "");
		break;
	default:
		name = event_type_name(m->type);
		break;
	}
	ev_begin(c, name, cls_cat[m->cls], "i", m->ns, m->pid, m->tid);
	jw_kstring(W(c), "s", m->type == EV_FINDING ? "p" : "t");
	mark_args(c, m);
	jw_object_end(W(c));
}

/* Per-signal delivery counts from the bins, when exact marks ran out. */
static void counters(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	uint64_t bw = a->span_ns / AN_BINS;
	char name[NAME_BUF + 16], sig[NAME_BUF];

	for (uint32_t r = 0; r < a->nrows && bw; r++) {
		const struct an_row *row = &a->rows[r];
		pid_t pid = a->procs[row->proc]->pid;

		if (row->kind != ROW_SIGNAL || !row->bins)
			continue;
		snprintf(name, sizeof(name), "%s deliveries",
			 an_signame(row->signo, sig, sizeof(sig)));
		for (int i = 0; i < AN_BINS; i++) {
			uint32_t n = 0;

			for (int k = 0; k < CLS_EINTR; k++)
				n += row->bins[i].n[k];
			if (!n)
				continue;
			for (int edge = 0; edge < 2; edge++) {
				ev_begin(c, name, "counter", "C", a->trace.t0 +
					 (uint64_t)(i + edge) * bw, pid, pid);
				jw_key(W(c), "args");
				jw_object_begin(W(c));
				jw_kuint(W(c), "count", edge ? 0 : n);
				jw_object_end(W(c));
				jw_object_end(W(c));
			}
		}
	}
}

static void chrome_timeline(struct report_ctx *c)
{
	chrome_procs(c);
	chrome_lifetimes(c);
	for (uint32_t i = 0; i < c->a->nmarks; i++) {
		const struct an_mark *m = &c->a->marks[i];

		mark(c, m);
		if (m->type == EV_SIGNAL && m->sender && m->sender != m->pid)
			flow(c, m, i + 1);
	}
	if (c->a->marks_dropped)
		counters(c);
}

static void chrome_end(struct report_ctx *c)
{
	jw_array_end(W(c));
	jw_object_end(W(c));
	sb_addc(c->out, '\n');
}

const struct report_ops report_chrome_ops = {
	.name = "chrome",
	/* marks, and counter tracks from the bins once they ran out */
	.needs = AN_KEEP_LANES | AN_KEEP_MARKS,
	.open = report_jsonw_open,
	.close = free,
	.begin = chrome_begin,
	.timeline = chrome_timeline,
	.end = chrome_end,
};
