/* SPDX-License-Identifier: MIT */
/*
 * report_verdict.c - the sentence people come for: how each process
 * ended, who sent the signal and why it mattered (docs/explanations.md,
 * "The verdict sentence"), and a signal sent to a process group, once.
 * One line, plain UTF-8; the renderers escape it.
 */
#include <signal.h>
#include <string.h>

#include "origin.h"
#include "report.h"
#include "severity.h"

#define NAME_BUF 32

/* Who made the delivery that a re-raise repeated. */
static void reraise_from(struct strbuf *sb, const struct an_fatal *f)
{
	const struct ev_reraise *r = &f->sig.reraise;
	struct ev_signal o;

	if (r->has_sender) {
		struct an_sender s;

		an_sender_from(&s, true, &r->sender, &r->sender_chain);
		an_desc_sender(sb, &s, true);
		return;
	}
	memset(&o, 0, sizeof(o));
	o.signo = f->signo;
	o.code = r->code;
	o.origin = r->origin;
	o.term = r->term;
	o.epipe.kind = r->pipe_kind;
	o.epipe.fd = -1;
	if (!origin_phrase(sb, &o))
		sb_adds(sb, "itself");
}

/* What comes after "from ". */
static void from_phrase(struct strbuf *sb, const struct an_fatal *f)
{
	char buf[NAME_BUF];

	if (f->sig.origin == FROM_RERAISE)
		reraise_from(sb, f);
	else if (origin_phrase(sb, &f->sig))
		return;
	else if (f->sig.origin == FROM_SELF)
		sb_adds(sb, "itself");
	else if (f->sender.present)
		an_desc_sender(sb, &f->sender, true);
	else
		sb_printf(sb, "the kernel (%s)",
			  si_code_name(f->signo, f->code, buf, sizeof(buf)));
}

/* Why it ended so, when that is not said by where it came from. */
static void explanation(struct strbuf *sb, const struct an_fatal *f)
{
	char buf[NAME_BUF];
	const struct ev_signal *s = &f->sig;

	if (s->origin == FROM_RERAISE) {
		sb_printf(sb, ": its handler ran, then it re-raised %s to exit with the default action (the normal clean-exit idiom)",
			  an_signame(f->signo, buf, sizeof(buf)));
	} else if (s->origin == FROM_PIPE && (s->epipe.kind == FILE_PIPE ||
					      s->epipe.kind == FILE_FIFO)) {
		sb_adds(sb, ": the normal end of a pipeline writer");
	} else if (f->has_cause && report_cause_text(f->cause) &&
		   (!f->has_severity || f->severity != SEV_INFO) &&
		   s->origin != FROM_FAULT && s->origin != FROM_TERMINAL) {
		sb_printf(sb, ": %s", report_cause_text(f->cause));
	}
}

/* "killed by SIGTERM at +1.2 ms from ...: ..." (or "stopped by"). */
static void ended_by(const struct analyzer *a, const struct an_proc *p,
		     const char *how, struct strbuf *sb)
{
	const struct an_fatal *f = an_proc_fatal(p);
	char buf[NAME_BUF];

	sb_printf(sb, "%s by %s at ", how,
		  an_signame(f->signo, buf, sizeof(buf)));
	an_desc_rel(a, sb, f->ns);
	sb_adds(sb, " from ");
	from_phrase(sb, f);
	if (f->sig.group.id && f->sig.origin != FROM_TERMINAL)
		sb_printf(sb, " (to its process group %d)",
			  (int)f->sig.group.pgid);
	explanation(sb, f);
}

static void killed(const struct analyzer *a, const struct an_proc *p,
		   struct strbuf *sb)
{
	const struct an_fatal *f = an_proc_fatal(p);
	char buf[NAME_BUF];

	if (f->known && f->signo == p->exit_signo) {
		ended_by(a, p, "killed", sb);
	} else {
		sb_printf(sb, "killed by %s", an_signame(p->exit_signo, buf,
							 sizeof(buf)));
		sb_adds(sb, p->exit_signo == SIGKILL ?
			" (SIGKILL is never shown to a tracer: its sender is unknown)" :
			" (its delivery was not seen)");
	}
	if (p->core)
		sb_adds(sb, ", core dumped");
	if (f->known && f->signo == p->exit_signo && f->tid != p->pid)
		sb_printf(sb, ", delivered to thread %d", (int)f->tid);
}

void report_verdict(const struct analyzer *a, const struct an_proc *p,
		    struct strbuf *sb)
{
	switch (p->verdict) {
	case VERDICT_EXITED:
		sb_printf(sb, "exited %d", p->exit_code);
		return;
	case VERDICT_DETACHED:
		/* A stopped process is not "running": it waits for SIGCONT. */
		if (p->stopped && an_proc_fatal(p)->known) {
			ended_by(a, p, "stopped", sb);
			sb_adds(sb, ", still stopped when sigtrace detached at ");
		} else {
			sb_adds(sb, "still running when sigtrace detached at ");
		}
		an_desc_rel(a, sb, p->end_ns);
		return;
	case VERDICT_RUNNING:
		sb_adds(sb, a->trace.ended ?
			"no exit seen (still running when the trace ended)" :
			"no exit seen before the log ends");
		return;
	case VERDICT_KILLED:
		killed(a, p, sb);
		return;
	}
}

static const char *cls_word(uint8_t cls)
{
	switch (cls) {
	case CLS_HANDLED:
		return "handled";
	case CLS_FATAL:
		return "killed";
	case CLS_STOP:
		return "stopped";
	case CLS_IGNORED:
	case CLS_DEFAULT:
		return "ignored";
	default:
		return "?";
	}
}

void report_group(const struct analyzer *a, const struct an_group *g,
		  struct strbuf *sb)
{
	uint32_t shown = g->n < AN_GROUP_SHOWN ? g->n : AN_GROUP_SHOWN;
	char buf[NAME_BUF];
	struct an_fatal f;

	memset(&f, 0, sizeof(f));
	f.signo = g->signo;
	f.sig.origin = g->origin;
	f.sig.term = g->term;
	f.sig.epipe.fd = -1;
	f.sender = g->sender;
	sb_printf(sb, "%s to process group %d from ",
		  an_signame(g->signo, buf, sizeof(buf)), (int)g->pgid);
	from_phrase(sb, &f);
	sb_printf(sb, ": %u process%s (", g->n, g->n == 1 ? "" : "es");
	for (uint32_t i = 0; i < shown; i++)
		sb_printf(sb, "%s%d %s %s", i ? ", " : "",
			  (int)g->members[i].pid, g->members[i].comm,
			  cls_word(g->members[i].cls));
	if (shown < g->n)
		sb_adds(sb, ", ...");
	sb_addc(sb, ')');
	(void)a;
}
