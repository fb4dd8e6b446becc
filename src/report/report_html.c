/* SPDX-License-Identifier: MIT */
/*
 * report_html.c - the report as one self-contained HTML5 file: no
 * network, no script, no external font.  The answer comes first:
 * findings, then the processes killed or stopped by a signal (the
 * others that exited 0 behind a <details>, which needs no script), then
 * the tables, the timeline as inline SVG (report_svg.c) scaled to the
 * page by its viewBox, and the events the findings refer to.
 *
 * One stylesheet serves the screen, a phone (viewport meta; wide tables
 * and the timeline scroll in their own box), `prefers-color-scheme:
 * dark` (custom properties, also in the SVG, so no label vanishes) and
 * paper (the timeline fits the page width).  Every string from a
 * traced process goes through escape_html().
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "escape.h"
#include "report.h"

#define NAME_BUF 32
#define HTML_PROCS_MAX 500
#define HTML_TABLES_MAX 100

static void esc(struct report_ctx *c, const char *s)
{
	escape_html(c->out, s, strlen(s));
}

static void esc_sb(struct report_ctx *c, struct strbuf *sb)
{
	escape_html(c->out, sb->buf ? sb->buf : "", sb->len);
	sb_reset(sb);
}

static const char style[] =
	":root{color-scheme:light dark;--fg:#222;--muted:#555;--faint:#777;--line:#ddd;--bg:#fff;--bad:#b00}"
	"@media (prefers-color-scheme:dark){:root{--fg:#e4e4e4;--muted:#aeb4bb;--faint:#9aa0a6;--line:#444;--bg:#16181b;--bad:#ff7b72}}"
	"body{font:14px/1.45 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:24px;color:var(--fg);background:var(--bg);max-width:1260px}"
	"h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid var(--line);padding-bottom:3px}"
	"h3{font-size:14px;margin:14px 0 4px}"
	".meta{color:var(--muted);margin:0}.note{color:var(--faint);font-size:12px}"
	"table{border-collapse:collapse;font-size:13px}td,th{padding:3px 10px 3px 0;text-align:left;vertical-align:top;overflow-wrap:break-word}"
	"th{color:var(--muted);font-weight:600;border-bottom:1px solid var(--line)}tr.killed td{color:var(--bad)}"
	"td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow-wrap:normal}"
	".argv{color:var(--faint);font-size:12px;font-family:monospace}"
	"ol.findings{padding-left:22px}ol.findings li{margin-bottom:10px}"
	"ul.det{margin:3px 0 0;padding-left:18px;color:var(--muted);font-size:13px;list-style:square}"
	"pre.stack{margin:2px 0;font-size:12px;white-space:pre-wrap;overflow-wrap:break-word}"
	".sev{display:inline-block;min-width:58px;text-align:center;border-radius:3px;color:#fff;font-size:11px;padding:1px 5px;margin-right:6px;text-transform:uppercase}"
	".sev-critical{background:#c0392b}.sev-high{background:#d35400}.sev-medium{background:#9a7d0a}"
	".sev-low{background:#5d6d7e}.sev-info{background:#7f8c8d}"
	"details{margin:6px 0}summary{cursor:pointer;color:var(--muted)}"
	".tlwrap{overflow-x:auto}svg.tl{display:block;width:100%;height:auto}"
	".dt{display:inline-block;vertical-align:top;margin:0 28px 8px 0}"
	"td.t{font-family:monospace;white-space:nowrap;color:var(--muted)}"
	"tr.c-finding td,tr.c-fatal td{color:var(--bad)}"
	"@media (max-width:700px){body{margin:10px}table{display:block;overflow-x:auto}svg.tl{min-width:720px}.dt{display:block}}"
	"@media print{:root{--fg:#000;--muted:#333;--faint:#555;--line:#bbb;--bg:#fff;--bad:#a00}"
	"body{margin:0;max-width:none;font-size:10pt}.tlwrap{overflow:visible}svg.tl{min-width:0;width:100%}"
	"h2,h3{break-after:avoid}li,tr,svg.tl{break-inside:avoid}"
	"*{print-color-adjust:exact;-webkit-print-color-adjust:exact}}";

static void html_begin(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;
	time_t t = (time_t)a->trace.start_sec;
	struct tm tm;
	char buf[64] = "?";

	sb_adds(c->out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<meta name=\"color-scheme\" content=\"light dark\">\n"
		"<title>sigtrace report: ");
	report_trace_title(a, &sb);
	esc_sb(c, &sb);
	sb_printf(c->out, "</title>\n<style>%s%s</style></head><body>\n",
		  style, report_svg_style);
	sb_adds(c->out, "<h1>sigtrace report</h1>\n<p class=\"meta\"><code>");
	report_trace_title(a, &sb);
	esc_sb(c, &sb);
	if (a->trace.started && gmtime_r(&t, &tm))
		strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S UTC", &tm);
	sb_printf(c->out, "</code> (%s), started %s, lasted ",
		  a->trace.attach ? "attach" : "spawn", buf);
	an_desc_ms(c->out, a->trace.t_last - a->trace.t0);
	sb_printf(c->out, "; %u processes, %llu events, %llu signals delivered",
		  a->nprocs, (unsigned long long)a->events,
		  (unsigned long long)a->by_type[EV_SIGNAL]);
	if (a->trace.ended)
		sb_printf(c->out, "; sigtrace exit status %d",
			  a->trace.exit_status);
	sb_adds(c->out, "</p>\n");
	if (!a->trace.ended)
		sb_adds(c->out, "<p class=\"note\">The log has no trace_end: the trace was cut short.</p>\n");
	if (a->procs_untracked)
		sb_printf(c->out, "<p class=\"note\">Only the first %d processes are detailed.</p>\n",
			  AN_PROCS_MAX);
	sb_free(&sb);
}

static void verdict_row(struct report_ctx *c, const struct an_proc *p)
{
	struct strbuf sb = STRBUF_INIT;
	struct an_args argv;

	sb_printf(c->out, "<tr%s><td class=\"num\">%d</td><td>",
		  p->verdict == VERDICT_KILLED ? " class=\"killed\"" : "",
		  (int)p->pid);
	esc(c, p->comm);
	sb_adds(c->out, "<br><span class=\"argv\">");
	an_desc_args(&sb, an_proc_argv(p, &argv));
	esc_sb(c, &sb);
	sb_adds(c->out, "</span></td><td>");
	report_verdict(c->a, p, &sb);
	esc_sb(c, &sb);
	sb_adds(c->out, "</td></tr>\n");
	sb_free(&sb);
}

/* The rows of class CLS, at most MAX; how many were written. */
static uint32_t verdict_rows(struct report_ctx *c, enum report_proc_class cls,
			     uint32_t max)
{
	uint32_t shown = 0;

	for (uint32_t i = 0; i < c->a->nprocs && shown < max; i++) {
		if (report_proc_class(c->a->procs[i]) != cls)
			continue;
		verdict_row(c, c->a->procs[i]);
		shown++;
	}
	return shown;
}

