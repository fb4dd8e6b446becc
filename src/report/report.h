/* SPDX-License-Identifier: MIT */
/*
 * report.h - the post-mortem report: renderers over one analyzer.
 *
 * A renderer is a const table of section functions (tmux-style), called
 * in the order of the report: most important first.  A NULL section is
 * skipped.  What one rendering needs besides the output (a JSON
 * writer's nesting) is made by the renderer's open hook and handed to
 * every section in the context, never kept in statics.  Renderers
 * append to a strbuf (the analyzer is bounded, so the report is too)
 * and escape every string that came from a traced process for their
 * format.
 */
#ifndef SIGTRACE_REPORT_H
#define SIGTRACE_REPORT_H

#include <stdbool.h>
#include "analyzer.h"
#include "sink.h"
#include "strbuf.h"

/* The live report's input: sink_open(S, ANALYZER).  It feeds ANALYZER,
 * which it does not own: the caller renders and frees it. */
extern const struct sink_ops sink_analyzer_ops;

/* `sigtrace report LOG`: ARGV starts at "report".  Exit status. */
int report_main(int argc, char **argv);

/* What a rendering may be asked besides the format. */
struct report_opts {
	int count_sort;		/* the -c table's column: report_counts_sort() */
};

struct report_ctx {
	const struct analyzer *a;
	struct strbuf *out;
	void *data;		/* what the renderer's open returned */
	const struct report_opts *opts;	/* never NULL */
};

struct report_ops {
	const char *name;
	/* The views of time its sections read (enum an_keep): the analyzer
	 * it renders must have kept them (analyzer_keep()). */
	unsigned needs;
	/* The state of one rendering (C's analyzer and output are set),
	 * freed by close.  Both NULL: none. */
	void *(*open)(struct report_ctx *c);
	void (*close)(void *data);
	void (*begin)(struct report_ctx *c);
	void (*verdicts)(struct report_ctx *c);
	void (*findings)(struct report_ctx *c);
	void (*dispositions)(struct report_ctx *c);
	void (*signals)(struct report_ctx *c);
	void (*eintr)(struct report_ctx *c);
	void (*timeline)(struct report_ctx *c);
	void (*end)(struct report_ctx *c);
};

extern const struct report_ops report_text_ops;
extern const struct report_ops report_summary_ops;
extern const struct report_ops report_json_ops;
extern const struct report_ops report_html_ops;
extern const struct report_ops report_chrome_ops;
/* The per-signal table of -c, like strace -c's (report_counts.c). */
extern const struct report_ops report_counts_ops;

/* The column NAME of the -c table sorts by (-S: delivered, handled,
 * ignored, default, eintr, senders, findings, signal, nothing, and
 * strace's calls, name, errors), or -1. */
int report_counts_sort(const char *name);
/* The names, for a usage message. */
const char *report_counts_sort_help(void);

/* "text", "summary", "json", "html", "chrome", "svg"; NULL when
 * unknown. */
const struct report_ops *report_by_name(const char *name);
/* Those names for a message, "text, summary, ... or svg", into BUF. */
const char *report_format_names(char *buf, size_t len);
/* By PATH's extension: .json, .html/.htm, .svg, .trace.json and
 * .chrome.json (chrome); NULL for the extension of a format sigtrace
 * does not write (.pdf, .png, .csv...: the caller asks for
 * --report-format); text otherwise. */
const struct report_ops *report_by_path(const char *path);

/* What an analyzer must keep for OPS[0..N-1] (NULL entries: none). */
unsigned report_needs(const struct report_ops *const *ops, size_t n);

/* Finish the analysis and render it into OUT. */
void report_render(const struct report_ops *ops, struct analyzer *a,
		   struct strbuf *out);
/* The same with OPTS (NULL: the defaults). */
void report_render_opts(const struct report_ops *ops, struct analyzer *a,
			struct strbuf *out, const struct report_opts *opts);
/* Render and write to FD: 0 or -errno. */
int report_write(const struct report_ops *ops, struct analyzer *a, int fd,
		 const struct report_opts *opts);

/* ---- shared by the renderers (report_common.c) ---- */

const char *report_sev_name(enum severity sev);
/* One-line title and detail lines ('\n'-separated), plain text. */
void report_item_title(const struct analyzer *a, const struct an_item *it,
		       struct strbuf *sb);
void report_item_details(const struct analyzer *a, const struct an_item *it,
			 struct strbuf *sb);
/* The verdict of P in one sentence (report_verdict.c): "exited 0",
 * "killed by SIGTERM at +1.2 ms from 1234 bash [...] <- sshd(99): its
 * handler ran, then it re-raised SIGTERM ..." */
void report_verdict(const struct analyzer *a, const struct an_proc *p,
		    struct strbuf *sb);
/* A signal sent to a process group, once, with its fan-out: "SIGINT to
 * process group 1234 from the terminal (^C): 3 processes (...)". */
void report_group(const struct analyzer *a, const struct an_group *g,
		  struct strbuf *sb);
/* Why a default was in effect, as a clause; NULL for an unknown cause. */
const char *report_cause_text(unsigned cause);
/* Does the disposition table of P list SIGNO (not default throughout,
 * or delivered)? */
bool report_disp_listed(const struct an_proc *p, int signo);
/* The coalescing note: what is and is not measured. */
const char *report_coalescing_note(void);
/* The trace in one line: command or pids, mode. */
void report_trace_title(const struct analyzer *a, struct strbuf *sb);
/* The graphical timeline as SVG (report_svg.c); STANDALONE adds the
 * XML declaration, for a file of its own. */
void report_svg(const struct analyzer *a, struct strbuf *out,
		bool standalone);
extern const struct report_ops report_svg_ops;
/* The timeline's stylesheet: an HTML page that embeds the SVG has it. */
extern const char report_svg_style[];

/* ---- -k backtraces (report_stack.c), plain text ---- */

/* "frame <- frame <- ..." */
void report_stack_oneline(const struct analyzer *a, const struct an_stack *st,
			  struct strbuf *sb);
/* The stacks a report item refers to (a finding's delivery and last
 * sigaction), as titled blocks of lines; nothing when none was taken. */
void report_item_stacks(const struct analyzer *a, const struct an_item *it,
			struct strbuf *sb);

/* ---- the order of the processes (report_order.c) ---- */

enum report_proc_class {
	PROC_DIED,		/* killed or stopped by a signal: first */
	PROC_NOTABLE,		/* anything else to say (exit != 0, ...) */
	PROC_QUIET,		/* exited 0, nothing found: only counted */
};
enum report_proc_class report_proc_class(const struct an_proc *p);
uint32_t report_proc_count(const struct analyzer *a,
			   enum report_proc_class cls);
/* "58 other processes exited 0" ("4 processes exited 0" when all are). */
void report_quiet_line(const struct analyzer *a, struct strbuf *sb);

/* The open hook of the JSON renderers: a JSON writer into C->out, to
 * free(). */
void *report_jsonw_open(struct report_ctx *c);

/* Terminal-safe text: escape_text() but quotes and backslashes raw. */
void report_esc_text(struct strbuf *sb, const char *s);

#endif
