/* SPDX-License-Identifier: MIT */
/*
 * report_svg.c - the graphical timeline: one lane per process (its life,
 * execs, exit and handler installs), one per thread that received
 * signals, and one per signal delivered, with the disposition as bands
 * (default, ignored, handled) and the deliveries as marks coloured by
 * outcome.  A race shows as a red mark in a default band just before
 * the handler band begins.
 *
 * Marks come from the analyzer's time bins; marks closer than a few
 * pixels merge into one, with a count, so the picture stays light with
 * any number of events.  Every mark has a <title> (a hover tooltip).
 * Text from traced processes goes through escape_html(), which is also
 * valid XML.
 */
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "report.h"
#include "xmalloc.h"

#define SVG_W 1200
#define PLOT_X0 250
#define PLOT_X1 1185
#define AXIS_H 46
#define ROW_H 18
#define MERGE_PX 3.0
#define NAME_BUF 32

struct svg {
	const struct analyzer *a;
	struct strbuf *out;
	uint64_t t0, t1;
	double y;
};

static double X(const struct svg *s, uint64_t t)
{
	if (t < s->t0)
		t = s->t0;
	if (t > s->t1)
		t = s->t1;
	return PLOT_X0 + (double)(t - s->t0) * (PLOT_X1 - PLOT_X0) /
		(double)(s->t1 - s->t0);
}

static void title(struct svg *s, struct strbuf *text)
{
	sb_adds(s->out, "<title>");
	escape_html(s->out, text->buf ? text->buf : "", text->len);
	sb_adds(s->out, "</title>");
	sb_reset(text);
}

static const char *const cls_color[CLS__COUNT] = {
	[CLS_HANDLED] = "#2ca02c", [CLS_IGNORED] = "#8c8c8c",
	[CLS_DEFAULT] = "#5b7aa6", [CLS_FATAL] = "#d62728",
	[CLS_STOP] = "#ff7f0e", [CLS_UNKNOWN] = "#9467bd",
	[CLS_EINTR] = "#e7298a", [CLS_RESTARTED] = "#1f77b4",
	[CLS_INTERRUPTED] = "#e7298a", [CLS_INSTALL] = "#222222",
	[CLS_EXEC] = "#222222", [CLS_EXIT] = "#222222",
	[CLS_FINDING] = "#d62728", [CLS_NOTE] = "#888888",
};

static const char *const cls_word[AN_BIN_CLS] = {
	[CLS_HANDLED] = "handled", [CLS_IGNORED] = "ignored",
	[CLS_DEFAULT] = "default (harmless)", [CLS_FATAL] = "default: fatal",
	[CLS_STOP] = "default: stopped", [CLS_UNKNOWN] = "disposition unknown",
	[CLS_EINTR] = "EINTR", [CLS_RESTARTED] = "restarted",
};

/* Most severe first: the colour of a merged mark. */
static const enum an_cls severity_order[] = {
	CLS_FATAL, CLS_STOP, CLS_EINTR, CLS_UNKNOWN, CLS_HANDLED,
	CLS_RESTARTED, CLS_IGNORED, CLS_DEFAULT,
};

/* ---- header: axis and legend ---- */

/* Steps of 1, 2 and 5 times a power of ten nanoseconds, from 1 us. */
static uint64_t tick_step(uint64_t span)
{
	static const unsigned mult[] = { 1, 2, 5 };
	uint64_t base = 1000;

	for (;;) {
		for (int i = 0; i < 3; i++)
			if (span / (base * mult[i]) <= 8)
				return base * mult[i];
		base *= 10;
	}
}

