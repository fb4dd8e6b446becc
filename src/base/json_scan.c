/* SPDX-License-Identifier: MIT */
/*
 * json_scan.c - a JSON text tokenised by jsmn, then checked and indexed in
 * one walk over the tokens (json_scan.h says what is checked and why).
 *
 * jsmn finds where every string, primitive and container starts and ends,
 * but it does not look between tokens (it takes {"a" 1,,} as well as
 * {"a":1}) nor inside them (any bytes in strings, any word as a
 * primitive).  The walk does both: the bytes between two tokens must be
 * whitespace around exactly the separator the grammar wants there, a
 * container ends with only whitespace before its closing bracket, strings
 * are validated and decoded in place, primitives are JSON literals or
 * numbers.  Each token also gets the index just past its subtree, so
 * members and elements are found by skipping, not by searching.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JSMN_STATIC
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

#include "json_scan.h"
#include "xmalloc.h"

struct jscan_tok {
	unsigned start, end;	/* the bytes: a string's decoded content */
	unsigned next;		/* the token just past this value */
	int up;			/* the array or object it is in, or -1 */
	unsigned char kind;	/* enum jscan_kind */
	long long ival;		/* JSCAN_INTEGER */
};

enum { AT_OPEN, AT_KEY, AT_VALUE };	/* where the walk is in a container */

/* ---- errors ---- */

__attribute__((format(printf, 3, 4)))
static int fail(struct jscan *s, size_t pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	s->err_column = pos + 1;
	return -1;
}

/* ---- strings ---- */

static int hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		int c = p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/* The length of the UTF-8 sequence at P (at most AVAIL bytes), 0 when it
 * is not one: jansson's utf8_check_first and utf8_check_full. */
static unsigned utf8_seq(const unsigned char *p, size_t avail)
{
	unsigned n, v;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	n = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (avail < n)
		return 0;
	v = p[0] & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
	for (unsigned i = 1; i < n; i++) {
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
		v = (v << 6) | (p[i] & 0x3f);
	}
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ||
	    (n == 3 && v < 0x800) || (n == 4 && v < 0x10000))
		return 0;
	return n;
}

