/* SPDX-License-Identifier: MIT */
/*
 * analyzer_stats.c - the tables of the report (per signal, per EINTR
 * site), the findings as logged (the first AN_FINDINGS_MAX; audit
 * findings grouped by program), the warnings, and at the end the ranked
 * list of report findings, including those the analyzer derives: EINTR
 * hot spots and coalesced SIGCHLDs.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "severity.h"
#include "xmalloc.h"

#define NAME_BUF 32

/* ---- per-signal table ---- */

static void sender_key(const struct ev_signal *s, char *key, size_t len,
		       bool *process)
{
	char buf[NAME_BUF];

	*process = false;
	if (s->has_sender) {
		struct an_sender snd;

		/* Only the name: an_sender_from cleans it as the log has it. */
		an_sender_from(&snd, true, &s->sender, &s->sender_chain);
		if (snd.named) {
			*process = true;
			snprintf(key, len, "%s", snd.comm);
			return;
		}
		snprintf(key, len, "(unknown process)");
		*process = true;
		return;
	}
	snprintf(key, len, "%s",
		 si_code_name(s->signo, s->code, buf, sizeof(buf)));
}

static void count_sender(struct an_sigstat *st, const struct ev_signal *s)
{
	char key[COMM_MAX];
	bool process;
	pid_t pid = s->has_sender ? s->sender.pid : 0;

	sender_key(s, key, sizeof(key), &process);
	for (uint32_t i = 0; i < st->nsenders; i++) {
		struct an_sender_count *c = &st->senders[i];

		if (c->process != process || strcmp(c->key, key) != 0)
			continue;
		c->n++;
		if (c->pid != pid)
			c->many_pids = true;
		return;
	}
	if (st->nsenders >= AN_SENDERS_MAX) {
		st->other_senders++;
		return;
	}
	st->senders[st->nsenders] = (struct an_sender_count){
		.process = process, .pid = pid, .n = 1 };
	memcpy(st->senders[st->nsenders].key, key, sizeof(key));
	st->nsenders++;
}

void an_stats_signal(struct analyzer *a, const struct event *e,
		     const struct an_disp *d)
{
	const struct ev_signal *s = &e->u.sig;
	struct an_sigstat *st;

	if (s->signo < 1 || s->signo > SIG_MAX)
		return;
	st = &a->sigs[s->signo];
	st->delivered++;
	switch (d->kind) {
	case DISP_HANDLER:
		st->handled++;
		break;
	case DISP_IGNORED:
		st->ignored++;
		break;
	case DISP_DEFAULT:
		st->deflt++;
		if (an_disp_class(s->signo, d) == CLS_FATAL)
			st->fatal++;
		else if (an_disp_class(s->signo, d) == CLS_STOP)
			st->stopped++;
		break;
	default:
		st->unknown++;
		break;
	}
	count_sender(st, s);
}

/* ---- EINTR table ---- */

static struct an_eintr *eintr_row(struct analyzer *a, struct an_proc *p,
				  const struct event *e, bool *created)
{
	const struct ev_syscall_sig *c = &e->u.sc;
	char buf[NAME_BUF];
	struct an_eintr *r;

	*created = false;
	for (uint32_t i = 0; i < a->neintr; i++) {
		r = &a->eintr[i];
		if (r->pid == e->pid && r->nr == c->syscall &&
		    r->signo == c->signo)
			return r;
	}
	if (!p || a->neintr >= AN_EINTR_MAX)
		return NULL;
	a->eintr = an_grow(a->eintr, &a->eintr_cap, a->neintr, AN_EINTR_MAX,
			   sizeof(*a->eintr));
	r = &a->eintr[a->neintr++];
	memset(r, 0, sizeof(*r));
	r->pid = e->pid;
	memcpy(r->comm, p->comm, sizeof(r->comm));
	r->nr = c->syscall;
	r->syscall = an_pool_add(&a->pool, an_syscall_name(c->syscall,
				 c->syscall_name, buf, sizeof(buf)));
	r->signo = c->signo;
	r->sa_restart = -1;
	r->first_ns = e->mono_ns;
	*created = true;
	return r;
}

bool an_stats_syscall(struct analyzer *a, struct an_proc *p,
		      const struct event *e)
{
	const struct ev_syscall_sig *c = &e->u.sc;
	bool created;
	struct an_eintr *r = eintr_row(a, p, e, &created);

	if (p && e->type == EV_EINTR)
		p->eintrs++;
	if (!r) {
		if (e->type != EV_INTERRUPTED)
			a->eintr_other++;
		return false;
	}
	if (e->type == EV_INTERRUPTED) {
		r->interrupted++;
	} else if (e->type == EV_RESTARTED) {
		r->restarted++;
	} else {
		r->eintr++;
		if (c->unseen)
			r->unseen++;
	}
	if (c->never_restarted)
		r->never_restarted = true;
	if (c->handler.kind == DISP_HANDLER) {
		an_disp_from(a, &r->handler, &c->handler);
		if (r->handler.flags_known)
			r->sa_restart =
				(r->handler.flags & K_SA_RESTART) ? 1 : 0;
	}
	/* The first EINTR of a site goes to the timeline with context. */
	return e->type == EV_EINTR && r->eintr == 1;
}

