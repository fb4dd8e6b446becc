/* SPDX-License-Identifier: MIT */
/*
 * xlat.h - {value, name} tables and the lookups every such table needs,
 * after strace's xlat: a name by value, a value by name, and a set of
 * flags split into names.
 *
 * A table is an array of struct xlat ended by XLAT_END.  Values are
 * uint64_t so that one type serves signal numbers, si_codes (negative
 * ones are stored modulo 2^64 and compare equal after the same
 * conversion), errnos and 64-bit flag words.
 */
#ifndef SIGTRACE_XLAT_H
#define SIGTRACE_XLAT_H

#include <stddef.h>
#include <stdint.h>

struct xlat {
	uint64_t val;
	const char *name;	/* NULL ends the table */
};

/* { SIGHUP, "SIGHUP" }: a macro's value and its own spelling. */
#define XLAT(v) { (uint64_t)(v), #v }
/* A value and a name of its own. */
#define XLAT_PAIR(v, n) { (uint64_t)(v), (n) }
#define XLAT_END { 0, NULL }

/* The first name of VAL in TAB, or NULL. */
const char *xlat_name(const struct xlat *tab, uint64_t val);

/* The value of NAME in TAB, exactly as spelled there: 0, or -1 (*VAL
 * untouched) when TAB has no such name. */
int xlat_value(const struct xlat *tab, const char *name, uint64_t *val);

/* As a person types it: in any case, and without PREFIX ("SIG", "SA_")
 * when the table's name starts with it (PREFIX may be NULL).  0 or -1. */
int xlat_value_loose(const struct xlat *tab, const char *name,
		     const char *prefix, uint64_t *val);

/* Split FLAGS into the names of TAB's bits, in TAB's order, at most MAX
 * of them into NAMES; *UNKNOWN (may be NULL) receives the bits left,
 * including named ones that did not fit, so that no set bit is ever
 * dropped silently.  Returns the count. */
size_t xlat_flags(const struct xlat *tab, uint64_t flags, const char *names[],
		  size_t max, uint64_t *unknown);

/* "A|B|0x100" into BUF (LEN bytes, truncated like snprintf, always
 * NUL-terminated); "0" for no flag.  Returns BUF, or "" when LEN is 0. */
const char *xlat_flags_format(const struct xlat *tab, uint64_t flags,
			      char *buf, size_t len);

#endif
