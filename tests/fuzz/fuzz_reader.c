/* SPDX-License-Identifier: MIT */
/*
 * fuzz_reader - the JSON Lines log reader fed arbitrary bytes as a whole
 * log (through fmemopen), then each event through the analyzer's inputs:
 * it must never crash, and must either read events or name an error.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader *r;
	struct event *e;
	FILE *fp;
	int rc;

	if (size == 0)
		return 0;
	fp = fmemopen((void *)data, size, "r");
	if (!fp)
		return 0;
	e = malloc(sizeof(*e));
	if (!e) {
		fclose(fp);
		return 0;
	}
	r = reader_new("fuzz", fp);
	if (r) {
		while ((rc = reader_next(r, e)) > 0)
			;
		if (rc < 0 && !reader_error(r))
			abort();	/* an error must say what it is */
		reader_close(r);	/* does not own FP */
	}
	fclose(fp);
	free(e);
	return 0;
}
