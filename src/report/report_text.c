/* SPDX-License-Identifier: MIT */
/*
 * report_text.c - the report for a terminal or a ticket, readable in a
 * minute: verdicts, findings with their fix, then the tables and the
 * timeline; and the short summary sigtrace prints after every trace.
 * Untrusted text goes through report_esc_text().
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "report.h"

#define NAME_BUF 32
#define TEXT_PROCS_MAX 30	/* verdicts listed before summarising */
#define TEXT_ITEMS_MAX 50
#define TEXT_TABLES_MAX 20	/* disposition tables */
#define SUMMARY_ITEMS_MAX 5
#define SUMMARY_PROCS_MAX 10

static void esc(struct report_ctx *c, const char *s)
{
	report_esc_text(c->out, s);
}

/* A plain-text block (several lines), each line indented. */
static void esc_lines(struct report_ctx *c, const char *s, const char *indent)
{
	while (*s) {
		size_t n = strcspn(s, "\n");
		char line[2048];

		snprintf(line, sizeof(line), "%.*s", (int)n, s);
		sb_adds(c->out, indent);
		esc(c, line);
		sb_addc(c->out, '\n');
		s += n + (s[n] == '\n');
	}
}

/* Spaces after a name of LEN bytes to reach column WIDTH (at least 1). */
static void pad(struct report_ctx *c, size_t len, size_t width)
{
	sb_printf(c->out, "%*s", len < width ? (int)(width - len) : 1, "");
}

static void esc_sb(struct report_ctx *c, struct strbuf *sb)
{
	esc(c, sb->buf ? sb->buf : "");
	sb_reset(sb);
}

static void wall_time(const struct analyzer *a, struct strbuf *sb)
{
	time_t t = (time_t)a->trace.start_sec;
	struct tm tm;
	char buf[64];

	if (!a->trace.started || !gmtime_r(&t, &tm)) {
		sb_adds(sb, "?");
		return;
	}
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	sb_printf(sb, "%s.%03ld UTC", buf, a->trace.start_nsec / 1000000);
}

static void limits(struct report_ctx *c)
{
	const struct analyzer *a = c->a;

	if (a->procs_untracked)
		sb_printf(c->out, "  note: only the first %d processes are detailed; %llu events of later ones are only counted\n",
			  AN_PROCS_MAX, (unsigned long long)a->procs_untracked);
	if (a->trace.several)
		sb_adds(c->out, "  note: the log holds more than one trace_start: pids may mix\n");
	if (!a->trace.ended)
		sb_adds(c->out, "  note: the log has no trace_end: the trace was cut short\n");
}

static void text_begin(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;

	sb_adds(c->out, "sigtrace report: ");
	report_trace_title(a, &sb);
	esc_sb(c, &sb);
	sb_printf(c->out, " (%s)\n  started ", a->trace.attach ? "attach" :
		  "spawn");
	wall_time(a, c->out);
	sb_adds(c->out, ", lasted ");
	an_desc_ms(c->out, a->trace.t_last - a->trace.t0);
	sb_printf(c->out, "; %u process%s, %llu events, %llu signals delivered",
		  a->nprocs, a->nprocs == 1 ? "" : "es",
		  (unsigned long long)a->events,
		  (unsigned long long)a->by_type[EV_SIGNAL]);
	if (a->trace.ended)
		sb_printf(c->out, "; sigtrace exit status %d",
			  a->trace.exit_status);
	sb_addc(c->out, '\n');
	limits(c);
	sb_free(&sb);
}

static void verdict_line(struct report_ctx *c, const struct an_proc *p,
			 const char *indent)
{
	struct strbuf sb = STRBUF_INIT;

	sb_printf(c->out, "%s%-7d ", indent, (int)p->pid);
	esc(c, p->comm[0] ? p->comm : "?");
	pad(c, p->comm[0] ? strlen(p->comm) : 1, 17);
	report_verdict(c->a, p, &sb);
	esc_sb(c, &sb);
	sb_addc(c->out, '\n');
	sb_free(&sb);
}

/* Each signal sent to a process group, once, when it reached more than
 * one traced process. */
static void group_lines(struct report_ctx *c, const char *indent)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;

	for (uint32_t i = 0; i < a->ngroups; i++) {
		if (a->groups[i].n < 2)
			continue;
		report_group(a, &a->groups[i], &sb);
		sb_adds(c->out, indent);
		esc_sb(c, &sb);
		sb_addc(c->out, '\n');
	}
	sb_free(&sb);
}

