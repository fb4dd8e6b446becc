/* SPDX-License-Identifier: MIT */
/*
 * analyzer_util.c - what the analyzer keeps of an event, made exactly
 * what the JSON Lines log would carry: text cut to the analyzer's sizes
 * at a character (events come with valid UTF-8: event_make_utf8()),
 * command lines split as the sink splits them, dispositions with only
 * the fields the log writes, syscall names as the log names them; and
 * the pool of interned strings (symbols, syscall names).  This is what
 * makes the live and the offline report the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "escape.h"
#include "evwalk.h"
#include "strbuf.h"
#include "xmalloc.h"

#define POOL_SLOTS (2 * AN_POOL_MAX)
#define GROW_FIRST 8	/* entries of a table's first allocation */
#define POOL_STR_MAX 124	/* below SYMBOL_MAX - 3: see an_clean() */

/* ---- tables that fill as the trace needs them ---- */

void *an_grow(void *arr, uint32_t *cap, uint32_t n, uint32_t max,
	      size_t size)
{
	uint32_t want;

	if (n < *cap)
		return arr;
	want = *cap ? 2 * *cap : GROW_FIRST;
	if (want > max)
		want = max;
	arr = xrealloc(arr, want * size);
	memset((char *)arr + *cap * size, 0, (want - *cap) * size);
	*cap = want;
	return arr;
}

/* ---- text, as the event carries it ---- */

void an_clean(char *dst, size_t size, const char *src, size_t len)
{
	size_t n;

	if (size == 0)
		return;
	n = escape_utf8_cut(src, len, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* A fixed-size event field: never read past it. */
void an_clean_fixed(char *dst, size_t size, const char *src, size_t max)
{
	an_clean(dst, size, src, strnlen(src, max));
}

void an_args_from(struct an_args *dst, const struct cmdline *c)
{
	const char *src;
	size_t len, pos = 0;
	char arg[AN_STR];

	memset(dst, 0, sizeof(*dst));
	dst->truncated = c->truncated;
	while (cmdline_next(c, &pos, &src, &len)) {
		size_t n, room;

		an_clean(arg, sizeof(arg), src, len);
		n = strlen(arg);
		room = sizeof(dst->buf) - dst->len;
		if (n + 1 > room) {
			n = room > 1 ? escape_utf8_cut(arg, n, room - 1) : 0;
			dst->truncated = true;
		}
		if (room > 0) {
			memcpy(dst->buf + dst->len, arg, n);
			dst->buf[dst->len + n] = '\0';
			dst->len = (uint16_t)(dst->len + n + 1);
		}
		if (dst->truncated && dst->len >= sizeof(dst->buf))
			break;
	}
}

void an_sender_from(struct an_sender *dst, bool present,
		    const struct proc_ident *p, const struct ancestry *chain)
{
	size_t n = chain->count < ANCESTRY_MAX ? chain->count : ANCESTRY_MAX;

	memset(dst, 0, sizeof(*dst));
	dst->present = present;
	if (!present)
		return;
	dst->pid = p->pid;
	dst->ns_pid = p->ns_pid;
	dst->uid = p->uid;
	dst->gone = p->gone;
	/* The JSON log names a sender only in this case (sink_json.c). */
	dst->named = p->known && p->comm[0];
	if (dst->named) {
		an_clean_fixed(dst->comm, sizeof(dst->comm), p->comm,
			    sizeof(p->comm));
		an_args_from(&dst->cmdline, &p->cmdline);
	}
	dst->nchain = (uint8_t)n;
	for (size_t i = 0; i < n; i++) {
		dst->chain[i].pid = chain->link[i].pid;
		an_clean_fixed(dst->chain[i].comm, sizeof(dst->chain[i].comm),
			    chain->link[i].comm, sizeof(chain->link[i].comm));
	}
}

/* ---- interned strings ---- */

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

uint32_t an_pool_add(struct an_pool *p, const char *s)
{
	uint32_t h;

	if (!s || !*s)
		return 0;
	if (!p->str) {
		p->str = xcalloc(AN_POOL_MAX + 1, sizeof(*p->str));
		p->slots = xcalloc(POOL_SLOTS, sizeof(*p->slots));
		p->str[0] = xstrdup("");
		p->n = 1;
	}
	for (h = hash_str(s) % POOL_SLOTS;; h = (h + 1) % POOL_SLOTS) {
		uint32_t id = p->slots[h];

		if (id == 0)
			break;
		if (strcmp(p->str[id], s) == 0)
			return id;
	}
	if (p->n > AN_POOL_MAX) {
		p->dropped++;
		return 0;
	}
	p->str[p->n] = xstrdup(s);
	p->slots[h] = p->n;
	return p->n++;
}

const char *an_pool_str(const struct analyzer *a, uint32_t id)
{
	if (id == 0 || id >= a->pool.n)
		return "";
	return a->pool.str[id];
}

/* ---- dispositions, as the JSON log writes them ---- */

void an_disp_from(struct analyzer *a, struct an_disp *dst,
		  const struct disposition *d)
{
	char sym[POOL_STR_MAX + 1];

	memset(dst, 0, sizeof(*dst));
	dst->kind = (unsigned)d->kind <= DISP_HANDLER ? d->kind : DISP_UNKNOWN;
	if (dst->kind == DISP_HANDLER) {
		dst->handler = d->handler;
		an_clean_fixed(sym, sizeof(sym), d->symbol, sizeof(d->symbol));
		dst->symbol = an_pool_add(&a->pool, sym);
	}
	if (dst->kind != DISP_UNKNOWN && d->flags_known) {
		dst->flags_known = true;
		dst->flags = d->flags;
	}
}

enum an_cls an_disp_class(int signo, const struct an_disp *d)
{
	switch (d->kind) {
	case DISP_HANDLER:
		return CLS_HANDLED;
	case DISP_IGNORED:
		return CLS_IGNORED;
	case DISP_DEFAULT:
		break;
	default:
		return CLS_UNKNOWN;
	}
	switch (sig_default_action(signo)) {
	case SIG_ACT_TERM:
	case SIG_ACT_CORE:
		return CLS_FATAL;
	case SIG_ACT_STOP:
		return CLS_STOP;
	case SIG_ACT_IGN:
		return CLS_IGNORED;
	default:
		return CLS_DEFAULT;
	}
}

const char *an_syscall_name(long nr, const char *name, char *buf,
			    size_t len)
{
	return syscall_label(name, nr, buf, len);
}

