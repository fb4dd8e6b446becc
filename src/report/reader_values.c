/* SPDX-License-Identifier: MIT */
/*
 * reader_values.c - the values of a sigtrace log's JSON objects: typed
 * field access (absent is fine unless required; present with the wrong
 * type is an error naming the line and the field) and the objects events
 * share (dispositions, command lines, processes, si_codes, errnos,
 * syscalls).  The parsers of reader_fields.c and reader_origin.c use
 * them; they call nothing of either.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "escape.h"
#include "reader_priv.h"
#include "sigtab.h"

/* ---- errors ---- */

int reader_fail(struct reader *r, const char *fmt, ...)
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

int rd_bad_type(struct reader *r, const char *key, const char *want)
{
	return reader_fail(r, "field \"%s\" should be %s", key, want);
}

/* ---- typed field access: absent is fine unless REQUIRED ---- */

static jscan_val field(struct reader *r, jscan_val o, const char *key,
		     bool required, int *rc)
{
	jscan_val v = jv_get(r, o, key);

	*rc = 0;
	if (v == JSCAN_NIL && required)
		*rc = reader_fail(r, "the \"%s\" field is missing", key);
	return v;
}

int rd_int(struct reader *r, jscan_val o, const char *key,
		   bool required, long long *out)
{
	int rc;
	jscan_val v = field(r, o, key, required, &rc);

	if (v == JSCAN_NIL)
		return rc;
	if (!jv_is(r, v, JSCAN_INTEGER))
		return rd_bad_type(r, key, "an integer");
	*out = jv_int(r, v);
	return 0;
}

/* An integer that must lie in [MIN, MAX] (a pid, a signal number): one
 * out of range is an error naming it and the line, never wrapped into
 * another. */
static int rd_ranged(struct reader *r, jscan_val o, const char *key,
		     bool required, long long min, long long max,
		     long long *out)
{
	long long v = *out;

	if (rd_int(r, o, key, required, &v) < 0)
		return -1;
	if (v < min || v > max)
		return reader_fail(r, "field \"%s\" is out of range: %lld (expected %lld to %lld)",
				   key, v, min, max);
	*out = v;
	return 0;
}

int rd_pid(struct reader *r, jscan_val o, const char *key, bool required,
	   pid_t *out)
{
	long long v = *out;

	if (rd_ranged(r, o, key, required, 0, INT_MAX, &v) < 0)
		return -1;
	*out = (pid_t)v;
	return 0;
}

int rd_i(struct reader *r, jscan_val o, const char *key, int *out)
{
	long long v = *out;

	if (rd_int(r, o, key, false, &v) < 0)
		return -1;
	if (v < -2147483648LL || v > 2147483647LL)
		return rd_bad_type(r, key, "a 32-bit integer");
	*out = (int)v;
	return 0;
}

int rd_u64(struct reader *r, jscan_val o, const char *key,
		   bool required, uint64_t *out)
{
	long long v = 0;

	if (!jv_has(r, o, key))
		return required ? rd_int(r, o, key, true, &v) : 0;
	if (rd_int(r, o, key, true, &v) < 0)
		return -1;
	if (v < 0)
		return rd_bad_type(r, key, "a non-negative integer");
	*out = (uint64_t)v;
	return 0;
}

int rd_bool(struct reader *r, jscan_val o, const char *key, bool *out)
{
	int rc;
	jscan_val v = field(r, o, key, false, &rc);

	if (v == JSCAN_NIL)
		return 0;
	if (!(jv_is(r, v, JSCAN_TRUE) || jv_is(r, v, JSCAN_FALSE)))
		return rd_bad_type(r, key, "true or false");
	*out = jv_is(r, v, JSCAN_TRUE);
	return 0;
}

/* Copy a string, cut at a UTF-8 boundary to fit SIZE (with its NUL). */
static void copy_str(char *dst, size_t size, const char *s, size_t len)
{
	len = escape_utf8_cut(s, len, size - 1);
	memcpy(dst, s, len);
	dst[len] = '\0';
}

