/* SPDX-License-Identifier: MIT */
/*
 * test_evwalk.c - walking an event's command line and attach pids the
 * one way every sink and the report do: arguments end at NULs, a last
 * one without its NUL is kept, nothing is read past the arrays whatever
 * the counts say (an event may come from a hostile log).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "evwalk.h"

static struct cmdline make(const char *bytes, size_t len)
{
	struct cmdline c;

	memset(&c, 'x', sizeof(c.buf));
	memcpy(c.buf, bytes, len);
	c.len = len;
	c.truncated = false;
	return c;
}

/* The arguments of C joined with '|', each in <>. */
static const char *walk(const struct cmdline *c, char *out, size_t size)
{
	const char *arg;
	size_t len, pos = 0, used = 0;

	out[0] = '\0';
	while (cmdline_next(c, &pos, &arg, &len)) {
		assert_true(used + len + 3 < size);
		out[used++] = '<';
		memcpy(out + used, arg, len);
		used += len;
		out[used++] = '>';
		out[used] = '\0';
	}
	return out;
}

static void test_cmdline(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *want;
	} cases[] = {
		{ "", 0, "" },
		{ "ls\0-l\0", 6, "<ls><-l>" },
		{ "a\0\0b\0", 5, "<a><><b>" },	/* an empty argument */
		{ "\0", 1, "<>" },
		{ "cut", 3, "<cut>" },		/* no final NUL: kept */
		{ "a\0cu", 4, "<a><cu>" },
	};
	struct cmdline c;
	char out[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		c = make(cases[i].bytes, cases[i].len);
		assert_string_equal(walk(&c, out, sizeof(out)), cases[i].want);
	}
}

static void test_cmdline_bounds(void **state)
{
	static struct cmdline c;
	const char *arg;
	size_t len, pos = 0;

	/* A full buffer without a NUL, and a length past it. */
	memset(c.buf, 'a', sizeof(c.buf));
	c.len = sizeof(c.buf) + 100;
	assert_true(cmdline_next(&c, &pos, &arg, &len));
	assert_ptr_equal(arg, c.buf);
	assert_int_equal(len, sizeof(c.buf));
	assert_false(cmdline_next(&c, &pos, &arg, &len));
	assert_false(cmdline_next(&c, &pos, &arg, &len));
}

static void test_start_npids(void **state)
{
	struct ev_trace_start t;
	size_t max = sizeof(t.pids) / sizeof(t.pids[0]);

	memset(&t, 0, sizeof(t));
	assert_int_equal(ev_start_npids(&t), 0);
	t.npids = 3;
	assert_int_equal(ev_start_npids(&t), 3);
	t.npids = max;
	assert_int_equal(ev_start_npids(&t), max);
	t.npids = max + 1;
	assert_int_equal(ev_start_npids(&t), max);
	t.npids = (size_t)-1;
	assert_int_equal(ev_start_npids(&t), max);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cmdline),
		cmocka_unit_test(test_cmdline_bounds),
		cmocka_unit_test(test_start_npids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