/* The rows of class CLS, at most MAX; how many were printed. */
static uint32_t verdict_rows(struct report_ctx *c, enum report_proc_class cls,
			     uint32_t max, const char *indent)
{
	uint32_t shown = 0;

	for (uint32_t i = 0; i < c->a->nprocs && shown < max; i++) {
		if (report_proc_class(c->a->procs[i]) != cls)
			continue;
		verdict_line(c, c->a->procs[i], indent);
		shown++;
	}
	return shown;
}

/* Deaths by signal first, then the other processes worth a line, then
 * one line for the quiet rest. */
static void verdict_lines(struct report_ctx *c, uint32_t max,
			  const char *indent)
{
	const struct analyzer *a = c->a;
	uint32_t shown, quiet = report_proc_count(a, PROC_QUIET);
	struct strbuf sb = STRBUF_INIT;

	shown = verdict_rows(c, PROC_DIED, max, indent);
	shown += verdict_rows(c, PROC_NOTABLE, max - shown, indent);
	if (shown + quiet < a->nprocs)
		sb_printf(c->out, "%s... and %u more processes with something to say: see the JSON report\n",
			  indent, a->nprocs - quiet - shown);
	if (quiet) {
		report_quiet_line(a, &sb);
		sb_printf(c->out, "%s%s\n", indent, sb.buf);
	}
	sb_free(&sb);
}

static void text_verdicts(struct report_ctx *c)
{
	sb_adds(c->out, "\nVERDICTS (killed or stopped by a signal first)\n");
	if (c->a->nprocs == 0)
		sb_adds(c->out, "  no process was traced\n");
	verdict_lines(c, TEXT_PROCS_MAX, "  ");
	group_lines(c, "  ");
}

/* "1 critical, 2 low"; without the info ones in the summary (its
 * verdicts say them). */
static void sev_counts(struct report_ctx *c, bool info)
{
	bool first = true;

	for (int s = 0; s < (info ? SEV__COUNT : SEV_INFO); s++) {
		if (!c->a->sev_count[s])
			continue;
		sb_printf(c->out, "%s%u %s", first ? "" : ", ",
			  c->a->sev_count[s], report_sev_name(s));
		first = false;
	}
	if (first)
		sb_adds(c->out, "none");
}

static void dropped_findings(struct report_ctx *c)
{
	const struct analyzer *a = c->a;

	for (int k = 0; k < FINDING__COUNT; k++)
		if (a->findings_dropped[k])
			sb_printf(c->out, "  (%llu more %s findings not kept: the first %d are)\n",
				  (unsigned long long)a->findings_dropped[k],
				  finding_kind_name(k), AN_FINDINGS_MAX);
	if (a->warnings_dropped)
		sb_printf(c->out, "  (%llu more warnings not kept)\n",
			  (unsigned long long)a->warnings_dropped);
}

static void text_findings(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;
	uint32_t n = a->nitems < TEXT_ITEMS_MAX ? a->nitems : TEXT_ITEMS_MAX;

	sb_adds(c->out, "\nFINDINGS: ");
	sev_counts(c, true);
	sb_addc(c->out, '\n');
	for (uint32_t i = 0; i < n; i++) {
		const struct an_item *it = &a->items[i];

		sb_printf(c->out, "  %u. [%s] ", i + 1,
			  report_sev_name(it->sev));
		report_item_title(a, it, &sb);
		esc_sb(c, &sb);
		sb_addc(c->out, '\n');
		report_item_details(a, it, &sb);
		report_item_stacks(a, it, &sb);
		esc_lines(c, sb.buf ? sb.buf : "", "       ");
		sb_reset(&sb);
	}
	if (n < a->nitems)
		sb_printf(c->out, "  ... and %u more: see the JSON report\n",
			  a->nitems - n);
	dropped_findings(c);
	sb_adds(c->out, "  note: ");
	sb_adds(c->out, report_coalescing_note());
	sb_addc(c->out, '\n');
	sb_free(&sb);
}

static void disp_row(struct report_ctx *c, const struct an_proc *p, int signo)
{
	const struct an_sigstate *s = an_sig(p, signo);
	struct strbuf sb = STRBUF_INIT;
	char buf[NAME_BUF];
	bool same = s->start.kind == s->cur.kind &&
		s->start.handler == s->cur.handler &&
		s->start.flags == s->cur.flags;

	const struct an_stack *st = an_stack_install(c->a, p, signo);

	sb_printf(c->out, "    %-12s ", an_signame(signo, buf, sizeof(buf)));
	an_desc_disp(c->a, &sb, signo, &s->start, true);
	if (same) {
		sb_adds(&sb, "  (unchanged)");
	} else {
		sb_adds(&sb, "  ->  ");
		an_desc_disp(c->a, &sb, signo, &s->cur, true);
	}
	esc_sb(c, &sb);
	sb_addc(c->out, '\n');
	if (st) {
		sb_adds(c->out, "                 set at: ");
		report_stack_oneline(c->a, st, &sb);
		esc_sb(c, &sb);
		sb_addc(c->out, '\n');
	}
	sb_free(&sb);
}

