/* SPDX-License-Identifier: MIT */
/*
 * reader_priv.h - what reader.c (bytes into lines, the reader's life)
 * and reader_fields.c (one JSON object into an event) share, with the
 * helpers below them (reader_values.c, reader_origin.c, reader_names.c).
 * The calls go one way: reader.c -> reader_fields.c -> the rest.
 */
#ifndef SIGTRACE_READER_PRIV_H
#define SIGTRACE_READER_PRIV_H

#include <stdbool.h>

#include "json_scan.h"
#include "name_cache.h"
#include "reader.h"
#include "sigtab.h"
#include "strbuf.h"

#define CHUNK 65536
#define NAME_MAX_R 64

struct reader {
	char name[256];
	FILE *fp;
	bool owns_fp;
	char *chunk;		/* read buffer */
	size_t chunk_len, chunk_pos;
	bool eof;
	struct strbuf line;
	unsigned long lineno;
	uint64_t events, skipped;
	char skipped_type[NAME_MAX_R];
	char err[768];
	char warning[768];
	char syscall[NAME_MAX_R];	/* names the event points to */
	char sa_syscall[NAME_MAX_R];
	struct strbuf text;	/* the line being scanned (decoded in place) */
	struct jscan scan;	/* ... and its values */
	struct name_cache sigs, flags, codes, errnos;	/* reader_names.c */
	struct stack *stack;		/* the event's -k backtrace */
	size_t stack_cap;		/* frames room in it */
	char stack_why[256];		/* its "stack_unavailable" */
};

/* The values of r->scan (json_scan.h), by shorter names. */
static inline jscan_val jv_get(struct reader *r, jscan_val o,
			       const char *key)
{
	return jscan_get(&r->scan, o, key);
}

static inline bool jv_has(struct reader *r, jscan_val o, const char *key)
{
	return jscan_get(&r->scan, o, key) != JSCAN_NIL;
}

static inline bool jv_is(struct reader *r, jscan_val v, enum jscan_kind k)
{
	return jscan_is(&r->scan, v, k);
}

static inline long long jv_int(struct reader *r, jscan_val v)
{
	return jscan_int(&r->scan, v);
}

static inline const char *jv_str(struct reader *r, jscan_val v)
{
	return jscan_str(&r->scan, v, NULL);
}

static inline size_t jv_len(struct reader *r, jscan_val v)
{
	size_t len = 0;

	jscan_str(&r->scan, v, &len);
	return len;
}

static inline jscan_val jv_first(struct reader *r, jscan_val array)
{
	return jscan_first(&r->scan, array);
}

static inline jscan_val jv_next(struct reader *r, jscan_val v)
{
	return jscan_next(&r->scan, v);
}

/* Set the "LOG:LINE: message" error; returns -1. */
__attribute__((format(printf, 2, 3)))
int reader_fail(struct reader *r, const char *fmt, ...);

/* The event in O into E: 0, or -1 after reader_fail().  *SKIP is set
 * for an event (or finding) of a kind this sigtrace does not know. */
int reader_parse_object(struct reader *r, jscan_val o, struct event *e,
			bool *skip);

/* reader_values.c: field KEY of object O, each 0 or -1 after
 * reader_fail(); an absent field leaves *OUT as it is (an error only
 * when REQUIRED). */
int rd_bad_type(struct reader *r, const char *key, const char *want);
int rd_int(struct reader *r, jscan_val o, const char *key, bool required,
	   long long *out);
int rd_i(struct reader *r, jscan_val o, const char *key, int *out);
int rd_pid(struct reader *r, jscan_val o, const char *key, bool required,
	   pid_t *out);
int rd_u64(struct reader *r, jscan_val o, const char *key, bool required,
	   uint64_t *out);
int rd_bool(struct reader *r, jscan_val o, const char *key, bool *out);
/* A string, cut at a UTF-8 boundary to fit SIZE with its NUL. */
int rd_str(struct reader *r, jscan_val o, const char *key, bool required,
	   char *dst, size_t size);
/* "0x401136" (or an integer); *HAS set when present (HAS may be NULL). */
int rd_hex(struct reader *r, jscan_val o, const char *key, bool *has,
	   uint64_t *out);
/* "signo", else the name in "signal". */
int rd_signal(struct reader *r, jscan_val o, bool required, int *signo);
int rd_mask(struct reader *r, jscan_val o, const char *key, sigbits_t *out);
int rd_disp(struct reader *r, jscan_val o, const char *key, bool *has,
	    struct disposition *d);
int rd_cmdline(struct reader *r, jscan_val o, const char *key,
	       const char *trunc_key, struct cmdline *c);
/* A process object at KEY; *HAS set when present. */
int rd_process(struct reader *r, jscan_val o, const char *key, bool *has,
	       struct proc_ident *p);
/* "sender" and "sender_chain". */
int rd_sender(struct reader *r, jscan_val o, bool *has, struct proc_ident *p,
	      struct ancestry *chain);
/* A si_code by name (or number). */
int rd_code(struct reader *r, jscan_val o, int signo, int *code);
/* An errno name or number; SIGN -1 for a syscall return (-ERESTARTSYS). */
int rd_errno(struct reader *r, jscan_val o, const char *key, int sign,
	     long *out);
/* "syscall" (its name kept in BUF, *NAME pointing there) and
 * "syscall_nr". */
int rd_syscall(struct reader *r, jscan_val o, long *nr, char *buf, size_t len,
	       const char **name);
/* A name by LOOKUP (-1: unknown, an error naming KEY). */
int rd_enum(struct reader *r, jscan_val o, const char *key,
	    int (*lookup)(const char *), int *out);

/* reader_origin.c: the explanation of a delivery (docs/explanations.md)
 * and a finding's severity and origin. */
int reader_signal_origin(struct reader *r, jscan_val o, struct ev_signal *s);
int reader_finding_origin(struct reader *r, jscan_val o, struct ev_finding *f);

/* reader_names.c: sigtab.h's lookups, with the same answers, remembered
 * per reader (a log repeats a few names millions of times). */
void reader_names_init(struct reader *r);
int reader_sig(struct reader *r, const char *name);
int reader_sa_flag(struct reader *r, const char *name, uint64_t *bit);
int reader_si_code(struct reader *r, int signo, const char *name, int *code);
int reader_errno(struct reader *r, const char *name, long *err);

/* reader_stack.c: "stack" of O into *OUT (NULL when absent), in a
 * buffer of R that the next event reuses.  NULL, or what is wrong with
 * it (for reader_fail(), which the caller makes). */
const char *reader_get_stack(struct reader *r, jscan_val o,
			     const struct stack **out);

#endif
