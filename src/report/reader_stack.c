/* SPDX-License-Identifier: MIT */
/*
 * reader_stack.c - a -k backtrace ("stack", docs/events.md) back into a
 * struct stack, so that the offline report shows the stacks the live
 * one does.  The frames live in one buffer of the reader, reused by the
 * next event: valid while the event is, as the tracer's are.  A frame
 * part the reader cannot use is left out, as the JSON sink leaves out
 * what it does not know; a "stack" that is not an array of objects is
 * an error, which the caller reports with the line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader_priv.h"
#include "xmalloc.h"

#define FRAMES_MAX 1024		/* the tracer's own depth limit */

static void hex(struct reader *r, jscan_val o, const char *key,
		uint64_t *out)
{
	jscan_val v = jv_get(r, o, key);
	const char *s;
	char *end;

	if (jv_is(r, v, JSCAN_INTEGER)) {
		*out = (uint64_t)jv_int(r, v);
		return;
	}
	s = jv_is(r, v, JSCAN_STRING) ? jv_str(r, v) : NULL;
	if (!s || strncmp(s, "0x", 2) != 0)
		return;
	errno = 0;
	*out = strtoull(s, &end, 16);
	if (errno || *end)
		*out = 0;
}

static void text(struct reader *r, jscan_val o, const char *key, char *dst,
		 size_t size)
{
	jscan_val v = jv_get(r, o, key);
	const char *s = jv_is(r, v, JSCAN_STRING) ? jv_str(r, v) : NULL;
	size_t n, len;

	if (!s)
		return;
	len = jv_len(r, v);
	n = len < size - 1 ? len : size - 1;
	/* Cut at a character: the log's text is UTF-8. */
	while (n > 0 && n < len && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

static void frame(struct reader *r, jscan_val o, struct stack_frame *f)
{
	jscan_val line = jv_get(r, o, "line");

	memset(f, 0, sizeof(*f));
	hex(r, o, "ip", &f->ip);
	hex(r, o, "module_offset", &f->module_offset);
	hex(r, o, "symbol_offset", &f->symbol_offset);
	text(r, o, "module", f->module, sizeof(f->module));
	text(r, o, "symbol", f->symbol, sizeof(f->symbol));
	text(r, o, "file", f->file, sizeof(f->file));
	if (jv_is(r, line, JSCAN_INTEGER) && jv_int(r, line) > 0 &&
	    jv_int(r, line) <= UINT32_MAX)
		f->line = (uint32_t)jv_int(r, line);
	f->inlined = jv_is(r, jv_get(r, o, "inlined"), JSCAN_TRUE);
}

const char *reader_get_stack(struct reader *r, jscan_val o,
			     const struct stack **out)
{
	jscan_val a = jv_get(r, o, "stack"), f;
	size_t n;

	*out = NULL;
	if (a == JSCAN_NIL)
		return NULL;
	if (!jv_is(r, a, JSCAN_ARRAY))
		return "\"stack\" is not an array of frames";
	n = jscan_count(&r->scan, a);
	if (n > FRAMES_MAX)
		n = FRAMES_MAX;
	if (!r->stack || r->stack_cap < n) {
		free(r->stack);
		r->stack_cap = n > 32 ? n : 32;
		r->stack = xmalloc(sizeof(*r->stack) +
				   r->stack_cap * sizeof(r->stack->frames[0]));
	}
	r->stack->count = 0;
	r->stack->unavailable = NULL;
	for (f = jv_first(r, a); f != JSCAN_NIL && r->stack->count < n;
	     f = jv_next(r, f)) {
		if (!jv_is(r, f, JSCAN_OBJECT))
			return "a \"stack\" frame is not an object";
		frame(r, f, &r->stack->frames[r->stack->count++]);
	}
	if (jv_is(r, jv_get(r, o, "stack_unavailable"), JSCAN_STRING)) {
		text(r, o, "stack_unavailable", r->stack_why,
		     sizeof(r->stack_why));
		r->stack->unavailable = r->stack_why;
	}
	*out = r->stack;
	return NULL;
}
