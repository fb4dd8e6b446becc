/* SPDX-License-Identifier: MIT */
/*
 * reader_priv.h - what reader.c (bytes into lines, the reader's life)
 * and reader_fields.c (one JSON object into an event) share.  The call
 * goes one way: reader.c -> reader_fields.c.
 */
#ifndef SIGTRACE_READER_PRIV_H
#define SIGTRACE_READER_PRIV_H

#include <jansson.h>
#include <stdbool.h>

#include "reader.h"
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
};

/* Set the "LOG:LINE: message" error; returns -1. */
__attribute__((format(printf, 2, 3)))
int reader_fail(struct reader *r, const char *fmt, ...);

/* The event in O into E: 0, or -1 after reader_fail().  *SKIP is set
 * for an event (or finding) of a kind this sigtrace does not know. */
int reader_parse_object(struct reader *r, json_t *o, struct event *e,
			bool *skip);

#endif
