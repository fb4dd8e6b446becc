/*
 * sink_analyzer.c - the live report's input: every event the tracer
 * emits (after the same -e signal=SET filter as the other sinks) goes to
 * the analyzer, which is exactly what `sigtrace report` does with the
 * JSON log's lines.
 */
#include "report.h"

static int analyzer_write(struct sink *s, const struct event *e)
{
	if (sink_event_selected(&s->cfg, e))
		analyzer_feed(s->priv, e);
	return 0;
}

static int analyzer_close(struct sink *s)
{
	return 0;	/* the analyzer outlives the trace: main renders it */
}

const struct sink_ops sink_analyzer_ops = {
	.name = "analyzer",
	.write = analyzer_write,
	.close = analyzer_close,
};