static unsigned utf8_put(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The \u escape at text[*r] (just after the backslash and the 'u'), a
 * surrogate pair included, as a code point; -1 after fail(). */
static long unicode_escape(struct jscan *s, unsigned *r, unsigned end)
{
	const char *t = s->text;
	int hi = *r + 4 <= end ? hex4(t + *r) : -1, lo;

	if (hi < 0)
		return fail(s, *r, "invalid escape");
	*r += 4;
	if (hi == 0)
		return fail(s, *r - 6, "\\u0000 is not allowed");
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return fail(s, *r - 6, "invalid Unicode '\\u%04X'", hi);
	if (hi < 0xd800 || hi > 0xdbff)
		return hi;
	if (*r + 6 > end || t[*r] != '\\' || t[*r + 1] != 'u')
		return fail(s, *r - 6, "invalid Unicode '\\u%04X'", hi);
	lo = hex4(t + *r + 2);
	if (lo < 0)
		return fail(s, *r + 2, "invalid escape");
	if (lo < 0xdc00 || lo > 0xdfff)
		return fail(s, *r - 6, "invalid Unicode '\\u%04X\\u%04X'", hi,
			    lo);
	*r += 6;
	return 0x10000 + (((long)hi - 0xd800) << 10) + (lo - 0xdc00);
}

/* Check and decode the string between START and END (its quotes outside)
 * in place, NUL-terminated; its decoded end in *OUT. */
static int string(struct jscan *s, unsigned start, unsigned end,
		  unsigned *out)
{
	static const char esc_from[] = "\"\\/bfnrt", esc_to[] = "\"\\/\b\f\n\r\t";
	char *t = s->text;
	unsigned r = start, w, n;

	/* most strings are plain ASCII: nothing to move */
	while (r < end && (unsigned char)t[r] >= 0x20 &&
	       (unsigned char)t[r] < 0x80 && t[r] != '\\')
		r++;
	w = r;
	while (r < end) {
		unsigned char c = (unsigned char)t[r];
		const char *e;

		if (c >= 0x20 && c < 0x80 && c != '\\') {
			t[w++] = (char)c;
			r++;
		} else if (c < 0x20) {
			return fail(s, r, c == '\n' ? "unexpected newline" :
				    "control character 0x%x", c);
		} else if (c >= 0x80) {
			n = utf8_seq((const unsigned char *)t + r, end - r);
			if (!n)
				return fail(s, r, "unable to decode byte 0x%x", c);
			memmove(t + w, t + r, n);
			w += n;
			r += n;
		} else if (r + 1 < end && t[r + 1] == 'u') {
			long cp;

			r += 2;
			cp = unicode_escape(s, &r, end);
			if (cp < 0)
				return -1;
			w += utf8_put(t + w, (unsigned)cp);
		} else if (r + 1 < end && t[r + 1] &&
			   (e = strchr(esc_from, t[r + 1]))) {
			t[w++] = esc_to[e - esc_from];
			r += 2;
		} else {
			return fail(s, r, "invalid escape");
		}
	}
	t[w] = '\0';
	*out = w;
	return 0;
}

/* ---- primitives ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A JSON number in text[start, end): an integer that fits in a long long
 * (into *IVAL), or a finite real; its kind, or -1 after fail(). */
static int number(struct jscan *s, unsigned start, unsigned end,
		  long long *ival)
{
	char *t = s->text, saved;
	unsigned p = start;
	bool neg = t[p] == '-', real = false;
	unsigned long long mag = 0, lim;
	double d;

	p += neg;
	if (p < end && t[p] == '0')
		p++;
	else if (p < end && is_digit(t[p]))
		while (p < end && is_digit(t[p]))
			p++;
	else
		return fail(s, start, "invalid token");
	if (p < end && t[p] == '.') {
		real = true;
		if (++p >= end || !is_digit(t[p]))
			return fail(s, start, "invalid token");
		while (p < end && is_digit(t[p]))
			p++;
	}
	if (p < end && (t[p] == 'e' || t[p] == 'E')) {
		real = true;
		p += p + 1 < end && (t[p + 1] == '+' || t[p + 1] == '-');
		if (++p >= end || !is_digit(t[p]))
			return fail(s, start, "invalid token");
		while (p < end && is_digit(t[p]))
			p++;
	}
	if (p != end)
		return fail(s, start, "invalid token");
	if (!real) {
		lim = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
		for (p = start + neg; p < end; p++) {
			unsigned dig = (unsigned)(t[p] - '0');

			if (mag > (lim - dig) / 10)
				return fail(s, start, neg ?
					    "too big negative integer" :
					    "too big integer");
			mag = mag * 10 + dig;
		}
		*ival = neg ? (long long)(0 - mag) : (long long)mag;
		return JSCAN_INTEGER;
	}
	/* the byte after a primitive is a delimiter: borrow it for strtod */
	saved = t[end];
	t[end] = '\0';
	errno = 0;
	d = strtod(t + start, NULL);
	t[end] = saved;
	if (errno == ERANGE && isinf(d))
		return fail(s, start, "real number overflow");
	return JSCAN_REAL;
}

static int primitive(struct jscan *s, unsigned start, unsigned end,
		     long long *ival)
{
	static const struct { const char *word; int kind; } words[] = {
		{ "true", JSCAN_TRUE }, { "false", JSCAN_FALSE },
		{ "null", JSCAN_NULL },
	};
	const char *t = s->text + start;

	if (!(*t == '-' || is_digit(*t))) {
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (end - start == strlen(words[i].word) &&
			    memcmp(t, words[i].word, end - start) == 0)
				return words[i].kind;
		return fail(s, start, "invalid token");
	}
	return number(s, start, end, ival);
}

/* ---- the walk ---- */

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* From *POS to END: whitespace around SEP (required when not 0). */
static int gap(struct jscan *s, unsigned *pos, unsigned end, char sep,
	       const char *want)
{
	bool seen = !sep;

	for (unsigned p = *pos; p < end; p++) {
		if (is_ws(s->text[p]))
			continue;
		if (s->text[p] != sep || seen)
			return fail(s, p, "%s expected", want);
		seen = true;
	}
	if (!seen)
		return fail(s, end, "%s expected", want);
	*pos = end;
	return 0;
}

static unsigned raw_start(const jsmntok_t *t)
{
	return (unsigned)t->start - (t->type == JSMN_STRING);
}

/* Token I's own content: checked, decoded, its kind and bounds set. */
static int content(struct jscan *s, const jsmntok_t *t, unsigned i)
{
	struct jscan_tok *k = &s->tok[i];
	int kind;

	k->start = (unsigned)t->start;
	k->end = (unsigned)t->end;
	switch (t->type) {
	case JSMN_OBJECT:
		k->kind = JSCAN_OBJECT;
		return 0;
	case JSMN_ARRAY:
		k->kind = JSCAN_ARRAY;
		return 0;
	case JSMN_STRING:
		k->kind = JSCAN_STRING;
		return string(s, k->start, k->end, &k->end);
	default:
		kind = primitive(s, k->start, k->end, &k->ival);
		if (kind < 0)
			return -1;
		k->kind = (unsigned char)kind;
		return 0;
	}
}

/* Close the containers on STACK that end at or before POSITION END. */
static int close_upto(struct jscan *s, const jsmntok_t *t, unsigned *stack,
		      unsigned *depth, int *state, unsigned *pos, unsigned end,
		      unsigned next)
{
	while (*depth && (unsigned)t[stack[*depth - 1]].end <= end) {
		unsigned c = stack[*depth - 1];
		bool obj = t[c].type == JSMN_OBJECT;

		if (*state == AT_KEY)
			return fail(s, *pos, "':' expected");
		if (gap(s, pos, (unsigned)t[c].end - 1, 0,
			obj ? "',' or '}'" : "',' or ']'") < 0)
			return -1;
		*pos = (unsigned)t[c].end;
		s->tok[c].next = next;
		(*depth)--;
		*state = AT_VALUE;
	}
	return 0;
}

/* Where token I may stand: the separator before it and whether it must
 * be a key; then its state after it. */
static int place(struct jscan *s, const jsmntok_t *t, unsigned i,
		 unsigned top, int *state, unsigned *pos)
{
	bool obj = t[top].type == JSMN_OBJECT;
	bool key = obj && *state != AT_KEY;
	char sep = *state == AT_OPEN ? 0 : obj && *state == AT_KEY ? ':' : ',';
	const char *want = !obj ? "',' or ']'" : *state == AT_KEY ? "':'" :
		"',' or '}'";

	if (*state == AT_OPEN)
		want = obj ? "string or '}'" : "value or ']'";
	if (gap(s, pos, raw_start(&t[i]), sep, want) < 0)
		return -1;
	if (key && t[i].type != JSMN_STRING)
		return fail(s, raw_start(&t[i]), "string or '}' expected");
	*state = key ? AT_KEY : AT_VALUE;
	return 0;
}

static int walk(struct jscan *s, const jsmntok_t *t, unsigned n)
{
	unsigned stack[JSCAN_MAX_DEPTH], depth = 0, pos = 0;
	int state = AT_OPEN;

	if (n == 0)
		return fail(s, s->len, "'[' or '{' expected");
	for (unsigned i = 0; i <= n; i++) {
		unsigned rs = i < n ? raw_start(&t[i]) : (unsigned)s->len;

		if (close_upto(s, t, stack, &depth, &state, &pos, rs, i) < 0)
			return -1;
		if (i == n)
			break;
		if (i == 0 && gap(s, &pos, rs, 0, "'[' or '{'") < 0)
			return -1;
		if (i == 0 && t[0].type != JSMN_OBJECT && t[0].type != JSMN_ARRAY)
			return fail(s, rs, "'[' or '{' expected");
		if (i > 0 && depth == 0)
			return fail(s, rs, "end of file expected");
		if (i > 0 && place(s, t, i, stack[depth - 1], &state, &pos) < 0)
			return -1;
		if (content(s, &t[i], i) < 0)
			return -1;
		s->tok[i].up = depth ? (int)stack[depth - 1] : -1;
		s->tok[i].next = i + 1;
		if (t[i].type == JSMN_OBJECT || t[i].type == JSMN_ARRAY) {
			if (depth == JSCAN_MAX_DEPTH)
				return fail(s, rs, "maximum parsing depth reached");
			stack[depth++] = i;
			state = AT_OPEN;
			pos = rs + 1;
		} else {
			pos = (unsigned)t[i].end + (t[i].type == JSMN_STRING);
		}
	}
	return gap(s, &pos, (unsigned)s->len, 0, "end of file");
}

/* ---- parsing ---- */

void jscan_init(struct jscan *s)
{
	memset(s, 0, sizeof(*s));
}

void jscan_free(struct jscan *s)
{
	free(s->tok);
	free(s->raw);
	jscan_init(s);
}

/* jsmn over the text, the token arrays grown until they hold it all. */
static int tokenise(struct jscan *s)
{
	for (;;) {
		jsmn_parser p;
		int n;

		jsmn_init(&p);
		n = jsmn_parse(&p, s->text, s->len, s->raw, s->cap);
		if (n >= 0) {
			s->ntok = (unsigned)n;
			return 0;
		}
		if (n != JSMN_ERROR_NOMEM)
			return fail(s, p.pos < s->len ? p.pos : s->len,
				    n == JSMN_ERROR_PART ?
				    "premature end of input" : "invalid token");
		s->cap = s->cap ? s->cap * 2 : 256;
		s->raw = xrealloc(s->raw, s->cap * sizeof(jsmntok_t));
		s->tok = xrealloc(s->tok, s->cap * sizeof(*s->tok));
	}
}

int jscan_parse(struct jscan *s, char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);

	s->text = text;
	s->len = len;
	s->ntok = 0;
	s->err[0] = '\0';
	s->err_column = 0;
	if (nul)
		return fail(s, (size_t)(nul - text), "NUL byte");
	if (len > INT_MAX / 2)
		return fail(s, 0, "text too long");
	if (!s->cap) {
		s->cap = 256;
		s->raw = xmalloc(s->cap * sizeof(jsmntok_t));
		s->tok = xmalloc(s->cap * sizeof(*s->tok));
	}
	if (tokenise(s) < 0 || walk(s, s->raw, s->ntok) < 0) {
		s->ntok = 0;
		return -1;
	}
	return 0;
}