static const char verdict_head[] =
	"<table><tr><th>pid</th><th>process</th><th>verdict</th></tr>\n";

/* Deaths by signal first, then the other processes worth a row; those
 * that exited 0 with nothing to say behind a <details>. */
static void html_verdicts(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;
	uint32_t quiet = report_proc_count(a, PROC_QUIET);
	uint32_t shown = 0;

	sb_adds(c->out, "<h2>Processes</h2>\n");
	if (quiet < a->nprocs) {
		sb_adds(c->out, verdict_head);
		shown = verdict_rows(c, PROC_DIED, HTML_PROCS_MAX);
		shown += verdict_rows(c, PROC_NOTABLE, HTML_PROCS_MAX - shown);
		sb_adds(c->out, "</table>\n");
	}
	if (quiet) {
		report_quiet_line(a, &sb);
		sb_adds(c->out, "<details><summary>");
		esc_sb(c, &sb);
		sb_printf(c->out, "</summary>\n%s", verdict_head);
		shown += verdict_rows(c, PROC_QUIET, HTML_PROCS_MAX - shown);
		sb_adds(c->out, "</table></details>\n");
	}
	if (shown < a->nprocs)
		sb_printf(c->out, "<p class=\"note\">%u more processes: see the JSON report.</p>\n",
			  a->nprocs - shown);
	if (!a->nprocs)
		sb_adds(c->out, "<p>No process was traced.</p>\n");
	sb_free(&sb);
}

