/* SPDX-License-Identifier: MIT */
/*
 * report_json.c - the report as one JSON document (docs/report.md):
 * everything the text report says, with the structured fields behind
 * each sentence, and every process (the text report summarises).
 * Times are given as mono_ns (as in the log) and as t_ns, nanoseconds
 * since the first event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jsonw.h"
#include "report.h"
#include "xmalloc.h"

#define NAME_BUF 32

static struct jsonw *W(struct report_ctx *c)
{
	return c->data;
}

static void kstr_sb(struct jsonw *w, const char *key, struct strbuf *sb)
{
	jw_kstring(w, key, sb->buf ? sb->buf : "");
	sb_reset(sb);
}

static void kt(struct report_ctx *c, const char *key, uint64_t ns)
{
	jw_kint(W(c), key, (int64_t)(ns - c->a->trace.t0));
}

static void ksignal(struct jsonw *w, int signo)
{
	char buf[NAME_BUF];

	jw_kstring(w, "signal", an_signame(signo, buf, sizeof(buf)));
	jw_kint(w, "signo", signo);
}

static void args(struct jsonw *w, const char *key, const struct an_args *a)
{
	jw_key(w, key);
	jw_array_begin(w);
	for (size_t i = 0; i < a->len;) {
		size_t n = strnlen(a->buf + i, a->len - i);

		jw_string_len(w, a->buf + i, n);
		i += n + 1;
	}
	jw_array_end(w);
	if (a->truncated)
		jw_kbool(w, "truncated", true);
}

static void disp(struct report_ctx *c, const char *key, int signo,
		 const struct an_disp *d)
{
	static const char *const kinds[] = { "unknown", "default", "ignored",
					     "handler" };
	struct jsonw *w = W(c);
	const char *names[64];
	uint64_t unknown;
	size_t n;

	jw_key(w, key);
	jw_object_begin(w);
	jw_kstring(w, "kind", kinds[d->kind <= DISP_HANDLER ? d->kind : 0]);
	if (d->kind == DISP_DEFAULT)
		jw_kstring(w, "action",
			   sig_action_name(sig_default_action(signo)));
	if (d->handler)
		jw_khex(w, "handler", d->handler);
	if (d->symbol)
		jw_kstring(w, "symbol", an_pool_str(c->a, d->symbol));
	if (d->flags_known) {
		n = sa_flags_names(d->flags, names, 64, &unknown);
		jw_key(w, "flags");
		jw_array_begin(w);
		for (size_t i = 0; i < n; i++)
			jw_string(w, names[i]);
		jw_array_end(w);
	}
	jw_object_end(w);
}

static void sender(struct report_ctx *c, const struct an_sender *s)
{
	struct jsonw *w = W(c);

	jw_key(w, "sender");
	jw_object_begin(w);
	jw_kint(w, "pid", s->pid);
	jw_kuint(w, "uid", s->uid);
	jw_kbool(w, "gone", s->gone);
	if (s->named) {
		jw_kstring(w, "comm", s->comm);
		args(w, "cmdline", &s->cmdline);
	}
	jw_key(w, "chain");
	jw_array_begin(w);
	for (unsigned i = 0; i < s->nchain; i++) {
		jw_object_begin(w);
		jw_kint(w, "pid", s->chain[i].pid);
		jw_kstring(w, "comm", s->chain[i].comm);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_object_end(w);
}

void *report_jsonw_open(struct report_ctx *c)
{
	struct jsonw *w = xmalloc(sizeof(*w));

	jw_init(w, c->out);
	return w;
}

static void json_begin(struct report_ctx *c)
{
	struct jsonw *w = W(c);
	const struct analyzer *a = c->a;
	const struct an_trace *t = &a->trace;
	char buf[64];
	struct tm tm;
	time_t sec = (time_t)t->start_sec;

	jw_object_begin(w);
	jw_kstring(w, "report", "sigtrace");
	jw_kint(w, "report_version", 1);
	jw_key(w, "trace");
	jw_object_begin(w);
	jw_kstring(w, "mode", t->attach ? "attach" : "spawn");
	if (t->attach) {
		jw_key(w, "pids");
		jw_array_begin(w);
		for (size_t i = 0; i < t->npids; i++)
			jw_int(w, t->pids[i]);
		jw_array_end(w);
	} else {
		args(w, "argv", &t->argv);
	}
	jw_kstring(w, "version", t->version);
	if (t->started && gmtime_r(&sec, &tm)) {
		size_t n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);

		snprintf(buf + n, sizeof(buf) - n, ".%09ldZ", t->start_nsec);
		jw_kstring(w, "start_time", buf);
	}
	jw_kuint(w, "t0_mono_ns", t->t0);
	jw_kuint(w, "duration_ns", t->t_last - t->t0);
	jw_kuint(w, "events", a->events);
	jw_kuint(w, "deliveries", a->by_type[EV_SIGNAL]);
	jw_kbool(w, "complete", t->ended);
	if (t->ended) {
		jw_kint(w, "exit_status", t->exit_status);
		jw_kuint(w, "ptrace_stops", t->stops);
	}
	jw_key(w, "limits");
	jw_object_begin(w);
	jw_kuint(w, "processes_not_detailed_events", a->procs_untracked);
	jw_kuint(w, "timeline_dropped", a->timeline_dropped);
	jw_kuint(w, "warnings_dropped", a->warnings_dropped);
	jw_kbool(w, "several_traces", t->several);
	jw_object_end(w);
	jw_object_end(w);
}

static void verdict(struct report_ctx *c, const struct an_proc *p)
{
	static const char *const kinds[] = { "running", "exited", "killed",
					     "detached" };
	struct jsonw *w = W(c);
	struct strbuf sb = STRBUF_INIT;
	const struct an_fatal *f = an_proc_fatal(p);

	jw_key(w, "verdict");
	jw_object_begin(w);
	jw_kstring(w, "kind", kinds[p->verdict]);
	report_verdict(c->a, p, &sb);
	kstr_sb(w, "text", &sb);
	if (p->verdict == VERDICT_EXITED)
		jw_kint(w, "code", p->exit_code);
	if (p->verdict == VERDICT_KILLED) {
		ksignal(w, p->exit_signo);
		jw_kbool(w, "core", p->core);
	}
	if (p->verdict == VERDICT_KILLED && f->known &&
	    f->signo == p->exit_signo) {
		char buf[NAME_BUF];

		kt(c, "delivery_t_ns", f->ns);
		jw_kint(w, "tid", f->tid);
		jw_kstring(w, "code_name", si_code_name(f->signo, f->code, buf,
							sizeof(buf)));
		jw_kstring(w, "action", sig_action_name(f->action));
		if (f->has_cause)
			jw_kstring(w, "cause", finding_cause_name(f->cause));
		if (f->sender.present)
			sender(c, &f->sender);
	}
	jw_object_end(w);
	sb_free(&sb);
}

/* KEY: the top frames of a -k backtrace, innermost first. */
static void stack(struct report_ctx *c, const char *key,
		  const struct an_stack *st)
{
	const struct analyzer *a = c->a;
	struct jsonw *w = W(c);

	if (!st)
		return;
	jw_key(w, key);
	jw_object_begin(w);
	if (st->unavailable)
		jw_kstring(w, "unavailable", an_pool_str(a, st->unavailable));
	jw_kuint(w, "frames_total", st->total);
	jw_key(w, "frames");
	jw_array_begin(w);
	for (uint8_t i = 0; i < st->n; i++) {
		const struct an_frame *f = &st->f[i];

		jw_object_begin(w);
		jw_khex(w, "ip", f->ip);
		if (f->symbol)
			jw_kstring(w, "symbol", an_pool_str(a, f->symbol));
		if (f->module)
			jw_kstring(w, "module", an_pool_str(a, f->module));
		jw_khex(w, f->symbol ? "symbol_offset" : "module_offset",
			f->offset);
		if (f->file)
			jw_kstring(w, "file", an_pool_str(a, f->file));
		if (f->line)
			jw_kuint(w, "line", f->line);
		if (f->inlined)
			jw_kbool(w, "inlined", true);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_object_end(w);
}

static void proc_dispositions(struct report_ctx *c, const struct an_proc *p)
{
	static const char *const hows[] = { "start", "sigaction", "observed",
					    "exec", "resethand", "snapshot" };
	struct jsonw *w = W(c);

	jw_key(w, "dispositions");
	jw_array_begin(w);
	for (int s = 1; s <= SIG_MAX; s++) {
		const struct an_sigstate *st = an_sig(p, s);

		if (!report_disp_listed(p, s))
			continue;
		jw_object_begin(w);
		ksignal(w, s);
		disp(c, "start", s, &st->start);
		disp(c, "end", s, &st->cur);
		jw_kbool(w, "changed", st->changed);
		jw_kstring(w, "how", hows[st->how < 6 ? st->how : 0]);
		stack(c, "set_by_stack", an_stack_install(c->a, p, s));
		jw_object_end(w);
	}
	jw_array_end(w);
}

/* "groups": each signal sent to a process group, with its fan-out. */
static void groups(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct jsonw *w = W(c);
	struct strbuf sb = STRBUF_INIT;

	jw_key(w, "groups");
	jw_array_begin(w);
	for (uint32_t i = 0; i < a->ngroups; i++) {
		const struct an_group *g = &a->groups[i];
		uint32_t n = g->n < AN_GROUP_SHOWN ? g->n : AN_GROUP_SHOWN;

		jw_object_begin(w);
		ksignal(w, g->signo);
		jw_kint(w, "pgid", g->pgid);
		sb_reset(&sb);
		report_group(a, g, &sb);
		kstr_sb(w, "text", &sb);
		jw_kuint(w, "deliveries", g->n);
		jw_key(w, "members");
		jw_array_begin(w);
		for (uint32_t m = 0; m < n; m++)
			jw_int(w, g->members[m].pid);
		jw_array_end(w);
		jw_object_end(w);
	}
	jw_array_end(w);
	sb_free(&sb);
}

static void json_verdicts(struct report_ctx *c)
{
	struct jsonw *w = W(c);
	struct an_args argv;

	jw_key(w, "processes");
	jw_array_begin(w);
	for (uint32_t i = 0; i < c->a->nprocs; i++) {
		const struct an_proc *p = c->a->procs[i];

		jw_object_begin(w);
		jw_kint(w, "pid", p->pid);
		jw_kint(w, "parent", p->parent);
		jw_kstring(w, "comm", p->comm);
		args(w, "argv", an_proc_argv(p, &argv));
		if (p->exec_path && p->exec_path[0])
			jw_kstring(w, "exec_path", p->exec_path);
		kt(c, "first_t_ns", p->first_ns);
		if (p->verdict != VERDICT_RUNNING)
			kt(c, "end_t_ns", p->end_ns);
		verdict(c, p);
		jw_kuint(w, "threads", p->nthreads + p->threads_more);
		jw_kuint(w, "deliveries", p->deliveries);
		jw_kuint(w, "eintr", p->eintrs);
		jw_kuint(w, "findings", p->nfindings);
		proc_dispositions(c, p);
		jw_object_end(w);
	}
	jw_array_end(w);
	groups(c);
}

static const char *item_kind(const struct analyzer *a, const struct an_item *it)
{
	switch (it->kind) {
	case ITEM_FINDING:
		return finding_kind_name(a->findings[it->ref].kind);
	case ITEM_EINTR:
		return "eintr_hotspot";
	case ITEM_COALESCED:
		return "coalesced_sigchld";
	default:
		return "warning";
	}
}

static void finding_fields(struct report_ctx *c, const struct an_finding *f)
{
	struct jsonw *w = W(c);
	char buf[NAME_BUF];

	jw_kint(w, "pid", f->pid);
	jw_kstring(w, "comm", f->comm);
	kt(c, "t_ns", f->ns);
	if (f->signo)
		ksignal(w, f->signo);
	if (f->kind == FINDING_DEFAULT_DISPOSITION) {
		jw_kstring(w, "effect", finding_effect_name(f->effect));
		jw_kstring(w, "cause", finding_cause_name(f->cause));
		jw_kstring(w, "code", si_code_name(f->signo, f->code, buf,
						   sizeof(buf)));
		if (f->delivery_ns)
			kt(c, "delivery_t_ns", f->delivery_ns);
		if (f->has_exec && f->delivery_ns >= f->exec_ns)
			jw_kuint(w, "exec_to_delivery_ns",
				 f->delivery_ns - f->exec_ns);
		if (f->has_exec && f->has_install && f->install_ns >= f->exec_ns)
			jw_kuint(w, "exec_to_install_ns",
				 f->install_ns - f->exec_ns);
		if (f->has_cause && f->delivery_ns >= f->cause_ns)
			jw_kuint(w, "cause_to_delivery_ns",
				 f->delivery_ns - f->cause_ns);
		if (f->exec_path[0])
			jw_kstring(w, "exec_path", f->exec_path);
	}
	if (f->signals) {
		jw_key(w, "signals");
		jw_array_begin(w);
		for (int s = 1; s <= SIG_MAX; s++)
			if (f->signals & SIGBIT(s))
				jw_string(w, an_signame(s, buf, sizeof(buf)));
		jw_array_end(w);
	}
	if (f->handler.kind != DISP_UNKNOWN)
		disp(c, "handler", f->signo, &f->handler);
	if (f->sender.present)
		sender(c, &f->sender);
	if (f->count > 1)
		jw_kuint(w, "processes", f->count);
}

static void item_fields(struct report_ctx *c, const struct an_item *it)
{
	struct jsonw *w = W(c);
	const struct an_eintr *r;
	const struct an_proc *p;

	switch (it->kind) {
	case ITEM_FINDING:
		finding_fields(c, &c->a->findings[it->ref]);
		stack(c, "delivery_stack", an_stack_delivery(c->a, it->ref));
		stack(c, "sigaction_stack",
		      an_stack_finding_sigaction(c->a, it->ref));
		break;
	case ITEM_EINTR:
		r = &c->a->eintr[it->ref];
		jw_kint(w, "pid", r->pid);
		jw_kstring(w, "comm", r->comm);
		jw_kstring(w, "syscall", an_pool_str(c->a, r->syscall));
		ksignal(w, r->signo);
		jw_kuint(w, "count", r->eintr);
		break;
	case ITEM_COALESCED:
		p = c->a->procs[it->ref];
		jw_kint(w, "pid", p->pid);
		jw_kstring(w, "comm", p->comm);
		jw_kuint(w, "child_exits", p->child_exits);
		jw_kuint(w, "sigchld_handled", p->sigchld_handled);
		break;
	default:
		jw_kint(w, "pid", c->a->warnings[it->ref].pid);
		jw_kstring(w, "comm", c->a->warnings[it->ref].comm);
		kt(c, "t_ns", c->a->warnings[it->ref].ns);
		break;
	}
}

static void json_findings(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct jsonw *w = W(c);
	struct strbuf sb = STRBUF_INIT;

	jw_key(w, "findings");
	jw_array_begin(w);
	for (uint32_t i = 0; i < a->nitems; i++) {
		const struct an_item *it = &a->items[i];

		jw_object_begin(w);
		jw_kstring(w, "severity", report_sev_name(it->sev));
		jw_kstring(w, "kind", item_kind(a, it));
		report_item_title(a, it, &sb);
		kstr_sb(w, "title", &sb);
		report_item_details(a, it, &sb);
		jw_key(w, "details");
		jw_array_begin(w);
		for (const char *s = sb.buf; s && *s;) {
			size_t n = strcspn(s, "\n");

			jw_string_len(w, s, n);
			s += n + (s[n] == '\n');
		}
		jw_array_end(w);
		sb_reset(&sb);
		item_fields(c, it);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_key(w, "findings_dropped");
	jw_object_begin(w);
	for (int k = 0; k < FINDING__COUNT; k++)
		jw_kuint(w, finding_kind_name(k), a->findings_dropped[k]);
	jw_object_end(w);
	jw_key(w, "coalescing");
	jw_object_begin(w);
	jw_kstring(w, "kill_sent", "not measured");
	jw_kstring(w, "note", report_coalescing_note());
	jw_kbool(w, "sigchld_measured", a->sigchld_seen);
	jw_object_end(w);
	sb_free(&sb);
}

static void json_signals(struct report_ctx *c)
{
	struct jsonw *w = W(c);

	jw_key(w, "signals");
	jw_array_begin(w);
	for (int s = 1; s <= SIG_MAX; s++) {
		const struct an_sigstat *st = &c->a->sigs[s];

		if (!st->delivered)
			continue;
		jw_object_begin(w);
		ksignal(w, s);
		jw_kuint(w, "delivered", st->delivered);
		jw_kuint(w, "handled", st->handled);
		jw_kuint(w, "ignored", st->ignored);
		jw_kuint(w, "default", st->deflt);
		jw_kuint(w, "fatal", st->fatal);
		jw_kuint(w, "stopped", st->stopped);
		jw_kuint(w, "unknown", st->unknown);
		jw_key(w, "senders");
		jw_array_begin(w);
		for (uint32_t i = 0; i < st->nsenders; i++) {
			jw_object_begin(w);
			jw_kstring(w, "sender", st->senders[i].key);
			jw_kbool(w, "process", st->senders[i].process);
			if (st->senders[i].process)
				jw_kint(w, "pid", st->senders[i].pid);
			jw_kbool(w, "several_pids", st->senders[i].many_pids);
			jw_kuint(w, "count", st->senders[i].n);
			jw_object_end(w);
		}
		jw_array_end(w);
		jw_kuint(w, "other_senders", st->other_senders);
		if (c->a->counts) {
			const struct an_sigcount *sc = &c->a->counts->sig[s];

			jw_kuint(w, "eintr", sc->eintr);
			jw_kuint(w, "distinct_senders", sc->senders);
			if (sc->senders_more)
				jw_kbool(w, "distinct_senders_at_least", true);
			jw_kuint(w, "findings", sc->findings);
		}
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void json_eintr(struct report_ctx *c)
{
	struct jsonw *w = W(c);

	jw_key(w, "eintr");
	jw_array_begin(w);
	for (uint32_t i = 0; i < c->a->neintr; i++) {
		const struct an_eintr *r = &c->a->eintr[i];

		jw_object_begin(w);
		jw_kint(w, "pid", r->pid);
		jw_kstring(w, "comm", r->comm);
		jw_kstring(w, "syscall", an_pool_str(c->a, r->syscall));
		ksignal(w, r->signo);
		jw_kuint(w, "interrupted", r->interrupted);
		jw_kuint(w, "eintr", r->eintr);
		jw_kuint(w, "restarted", r->restarted);
		jw_kbool(w, "never_restarted", r->never_restarted);
		jw_key(w, "sa_restart");
		if (r->sa_restart < 0)
			jw_null(w);
		else
			jw_bool(w, r->sa_restart > 0);
		if (r->handler.kind != DISP_UNKNOWN)
			disp(c, "handler", r->signo, &r->handler);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void json_timeline(struct report_ctx *c)
{
	struct jsonw *w = W(c);

	jw_key(w, "timeline");
	jw_array_begin(w);
	for (uint32_t i = 0; i < c->a->ntimeline; i++) {
		const struct an_tl *t = &c->a->timeline[i];

		jw_object_begin(w);
		kt(c, "t_ns", t->ns);
		jw_kuint(w, "mono_ns", t->ns);
		jw_kint(w, "pid", t->pid);
		jw_kint(w, "tid", t->tid);
		jw_kstring(w, "comm", t->comm);
		jw_kstring(w, "type", event_type_name(t->type));
		jw_kstring(w, "text", t->text);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void json_end(struct report_ctx *c)
{
	jw_object_end(W(c));
	sb_addc(c->out, '\n');
}

const struct report_ops report_json_ops = {
	.name = "json",
	.open = report_jsonw_open,
	.close = free,
	.begin = json_begin,
	.verdicts = json_verdicts,
	.findings = json_findings,
	.dispositions = NULL,	/* per process, with its verdict */
	.signals = json_signals,
	.eintr = json_eintr,
	.timeline = json_timeline,
	.end = json_end,
};