static bool proc_has_table(const struct an_proc *p)
{
	for (int s = 1; s <= SIG_MAX; s++)
		if (report_disp_listed(p, s))
			return true;
	return false;
}

/* The audit: signals operators and tools send whose default still
 * terminates P at the end (a finding only when one was sent to it, or
 * it is an attached daemon: lifecycle.c).  One P took with sigwaitinfo
 * or from a signalfd is blocked: not a way to die. */
static void still_terminate(struct report_ctx *c, const struct an_proc *p,
			    const char *indent)
{
	sigbits_t danger = an_proc_dangerous(p) & ~p->consumed;
	char buf[512];

	/* It matters for a process that lives on, not for a dead one. */
	if (!danger || p->verdict == VERDICT_KILLED)
		return;
	sb_printf(c->out, "%s%s still terminate %d ", indent,
		  sigset_format(danger, buf, sizeof(buf)), (int)p->pid);
	esc(c, p->comm[0] ? p->comm : "?");
	sb_adds(c->out, " (default action)\n");
}

static void text_dispositions(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	uint32_t shown = 0, rest = 0;

	sb_printf(c->out, "\nDISPOSITIONS (%s -> end; signals at default throughout and never delivered are not listed)\n",
		  a->trace.attach ? "when sigtrace attached, or the program's start" :
		  "start of the program");
	for (uint32_t i = 0; i < a->nprocs; i++) {
		const struct an_proc *p = a->procs[i];

		if (!proc_has_table(p))
			continue;
		if (shown >= TEXT_TABLES_MAX) {
			rest++;
			continue;
		}
		sb_printf(c->out, "  %d ", (int)p->pid);
		esc(c, p->comm);
		sb_addc(c->out, '\n');
		for (int s = 1; s <= SIG_MAX; s++)
			if (report_disp_listed(p, s))
				disp_row(c, p, s);
		still_terminate(c, p, "    ");
		shown++;
	}
	if (rest)
		sb_printf(c->out, "  ... and %u more processes: see the JSON report\n",
			  rest);
	if (!shown) {
		sb_adds(c->out, "  every signal kept its default disposition\n");
		if (a->nprocs)
			still_terminate(c, a->procs[0], "  ");
	}
}

static void senders(struct report_ctx *c, const struct an_sigstat *st)
{
	for (uint32_t i = 0; i < st->nsenders; i++) {
		const struct an_sender_count *s = &st->senders[i];

		sb_adds(c->out, i ? ", " : "");
		esc(c, s->key);
		if (s->process && s->many_pids)
			sb_printf(c->out, " x%llu (several pids)",
				  (unsigned long long)s->n);
		else if (s->process)
			sb_printf(c->out, " x%llu (%d)",
				  (unsigned long long)s->n, (int)s->pid);
		else
			sb_printf(c->out, " x%llu", (unsigned long long)s->n);
	}
	if (st->other_senders)
		sb_printf(c->out, ", others x%llu",
			  (unsigned long long)st->other_senders);
}

static void text_signals(struct report_ctx *c)
{
	char buf[NAME_BUF];

	sb_adds(c->out, "\nSIGNALS        delivered  handled  ignored  default  (fatal/stop)  senders\n");
	for (int s = 1; s <= SIG_MAX; s++) {
		const struct an_sigstat *st = &c->a->sigs[s];

		if (!st->delivered)
			continue;
		sb_printf(c->out, "  %-12s %9llu %8llu %8llu %8llu  %5llu/%-5llu  ",
			  an_signame(s, buf, sizeof(buf)),
			  (unsigned long long)st->delivered,
			  (unsigned long long)st->handled,
			  (unsigned long long)st->ignored,
			  (unsigned long long)st->deflt,
			  (unsigned long long)st->fatal,
			  (unsigned long long)st->stopped);
		senders(c, st);
		sb_addc(c->out, '\n');
	}
	if (!c->a->by_type[EV_SIGNAL])
		sb_adds(c->out, "  no signal was delivered\n");
}

