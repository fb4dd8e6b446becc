/*
 * reader_priv.h - what reader.c (lines, common fields) and
 * reader_fields.c (typed fields, one parser per event type) share.
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
int fail(struct reader *r, const char *fmt, ...);
int bad_type(struct reader *r, const char *key, const char *want);

/* Typed fields: absent is fine (the output untouched) unless REQUIRED. */
int get_int(struct reader *r, json_t *o, const char *key, bool required,
	    long long *out);
int get_u64(struct reader *r, json_t *o, const char *key, bool required,
	    uint64_t *out);
int get_bool(struct reader *r, json_t *o, const char *key, bool *out);
int get_str(struct reader *r, json_t *o, const char *key, bool required,
	    char *dst, size_t size);
/* The fields of E's type (E->type set); *SKIP for an unknown finding. */
int parse_type(struct reader *r, json_t *o, struct event *e, bool *skip);

#endif
