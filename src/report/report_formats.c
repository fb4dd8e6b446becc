/* SPDX-License-Identifier: MIT */
/*
 * report_formats.c - the report framework above the renderers: the table
 * of formats, choosing one by name or file name, and rendering one to a
 * buffer or a file descriptor.  Renderers never call back up into it.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report.h"
#include "sink.h"

/* Every report format: --report-format and `report --format` accept
 * these names, and their messages list them from here. */
static const struct report_ops *const formats[] = {
	&report_text_ops, &report_summary_ops, &report_json_ops,
	&report_html_ops, &report_chrome_ops, &report_svg_ops,
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

const struct report_ops *report_by_path(const char *path)
{
	if (ends_with(path, ".trace.json") || ends_with(path, ".chrome.json"))
		return &report_chrome_ops;
	if (ends_with(path, ".json"))
		return &report_json_ops;
	if (ends_with(path, ".html") || ends_with(path, ".htm"))
		return &report_html_ops;
	return &report_text_ops;
}

void report_render(const struct report_ops *ops, struct analyzer *a,
		   struct strbuf *out)
{
	struct report_ctx c = { .a = a, .out = out };
	void (*const sections[])(struct report_ctx *) = {
		ops->begin, ops->verdicts, ops->findings, ops->dispositions,
		ops->signals, ops->eintr, ops->timeline, ops->end,
	};

	analyzer_finish(a);
	if (ops->open)
		c.data = ops->open(&c);
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (sections[i])
			sections[i](&c);
	if (ops->close)
		ops->close(c.data);
}

int report_write(const struct report_ops *ops, struct analyzer *a, int fd)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	report_render(ops, a, &sb);
	rc = sink_write_all(fd, sb.buf ? sb.buf : "", sb.len);
	sb_free(&sb);
	return rc;
}
