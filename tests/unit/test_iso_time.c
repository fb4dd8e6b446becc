/* SPDX-License-Identifier: MIT */
/*
 * test_iso_time.c - the hand-written time stamp parser gives what
 * strptime(3) and timegm(3) give (the reader's way until now) for every
 * day of years around leap years and centuries, every field at its
 * bounds, out-of-range days and leap seconds; and it declines, rather
 * than guesses, every other spelling.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "iso_time.h"

/* What the reader computed before: strptime, then timegm. */
static int64_t slow(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	assert_non_null(strptime(s, "%Y-%m-%dT%H:%M:%S", &tm));
	return (int64_t)timegm(&tm);
}

static void check(int y, int mo, int d, int h, int mi, int se)
{
	char s[64];
	int64_t sec;
	long ns;

	snprintf(s, sizeof(s), "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h,
		 mi, se);
	if (iso_time_parse(s, strlen(s), &sec, &ns) != 0)
		fail_msg("declined %s", s);
	if (sec != slow(s))
		fail_msg("%s: %lld, timegm says %lld", s, (long long)sec,
			 (long long)slow(s));
	assert_int_equal(ns, 0);
}

static void test_like_timegm(void **state)
{
	static const int years[] = { 1970, 1971, 1999, 2000, 2024, 2026,
		2100, 2400, 9999 };

	(void)state;
	for (size_t i = 0; i < sizeof(years) / sizeof(years[0]); i++)
		for (int mo = 1; mo <= 12; mo++)
			for (int d = 1; d <= 31; d++)	/* 31 Feb too */
				check(years[i], mo, d, (d * 7) % 24,
				      (d * 13) % 60, (d * 17) % 62);
	check(2026, 12, 31, 23, 59, 59);
	check(2026, 6, 30, 23, 59, 60);	/* leap seconds roll over */
	check(2026, 6, 30, 23, 59, 61);
	check(1970, 1, 1, 0, 0, 0);
}

static void test_fraction(void **state)
{
	static const struct { const char *s; long ns; } t[] = {
		{ "2026-11-18T07:46:40.123456789Z", 123456789 },
		{ "2026-11-18T07:46:40.5Z", 500000000 },
		{ "2026-11-18T07:46:40.000000001Z", 1 },
		{ "2026-11-18T07:46:40.1234567899999Z", 123456789 },
		{ "2026-11-18T07:46:40.Z", 0 },
	};
	int64_t sec;
	long ns;

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		assert_int_equal(iso_time_parse(t[i].s, strlen(t[i].s), &sec,
						&ns), 0);
		assert_int_equal(ns, t[i].ns);
		assert_true(sec == slow(t[i].s));
	}
}

static void test_declines(void **state)
{
	static const char *const t[] = {
		"", "2026-11-18T07:46:40", "2026-11-18T07:46:40z",
		"2026-11-18T07:46:40ZZ", "2026-11-18T07:46:40.12a3Z",
		"2026-11-18 07:46:40Z", "2026-1-18T07:46:40Z",
		"2026-11-8T07:46:40Z", " 2026-11-18T07:46:40Z",
		"1969-12-31T23:59:59Z", "2026-00-18T07:46:40Z",
		"2026-13-18T07:46:40Z", "2026-11-00T07:46:40Z",
		"2026-11-32T07:46:40Z", "2026-11-18T24:46:40Z",
		"2026-11-18T07:60:40Z", "2026-11-18T07:46:62Z",
		"+2026-11-18T07:46:40Z", "@1795000000.5Z", "2026-11-18T07:46:4xZ",
	};
	int64_t sec = 42;
	long ns = 42;

	(void)state;
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (iso_time_parse(t[i], strlen(t[i]), &sec, &ns) == 0)
			fail_msg("accepted '%s'", t[i]);
	assert_int_equal(sec, 42);	/* untouched */
	assert_int_equal(ns, 42);
	/* LEN bounds it: the Z past LEN does not count */
	assert_int_not_equal(iso_time_parse("2026-11-18T07:46:40Z", 19, &sec,
					    &ns), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_like_timegm),
		cmocka_unit_test(test_fraction),
		cmocka_unit_test(test_declines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
