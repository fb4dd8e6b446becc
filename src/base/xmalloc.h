/* SPDX-License-Identifier: MIT */
/*
 * xmalloc.h - allocation that cannot fail: on failure, one line
 * "sigtrace: out of memory (N bytes)" on standard error and exit(1).
 *
 * The one exception to "only entry points exit" (docs/design.md,
 * Errors): an allocation of a few bytes or kilobytes that fails leaves
 * nothing sensible to do, and an error path at every call site would be
 * code that never runs.  Allocations whose size comes from untrusted
 * input (a symbol table of a traced program's file) use plain malloc and
 * treat failure as unreadable input.
 */
#ifndef SIGTRACE_XMALLOC_H
#define SIGTRACE_XMALLOC_H

#include <stddef.h>

__attribute__((malloc, returns_nonnull))
void *xmalloc(size_t size);
__attribute__((malloc, returns_nonnull))
void *xcalloc(size_t n, size_t size);
__attribute__((returns_nonnull))
void *xrealloc(void *p, size_t size);
__attribute__((malloc, returns_nonnull))
char *xstrdup(const char *s);

/* Say that SIZE bytes could not be had, and exit: for a size computed
 * to overflow, which no allocator is asked for. */
__attribute__((noreturn))
void xalloc_failed(size_t size);

#endif