static void axis(struct svg *s)
{
	uint64_t span = s->t1 - s->t0, step = tick_step(span);
	struct strbuf sb = STRBUF_INIT;

	sb_printf(s->out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"ax\"/>",
		  PLOT_X0, AXIS_H - 4, PLOT_X1, AXIS_H - 4);
	for (uint64_t t = 0; t <= span; t += step) {
		double x = X(s, s->t0 + t);

		an_desc_ms(&sb, t);
		/* A label centred near the right edge would be cut. */
		sb_printf(s->out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"ax\"/><text x=\"%.1f\" y=\"%d\" class=\"tick%s\">+%s</text>",
			  x, AXIS_H - 8, x, AXIS_H - 4,
			  x + 40 > SVG_W ? x + 2 : x, AXIS_H - 12,
			  x + 40 > SVG_W ? " last" : "", sb.buf);
		sb_reset(&sb);
	}
	sb_free(&sb);
}

static void legend(struct svg *s)
{
	static const struct { const char *cls, *text; } bands[] = {
		{ "b-fatal", "default: terminates" }, { "b-dfl", "default: harmless" },
		{ "b-ign", "ignored" }, { "b-hnd", "handler" },
		{ "b-unk", "unknown" },
	};
	static const enum an_cls marks[] = {
		CLS_FATAL, CLS_STOP, CLS_HANDLED, CLS_IGNORED, CLS_EINTR,
		CLS_RESTARTED,
	};
	double x = 8;

	for (size_t i = 0; i < sizeof(bands) / sizeof(bands[0]); i++) {
		sb_printf(s->out, "<rect x=\"%.0f\" y=\"4\" width=\"14\" height=\"10\" class=\"%s\"/><text x=\"%.0f\" y=\"13\" class=\"lg\">%s</text>",
			  x, bands[i].cls, x + 18, bands[i].text);
		x += 30 + 5.5 * strlen(bands[i].text);
	}
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		sb_printf(s->out, "<rect x=\"%.0f\" y=\"3\" width=\"3\" height=\"12\" fill=\"%s\"/><text x=\"%.0f\" y=\"13\" class=\"lg\">%s</text>",
			  x, cls_color[marks[i]], x + 7, cls_word[marks[i]]);
		x += 16 + 5.5 * strlen(cls_word[marks[i]]);
	}
}

/* ---- bins to marks ---- */

struct group {
	uint32_t n[AN_BIN_CLS];
	uint32_t total;
	uint64_t tmin, tmax;
	const struct an_bin *first;
};

static enum an_cls group_class(const struct group *g)
{
	for (size_t i = 0; i < sizeof(severity_order) / sizeof(severity_order[0]); i++)
		if (g->n[severity_order[i]])
			return severity_order[i];
	return CLS_UNKNOWN;
}

static void group_title(struct svg *s, const struct group *g,
			struct strbuf *sb)
{
	const struct an_bin *b = g->first;
	char buf[NAME_BUF];
	bool first = true;

	if (g->total == 1) {
		const struct an_proc *snd = b->sender ?
			analyzer_proc(s->a, b->sender) : NULL;

		an_desc_rel(s->a, sb, g->tmin);
		sb_printf(sb, " %s to %d", an_signame(b->signo, buf,
						       sizeof(buf)), (int)b->tid);
		if (b->sender)
			sb_printf(sb, " from %d%s%s", (int)b->sender,
				  snd ? " " : "", snd ? snd->comm : "");
		sb_printf(sb, ": %s", cls_word[group_class(g)]);
		return;
	}
	sb_printf(sb, "%u events from ", g->total);
	an_desc_rel(s->a, sb, g->tmin);
	sb_adds(sb, " to ");
	an_desc_rel(s->a, sb, g->tmax);
	sb_adds(sb, ":");
	for (int c = 0; c < AN_BIN_CLS; c++) {
		if (!g->n[c])
			continue;
		sb_printf(sb, "%s %u %s", first ? "" : ",", g->n[c], cls_word[c]);
		first = false;
	}
}

