/* SPDX-License-Identifier: MIT */
/*
 * jsonw.h - a minimal streaming JSON writer into a strbuf, with commas
 * placed for the caller.  Strings go through escape_json().
 */
#ifndef SIGTRACE_JSONW_H
#define SIGTRACE_JSONW_H

#include <stdbool.h>
#include <stdint.h>
#include "strbuf.h"

#define JSONW_MAX_DEPTH 16

struct jsonw {
	struct strbuf *sb;
	int depth;
	bool first[JSONW_MAX_DEPTH];
};

void jw_init(struct jsonw *w, struct strbuf *sb);
void jw_object_begin(struct jsonw *w);
void jw_object_end(struct jsonw *w);
void jw_array_begin(struct jsonw *w);
void jw_array_end(struct jsonw *w);
void jw_key(struct jsonw *w, const char *key);	/* key is trusted ASCII */
void jw_string(struct jsonw *w, const char *s);
void jw_string_len(struct jsonw *w, const char *s, size_t len);
void jw_int(struct jsonw *w, int64_t v);
void jw_uint(struct jsonw *w, uint64_t v);
void jw_bool(struct jsonw *w, bool v);
void jw_null(struct jsonw *w);
void jw_hex(struct jsonw *w, uint64_t v);	/* "0x1a2b" as a string */

/* key + value shorthands */
void jw_kstring(struct jsonw *w, const char *key, const char *s);
void jw_kint(struct jsonw *w, const char *key, int64_t v);
void jw_kuint(struct jsonw *w, const char *key, uint64_t v);
void jw_kbool(struct jsonw *w, const char *key, bool v);
void jw_khex(struct jsonw *w, const char *key, uint64_t v);

#endif
