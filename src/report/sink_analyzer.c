/* SPDX-License-Identifier: MIT */
/*
 * sink_analyzer.c - the live report's input: every event the tracer
 * emits goes to the analyzer (main.c gives this sink every signal: -e
 * signal=SET narrows the logs, not the summary or the report), which is
 * exactly what `sigtrace report` does with the JSON log's lines: with its
 * text made what the log reads back (event_make_utf8()).
 */
#include <stdlib.h>

#include "report.h"
#include "xmalloc.h"

struct analyzer_sink {
	struct analyzer *an;	/* not ours: main renders and frees it */
	struct event ev;	/* the event with its text made UTF-8 */
};

static void *analyzer_open(struct sink *s, void *arg)
{
	struct analyzer_sink *st = xcalloc(1, sizeof(*st));

	st->an = arg;
	return st;
}

static int analyzer_write(struct sink *s, const struct event *e)
{
	struct analyzer_sink *st = s->data;

	if (!sink_event_selected(&s->cfg, e))
		return 0;
	st->ev = *e;
	event_make_utf8(&st->ev);
	analyzer_feed(st->an, &st->ev);
	return 0;
}

static int analyzer_close(struct sink *s)
{
	free(s->data);
	return 0;
}

const struct sink_ops sink_analyzer_ops = {
	.name = "analyzer",
	.no_stacks = true,
	.open = analyzer_open,
	.write = analyzer_write,
	.close = analyzer_close,
};
