/* SPDX-License-Identifier: MIT */
/*
 * demangle.c - C++ names through the C++ runtime's own demangler,
 * __cxa_demangle (libstdc++), as gdb and eu-stack show them.  libstdc++
 * is not linked: loading it runs its static initialisers and maps libm
 * (about 1.2 MB resident), which most runs, tracing C programs, never
 * need.  It is loaded with dlopen at the first mangled name instead,
 * under the soname configure found (CXA_DEMANGLE_SONAME); when that
 * fails names stay mangled, as in a build without libstdc++.  Only
 * names that start with "_Z" are tried: every C name passes at the cost
 * of two byte compares.  A backtrace asks for the same few names again
 * and again, so the results are cached by the address of the ELF
 * cache's name (which lives as long as sigtrace): a direct-mapped
 * table, a collision only costs a demangling.
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demangle.h"

#define CACHE_SLOTS 1024

#ifdef HAVE_CXA_DEMANGLE
typedef char *cxa_demangle_fn(const char *mangled, char *out, size_t *len,
			      int *status);

/* __cxa_demangle, or NULL when the C++ runtime cannot be loaded.  Tried
 * once: a system without it stays without it for this run.  The library
 * stays loaded for sigtrace's life: FN points into it. */
static cxa_demangle_fn *demangler(void)
{
	static cxa_demangle_fn *fn;
	static bool tried;
	void *lib, *sym;

	if (tried)
		return fn;
	tried = true;
	lib = dlopen(CXA_DEMANGLE_SONAME, RTLD_LAZY | RTLD_LOCAL);
	if (!lib)
		return NULL;
	sym = dlsym(lib, "__cxa_demangle");
	if (!sym) {
		dlclose(lib);
		return NULL;
	}
	/* ISO C has no object-to-function pointer conversion; POSIX
	 * guarantees dlsym's result has the function's representation. */
	memcpy(&fn, &sym, sizeof(fn));
	return fn;
}

static struct {
	const char *name;
	char *demangled;
} cache[CACHE_SLOTS];

/* malloc'd, or NULL when NAME is not a mangled name. */
static char *cxa(const char *name)
{
	cxa_demangle_fn *fn;
	int status = 0;
	char *d;

	if (name[0] != '_' || name[1] != 'Z')
		return NULL;
	fn = demangler();
	if (!fn)
		return NULL;
	d = fn(name, NULL, NULL, &status);
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
