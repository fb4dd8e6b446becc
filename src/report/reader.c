/* SPDX-License-Identifier: MIT */
/*
 * reader.c - JSON Lines (docs/events.md, schema 1) back into struct
 * events, one line at a time, with the scanner of json_scan.h (jsmn's
 * tokens, checked as strictly as jansson checks a text: a log jansson
 * refused is still refused, on the same line).
 *
 * What the log does not carry stays as event_init() leaves it, so an
 * event read back is the event the JSON sink was given, as far as the
 * log says.  Unknown fields are ignored (the schema adds fields freely);
 * an unknown event type is skipped and counted; anything else that is
 * not what sink_json.c writes is an error naming the line and the field.
 * A last line without its newline that does not parse is what a trace
 * killed mid-write leaves: a warning, not an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader_priv.h"
#include "xmalloc.h"

int reader_parse(struct reader *r, const char *line, size_t len,
		 struct event *e)
{
	static char empty[1];
	bool skip = false;
	char *text = empty;
	int rc;

	/* The scanner decodes strings in place: a copy of the line. */
	if (len) {
		sb_reset(&r->text);
		sb_add(&r->text, line, len);
		text = r->text.buf;
	}
	if (jscan_parse(&r->scan, text, len) < 0)
		return reader_fail(r, "not JSON (column %zu: %s): is this a sigtrace --json log?",
				   jscan_error_column(&r->scan),
				   jscan_error(&r->scan));
	if (!jscan_is(&r->scan, jscan_root(&r->scan), JSCAN_OBJECT))
		return reader_fail(r, "not a JSON object: is this a sigtrace --json log?");
	rc = reader_parse_object(r, jscan_root(&r->scan), e, &skip);
	if (rc < 0)
		return -1;
	return skip ? 1 : 0;
}

/* ---- lines ---- */

static int fill(struct reader *r)
{
	if (r->eof)
		return 0;
	r->chunk_len = fread(r->chunk, 1, CHUNK, r->fp);
	r->chunk_pos = 0;
	if (r->chunk_len == 0) {
		r->eof = true;
		if (ferror(r->fp))
			return reader_fail(r, "cannot read: %s",
					   strerror(errno));
	}
	return 0;
}

/* The next line into r->line: 1 with its newline, 2 without (the last
 * line of a file not ending in one), 0 at the end, -1 on an error. */
static int next_line(struct reader *r)
{
	sb_reset(&r->line);
	r->lineno++;
	for (;;) {
		char *nl;
		size_t n;

		if (r->chunk_pos == r->chunk_len) {
			if (fill(r) < 0)
				return -1;
			if (r->eof)
				return r->line.len ? 2 : 0;
		}
		n = r->chunk_len - r->chunk_pos;
		nl = memchr(r->chunk + r->chunk_pos, '\n', n);
		if (nl)
			n = (size_t)(nl - (r->chunk + r->chunk_pos));
		if (r->line.len + n > READER_LINE_MAX)
			return reader_fail(r, "a line longer than %d bytes: not a sigtrace JSON Lines log",
					   READER_LINE_MAX);
		sb_add(&r->line, r->chunk + r->chunk_pos, n);
		r->chunk_pos += n + (nl ? 1 : 0);
		if (nl)
			return 1;
	}
}

static bool blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

int reader_next(struct reader *r, struct event *e)
{
	for (;;) {
		int kind = next_line(r), rc;
		const char *nul;

		if (kind < 0)
			return -1;
		if (kind == 0)
			break;
		if (blank(r->line.buf, r->line.len))
			continue;
		nul = memchr(r->line.buf, '\0', r->line.len);
		if (nul)
			return reader_fail(r, "binary data (a NUL byte at column %zu): not a sigtrace JSON Lines log",
					   (size_t)(nul - r->line.buf) + 1);
		rc = reader_parse(r, r->line.buf, r->line.len, e);
		if (rc < 0 && kind == 2 && strstr(r->err, ": not JSON (")) {
			snprintf(r->warning, sizeof(r->warning),
				 "%s:%lu: the last line is incomplete (the trace was cut short?): ignored",
				 r->name, r->lineno);
			break;
		}
		if (rc < 0)
			return -1;
		if (rc == 0) {
			r->events++;
			return 1;
		}
	}
	if (r->events == 0) {
		r->lineno = 0;
		return reader_fail(r, r->warning[0] ?
				   "no complete event in the log" :
				   r->skipped ? "no event this sigtrace knows" :
				   "empty: no events (was sigtrace run with --json?)");
	}
	if (r->skipped && !r->warning[0])
		snprintf(r->warning, sizeof(r->warning),
			 "%s: %llu events of types this sigtrace does not know (e.g. \"%s\") skipped",
			 r->name, (unsigned long long)r->skipped,
			 r->skipped_type);
	return 0;
}

/* ---- life cycle ---- */

struct reader *reader_new(const char *name, FILE *fp)
{
	struct reader *r = xcalloc(1, sizeof(*r));

	r->chunk = xmalloc(CHUNK);
	jscan_init(&r->scan);
	reader_names_init(r);
	snprintf(r->name, sizeof(r->name), "%s", name);
	r->fp = fp;
	return r;
}

struct reader *reader_open(const char *path, char *err, size_t errlen)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "re");
	struct reader *r;

	if (!fp) {
		snprintf(err, errlen, "cannot open the log '%s': %s", path,
			 strerror(errno));
		return NULL;
	}
	r = reader_new(strcmp(path, "-") == 0 ? "(stdin)" : path, fp);
	r->owns_fp = fp != stdin;
	return r;
}

void reader_close(struct reader *r)
{
	if (!r)
		return;
	if (r->owns_fp)
		fclose(r->fp);
	sb_free(&r->line);
	sb_free(&r->text);
	jscan_free(&r->scan);
	free(r->chunk);
	free(r->stack);
	free(r);
}

const char *reader_error(const struct reader *r)
{
	return r->err;
}

const char *reader_warning(const struct reader *r)
{
	return r->warning[0] ? r->warning : NULL;
}