static void text_eintr(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	char buf[NAME_BUF];

	if (!a->neintr)
		return;
	sb_adds(c->out, "\nINTERRUPTED SYSCALLS  pid/comm  syscall  signal: interrupted, EINTR, restarted\n");
	for (uint32_t i = 0; i < a->neintr; i++) {
		const struct an_eintr *r = &a->eintr[i];

		sb_printf(c->out, "  %-7d ", (int)r->pid);
		esc(c, r->comm);
		sb_printf(c->out, "  %s()  %s: %llu, %llu, %llu%s%s\n",
			  an_pool_str(a, r->syscall),
			  an_signame(r->signo, buf, sizeof(buf)),
			  (unsigned long long)r->interrupted,
			  (unsigned long long)r->eintr,
			  (unsigned long long)r->restarted,
			  r->never_restarted ? "  [never restarted]" : "",
			  r->sa_restart == 0 ? "  [no SA_RESTART]" :
			  r->sa_restart > 0 ? "  [SA_RESTART]" : "");
	}
	if (a->eintr_other)
		sb_printf(c->out, "  (%llu outcomes at other sites not tabled)\n",
			  (unsigned long long)a->eintr_other);
}

static void text_timeline(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;

	sb_adds(c->out, "\nTIMELINE (what the findings refer to, with context; time since the trace started)\n");
	for (uint32_t i = 0; i < a->ntimeline; i++) {
		const struct an_tl *t = &a->timeline[i];
		char id[32];

		an_desc_rel(a, &sb, t->ns);
		if (t->tid != t->pid)
			snprintf(id, sizeof(id), "%d:%d", (int)t->pid,
				 (int)t->tid);
		else
			snprintf(id, sizeof(id), "%d", (int)t->pid);
		sb_printf(c->out, "  %-13s %-11s ", sb.buf, id);
		sb_reset(&sb);
		esc(c, t->comm[0] ? t->comm : "-");
		pad(c, t->comm[0] ? strlen(t->comm) : 1, 17);
		esc(c, t->text);
		sb_addc(c->out, '\n');
	}
	if (a->timeline_dropped)
		sb_printf(c->out, "  (%llu more entries not kept)\n",
			  (unsigned long long)a->timeline_dropped);
	sb_free(&sb);
}

const struct report_ops report_text_ops = {
	.name = "text",
	.begin = text_begin,
	.verdicts = text_verdicts,
	.findings = text_findings,
	.dispositions = text_dispositions,
	.signals = text_signals,
	.eintr = text_eintr,
	.timeline = text_timeline,
};

/* ---- the summary at the end of a live trace ---- */

static void summary_begin(struct report_ctx *c)
{
	const struct analyzer *a = c->a;

	sb_printf(c->out, "--- sigtrace summary: %u process%s, %llu signal%s delivered, ",
		  a->nprocs, a->nprocs == 1 ? "" : "es",
		  (unsigned long long)a->by_type[EV_SIGNAL],
		  a->by_type[EV_SIGNAL] == 1 ? "" : "s");
	/* sent and taken by sigwaitinfo or a signalfd: no delivery */
	if (a->by_type[EV_CONSUMED])
		sb_printf(c->out, "%llu consumed, ",
			  (unsigned long long)a->by_type[EV_CONSUMED]);
	sb_printf(c->out, "%llu EINTR",
		  (unsigned long long)a->by_type[EV_EINTR]);
	if (a->trace.senders[0])
		sb_printf(c->out, ", senders named by %s", a->trace.senders);
	sb_adds(c->out, "; findings: ");
	sev_counts(c, false);
	sb_adds(c->out, " ---\n");
}


static void summary_verdicts(struct report_ctx *c)
{
	verdict_lines(c, SUMMARY_PROCS_MAX, "");
	group_lines(c, "");
}

static void summary_findings(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;
	uint32_t ranked = 0;

	/* Info findings are explanations, which the verdicts give. */
	while (ranked < a->nitems && a->items[ranked].sev != SEV_INFO)
		ranked++;
	for (uint32_t i = 0; i < ranked && i < SUMMARY_ITEMS_MAX; i++) {
		sb_printf(c->out, "[%s] ", report_sev_name(a->items[i].sev));
		report_item_title(a, &a->items[i], &sb);
		esc_sb(c, &sb);
		sb_addc(c->out, '\n');
	}
	if (ranked > SUMMARY_ITEMS_MAX)
		sb_printf(c->out, "... and %u more findings\n",
			  ranked - SUMMARY_ITEMS_MAX);
	sb_free(&sb);
}

const struct report_ops report_summary_ops = {
	.name = "summary",
	.begin = summary_begin,
	.verdicts = summary_verdicts,
	.findings = summary_findings,
};
