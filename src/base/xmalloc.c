/* SPDX-License-Identifier: MIT */
/*
 * xmalloc.c - the allocation wrappers of xmalloc.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "xmalloc.h"

void xalloc_failed(size_t size)
{
	char msg[64];
	int n;

	/* No stdio stream: it may want memory itself.  snprintf of an
	 * integer into a local buffer does not. */
	n = snprintf(msg, sizeof(msg), "sigtrace: out of memory (%zu bytes)\n",
		     size);
	if (n > 0 && write(STDERR_FILENO, msg, (size_t)n) < 0) {
		/* nowhere left to say it */
	}
	exit(EXIT_FAILURE_RUNTIME);
}

/* Size 0 is rounded up to 1: NULL then only ever means failure. */
void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		xalloc_failed(size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	p = calloc(n, size);
	if (!p)
		xalloc_failed(size && n > (size_t)-1 / size ? (size_t)-1 :
			      n * size);
	return p;
}

void *xrealloc(void *p, size_t size)
{
	void *np = realloc(p, size ? size : 1);

	if (!np)
		xalloc_failed(size);
	return np;
}

char *xstrdup(const char *s)
{
	size_t len = strlen(s) + 1;

	return memcpy(xmalloc(len), s, len);
}