static void group_draw(struct svg *s, const struct group *g, bool syscalls)
{
	struct strbuf sb = STRBUF_INIT;
	double x0 = X(s, g->tmin), x1 = X(s, g->tmax);
	enum an_cls cls = group_class(g);

	if (g->total == 0)
		return;
	if (syscalls && x1 - x0 >= 3)
		sb_printf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"4\" rx=\"2\" fill=\"%s\" class=\"mk\">",
			  x0 - 2, s->y + ROW_H - 7, x1 - x0 + 4, cls_color[cls]);
	else if (syscalls)
		sb_printf(s->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.2\" fill=\"%s\" class=\"mk\">",
			  (x0 + x1) / 2, s->y + ROW_H - 5, cls_color[cls]);
	else if (g->total == 1 || x1 - x0 < 3)
		sb_printf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\" class=\"mk\">",
			  x0 - 1.5, s->y + 2, x1 - x0 + 3, ROW_H - 4,
			  cls_color[cls]);
	else
		sb_printf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\" class=\"mk agg\">",
			  x0 - 1.5, s->y + 3, x1 - x0 + 3, ROW_H - 6,
			  cls_color[cls]);
	group_title(s, g, &sb);
	title(s, &sb);
	sb_adds(s->out, syscalls && x1 - x0 < 3 ? "</circle>" : "</rect>");
	if (!syscalls && g->total > 1 && x1 - x0 > 24)
		sb_printf(s->out, "<text x=\"%.1f\" y=\"%.1f\" class=\"cnt\">%u</text>",
			  (x0 + x1) / 2, s->y + ROW_H - 6, g->total);
	sb_free(&sb);
}

/* One pass over a lane's bins: deliveries, or syscall outcomes. */
static void row_marks(struct svg *s, const struct an_row *r, bool syscalls)
{
	uint64_t bw = s->a->span_ns / AN_BINS;
	int lo = syscalls ? CLS_EINTR : 0, hi = syscalls ? AN_BIN_CLS : CLS_EINTR;
	struct group g;

	if (!r->bins || !bw)
		return;
	memset(&g, 0, sizeof(g));
	for (int i = 0; i < AN_BINS; i++) {
		const struct an_bin *b = &r->bins[i];
		uint32_t n = 0;

		for (int c = lo; c < hi; c++)
			n += b->n[c];
		if (!n)
			continue;
		if (g.total && X(s, b->tmin) - X(s, g.tmax) > MERGE_PX) {
			group_draw(s, &g, syscalls);
			memset(&g, 0, sizeof(g));
		}
		if (!g.total) {
			g.first = b;
			g.tmin = b->tmin;
		}
		for (int c = lo; c < hi; c++)
			g.n[c] += b->n[c];
		g.total += n;
		if (b->tmax > g.tmax)
			g.tmax = b->tmax;
	}
	group_draw(s, &g, syscalls);
}

/* ---- lanes ---- */

static void label(struct svg *s, const char *text, const char *cls)
{
	char cut[48];

	snprintf(cut, sizeof(cut), "%s", text);
	sb_printf(s->out, "<text x=\"6\" y=\"%.1f\" class=\"%s\">", s->y + 13,
		  cls);
	escape_html(s->out, cut, strlen(cut));
	sb_adds(s->out, "</text>");
}

static uint64_t proc_end(const struct svg *s, const struct an_proc *p)
{
	return p->verdict == VERDICT_RUNNING ? s->t1 : p->end_ns;
}

static void band_class(int signo, uint8_t kind, struct strbuf *sb)
{
	enum sig_action act = sig_default_action(signo);

	switch (kind) {
	case DISP_DEFAULT:
		sb_adds(sb, act == SIG_ACT_TERM || act == SIG_ACT_CORE ||
			act == SIG_ACT_STOP ? "b-fatal" : "b-dfl");
		break;
	case DISP_IGNORED:
		sb_adds(sb, "b-ign");
		break;
	case DISP_HANDLER:
		sb_adds(sb, "b-hnd");
		break;
	default:
		sb_adds(sb, "b-unk");
		break;
	}
}