static void html_findings(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;

	sb_adds(c->out, "<h2>Findings</h2>\n");
	if (!a->nitems)
		sb_adds(c->out, "<p>No finding.</p>\n");
	sb_adds(c->out, "<ol class=\"findings\">\n");
	for (uint32_t i = 0; i < a->nitems; i++) {
		const struct an_item *it = &a->items[i];
		const char *sev = report_sev_name(it->sev);

		sb_printf(c->out, "<li><span class=\"sev sev-%s\">%s</span><b>",
			  sev, sev);
		report_item_title(a, it, &sb);
		esc_sb(c, &sb);
		sb_adds(c->out, "</b><ul class=\"det\">");
		report_item_details(a, it, &sb);
		for (const char *s = sb.buf; s && *s;) {
			size_t n = strcspn(s, "\n");

			sb_adds(c->out, "<li>");
			escape_html(c->out, s, n);
			sb_adds(c->out, "</li>");
			s += n + (s[n] == '\n');
		}
		sb_reset(&sb);
		sb_adds(c->out, "</ul>");
		report_item_stacks(a, it, &sb);
		if (sb.len) {
			sb_adds(c->out, "<pre class=\"stack\">");
			esc_sb(c, &sb);
			sb_adds(c->out, "</pre>");
		}
		sb_adds(c->out, "</li>\n");
	}
	sb_adds(c->out, "</ol>\n");
	for (int k = 0; k < FINDING__COUNT; k++)
		if (a->findings_dropped[k])
			sb_printf(c->out, "<p class=\"note\">%llu more %s findings were not kept.</p>\n",
				  (unsigned long long)a->findings_dropped[k],
				  finding_kind_name(k));
	sb_adds(c->out, "<p class=\"note\">Note: ");
	esc(c, report_coalescing_note());
	sb_adds(c->out, ".</p>\n");
	sb_free(&sb);
}

static void disp_cell(struct report_ctx *c, int signo, const struct an_disp *d)
{
	struct strbuf sb = STRBUF_INIT;

	sb_adds(c->out, "<td>");
	an_desc_disp(c->a, &sb, signo, d, true);
	esc_sb(c, &sb);
	sb_adds(c->out, "</td>");
	sb_free(&sb);
}

/* Under a disposition row: the stack of the sigaction that set it. */
static void set_at_row(struct report_ctx *c, const struct an_stack *st)
{
	struct strbuf sb = STRBUF_INIT;

	if (!st)
		return;
	sb_adds(c->out, "<tr><td></td><td colspan=\"2\"><span class=\"argv\">set at: ");
	report_stack_oneline(c->a, st, &sb);
	esc_sb(c, &sb);
	sb_adds(c->out, "</span></td></tr>\n");
	sb_free(&sb);
}

static void html_dispositions(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	uint32_t shown = 0;
	char buf[NAME_BUF];

	sb_adds(c->out, "<h2>Dispositions</h2>\n<p class=\"note\">At the start of the program (after its last exec) and at its end; signals at their default throughout and never delivered are not listed.</p>\n");
	for (uint32_t i = 0; i < a->nprocs && shown < HTML_TABLES_MAX; i++) {
		const struct an_proc *p = a->procs[i];
		bool any = false;

		for (int s = 1; s <= SIG_MAX && !any; s++)
			any = report_disp_listed(p, s);
		if (!any)
			continue;
		sb_printf(c->out, "<div class=\"dt\"><h3>%d ", (int)p->pid);
		esc(c, p->comm);
		sb_adds(c->out, "</h3>\n<table><tr><th>signal</th><th>start</th><th>end</th></tr>\n");
		for (int s = 1; s <= SIG_MAX; s++) {
			if (!report_disp_listed(p, s))
				continue;
			sb_printf(c->out, "<tr><td>%s</td>",
				  an_signame(s, buf, sizeof(buf)));
			disp_cell(c, s, &an_sig(p, s)->start);
			disp_cell(c, s, &an_sig(p, s)->cur);
			sb_adds(c->out, "</tr>\n");
			set_at_row(c, an_stack_install(a, p, s));
		}
		sb_adds(c->out, "</table></div>\n");
		shown++;
	}
	if (!shown)
		sb_adds(c->out, "<p>Every signal kept its default disposition.</p>\n");
}

static void html_signals(struct report_ctx *c)
{
	char buf[NAME_BUF];

	sb_adds(c->out, "<h2>Signals</h2>\n<table><tr><th>signal</th><th>delivered</th><th>handled</th><th>ignored</th><th>default</th><th>fatal</th><th>stopped</th><th>senders</th></tr>\n");
	for (int s = 1; s <= SIG_MAX; s++) {
		const struct an_sigstat *st = &c->a->sigs[s];

		if (!st->delivered)
			continue;
		sb_printf(c->out, "<tr><td>%s</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td><td>",
			  an_signame(s, buf, sizeof(buf)),
			  (unsigned long long)st->delivered,
			  (unsigned long long)st->handled,
			  (unsigned long long)st->ignored,
			  (unsigned long long)st->deflt,
			  (unsigned long long)st->fatal,
			  (unsigned long long)st->stopped);
		for (uint32_t i = 0; i < st->nsenders; i++) {
			sb_adds(c->out, i ? ", " : "");
			esc(c, st->senders[i].key);
			sb_printf(c->out, " &times;%llu",
				  (unsigned long long)st->senders[i].n);
		}
		if (st->other_senders)
			sb_printf(c->out, ", others &times;%llu",
				  (unsigned long long)st->other_senders);
		sb_adds(c->out, "</td></tr>\n");
	}
	sb_adds(c->out, "</table>\n");
}

