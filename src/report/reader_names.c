/* SPDX-License-Identifier: MIT */
/*
 * reader_names.c - the names a log spells out (signals, SA_* flags,
 * si_codes, errors) back into numbers through sigtab.h, each answer
 * remembered in a small cache per kind: the same few names come back in
 * almost every event, and each sigtab lookup scans a table.
 */
#include <string.h>

#include "reader_priv.h"
#include "sigtab.h"

static int sig_lookup(const char *name, int ctx, long *out)
{
	(void)ctx;
	*out = sig_from_name(name);	/* -1 (unknown) is an answer too */
	return 0;
}

static int flag_lookup(const char *name, int ctx, long *out)
{
	uint64_t bit = 0;

	(void)ctx;
	if (sa_flag_from_name(name, &bit) < 0)
		return -1;
	*out = (long)bit;
	return 0;
}

static int code_lookup(const char *name, int signo, long *out)
{
	int code = 0;

	if (si_code_from_name(signo, name, &code) < 0)
		return -1;
	*out = code;
	return 0;
}

static int errno_lookup(const char *name, int ctx, long *out)
{
	(void)ctx;
	return errno_code_from_name(name, out);
}

void reader_names_init(struct reader *r)
{
	name_cache_init(&r->sigs, sig_lookup);
	name_cache_init(&r->flags, flag_lookup);
	name_cache_init(&r->codes, code_lookup);
	name_cache_init(&r->errnos, errno_lookup);
}

int reader_sig(struct reader *r, const char *name)
{
	long v = -1;

	name_cache_lookup(&r->sigs, name, strlen(name), 0, &v);
	return (int)v;
}

int reader_sa_flag(struct reader *r, const char *name, uint64_t *bit)
{
	long v;

	if (name_cache_lookup(&r->flags, name, strlen(name), 0, &v) < 0)
		return -1;
	*bit = (uint64_t)v;
	return 0;
}

int reader_si_code(struct reader *r, int signo, const char *name, int *code)
{
	long v;

	if (name_cache_lookup(&r->codes, name, strlen(name), signo, &v) < 0)
		return -1;
	*code = (int)v;
	return 0;
}

int reader_errno(struct reader *r, const char *name, long *err)
{
	return name_cache_lookup(&r->errnos, name, strlen(name), 0, err);
}