/* ---- findings ---- */

static bool audit_kind(int kind)
{
	return kind == FINDING_DANGEROUS_DEFAULTS ||
	       kind == FINDING_ONESHOT_HANDLER;
}

static void finding_fill(struct analyzer *a, struct an_finding *f,
			 const struct event *e, const char *comm)
{
	const struct ev_finding *x = &e->u.finding;
	bool harm = x->kind == FINDING_DEFAULT_DISPOSITION;

	memset(f, 0, sizeof(*f));
	f->seq = a->events - 1;
	f->ns = e->mono_ns;
	f->pid = e->pid;
	f->tid = e->tid;
	memcpy(f->comm, comm, sizeof(f->comm));
	f->kind = (uint8_t)x->kind;
	/* Exactly what the JSON log carries for each kind (sink_json.c). */
	if (harm || (x->signo >= 1 && x->signo <= SIG_MAX))
		f->signo = x->signo;
	if (harm) {
		f->code = x->code;
		f->effect = (uint8_t)x->effect;
		f->cause = (uint8_t)x->cause;
		f->origin = (uint8_t)x->origin;
	}
	f->has_severity = x->has_severity;
	f->severity = (uint8_t)(x->has_severity ? x->severity :
				severity_legacy(x));
	an_sender_from(&f->sender, x->has_sender, &x->sender,
		       &x->sender_chain);
	f->delivery_ns = x->delivery_mono_ns;
	f->has_cause = x->has_cause_time;
	f->cause_ns = x->has_cause_time ? x->cause_mono_ns : 0;
	f->has_install = x->has_install_time;
	f->install_ns = x->has_install_time ? x->install_mono_ns : 0;
	f->has_exec = x->has_exec_time;
	f->exec_ns = x->has_exec_time ? x->exec_mono_ns : 0;
	if (x->has_exec_time)
		an_clean(f->exec_path, sizeof(f->exec_path), x->exec_path,
			 strnlen(x->exec_path, sizeof(x->exec_path)));
	f->signals = x->signals;
	an_disp_from(a, &f->handler, &x->handler);
	an_clean(f->detail, sizeof(f->detail) - 3, x->detail,
		 strnlen(x->detail, sizeof(x->detail)));
	f->count = 1;
}

/* The same audit finding about the same program: one entry. */
static bool group_audit(struct analyzer *a, const struct an_finding *f)
{
	for (uint32_t i = 0; i < a->nfindings; i++) {
		struct an_finding *g = &a->findings[i];

		if (g->kind != f->kind || g->signo != f->signo ||
		    g->signals != f->signals || strcmp(g->comm, f->comm) ||
		    g->handler.symbol != f->handler.symbol ||
		    g->handler.flags != f->handler.flags)
			continue;
		if (g->count - 1 < sizeof(g->more_pids) / sizeof(pid_t))
			g->more_pids[g->count - 1] = f->pid;
		g->count++;
		return true;
	}
	return false;
}

bool an_stats_finding(struct analyzer *a, struct an_proc *p,
		      const struct event *e)
{
	const struct ev_finding *x = &e->u.finding;
	struct an_finding f;
	int kind = x->kind;

	if ((unsigned)kind >= FINDING__COUNT)
		return false;
	a->findings_total[kind]++;
	if (p)
		p->nfindings++;
	if (p && kind == FINDING_DEFAULT_DISPOSITION && p->fatal &&
	    p->fatal->known && p->fatal->signo == x->signo &&
	    x->effect != EFFECT_STOPPED) {
		p->fatal->has_cause = true;
		p->fatal->cause = (uint8_t)x->cause;
		p->fatal->has_severity = x->has_severity;
		p->fatal->severity = (uint8_t)x->severity;
	}
	finding_fill(a, &f, e, p ? p->comm : "");
	if (audit_kind(kind) && group_audit(a, &f))
		return false;
	if (a->nfindings >= AN_FINDINGS_MAX) {
		a->findings_dropped[kind]++;
		return false;
	}
	a->findings = an_grow(a->findings, &a->findings_cap, a->nfindings,
			      AN_FINDINGS_MAX, sizeof(*a->findings));
	a->findings[a->nfindings++] = f;
	return !audit_kind(kind);
}

bool an_stats_warning(struct analyzer *a, const struct event *e)
{
	struct an_warning *w;

	if (a->nwarnings >= AN_WARNINGS_MAX) {
		a->warnings_dropped++;
		return false;
	}
	a->warnings = an_grow(a->warnings, &a->warnings_cap, a->nwarnings,
			      AN_WARNINGS_MAX, sizeof(*a->warnings));
	w = &a->warnings[a->nwarnings++];
	w->seq = a->events - 1;
	w->ns = e->mono_ns;
	w->pid = e->pid;
	w->tid = e->tid;
	an_clean(w->comm, sizeof(w->comm), e->comm,
		 strnlen(e->comm, sizeof(e->comm)));
	an_clean(w->message, sizeof(w->message) - 3, e->u.warning.message,
		 strnlen(e->u.warning.message, sizeof(e->u.warning.message)));
	return true;
}