int rd_str(struct reader *r, jscan_val o, const char *key,
		   bool required, char *dst, size_t size)
{
	int rc;
	jscan_val v = field(r, o, key, required, &rc);

	if (v == JSCAN_NIL)
		return rc;
	if (!jv_is(r, v, JSCAN_STRING))
		return rd_bad_type(r, key, "a string");
	copy_str(dst, size, jv_str(r, v), jv_len(r, v));
	return 0;
}

int rd_hex(struct reader *r, jscan_val o, const char *key,
		   bool *has, uint64_t *out)
{
	char buf[32], *end;
	jscan_val v = jv_get(r, o, key);

	if (v == JSCAN_NIL)
		return 0;
	if (jv_is(r, v, JSCAN_INTEGER)) {
		*out = (uint64_t)jv_int(r, v);
	} else if (rd_str(r, o, key, true, buf, sizeof(buf)) < 0) {
		return -1;
	} else {
		errno = 0;
		*out = strtoull(buf, &end, 16);
		if (strncmp(buf, "0x", 2) != 0 || *end || errno)
			return rd_bad_type(r, key, "a hex string like \"0x401136\"");
	}
	if (has)
		*has = true;
	return 0;
}

/* ---- shared objects ---- */

/* "signo" when present, else the name in "signal". */
int rd_signal(struct reader *r, jscan_val o, bool required, int *signo)
{
	char name[NAME_MAX_R];
	long long v;

	if (jv_has(r, o, "signo")) {
		v = 0;
		if (rd_ranged(r, o, "signo", true, 0, SIG_MAX, &v) < 0)
			return -1;
		*signo = (int)v;
		return 0;
	}
	if (!jv_has(r, o, "signal"))
		return required ? reader_fail(r, "the \"signo\" field is missing") : 0;
	if (rd_str(r, o, "signal", true, name, sizeof(name)) < 0)
		return -1;
	*signo = reader_sig(r, name);
	if (*signo < 0)
		return reader_fail(r, "unknown signal \"%s\"", name);
	return 0;
}

int rd_mask(struct reader *r, jscan_val o, const char *key,
		    sigbits_t *out)
{
	jscan_val v = jv_get(r, o, key), x;

	if (v == JSCAN_NIL)
		return 0;
	if (!jv_is(r, v, JSCAN_ARRAY))
		return rd_bad_type(r, key, "an array of signal names");
	*out = 0;
	for (x = jv_first(r, v); x != JSCAN_NIL; x = jv_next(r, x)) {
		int s = jv_is(r, x, JSCAN_STRING) ? reader_sig(r, jv_str(r, x))
			: -1;

		if (s < 1)
			return reader_fail(r, "field \"%s\": not a signal name", key);
		*out |= SIGBIT(s);
	}
	return 0;
}

static int get_flags(struct reader *r, jscan_val o, uint64_t *out)
{
	jscan_val v = jv_get(r, o, "flags"), x;
	uint64_t bit;

	for (x = jv_first(r, v); x != JSCAN_NIL; x = jv_next(r, x)) {
		if (!jv_is(r, x, JSCAN_STRING) ||
		    reader_sa_flag(r, jv_str(r, x), &bit) < 0)
			return reader_fail(r, "field \"flags\": unknown flag");
		*out |= bit;
	}
	return 0;
}

static const char *const disp_kinds[] = {
	[DISP_UNKNOWN] = "unknown", [DISP_DEFAULT] = "default",
	[DISP_IGNORED] = "ignored", [DISP_HANDLER] = "handler",
};

int rd_disp(struct reader *r, jscan_val o, const char *key, bool *has,
		    struct disposition *d)
{
	jscan_val v = jv_get(r, o, key);
	char kind[16];
	int k;

