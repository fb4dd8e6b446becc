/*
 * reader.c - JSON Lines (docs/events.md, schema 1) back into struct
 * events, with jansson, one line at a time.
 *
 * What the log does not carry stays as event_init() leaves it, so an
 * event read back is the event the JSON sink was given, as far as the
 * log says.  Unknown fields are ignored (the schema adds fields freely);
 * an unknown event type is skipped and counted; anything else that is
 * not what sink_json.c writes is an error naming the line and the field.
 * A last line without its newline that does not parse is what a trace
 * killed mid-write leaves: a warning, not an error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "reader_priv.h"

/* ---- errors ---- */

int fail(struct reader *r, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->lineno)
		snprintf(r->err, sizeof(r->err), "%s:%lu: %s", r->name,
			 r->lineno, msg);
	else
		snprintf(r->err, sizeof(r->err), "%s: %s", r->name, msg);
	return -1;
}

int bad_type(struct reader *r, const char *key, const char *want)
{
	return fail(r, "field \"%s\" should be %s", key, want);
}

/* ---- common fields ---- */

static int get_time(struct reader *r, json_t *o, struct event *e)
{
	char buf[64], *p;
	struct tm tm;
	long ns = 0;
	int digits = 0;

	if (get_str(r, o, "time", true, buf, sizeof(buf)) < 0)
		return -1;
	if (buf[0] == '@') {	/* what sink_json writes when gmtime fails */
		e->real_sec = strtoll(buf + 1, &p, 10);
	} else {
		memset(&tm, 0, sizeof(tm));
		p = strptime(buf, "%Y-%m-%dT%H:%M:%S", &tm);
		if (!p)
			return bad_type(r, "time", "an ISO 8601 UTC time");
		e->real_sec = (int64_t)timegm(&tm);
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, digits++)
			if (digits < 9)
				ns = ns * 10 + (*p - '0');
		for (; digits < 9; digits++)
			ns *= 10;
	}
	if (strcmp(p, "Z") != 0)
		return bad_type(r, "time", "an ISO 8601 UTC time ending in Z");
	e->real_nsec = ns;
	return 0;
}

static int get_common(struct reader *r, json_t *o, struct event *e,
		      bool *skip)
{
	char type[NAME_MAX_R];
	long long v = 0;
	int t;

	*skip = false;
	if (!json_object_get(o, "v"))
		return fail(r, "not a sigtrace event: no \"v\" (schema version) field");
	if (get_int(r, o, "v", true, &v) < 0)
		return -1;
	if (v != EVENT_SCHEMA_VERSION)
		return fail(r, "schema version %lld; this sigtrace reads version %d",
			    v, EVENT_SCHEMA_VERSION);
	if (get_str(r, o, "type", true, type, sizeof(type)) < 0)
		return -1;
	t = event_type_from_name(type);
	if (t < 0) {
		r->skipped++;
		snprintf(r->skipped_type, sizeof(r->skipped_type), "%s", type);
		*skip = true;
		return 0;
	}
	memset(e, 0, sizeof(*e));
	e->type = (enum event_type)t;
	if (e->type == EV_SIGNAL) {
		e->u.sig.syscall = -1;
		e->u.sig.fd = -1;
	}
	if (get_u64(r, o, "mono_ns", true, &e->mono_ns) < 0 ||
	    get_int(r, o, "pid", true, &v) < 0)
		return -1;
	e->pid = (pid_t)v;
	if (get_int(r, o, "tid", true, &v) < 0)
		return -1;
	e->tid = (pid_t)v;
	if (get_time(r, o, e) < 0 ||
	    get_str(r, o, "comm", false, e->comm, sizeof(e->comm)) < 0)
		return -1;
	return 0;
}

int reader_parse(struct reader *r, const char *line, size_t len,
		 struct event *e)
{
	json_error_t jerr;
	json_t *o;
	bool skip;
	int rc;

	o = json_loadb(line, len, 0, &jerr);
	if (!o)
		return fail(r, "not JSON (column %d: %s): is this a sigtrace --json log?",
			    jerr.column, jerr.text);
	if (!json_is_object(o)) {
		json_decref(o);
		return fail(r, "not a JSON object: is this a sigtrace --json log?");
	}
	rc = get_common(r, o, e, &skip);
	if (rc == 0 && !skip)
		rc = parse_type(r, o, e, &skip);
	json_decref(o);
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
			return fail(r, "cannot read: %s", strerror(errno));
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
			return fail(r, "a line longer than %d bytes: not a sigtrace JSON Lines log",
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
			return fail(r, "binary data (a NUL byte at column %zu): not a sigtrace JSON Lines log",
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
		return fail(r, r->warning[0] ? "no complete event in the log" :
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
	struct reader *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->chunk = malloc(CHUNK);
	if (!r->chunk) {
		free(r);
		return NULL;
	}
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
	if (!r) {
		snprintf(err, errlen, "out of memory");
		if (fp != stdin)
			fclose(fp);
		return NULL;
	}
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
	free(r->chunk);
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
