/* SPDX-License-Identifier: MIT */
/*
 * jsonw.c - a minimal streaming JSON writer.  The caller says what comes
 * next (key, value, begin, end); the writer places the commas, so the
 * printers of each event type only list their fields.
 *
 * first[depth] is true while the container at DEPTH has had no member
 * yet.  A key clears it and sets it again, so the value that follows the
 * key is not preceded by a comma, and the next key is.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "jsonw.h"

/* Containers nested deeper than the table share its last slot: comma
 * placement can go wrong there, but no event nests anywhere near 16. */
static int slot(const struct jsonw *w)
{
	return w->depth < JSONW_MAX_DEPTH ? w->depth : JSONW_MAX_DEPTH - 1;
}

/* Before any value or key: a comma unless it is the first member. */
static void jw_sep(struct jsonw *w)
{
	int d = slot(w);

	if (w->depth == 0)
		return;
	if (!w->first[d])
		sb_addc(w->sb, ',');
	w->first[d] = false;
}

void jw_init(struct jsonw *w, struct strbuf *sb)
{
	w->sb = sb;
	w->depth = 0;
	for (int i = 0; i < JSONW_MAX_DEPTH; i++)
		w->first[i] = true;
}

static void jw_begin(struct jsonw *w, char c)
{
	jw_sep(w);
	sb_addc(w->sb, c);
	w->depth++;
	w->first[slot(w)] = true;
}

static void jw_end(struct jsonw *w, char c)
{
	sb_addc(w->sb, c);
	if (w->depth > 0)
		w->depth--;
}

void jw_object_begin(struct jsonw *w)
{
	jw_begin(w, '{');
}

void jw_object_end(struct jsonw *w)
{
	jw_end(w, '}');
}

void jw_array_begin(struct jsonw *w)
{
	jw_begin(w, '[');
}

void jw_array_end(struct jsonw *w)
{
	jw_end(w, ']');
}

void jw_key(struct jsonw *w, const char *key)
{
	jw_sep(w);
	sb_addc(w->sb, '"');
	sb_adds(w->sb, key);
	sb_adds(w->sb, "\":");
	/* The value that follows belongs to this member: no comma. */
	w->first[slot(w)] = true;
}

void jw_string_len(struct jsonw *w, const char *s, size_t len)
{
	jw_sep(w);
	sb_addc(w->sb, '"');
	escape_json(w->sb, s, len);
	sb_addc(w->sb, '"');
}

void jw_string(struct jsonw *w, const char *s)
{
	if (!s) {
		jw_null(w);
		return;
	}
	jw_string_len(w, s, strlen(s));
}

void jw_int(struct jsonw *w, int64_t v)
{
	jw_sep(w);
	sb_printf(w->sb, "%" PRId64, v);
}

void jw_uint(struct jsonw *w, uint64_t v)
{
	jw_sep(w);
	sb_printf(w->sb, "%" PRIu64, v);
}

void jw_bool(struct jsonw *w, bool v)
{
	jw_sep(w);
	sb_adds(w->sb, v ? "true" : "false");
}

void jw_null(struct jsonw *w)
{
	jw_sep(w);
	sb_adds(w->sb, "null");
}

void jw_hex(struct jsonw *w, uint64_t v)
{
	jw_sep(w);
	sb_printf(w->sb, "\"0x%" PRIx64 "\"", v);
}

void jw_kstring(struct jsonw *w, const char *key, const char *s)
{
	jw_key(w, key);
	jw_string(w, s);
}

void jw_kint(struct jsonw *w, const char *key, int64_t v)
{
	jw_key(w, key);
	jw_int(w, v);
}

void jw_kuint(struct jsonw *w, const char *key, uint64_t v)
{
	jw_key(w, key);
	jw_uint(w, v);
}

void jw_kbool(struct jsonw *w, const char *key, bool v)
{
	jw_key(w, key);
	jw_bool(w, v);
}

void jw_khex(struct jsonw *w, const char *key, uint64_t v)
{
	jw_key(w, key);
	jw_hex(w, v);
}