	if (v == JSCAN_NIL)
		return 0;
	if (!jv_is(r, v, JSCAN_OBJECT))
		return rd_bad_type(r, key, "a disposition object");
	if (rd_str(r, v, "kind", true, kind, sizeof(kind)) < 0)
		return -1;
	for (k = 0; k <= DISP_HANDLER; k++)
		if (strcmp(kind, disp_kinds[k]) == 0)
			break;
	if (k > DISP_HANDLER)
		return reader_fail(r, "field \"%s\": unknown disposition kind \"%s\"",
				   key, kind);
	d->kind = (enum disp_kind)k;
	if (rd_hex(r, v, "handler", NULL, &d->handler) < 0 ||
	    rd_str(r, v, "symbol", false, d->symbol, sizeof(d->symbol)) < 0 ||
	    rd_hex(r, v, "restorer", NULL, &d->restorer) < 0 ||
	    rd_str(r, v, "module", false, d->module, sizeof(d->module)) < 0 ||
	    rd_hex(r, v, "module_offset", NULL, &d->module_offset) < 0 ||
	    rd_mask(r, v, "mask", &d->mask) < 0)
		return -1;
	if (jv_is(r, jv_get(r, v, "flags"), JSCAN_ARRAY)) {
		d->flags_known = true;
		if (get_flags(r, v, &d->flags) < 0)
			return -1;
	} else if (jv_has(r, v, "flags")) {
		return rd_bad_type(r, "flags", "an array of flag names");
	}
	if (has)
		*has = true;
	return 0;
}

int rd_cmdline(struct reader *r, jscan_val o, const char *key,
		       const char *trunc_key, struct cmdline *c)
{
	jscan_val v = jv_get(r, o, key), x;

	c->len = 0;
	if (v == JSCAN_NIL)
		return 0;
	if (!jv_is(r, v, JSCAN_ARRAY))
		return rd_bad_type(r, key, "an array of strings");
	for (x = jv_first(r, v); x != JSCAN_NIL; x = jv_next(r, x)) {
		size_t n;

		if (!jv_is(r, x, JSCAN_STRING))
			return rd_bad_type(r, key, "an array of strings");
		n = jv_len(r, x);
		if (c->len + n + 1 > sizeof(c->buf)) {
			c->truncated = true;
			break;
		}
		memcpy(c->buf + c->len, jv_str(r, x), n);
		c->buf[c->len + n] = '\0';
		c->len += n + 1;
	}
	return trunc_key ? rd_bool(r, o, trunc_key, &c->truncated) : 0;
}

int rd_process(struct reader *r, jscan_val o, const char *key, bool *has,
	       struct proc_ident *p)
{
	jscan_val v = jv_get(r, o, key);
	long long n = 0;

	if (v == JSCAN_NIL)
		return 0;
	if (!jv_is(r, v, JSCAN_OBJECT))
		return rd_bad_type(r, key, "a process object");
	*has = true;
	/* A sender in another pid namespace that has gone has no pid. */
	if (rd_pid(r, v, "pid", false, &p->pid) < 0 ||
	    rd_pid(r, v, "ns_pid", false, &p->ns_pid) < 0 ||
	    rd_ranged(r, v, "uid", false, 0, UINT32_MAX, &n) < 0 ||
	    rd_bool(r, v, "gone", &p->gone) < 0 ||
	    rd_bool(r, v, "zombie", &p->zombie) < 0)
		return -1;
	p->uid = (uid_t)n;
	p->known = jv_has(r, v, "comm");
	if (rd_str(r, v, "comm", false, p->comm, sizeof(p->comm)) < 0 ||
	    rd_cmdline(r, v, "cmdline", "cmdline_truncated", &p->cmdline) < 0 ||
	    rd_str(r, v, "source", false, p->source, sizeof(p->source)) < 0)
		return -1;
	return 0;
}

int rd_sender(struct reader *r, jscan_val o, bool *has,
		      struct proc_ident *p, struct ancestry *chain)
{
	jscan_val c, x;

