/* SPDX-License-Identifier: MIT */
/*
 * test_name_cache.c - the cache in front of name lookups answers what
 * the lookup answers (unknown names included), asks the lookup once per
 * name and context while the name keeps its slot, keeps contexts apart,
 * and stays right when names share a slot or are too long to keep.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "name_cache.h"

static unsigned calls;

/* "N<number>" is that number plus the context; anything else unknown. */
static int lookup(const char *name, int ctx, long *out)
{
	calls++;
	if (name[0] != 'N' || name[1] < '0' || name[1] > '9')
		return -1;
	*out = strtol(name + 1, NULL, 10) + ctx;
	return 0;
}

static int ask(struct name_cache *c, const char *name, int ctx, long *out)
{
	return name_cache_lookup(c, name, strlen(name), ctx, out);
}

static void test_remembers(void **state)
{
	static struct name_cache c;
	long v = -1;

	(void)state;
	calls = 0;
	name_cache_init(&c, lookup);
	assert_int_equal(ask(&c, "N10", 0, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(ask(&c, "N10", 0, &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(calls, 1);
	/* another context is another question */
	assert_int_equal(ask(&c, "N10", 5, &v), 0);
	assert_int_equal(v, 15);
	assert_int_equal(calls, 2);
	/* unknown, and remembered as unknown; *out untouched */
	v = 77;
	assert_int_equal(ask(&c, "SIGBOGUS", 0, &v), -1);
	assert_int_equal(ask(&c, "SIGBOGUS", 0, &v), -1);
	assert_int_equal(v, 77);
	assert_int_equal(calls, 3);
	assert_int_equal(c.hits, 2);
	assert_int_equal(c.misses, 3);
	/* LEN bytes are the name, not up to a NUL */
	assert_int_equal(name_cache_lookup(&c, "N123", 2, 0, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(name_cache_lookup(&c, "N123", 3, 0, &v), 0);
	assert_int_equal(v, 12);
}

/* Many more names than slots: every answer still right. */
static void test_shared_slots(void **state)
{
	static struct name_cache c;
	char name[32];
	long v;

	(void)state;
	name_cache_init(&c, lookup);
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 4 * NAME_CACHE_SLOTS; i++) {
			snprintf(name, sizeof(name), "N%d", i);
			assert_int_equal(ask(&c, name, round, &v), 0);
			assert_int_equal(v, i + round);
		}
}

static void test_long_names(void **state)
{
	static struct name_cache c;
	char name[NAME_CACHE_LEN + 8];
	long v = 0;

	(void)state;
	calls = 0;
	name_cache_init(&c, lookup);
	memset(name, '7', sizeof(name) - 1);
	name[0] = 'N';
	name[sizeof(name) - 1] = '\0';
	assert_int_equal(ask(&c, name, 0, &v), 0);
	assert_int_equal(ask(&c, name, 0, &v), 0);
	assert_int_equal(v, strtol(name + 1, NULL, 10));
	assert_int_equal(calls, 2);	/* not kept: asked each time */
	/* past NAME_LONG_MAX no table has it: unknown, not asked */
	{
		char huge[NAME_LONG_MAX + 2];

		memset(huge, '1', sizeof(huge));
		huge[0] = 'N';
		assert_int_equal(name_cache_lookup(&c, huge, sizeof(huge), 0,
						   &v), -1);
		assert_int_equal(calls, 2);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remembers),
		cmocka_unit_test(test_shared_slots),
		cmocka_unit_test(test_long_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
