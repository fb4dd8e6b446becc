/* SPDX-License-Identifier: MIT */
/*
 * name_cache.h - remembered name-to-number lookups.  A log names the same
 * few signals, flags, si_codes and errors in millions of events
 * ("SIGUSR1", "SA_RESTART", "SI_TKILL", "ERESTARTSYS"), and each lookup
 * is a scan of a table with strcasecmp; the reader asks a cache instead.
 */
#ifndef SIGTRACE_NAME_CACHE_H
#define SIGTRACE_NAME_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The lookup being cached: NAME (NUL-terminated) in context CTX (a
 * signal number for si_codes, else 0) to *OUT; 0, or -1 when unknown. */
typedef int (*name_lookup_fn)(const char *name, int ctx, long *out);

#define NAME_CACHE_SLOTS 256	/* a power of two */
#define NAME_CACHE_LEN 31	/* longer names are not remembered */
#define NAME_LONG_MAX 255	/* and still longer ones are unknown */

struct name_cache_slot {
	bool used;
	unsigned char len;
	int ctx;
	int rc;
	long value;
	char name[NAME_CACHE_LEN + 1];
};

/* Direct-mapped: a name whose slot is taken replaces what was there. */
struct name_cache {
	name_lookup_fn lookup;
	unsigned long hits, misses;
	struct name_cache_slot slot[NAME_CACHE_SLOTS];
};

void name_cache_init(struct name_cache *c, name_lookup_fn lookup);
/* LOOKUP(NAME, CTX, OUT) as remembered, for the LEN bytes at NAME (the
 * lookup gets them NUL-terminated).  Unknown names are remembered too;
 * a name longer than NAME_LONG_MAX is unknown without asking. */
int name_cache_lookup(struct name_cache *c, const char *name, size_t len,
		      int ctx, long *out);

#endif