const char *jscan_error(const struct jscan *s)
{
	return s->err;
}

size_t jscan_error_column(const struct jscan *s)
{
	return s->err_column;
}

/* ---- the cursor ---- */

jscan_val jscan_root(const struct jscan *s)
{
	return s->ntok ? 0 : JSCAN_NIL;
}

enum jscan_kind jscan_kind(const struct jscan *s, jscan_val v)
{
	if (v < 0 || (unsigned)v >= s->ntok)
		return JSCAN_NONE;
	return (enum jscan_kind)s->tok[v].kind;
}

jscan_val jscan_get(const struct jscan *s, jscan_val obj, const char *key)
{
	size_t klen = strlen(key);
	jscan_val found = JSCAN_NIL;
	unsigned i;

	if (jscan_kind(s, obj) != JSCAN_OBJECT)
		return JSCAN_NIL;
	for (i = (unsigned)obj + 1; i < s->tok[obj].next;
	     i = s->tok[i + 1].next) {
		const struct jscan_tok *k = &s->tok[i];

		if (k->end - k->start == klen &&
		    memcmp(s->text + k->start, key, klen) == 0)
			found = (jscan_val)(i + 1);
	}
	return found;
}

jscan_val jscan_first(const struct jscan *s, jscan_val arr)
{
	if (jscan_kind(s, arr) != JSCAN_ARRAY ||
	    (unsigned)arr + 1 >= s->tok[arr].next)
		return JSCAN_NIL;
	return arr + 1;
}

jscan_val jscan_next(const struct jscan *s, jscan_val v)
{
	int up;

	if (jscan_kind(s, v) == JSCAN_NONE || (up = s->tok[v].up) < 0 ||
	    s->tok[v].next >= s->tok[up].next)
		return JSCAN_NIL;
	return (jscan_val)s->tok[v].next;
}

size_t jscan_count(const struct jscan *s, jscan_val arr)
{
	size_t n = 0;

	for (jscan_val v = jscan_first(s, arr); v != JSCAN_NIL;
	     v = jscan_next(s, v))
		n++;
	return n;
}

long long jscan_int(const struct jscan *s, jscan_val v)
{
	return jscan_kind(s, v) == JSCAN_INTEGER ? s->tok[v].ival : 0;
}

const char *jscan_str(const struct jscan *s, jscan_val v, size_t *len)
{
	if (jscan_kind(s, v) != JSCAN_STRING)
		return NULL;
	if (len)
		*len = s->tok[v].end - s->tok[v].start;
	return s->text + s->tok[v].start;
}