static void band(struct svg *s, int signo, uint8_t kind, uint64_t from,
		 uint64_t to)
{
	static const char *const words[] = { "unknown", "default", "ignored",
					     "handler" };
	struct strbuf sb = STRBUF_INIT;
	char buf[NAME_BUF];
	double x0 = X(s, from), x1 = X(s, to);

	if (to <= from && x1 - x0 < 0.5)
		return;
	sb_printf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" class=\"",
		  x0, s->y + 1, x1 - x0 < 0.5 ? 0.5 : x1 - x0, ROW_H - 2);
	band_class(signo, kind, s->out);
	sb_adds(s->out, "\">");
	sb_printf(&sb, "%s: %s", an_signame(signo, buf, sizeof(buf)),
		  words[kind <= DISP_HANDLER ? kind : 0]);
	if (kind == DISP_DEFAULT)
		sb_printf(&sb, " (%s)",
			  sig_action_name(sig_default_action(signo)));
	sb_adds(&sb, " from ");
	an_desc_rel(s->a, &sb, from);
	sb_adds(&sb, " to ");
	an_desc_rel(s->a, &sb, to);
	title(s, &sb);
	sb_adds(s->out, "</rect>");
	sb_free(&sb);
}

static int change_cmp(const void *x, const void *y)
{
	const struct an_change *a = x, *b = y;

	return a->ns < b->ns ? -1 : a->ns > b->ns;
}

static void install_mark(struct svg *s, const struct an_change *c)
{
	static const char *const hows[] = { "at start", "by sigaction",
		"(seen in /proc)", "by execve", "by SA_RESETHAND",
		"(kernel's view)" };
	struct strbuf sb = STRBUF_INIT;
	char buf[NAME_BUF];
	double x = X(s, c->ns);

	if (c->how == HOW_START || c->how == HOW_SNAPSHOT)
		return;
	sb_printf(s->out, "<path d=\"M%.1f %.1fl-4 -5h8z\" class=\"inst\">",
		  x, s->y + 6);
	sb_printf(&sb, "%s set to %s %s at ", an_signame(c->signo, buf,
							sizeof(buf)),
		  c->kind == DISP_HANDLER ? "a handler" :
		  c->kind == DISP_IGNORED ? "ignored" : "default",
		  hows[c->how < 6 ? c->how : 0]);
	an_desc_rel(s->a, &sb, c->ns);
	if (c->symbol)
		sb_printf(&sb, " (%s)", an_pool_str(s->a, c->symbol));
	title(s, &sb);
	sb_adds(s->out, "</path>");
	sb_free(&sb);
}

static void signal_lane(struct svg *s, const struct an_proc *p, int signo,
			const struct an_row *r, struct an_change *ch,
			uint32_t nch)
{
	uint8_t kind = p->unknown_start ? DISP_UNKNOWN : DISP_DEFAULT;
	uint64_t from = p->first_ns, end = proc_end(s, p);
	char buf[NAME_BUF], lab[48];

	snprintf(lab, sizeof(lab), "  %s", an_signame(signo, buf, sizeof(buf)));
	label(s, lab, "sig");
	for (uint32_t i = 0; i < nch; i++) {
		if (ch[i].signo != signo || ch[i].ns > end)
			continue;
		band(s, signo, kind, from, ch[i].ns);
		from = ch[i].ns;
		kind = ch[i].kind;
	}
	band(s, signo, kind, from, end);
	for (uint32_t i = 0; i < nch; i++)
		if (ch[i].signo == signo)
			install_mark(s, &ch[i]);
	if (r) {
		row_marks(s, r, false);
		row_marks(s, r, true);
	}
	s->y += ROW_H;
}

