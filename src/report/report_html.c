/* SPDX-License-Identifier: MIT */
/*
 * report_html.c - the report as one self-contained HTML file: no
 * network, no script, no external font.  Verdicts, findings and tables
 * first, then the graphical timeline (report_svg.c) and the events the
 * findings refer to.
 *
 * The page uses HTML 4 elements only, so `xmllint --html` (libxml2's
 * HTML 4 parser) finds nothing to say.  The SVG timeline is therefore
 * the document of a sandboxed iframe (srcdoc): inline in the file,
 * drawn by any browser, with its hover titles, and no script could run
 * in it even if some text escaped its escaping.  Every string from a
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
	"body{font:14px/1.45 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1260px}"
	"h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #ddd;padding-bottom:3px}"
	"h3{font-size:14px;margin:14px 0 4px}"
	".meta{color:#555;margin:0}.note{color:#666;font-size:12px}"
	"table{border-collapse:collapse;font-size:13px}td,th{padding:3px 10px 3px 0;text-align:left;vertical-align:top}"
	"th{color:#555;font-weight:600;border-bottom:1px solid #ddd}tr.killed td{color:#b00}"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}"
	".argv{color:#777;font-size:12px;font-family:monospace}"
	"ol.findings{padding-left:22px}ol.findings li{margin-bottom:10px}"
	"ul.det{margin:3px 0 0;padding-left:18px;color:#444;font-size:13px;list-style:square}"
	".sev{display:inline-block;min-width:58px;text-align:center;border-radius:3px;color:#fff;font-size:11px;padding:1px 5px;margin-right:6px;text-transform:uppercase}"
	".sev-critical{background:#c0392b}.sev-high{background:#e67e22}.sev-medium{background:#b7950b}"
	".sev-low{background:#5d6d7e}.sev-info{background:#95a5a6}"
	"iframe.tl{border:1px solid #ddd;width:100%}"
	".dt{display:inline-block;vertical-align:top;margin:0 28px 8px 0}"
	"td.t{font-family:monospace;white-space:nowrap;color:#555}"
	"tr.c-finding td,tr.c-fatal td{color:#b00}";

static void html_begin(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;
	time_t t = (time_t)a->trace.start_sec;
	struct tm tm;
	char buf[64] = "?";

	sb_adds(c->out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>sigtrace report: ");
	report_trace_title(a, &sb);
	esc_sb(c, &sb);
	sb_printf(c->out, "</title>\n<style>%s</style></head><body>\n", style);
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

static void html_verdicts(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct strbuf sb = STRBUF_INIT;
	uint32_t n = a->nprocs < HTML_PROCS_MAX ? a->nprocs : HTML_PROCS_MAX;

	sb_adds(c->out, "<h2>Verdicts</h2>\n<table><tr><th>pid</th><th>process</th><th>verdict</th></tr>\n");
	for (uint32_t i = 0; i < n; i++) {
		const struct an_proc *p = a->procs[i];

		sb_printf(c->out, "<tr%s><td class=\"num\">%d</td><td>",
			  p->verdict == VERDICT_KILLED ? " class=\"killed\"" :
			  "", (int)p->pid);
		esc(c, p->comm);
		sb_adds(c->out, "<br><span class=\"argv\">");
		an_desc_args(&sb, &p->argv);
		esc_sb(c, &sb);
		sb_adds(c->out, "</span></td><td>");
		report_verdict(a, p, &sb);
		esc_sb(c, &sb);
		sb_adds(c->out, "</td></tr>\n");
	}
	sb_adds(c->out, "</table>\n");
	if (n < a->nprocs)
		sb_printf(c->out, "<p class=\"note\">%u more processes: see the JSON report.</p>\n",
			  a->nprocs - n);
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
		sb_adds(c->out, "</ul></li>\n");
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
			disp_cell(c, s, &p->sig[s].start);
			disp_cell(c, s, &p->sig[s].cur);
			sb_adds(c->out, "</tr>\n");
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

/* An HTML attribute value that is itself a document. */
static void attr_escape(struct strbuf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			sb_adds(out, "&amp;");
			break;
		case '"':
			sb_adds(out, "&quot;");
			break;
		case '<':
			sb_adds(out, "&lt;");
			break;
		case '>':
			sb_adds(out, "&gt;");
			break;
		default:
			sb_addc(out, s[i]);
		}
	}
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
	struct strbuf svg = STRBUF_INIT, doc = STRBUF_INIT;
	const char *h;

	report_svg(c->a, &svg, false);
	h = strstr(svg.buf, "height=\"");
	sb_adds(c->out, "<h2>Timeline</h2>\n<p class=\"note\">A lane per process (its life, execs and exit), per thread that received signals, and per signal delivered: the band is the disposition (red: default that terminates or stops, grey: harmless default, yellow: ignored, green: handler), the marks are deliveries by outcome and syscall outcomes (dots); a triangle is a disposition change. Hover for details.</p>\n");
	sb_printf(c->out, "<iframe class=\"tl\" sandbox=\"\" title=\"timeline\" style=\"height:%dpx\" srcdoc=\"",
		  (h ? atoi(h + 8) : 400) + 24);
	sb_adds(&doc, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:6px}</style></head><body>");
	sb_add(&doc, svg.buf, svg.len);
	sb_adds(&doc, "</body></html>");
	attr_escape(c->out, doc.buf, doc.len);
	sb_adds(c->out, "\"></iframe>\n");
	sb_free(&doc);
	sb_free(&svg);
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
	.timeline = svg_only,
};
