/* SPDX-License-Identifier: MIT */
/*
 * test_xlat.c - the generic {value, name} lookups of xlat.c, on tables
 * made for the test: values that are negative, flags of several bits,
 * names that differ only in case or prefix.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "xlat.h"

#define RED 1
#define GREEN 2

static const struct xlat colours[] = {
	XLAT(RED), XLAT(GREEN),
	XLAT_PAIR(-1, "C_NEGATIVE"),
	XLAT_PAIR(0, "C_ZERO"),
	XLAT_PAIR(GREEN, "C_GREEN_AGAIN"),	/* a second name */
	XLAT_END
};

static const struct xlat flags[] = {
	XLAT_PAIR(0x10, "F_HIGH"),
	XLAT_PAIR(0x1, "F_LOW"),
	XLAT_PAIR(0x6, "F_PAIR"),		/* two bits, one name */
	XLAT_PAIR(0, "F_NONE"),			/* never a flag */
	XLAT_END
};

static const struct xlat empty[] = { XLAT_END };

static void test_name(void **state)
{
	assert_string_equal(xlat_name(colours, RED), "RED");
	assert_string_equal(xlat_name(colours, 2), "GREEN");	/* first */
	assert_string_equal(xlat_name(colours, 0), "C_ZERO");
	assert_string_equal(xlat_name(colours, (uint64_t)-1), "C_NEGATIVE");
	assert_string_equal(xlat_name(colours, (uint64_t)(int64_t)(int)-1),
			    "C_NEGATIVE");
	assert_null(xlat_name(colours, 3));
	assert_null(xlat_name(colours, 0xffffffffu));	/* not -1 */
	assert_null(xlat_name(empty, 0));
}

static void test_value(void **state)
{
	uint64_t v = 42;

	assert_int_equal(xlat_value(colours, "GREEN", &v), 0);
	assert_int_equal(v, GREEN);
	assert_int_equal(xlat_value(colours, "C_GREEN_AGAIN", &v), 0);
	assert_int_equal(v, GREEN);
	assert_int_equal(xlat_value(colours, "C_NEGATIVE", &v), 0);
	assert_int_equal((int)(int64_t)v, -1);

	/* exact: no other case, no missing prefix; *v untouched */
	v = 42;
	assert_int_equal(xlat_value(colours, "green", &v), -1);
	assert_int_equal(xlat_value(colours, "NEGATIVE", &v), -1);
	assert_int_equal(xlat_value(colours, "", &v), -1);
	assert_int_equal(xlat_value(colours, NULL, &v), -1);
	assert_int_equal(xlat_value(empty, "RED", &v), -1);
	assert_int_equal(v, 42);
}

static void test_value_loose(void **state)
{
	uint64_t v = 42;

	assert_int_equal(xlat_value_loose(colours, "red", NULL, &v), 0);
	assert_int_equal(v, RED);
	assert_int_equal(xlat_value_loose(colours, "c_zero", "C_", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(xlat_value_loose(colours, "negative", "C_", &v), 0);
	assert_int_equal((int)(int64_t)v, -1);
	assert_int_equal(xlat_value_loose(colours, "Negative", "c_", &v), 0);
	assert_int_equal((int)(int64_t)v, -1);

	v = 42;
	/* a prefix only where the entry has it: "ED" is not "RED" */
	assert_int_equal(xlat_value_loose(colours, "ED", "R", &v), 0);
	assert_int_equal(v, RED);
	v = 42;
	assert_int_equal(xlat_value_loose(colours, "negative", NULL, &v), -1);
	assert_int_equal(xlat_value_loose(colours, "C_", "C_", &v), -1);
	assert_int_equal(xlat_value_loose(colours, "", "C_", &v), -1);
	assert_int_equal(xlat_value_loose(colours, "C_C_ZERO", "C_", &v), -1);
	assert_int_equal(xlat_value_loose(colours, NULL, "C_", &v), -1);
	assert_int_equal(v, 42);
}

static void test_flags(void **state)
{
	const char *names[8];
	uint64_t unknown = 7;

	assert_int_equal(xlat_flags(flags, 0, names, 8, &unknown), 0);
	assert_int_equal(unknown, 0);
	/* table order, not bit order */
	assert_int_equal(xlat_flags(flags, 0x17, names, 8, &unknown), 3);
	assert_string_equal(names[0], "F_HIGH");
	assert_string_equal(names[1], "F_LOW");
	assert_string_equal(names[2], "F_PAIR");
	assert_int_equal(unknown, 0);
	/* half of a two-bit name is no name */
	assert_int_equal(xlat_flags(flags, 0x2 | 0x100, names, 8, &unknown),
			 0);
	assert_int_equal(unknown, 0x102);
	assert_int_equal(xlat_flags(flags, 1ULL << 63 | 1, names, 8,
				    &unknown), 1);
	assert_string_equal(names[0], "F_LOW");
	assert_int_equal(unknown, 1ULL << 63);
	/* what does not fit stays unknown */
	assert_int_equal(xlat_flags(flags, 0x17, names, 1, &unknown), 1);
	assert_string_equal(names[0], "F_HIGH");
	assert_int_equal(unknown, 0x7);
	assert_int_equal(xlat_flags(flags, 0x17, NULL, 0, &unknown), 0);
	assert_int_equal(unknown, 0x17);
	assert_int_equal(xlat_flags(flags, 0x11, names, 8, NULL), 2);
	assert_int_equal(xlat_flags(empty, 0x11, names, 8, &unknown), 0);
	assert_int_equal(unknown, 0x11);
}

static void test_flags_format(void **state)
{
	char buf[64], small[8];

	assert_string_equal(xlat_flags_format(flags, 0, buf, sizeof(buf)),
			    "0");
	assert_string_equal(xlat_flags_format(flags, 0x11, buf, sizeof(buf)),
			    "F_HIGH|F_LOW");
	assert_string_equal(xlat_flags_format(flags, 0x17, buf, sizeof(buf)),
			    "F_HIGH|F_LOW|F_PAIR");
	assert_string_equal(xlat_flags_format(flags, 0x1 | 0x300, buf,
					      sizeof(buf)), "F_LOW|0x300");
	assert_string_equal(xlat_flags_format(flags, 0x2, buf, sizeof(buf)),
			    "0x2");
	assert_string_equal(xlat_flags_format(empty, 1ULL << 63, buf,
					      sizeof(buf)),
			    "0x8000000000000000");
	/* truncated like snprintf, always terminated */
	assert_string_equal(xlat_flags_format(flags, 0x11, small,
					      sizeof(small)), "F_HIGH|");
	assert_string_equal(xlat_flags_format(flags, 0x11, small, 1), "");
	assert_string_equal(xlat_flags_format(flags, 0x11, NULL, 0), "");
	assert_int_equal(strlen(xlat_flags_format(flags, 0x7ff, buf, 12)), 11);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_value),
		cmocka_unit_test(test_value_loose),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_flags_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
