/* SPDX-License-Identifier: MIT */
/*
 * demangle.c - C++ names through the C++ runtime's own demangler,
 * __cxa_demangle (libstdc++, linked when configure finds it), as gdb and
 * eu-stack show them.  Only names that start with "_Z" are tried: every
 * C name passes at the cost of two byte compares.  A backtrace asks for
 * the same few names again and again, so the results are cached by the
 * address of the ELF cache's name (which lives as long as sigtrace):
 * a direct-mapped table, a collision only costs a demangling.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demangle.h"

#define CACHE_SLOTS 1024

#ifdef HAVE_CXA_DEMANGLE
char *__cxa_demangle(const char *mangled, char *out, size_t *len,
		     int *status);

static struct {
	const char *name;
	char *demangled;
} cache[CACHE_SLOTS];

/* malloc'd, or NULL when NAME is not a mangled name. */
static char *cxa(const char *name)
{
	int status = 0;
	char *d;

	if (name[0] != '_' || name[1] != 'Z')
		return NULL;
	d = __cxa_demangle(name, NULL, NULL, &status);
	if (status != 0) {
		free(d);
		return NULL;
	}
	return d;
}

const char *demangle(const char *name)
{
	size_t slot = ((uintptr_t)name >> 3) % CACHE_SLOTS;
	char *d;

	if (name[0] != '_' || name[1] != 'Z')
		return name;
	if (cache[slot].name == name)
		return cache[slot].demangled ? cache[slot].demangled : name;
	d = cxa(name);
	free(cache[slot].demangled);
	cache[slot].name = name;
	cache[slot].demangled = d;
	return d ? d : name;
}

const char *demangle_into(const char *name, char *buf, size_t len)
{
	char *d = cxa(name);

	if (!d)
		return name;
	snprintf(buf, len, "%s", d);
	free(d);
	return buf;
}
#else
const char *demangle(const char *name)
{
	return name;
}

const char *demangle_into(const char *name, char *buf, size_t len)
{
	return name;
}
#endif