static void proc_lane(struct svg *s, const struct an_proc *p,
		      const struct an_change *ch, uint32_t nch)
{
	struct strbuf sb = STRBUF_INIT;
	uint64_t end = proc_end(s, p);
	char lab[96];
	double x1 = X(s, end);

	snprintf(lab, sizeof(lab), "%d %s", (int)p->pid, p->comm);
	label(s, lab, "proc");
	sb_printf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"6\" class=\"life\">",
		  X(s, p->first_ns), s->y + 6, x1 - X(s, p->first_ns) + 0.5);
	an_desc_proc(&sb, p);
	sb_adds(&sb, ": ");
	report_verdict(s->a, p, &sb);
	title(s, &sb);
	sb_adds(s->out, "</rect>");
	for (uint32_t i = 0; i < nch; i++) {
		if (ch[i].signo != 0)
			continue;
		sb_printf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"2\" height=\"14\" class=\"exec\">",
			  X(s, ch[i].ns) - 1, s->y + 2);
		sb_adds(&sb, "exec at ");
		an_desc_rel(s->a, &sb, ch[i].ns);
		title(s, &sb);
		sb_adds(s->out, "</rect>");
	}
	if (p->verdict == VERDICT_KILLED || p->verdict == VERDICT_EXITED) {
		sb_printf(s->out, "<path d=\"M%.1f %.1fl6 6m0 -6l-6 6\" class=\"%s\">",
			  x1 - 3, s->y + 6, p->verdict == VERDICT_KILLED ?
			  "kill" : "end");
		report_verdict(s->a, p, &sb);
		title(s, &sb);
		sb_adds(s->out, "</path>");
	}
	/* Named in plain sight too: paper has no hover. */
	if (p->verdict == VERDICT_KILLED) {
		char buf[NAME_BUF];

		sb_printf(s->out, "<text x=\"%.1f\" y=\"%.1f\" class=\"killtxt\">%s</text>",
			  x1 - 6, s->y + 12, an_signame(p->exit_signo, buf,
							  sizeof(buf)));
	}
	if (p->row >= 0)
		row_marks(s, &s->a->rows[p->row], false);
	s->y += ROW_H;
	sb_free(&sb);
}

static void thread_lane(struct svg *s, const struct an_proc *p,
			const struct an_row *r)
{
	char lab[48];
	const struct an_thread *t = NULL;

	for (uint32_t i = 0; i < p->nthreads; i++)
		if (p->threads[i].tid == r->tid)
			t = &p->threads[i];
	snprintf(lab, sizeof(lab), "  thread %d", (int)r->tid);
	label(s, lab, "thr");
	if (t)
		sb_printf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"4\" class=\"life\"/>",
			  X(s, t->first_ns), s->y + 7,
			  X(s, t->ended ? t->end_ns : proc_end(s, p)) -
			  X(s, t->first_ns) + 0.5);
	row_marks(s, r, false);
	s->y += ROW_H;
}

/* The lanes of one process: its own, its threads', its signals'. */
static void proc_lanes(struct svg *s, const struct an_proc *p)
{
	const struct analyzer *a = s->a;
	struct an_change *ch = NULL;
	uint32_t nch = p->nchanges;

	if (nch) {
		ch = xmalloc(nch * sizeof(*ch));
		memcpy(ch, p->changes, nch * sizeof(*ch));
		qsort(ch, nch, sizeof(*ch), change_cmp);
	}
	proc_lane(s, p, ch, nch);
	for (uint32_t i = 0; i < a->nrows; i++)
		if (a->rows[i].proc == p->index - 1 &&
		    a->rows[i].kind == ROW_THREAD)
			thread_lane(s, p, &a->rows[i]);
	for (int signo = 1; signo <= SIG_MAX; signo++) {
		int row = an_sig(p, signo)->row;

		if (row >= 0)
			signal_lane(s, p, signo, &a->rows[row], ch, nch);
	}
	free(ch);
}

static double svg_height(const struct analyzer *a)
{
	uint32_t lanes = 0;

	for (uint32_t i = 0; i < a->nprocs; i++)
		if (a->procs[i]->row >= 0)
			lanes++;
	for (uint32_t i = 0; i < a->nrows; i++)
		if (a->rows[i].kind != ROW_PROC)
			lanes++;
	return AXIS_H + 10 + (double)lanes * ROW_H;
}