/* ---- ranking ---- */

/* Report order within a severity: the order of the list. */
enum { RANK_DEFAULT, RANK_EINTR, RANK_ONESHOT, RANK_DANGER, RANK_COALESCED,
       RANK_MISMATCH };

static void item_add(struct analyzer *a, enum severity sev, enum an_item_kind
		     kind, uint32_t ref, unsigned rank, uint64_t order)
{
	struct an_item *it = &a->items[a->nitems++];

	it->sev = (uint8_t)sev;
	it->kind = (uint8_t)kind;
	it->ref = ref;
	if (order > 0xffffffffffull)
		order = 0xffffffffffull;
	it->key = ((uint64_t)sev << 56) | ((uint64_t)rank << 48) |
		  (order << 8);
	a->sev_count[sev]++;
}

/* The severity is the log's (severity.c decided it when the finding
 * was made; a log from before severities gets the rules of then). */
static void rank_finding(struct analyzer *a, uint32_t i)
{
	const struct an_finding *f = &a->findings[i];
	static const unsigned rank[FINDING__COUNT] = {
		[FINDING_DEFAULT_DISPOSITION] = RANK_DEFAULT,
		[FINDING_ONESHOT_HANDLER] = RANK_ONESHOT,
		[FINDING_DANGEROUS_DEFAULTS] = RANK_DANGER,
		[FINDING_MODEL_MISMATCH] = RANK_MISMATCH,
	};

	item_add(a, (enum severity)f->severity, ITEM_FINDING, i,
		 f->kind < FINDING__COUNT ? rank[f->kind] : RANK_MISMATCH, i);
}

/* An EINTR worth ranking: from a call that is not made to wait (for a
 * signal, or in an event loop, which calls it again), that the program
 * saw, and not on its way out (a process that then died by re-raising
 * the signal: dash's wait4 after ^C).  *SEV: its rank; a sleep cut short
 * is seldom a bug (a runtime such as CPython's sleeps again): low. */
static bool eintr_ranked(const struct analyzer *a, const struct an_eintr *r,
			 enum severity *sev)
{
	const struct an_proc *p = analyzer_proc(a, r->pid);
	enum call_class class = syscall_class(an_pool_str(a, r->syscall));

	if (r->eintr <= r->unseen ||
	    (class != CALL_OTHER && class != CALL_SLEEP))
		return false;
	*sev = class == CALL_SLEEP ? SEV_LOW : SEV_MEDIUM;
	const struct an_fatal *f = p ? an_proc_fatal(p) : NULL;

	return !(f && f->known && f->signo == r->signo &&
		 f->sig.origin == FROM_RERAISE);
}

/* A warning that only repeats a model_mismatch finding's detail. */
static bool warning_repeats(const struct analyzer *a,
			    const struct an_warning *w)
{
	for (uint32_t i = 0; i < a->nfindings; i++) {
		const struct an_finding *f = &a->findings[i];

		if (f->kind == FINDING_MODEL_MISMATCH && f->pid == w->pid &&
		    strcmp(f->detail, w->message) == 0)
			return true;
	}
	return false;
}

static int item_cmp(const void *x, const void *y)
{
	const struct an_item *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return a->ref < b->ref ? -1 : a->ref > b->ref;
}

void an_stats_finish(struct analyzer *a)
{
	size_t max = (size_t)a->nfindings + a->neintr + a->nprocs +
		a->nwarnings;

	a->items = xcalloc(max ? max : 1, sizeof(*a->items));
	for (uint32_t i = 0; i < a->nfindings; i++)
		rank_finding(a, i);
	for (uint32_t i = 0; i < a->neintr; i++) {
		const struct an_eintr *r = &a->eintr[i];
		enum severity sev;

		/* More EINTRs first. */
		if (eintr_ranked(a, r, &sev))
			item_add(a, sev, ITEM_EINTR, i, RANK_EINTR,
				 (0xffffffffull - (r->eintr & 0xffffffffull))
				 << 8 | (i & 0xff));
	}
	for (uint32_t i = 0; i < a->nprocs && a->sigchld_seen; i++) {
		const struct an_proc *p = a->procs[i];

		/* A parent killed by a signal may have died with SIGCHLDs
		 * pending (make after ^C): no coalescing to blame. */
		if (p->child_exits > p->sigchld_handled &&
		    p->verdict != VERDICT_KILLED)
			item_add(a, SEV_LOW, ITEM_COALESCED, i, RANK_COALESCED,
				 i);
	}
	for (uint32_t i = 0; i < a->nwarnings; i++)
		if (!warning_repeats(a, &a->warnings[i]))
			item_add(a, SEV_MEDIUM, ITEM_WARNING, i, RANK_MISMATCH,
				 a->warnings[i].seq);
	qsort(a->items, a->nitems, sizeof(*a->items), item_cmp);
}
