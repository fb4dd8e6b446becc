/* SPDX-License-Identifier: MIT */
/*
 * report_formats.c - the report framework above the renderers: the table
 * of formats, choosing one by name or file name, and rendering one to a
 * buffer or a file descriptor.  Renderers never call back up into it.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "report.h"
#include "sink.h"

/* Every report format: --report-format and `report --format` accept
 * these names, and their messages list them from here. */
static const struct report_ops *const formats[] = {
	&report_text_ops, &report_summary_ops, &report_json_ops,
	&report_html_ops, &report_chrome_ops, &report_svg_ops,
	&report_counts_ops,
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const struct report_ops *report_by_name(const char *name)
{
	for (size_t i = 0; i < NFORMATS && name; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const char *report_format_names(char *buf, size_t len)
{
	size_t pos = 0;
	int n;

	if (!buf || len == 0)
		return "";
	buf[0] = '\0';
	for (size_t i = 0; i < NFORMATS && pos < len; i++) {
		n = snprintf(buf + pos, len - pos, "%s%s",
			     i == 0 ? "" : i + 1 < NFORMATS ? ", " : " or ",
			     formats[i]->name);
		pos += n > 0 ? (size_t)n : 0;
	}
	return buf;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Longest suffix first: x.trace.json is a Chrome trace, not JSON. */
static const struct {
	const char *suffix;
	const struct report_ops *ops;
} by_suffix[] = {
	{ ".trace.json", &report_chrome_ops },
	{ ".chrome.json", &report_chrome_ops },
	{ ".json", &report_json_ops },
	{ ".html", &report_html_ops },
	{ ".htm", &report_html_ops },
	{ ".svg", &report_svg_ops },
};

/* Formats a person may expect of a report that sigtrace does not
 * write: text under such a name would be a silent surprise. */
static const char *const foreign[] = {
	".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ps", ".csv",
	".xml", ".md", ".jsonl", ".yaml", ".yml", ".xhtml",
};

const struct report_ops *report_by_path(const char *path)
{
	for (size_t i = 0; i < sizeof(by_suffix) / sizeof(by_suffix[0]); i++)
		if (ends_with(path, by_suffix[i].suffix))
			return by_suffix[i].ops;
	for (size_t i = 0; i < sizeof(foreign) / sizeof(foreign[0]); i++)
		if (ends_with(path, foreign[i]))
			return NULL;
	return &report_text_ops;
}

unsigned report_needs(const struct report_ops *const *ops, size_t n)
{
	unsigned needs = 0;

	for (size_t i = 0; i < n; i++)
		if (ops[i])
			needs |= ops[i]->needs;
	return needs;
}

void report_render_opts(const struct report_ops *ops, struct analyzer *a,
			struct strbuf *out, const struct report_opts *opts)
{
	static const struct report_opts defaults = { 0 };
	struct report_ctx c = { .a = a, .out = out,
				.opts = opts ? opts : &defaults };
	/* The answer first: what went wrong, then who died of it, then
	 * the tables that back it. */
	void (*const sections[])(struct report_ctx *) = {
		ops->begin, ops->findings, ops->verdicts, ops->dispositions,
		ops->signals, ops->eintr, ops->timeline, ops->end,
	};

	/* A lane missing from the SVG would look like a quiet process. */
	if (ops->needs & ~a->keep)
		die("internal error: the %s report needs views the analyzer did not keep",
		    ops->name);
	analyzer_finish(a);
	if (ops->open)
		c.data = ops->open(&c);
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (sections[i])
			sections[i](&c);
	if (ops->close)
		ops->close(c.data);
}

void report_render(const struct report_ops *ops, struct analyzer *a,
		   struct strbuf *out)
{
	report_render_opts(ops, a, out, NULL);
}

int report_write(const struct report_ops *ops, struct analyzer *a, int fd,
		 const struct report_opts *opts)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	report_render_opts(ops, a, &sb, opts);
	rc = sink_write_all(fd, sb.buf ? sb.buf : "", sb.len);
	sb_free(&sb);
	return rc;
}