/* Scoped to svg.tl: inline in a page, an SVG's style is the page's.
 * Colours are custom properties so that dark mode recolours bands and
 * labels (the marks keep their colours, readable on both). */
const char report_svg_style[] =
	"svg.tl{--halo:#fff;--ink:#222;--ink2:#555;--axis:#999;--life:#b9c7d8;--bfatal:#f7d4d4;--bdfl:#e9e9e9;--bign:#fbefb4;--bhnd:#cfead0;--bunk:#f4f4f4}"
	"@media (prefers-color-scheme:dark){svg.tl{--halo:#16181b;--ink:#e4e4e4;--ink2:#aeb4bb;--axis:#777;--life:#4d5f78;--bfatal:#5c2626;--bdfl:#3a3d42;--bign:#5a5222;--bhnd:#264a2a;--bunk:#26282b}}"
	"@media print{svg.tl{--halo:#fff;--ink:#000;--ink2:#333;--axis:#999;--life:#b9c7d8;--bfatal:#f7d4d4;--bdfl:#e9e9e9;--bign:#fbefb4;--bhnd:#cfead0;--bunk:#f4f4f4}}"
	"svg.tl text{font:11px sans-serif;fill:var(--ink)}svg.tl .tick{font-size:10px;text-anchor:middle;fill:var(--ink2)}"
	"svg.tl .tick.last{text-anchor:end}svg.tl .lg{font-size:10px}svg.tl .proc{font-weight:bold}"
	"svg.tl .sig,svg.tl .thr{fill:var(--ink2)}svg.tl .killtxt{font-size:10px;font-weight:bold;text-anchor:end;fill:#d62728;paint-order:stroke;stroke:var(--halo);stroke-width:3px}"
	"svg.tl .ax{stroke:var(--axis);stroke-width:1}svg.tl .life{fill:var(--life)}svg.tl .exec{fill:var(--ink)}"
	"svg.tl .kill{stroke:#d62728;stroke-width:2}svg.tl .end{stroke:var(--ink);stroke-width:1.5}"
	"svg.tl .b-fatal{fill:var(--bfatal)}svg.tl .b-dfl{fill:var(--bdfl)}svg.tl .b-ign{fill:var(--bign)}"
	"svg.tl .b-hnd{fill:var(--bhnd)}svg.tl .b-unk{fill:var(--bunk);stroke:var(--axis);stroke-dasharray:2 2}"
	"svg.tl .inst{fill:var(--ink)}svg.tl .agg{opacity:.85}svg.tl .cnt{font-size:9px;text-anchor:middle;fill:#fff}"
	"svg.tl .mk:hover,svg.tl .inst:hover{stroke:var(--ink);stroke-width:1}";

/* The SVG document (STANDALONE: an XML file of its own, with its style;
 * else inline in an HTML page, whose style has report_svg_style).  The
 * viewBox lets it scale to any width. */
void report_svg(const struct analyzer *a, struct strbuf *out, bool standalone)
{
	struct svg s = { .a = a, .out = out, .t0 = a->trace.t0,
			 .t1 = a->trace.t_last, .y = AXIS_H + 6 };
	double h = svg_height(a);

	if (s.t1 <= s.t0)
		s.t1 = s.t0 + 1000000;
	if (standalone)
		sb_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sb_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tl\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\" role=\"img\" aria-label=\"signal timeline\">",
		  SVG_W, h, SVG_W, h);
	if (standalone)
		sb_printf(out, "<style>%s</style>", report_svg_style);
	sb_addc(out, '\n');
	legend(&s);
	axis(&s);
	sb_addc(out, '\n');
	for (uint32_t i = 0; i < a->nprocs; i++) {
		if (a->procs[i]->row < 0)
			continue;
		proc_lanes(&s, a->procs[i]);
		sb_addc(out, '\n');
	}
	sb_adds(out, "</svg>\n");
}
