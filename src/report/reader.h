/* SPDX-License-Identifier: MIT */
/*
 * reader.h - a sigtrace JSON Lines log (docs/events.md) read back into
 * struct events, one line at a time, for the offline report.  Memory
 * does not grow with the log: one line (at most READER_LINE_MAX bytes)
 * and one parsed object at a time.
 */
#ifndef SIGTRACE_READER_H
#define SIGTRACE_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "event.h"

#define READER_LINE_MAX (1024 * 1024)	/* no event comes near it */

struct reader;

/* Open PATH ("-" for standard input).  NULL with a message in ERR. */
struct reader *reader_open(const char *path, char *err, size_t errlen);
/* A reader over FP (not closed by reader_close), named NAME in messages;
 * FP may be NULL for a reader used only through reader_parse(). */
struct reader *reader_new(const char *name, FILE *fp);
void reader_close(struct reader *r);

/*
 * The next event into E.  Returns 1 with an event, 0 at the end of the
 * log, -1 on an error (reader_error() says what and where: the log is
 * unusable).  The strings E points to (syscall names) live in the
 * reader until the next call.
 */
int reader_next(struct reader *r, struct event *e);

/* Parse one line (without its newline) into E: 0 an event, 1 a line to
 * skip (an event type this sigtrace does not know), -1 an error. */
int reader_parse(struct reader *r, const char *line, size_t len,
		 struct event *e);

/* "LOG:12: what is wrong", after -1. */
const char *reader_error(const struct reader *r);
/* A warning the caller should show once the log is read (a truncated
 * last line, skipped unknown events), or NULL. */
const char *reader_warning(const struct reader *r);

#endif
