/* SPDX-License-Identifier: MIT */
/*
 * test_demangle.c - C++ names come out demangled through a C++ runtime
 * loaded on first use: no mangled name, no dlopen (C programs do not
 * pay for libstdc++); the first mangled name loads CXA_DEMANGLE_SONAME,
 * once; and when the runtime cannot be loaded (no library, or no
 * __cxa_demangle in it) names stay as they are, with no second attempt.
 *
 * dlopen and dlsym are wrapped (-Wl,--wrap): the wrappers count the
 * calls and, in the builds named test_demangle_nolib and
 * test_demangle_nosym (DEMANGLE_FAIL=1 and 2), make them fail.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "demangle.h"

#ifndef DEMANGLE_FAIL
#define DEMANGLE_FAIL 0
#endif

#define MANGLED "_ZN3svc8Reloader6on_hupEi"
#define PLAIN "svc::Reloader::on_hup(int)"

void *__real_dlopen(const char *file, int mode);
void *__real_dlsym(void *handle, const char *name);
void *__wrap_dlopen(const char *file, int mode);
void *__wrap_dlsym(void *handle, const char *name);

static unsigned opens, syms;
static char opened[64];
static int open_mode;

void *__wrap_dlopen(const char *file, int mode)
{
	opens++;
	snprintf(opened, sizeof(opened), "%s", file ? file : "(null)");
	open_mode = mode;
	return DEMANGLE_FAIL == 1 ? NULL : __real_dlopen(file, mode);
}

void *__wrap_dlsym(void *handle, const char *name)
{
	syms++;
	return DEMANGLE_FAIL == 2 ? NULL : __real_dlsym(handle, name);
}

#ifdef HAVE_CXA_DEMANGLE
/* Whether the C++ runtime is in this process already (sanitizer builds
 * link it through libubsan). */
static int runtime_loaded(void)
{
	void *h = __real_dlopen(CXA_DEMANGLE_SONAME, RTLD_LAZY | RTLD_NOLOAD);

	if (h)
		dlclose(h);
	return h != NULL;
}

/* First in the run: nothing is loaded before the first mangled name. */
static void test_loaded_on_first_mangled_name(void **state)
{
	int before = runtime_loaded();
	static const char c[] = "main", u[] = "_";
	char buf[64];

	assert_ptr_equal(demangle(c), c);
	assert_ptr_equal(demangle(u), u);
	assert_ptr_equal(demangle_into(c, buf, sizeof(buf)), c);
	assert_int_equal(opens, 0);
	if (!before)
		assert_false(runtime_loaded());

	assert_string_equal(demangle(MANGLED), DEMANGLE_FAIL ? MANGLED : PLAIN);
	assert_int_equal(opens, 1);
	assert_string_equal(opened, CXA_DEMANGLE_SONAME);
	assert_int_equal(open_mode, RTLD_LAZY | RTLD_LOCAL);
	assert_int_equal(syms, DEMANGLE_FAIL == 1 ? 0 : 1);
	if (!before)
		assert_int_equal(runtime_loaded(), DEMANGLE_FAIL != 1);
}

/* Later names reuse the runtime, or the failure: one attempt per run. */
static void test_one_attempt(void **state)
{
	static const char other[] = "_ZN3svc8Reloader6reloadEv";
	char buf[64];

	assert_string_equal(demangle(other),
			    DEMANGLE_FAIL ? other : "svc::Reloader::reload()");
	assert_string_equal(demangle_into(MANGLED, buf, sizeof(buf)),
			    DEMANGLE_FAIL ? MANGLED : PLAIN);
	assert_int_equal(opens, 1);
	assert_int_equal(syms, DEMANGLE_FAIL == 1 ? 0 : 1);
}

/* Whatever cannot be demangled is returned as it is, the very pointer. */
static void test_not_demangled(void **state)
{
	static const char bad[] = "_Znot a mangled name";
	static const char c[] = "_start";
	char buf[64] = "untouched";

	assert_ptr_equal(demangle(bad), bad);
	assert_ptr_equal(demangle(c), c);
	assert_ptr_equal(demangle_into(bad, buf, sizeof(buf)), bad);
	assert_string_equal(buf, "untouched");
}

/* A demangled name too long for the buffer is cut, terminated. */
static void test_into_short_buffer(void **state)
{
	char buf[8];
	const char *d = demangle_into(MANGLED, buf, sizeof(buf));

	if (DEMANGLE_FAIL) {
		assert_ptr_equal(d, MANGLED);
		return;
	}
	assert_ptr_equal(d, buf);
	assert_string_equal(buf, "svc::Re");
}

/* The cache: the same name (same address) gives the same result. */
static void test_cached(void **state)
{
	static const char name[] = "_ZN3svc4pokeEv";
	const char *a = demangle(name), *b = demangle(name);

	assert_ptr_equal(a, b);
	assert_string_equal(a, DEMANGLE_FAIL ? name : "svc::poke()");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loaded_on_first_mangled_name),
		cmocka_unit_test(test_one_attempt),
		cmocka_unit_test(test_not_demangled),
		cmocka_unit_test(test_into_short_buffer),
		cmocka_unit_test(test_cached),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
#else
static void test_no_demangler(void **state)
{
	static const char name[] = MANGLED;

	assert_ptr_equal(demangle(name), name);
	assert_int_equal(opens + syms, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_demangler),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
#endif