	if (rd_process(r, o, "sender", has, p) < 0)
		return -1;
	/* sender.chain; the first logs had only sender_chain */
	c = jv_get(r, o, "sender");
	if (c != JSCAN_NIL && rd_str(r, c, "chain_end", false, chain->end,
				     sizeof(chain->end)) < 0)
		return -1;
	c = c != JSCAN_NIL ? jv_get(r, c, "chain") : JSCAN_NIL;
	if (c == JSCAN_NIL)
		c = jv_get(r, o, "sender_chain");
	if (c != JSCAN_NIL && !jv_is(r, c, JSCAN_ARRAY))
		return rd_bad_type(r, "sender_chain", "an array");
	for (x = jv_first(r, c); x != JSCAN_NIL; x = jv_next(r, x)) {
		if (chain->count >= ANCESTRY_MAX)
			break;
		if (!jv_is(r, x, JSCAN_OBJECT))
			return rd_bad_type(r, "sender_chain", "[{\"pid\", \"comm\"}]");
		if (rd_pid(r, x, "pid", true, &chain->link[chain->count].pid) < 0)
			return -1;
		if (rd_str(r, x, "comm", false, chain->link[chain->count].comm,
			    COMM_MAX) < 0)
			return -1;
		chain->count++;
	}
	return 0;
}

/* A si_code by name (or number, as the log writes unknown ones). */
int rd_code(struct reader *r, jscan_val o, int signo, int *code)
{
	char name[NAME_MAX_R] = "";

	if (jv_is(r, jv_get(r, o, "code"), JSCAN_INTEGER))
		return rd_i(r, o, "code", code);
	if (rd_str(r, o, "code", false, name, sizeof(name)) < 0)
		return -1;
	if (name[0] && reader_si_code(r, signo, name, code) < 0)
		return reader_fail(r, "unknown si_code \"%s\"", name);
	return 0;
}

/* An errno name ("EINTR", "ERESTARTSYS") or a number; SIGN -1 makes
 * a name a syscall return (-ERESTARTSYS), +1 an errno. */
int rd_errno(struct reader *r, jscan_val o, const char *key, int sign,
		     long *out)
{
	char name[NAME_MAX_R];
	long err;

	if (!jv_has(r, o, key))
		return 0;
	if (jv_is(r, jv_get(r, o, key), JSCAN_INTEGER)) {
		*out = (long)jv_int(r, jv_get(r, o, key));
		return 0;
	}
	if (rd_str(r, o, key, true, name, sizeof(name)) < 0)
		return -1;
	if (reader_errno(r, name, &err) < 0)
		return reader_fail(r, "field \"%s\": unknown error \"%s\"", key, name);
	*out = sign * err;
	return 0;
}

/* "syscall" (a name) and "syscall_nr"; the name is kept in BUF. */
int rd_syscall(struct reader *r, jscan_val o, long *nr, char *buf,
		       size_t len, const char **name)
{
	long long n = -1;

	buf[0] = '\0';
	if (rd_str(r, o, "syscall", false, buf, len) < 0 ||
	    rd_int(r, o, "syscall_nr", false, &n) < 0)
		return -1;
	if (n < 0 && buf[0])
		n = arch_syscall_number(buf);
	*nr = (long)n;
	if (name)
		*name = buf[0] ? buf : NULL;
	return 0;
}

/* NAME by a lookup function, or an error naming KEY. */
int rd_enum(struct reader *r, jscan_val o, const char *key,
		    int (*lookup)(const char *), int *out)
{
	char name[NAME_MAX_R];

	if (!jv_has(r, o, key))
		return 0;
	if (rd_str(r, o, key, true, name, sizeof(name)) < 0)
		return -1;
	*out = lookup(name);
	if (*out < 0)
		return reader_fail(r, "field \"%s\": unknown value \"%s\"", key, name);
	return 0;
}

