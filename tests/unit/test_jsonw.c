/* SPDX-License-Identifier: MIT */
/*
 * test_jsonw.c - the streaming JSON writer: commas in the right places
 * at every nesting level, values formatted exactly, and the result
 * accepted by jansson.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "jsonw.h"
#include "strbuf.h"

struct fixture {
	struct strbuf sb;
	struct jsonw w;
};

static int setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	jw_init(&f.w, &f.sb);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	sb_free(&f->sb);
	return 0;
}

/* The document must parse, and match WANT byte for byte. */
static void expect(struct fixture *f, const char *want)
{
	json_error_t err;
	json_t *j;

	assert_non_null(f->sb.buf);
	assert_string_equal(f->sb.buf, want);
	assert_int_equal(f->w.depth, 0);
	j = json_loads(f->sb.buf, JSON_DECODE_ANY, &err);
	if (!j)
		fail_msg("jansson rejected %s: %s", f->sb.buf, err.text);
	json_decref(j);
}

static void test_empty(void **state)
{
	struct fixture *f = *state;

	jw_object_begin(&f->w);
	jw_key(&f->w, "o");
	jw_object_begin(&f->w);
	jw_object_end(&f->w);
	jw_key(&f->w, "a");
	jw_array_begin(&f->w);
	jw_array_end(&f->w);
	jw_object_end(&f->w);
	expect(f, "{\"o\":{},\"a\":[]}");
}

static void test_nesting_and_commas(void **state)
{
	struct fixture *f = *state;
	struct jsonw *w = &f->w;

	jw_object_begin(w);
	jw_kint(w, "a", 1);
	jw_key(w, "b");
	jw_array_begin(w);
	jw_int(w, 1);
	jw_int(w, 2);
	jw_object_begin(w);
	jw_kbool(w, "c", true);
	jw_object_end(w);
	jw_array_begin(w);
	jw_array_end(w);
	jw_array_end(w);
	jw_key(w, "d");
	jw_object_begin(w);
	jw_key(w, "e");
	jw_null(w);
	jw_kstring(w, "f", "x");
	jw_object_end(w);
	jw_khex(w, "g", 0x1f);
	jw_object_end(w);
	expect(f, "{\"a\":1,\"b\":[1,2,{\"c\":true},[]],"
		  "\"d\":{\"e\":null,\"f\":\"x\"},\"g\":\"0x1f\"}");
}

static void test_arrays_of_arrays(void **state)
{
	struct fixture *f = *state;
	struct jsonw *w = &f->w;

	jw_array_begin(w);
	jw_array_begin(w);
	jw_array_end(w);
	jw_array_begin(w);
	jw_int(w, 1);
	jw_array_end(w);
	jw_array_begin(w);
	jw_array_begin(w);
	jw_int(w, 2);
	jw_string(w, "s");
	jw_array_end(w);
	jw_array_end(w);
	jw_array_end(w);
	expect(f, "[[],[1],[[2,\"s\"]]]");
}

static void test_numbers(void **state)
{
	struct fixture *f = *state;
	struct jsonw *w = &f->w;

	jw_object_begin(w);
	jw_kint(w, "min", INT64_MIN);
	jw_kint(w, "max", INT64_MAX);
	jw_kuint(w, "u", UINT64_MAX);
	jw_kint(w, "neg", -4);
	jw_khex(w, "h0", 0);
	jw_khex(w, "hmax", UINT64_MAX);
	jw_kbool(w, "f", false);
	jw_object_end(w);
	/* jansson stores integers as long long: UINT64_MAX does not fit,
	 * so compare the text only. */
	assert_string_equal(f->sb.buf,
			    "{\"min\":-9223372036854775808,"
			    "\"max\":9223372036854775807,"
			    "\"u\":18446744073709551615,\"neg\":-4,"
			    "\"h0\":\"0x0\",\"hmax\":\"0xffffffffffffffff\","
			    "\"f\":false}");
}

static void test_strings_escaped(void **state)
{
	struct fixture *f = *state;
	struct jsonw *w = &f->w;
	static const char raw[] = { 'a', '\0', '"', '\n', (char)0xff };
	json_t *j;

	jw_object_begin(w);
	jw_kstring(w, "q", "say \"hi\"\\");
	jw_key(w, "raw");
	jw_string_len(w, raw, sizeof(raw));
	jw_kstring(w, "null", NULL);
	jw_object_end(w);
	assert_string_equal(f->sb.buf,
			    "{\"q\":\"say \\\"hi\\\"\\\\\","
			    "\"raw\":\"a\\u0000\\\"\\n\xef\xbf\xbd\","
			    "\"null\":null}");
	j = json_loads(f->sb.buf, JSON_ALLOW_NUL, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "q")),
			    "say \"hi\"\\");
	assert_int_equal(json_string_length(json_object_get(j, "raw")), 7);
	json_decref(j);
}

/* Nested as deep as the writer tracks: commas still right inside. */
static void test_deep(void **state)
{
	struct fixture *f = *state;
	struct jsonw *w = &f->w;
	struct strbuf want = STRBUF_INIT;
	int levels = JSONW_MAX_DEPTH - 1;

	for (int i = 0; i < levels; i++) {
		jw_array_begin(w);
		jw_int(w, i);
		sb_printf(&want, "[%d,", i);
	}
	jw_null(w);
	sb_adds(&want, "null");
	for (int i = 0; i < levels; i++) {
		jw_array_end(w);
		sb_addc(&want, ']');
	}
	expect(f, want.buf);
	sb_free(&want);
}

/* The writer keeps no state but depth: reuse after a document. */
static void test_two_documents(void **state)
{
	struct fixture *f = *state;
	struct jsonw *w = &f->w;

	jw_object_begin(w);
	jw_kint(w, "a", 1);
	jw_object_end(w);
	sb_reset(&f->sb);
	jw_init(w, &f->sb);
	jw_object_begin(w);
	jw_kint(w, "b", 2);
	jw_kint(w, "c", 3);
	jw_object_end(w);
	expect(f, "{\"b\":2,\"c\":3}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nesting_and_commas,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_arrays_of_arrays,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings_escaped,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_deep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_documents,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
