/* SPDX-License-Identifier: MIT */
/*
 * json_scan.h - one JSON text (a JSON Lines record) tokenised with jsmn
 * into a flat array, walked through a small cursor API: no tree, no
 * allocation per value.
 *
 * The text is checked as strictly as jansson's json_loadb() with no flags
 * checks it (the reader's decisions on bad logs must not change): an
 * object or array at the top, nothing but whitespace after it, the JSON
 * grammar of RFC 8259 (jsmn alone accepts missing colons, doubled commas,
 * bare words), strings of valid UTF-8 without control characters, no
 * \u0000, paired surrogates, integers that fit in a long long, finite
 * reals, at most JSCAN_MAX_DEPTH nested containers.  Duplicate keys: the
 * last one counts, as in jansson.
 *
 * Strings are decoded and NUL-terminated in place (the text is modified:
 * decoding only shrinks, and every string ends where its closing quote
 * was), so a string value is a C string that lives as long as the text.
 *
 * A value is named by its index in the token array (jscan_val); JSCAN_NIL
 * is "no such value" and every accessor accepts it.
 */
#ifndef SIGTRACE_JSON_SCAN_H
#define SIGTRACE_JSON_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#define JSCAN_MAX_DEPTH 2048	/* jansson's JSON_PARSER_MAX_DEPTH */
#define JSCAN_NIL (-1)

typedef int jscan_val;

enum jscan_kind {
	JSCAN_NONE,		/* JSCAN_NIL */
	JSCAN_OBJECT,
	JSCAN_ARRAY,
	JSCAN_STRING,
	JSCAN_INTEGER,
	JSCAN_REAL,
	JSCAN_TRUE,
	JSCAN_FALSE,
	JSCAN_NULL,
};

struct jscan_tok;

struct jscan {
	char *text;
	size_t len;
	struct jscan_tok *tok;
	void *raw;		/* jsmn's tokens */
	unsigned ntok, cap;
	size_t err_column;	/* 1-based byte column of an error */
	char err[96];
};

void jscan_init(struct jscan *s);
void jscan_free(struct jscan *s);

/* Tokenise and check TEXT (LEN bytes, modified in place).  0, or -1 when
 * it is not JSON: jscan_error() says why, jscan_error_column() where. */
int jscan_parse(struct jscan *s, char *text, size_t len);
const char *jscan_error(const struct jscan *s);
size_t jscan_error_column(const struct jscan *s);

/* The top-level value (an object or an array) after a successful parse. */
jscan_val jscan_root(const struct jscan *s);
enum jscan_kind jscan_kind(const struct jscan *s, jscan_val v);

/* Member KEY of object OBJ (the last one of that name), or JSCAN_NIL. */
jscan_val jscan_get(const struct jscan *s, jscan_val obj, const char *key);
/* The first element of array ARR, and the element after V (JSCAN_NIL at
 * the end): for (v = jscan_first(s, a); v != JSCAN_NIL; v = jscan_next(s, v)) */
jscan_val jscan_first(const struct jscan *s, jscan_val arr);
jscan_val jscan_next(const struct jscan *s, jscan_val v);
size_t jscan_count(const struct jscan *s, jscan_val arr);

/* The value of an integer (0 for anything else). */
long long jscan_int(const struct jscan *s, jscan_val v);
/* A string's decoded bytes (NUL-terminated; LEN, when not NULL, gets its
 * length), or NULL when V is not a string. */
const char *jscan_str(const struct jscan *s, jscan_val v, size_t *len);

static inline bool jscan_is(const struct jscan *s, jscan_val v,
			    enum jscan_kind k)
{
	return jscan_kind(s, v) == k;
}

#endif