static void html_eintr(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	char buf[NAME_BUF];

	if (!a->neintr)
		return;
	sb_adds(c->out, "<h2>Interrupted system calls</h2>\n<table><tr><th>pid</th><th>process</th><th>syscall</th><th>signal</th><th>interrupted</th><th>EINTR</th><th>restarted</th><th>note</th></tr>\n");
	for (uint32_t i = 0; i < a->neintr; i++) {
		const struct an_eintr *r = &a->eintr[i];

		sb_printf(c->out, "<tr><td class=\"num\">%d</td><td>",
			  (int)r->pid);
		esc(c, r->comm);
		sb_adds(c->out, "</td><td>");
		esc(c, an_pool_str(a, r->syscall));
		sb_printf(c->out, "()</td><td>%s</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td><td class=\"num\">%llu</td><td>%s</td></tr>\n",
			  an_signame(r->signo, buf, sizeof(buf)),
			  (unsigned long long)r->interrupted,
			  (unsigned long long)r->eintr,
			  (unsigned long long)r->restarted,
			  r->never_restarted ? "never restarted (signal(7))" :
			  r->sa_restart == 0 ? "handler without SA_RESTART" :
			  r->sa_restart > 0 ? "SA_RESTART" : "");
	}
	sb_adds(c->out, "</table>\n");
}

static void html_events(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;

	sb_adds(c->out, "<h2>Events</h2>\n<p class=\"note\">What the findings refer to, with context.</p>\n<table><tr><th>time</th><th>pid</th><th>process</th><th>event</th></tr>\n");
	for (uint32_t i = 0; i < a->ntimeline; i++) {
		const struct an_tl *t = &a->timeline[i];

		sb_printf(c->out, "<tr class=\"c-%s\"><td class=\"t\">",
			  t->cls == CLS_FINDING ? "finding" :
			  t->cls == CLS_FATAL ? "fatal" : "ev");
		an_desc_rel(a, c->out, t->ns);
		sb_printf(c->out, "</td><td class=\"num\">%d", (int)t->pid);
		if (t->tid != t->pid)
			sb_printf(c->out, ":%d", (int)t->tid);
		sb_adds(c->out, "</td><td>");
		esc(c, t->comm);
		sb_adds(c->out, "</td><td>");
		esc(c, t->text);
		sb_adds(c->out, "</td></tr>\n");
	}
	sb_adds(c->out, "</table>\n");
	if (a->timeline_dropped)
		sb_printf(c->out, "<p class=\"note\">%llu more events not kept.</p>\n",
			  (unsigned long long)a->timeline_dropped);
	sb_free(&sb);
}

static void html_timeline(struct report_ctx *c)
{
	sb_adds(c->out, "<h2>Timeline</h2>\n<p class=\"note\">A lane per process (its life, execs and exit), per thread that received signals, and per signal delivered: the band is the disposition (red: default that terminates or stops, grey: harmless default, yellow: ignored, green: handler), the marks are deliveries by outcome and syscall outcomes (dots); a triangle is a disposition change. Hover for details.</p>\n<div class=\"tlwrap\">");
	report_svg(c->a, c->out, false);
	sb_adds(c->out, "</div>\n");
	html_events(c);
}

static void html_end(struct report_ctx *c)
{
	sb_adds(c->out, "<p class=\"note\">Generated by sigtrace ");
	esc(c, c->a->trace.version);
	sb_adds(c->out, ".</p>\n</body></html>\n");
}

const struct report_ops report_html_ops = {
	.name = "html",
	.needs = AN_KEEP_LANES,	/* the SVG timeline */
	.begin = html_begin,
	.verdicts = html_verdicts,
	.findings = html_findings,
	.dispositions = html_dispositions,
	.signals = html_signals,
	.eintr = html_eintr,
	.timeline = html_timeline,
	.end = html_end,
};

static void svg_only(struct report_ctx *c)
{
	report_svg(c->a, c->out, true);
}

const struct report_ops report_svg_ops = {
	.name = "svg",
	.needs = AN_KEEP_LANES,
	.timeline = svg_only,
};
