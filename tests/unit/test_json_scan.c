/* SPDX-License-Identifier: MIT */
/*
 * test_json_scan.c - the jsmn-based scanner: the cursor API on a record
 * that has every kind of value, the texts it must refuse, and the same
 * accept/reject decisions and values as jansson's json_loadb() (the
 * reader's parser until now) on tricky texts, on every line of the golden
 * logs and of the reader's fuzzing corpus, and on thousands of
 * deterministic mutations of those lines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_scan.h"

static struct jscan S;
static char buf[1 << 16];

/* Parse a copy of TEXT (the scanner writes into it). */
static int scan(const char *text, size_t len)
{
	assert_true(len < sizeof(buf));
	memcpy(buf, text, len);
	buf[len] = 'X';	/* nothing past LEN may be read as part of it */
	return jscan_parse(&S, buf, len);
}

static jscan_val root_of(const char *text)
{
	assert_int_equal(scan(text, strlen(text)), 0);
	return jscan_root(&S);
}

static void test_cursor(void **state)
{
	jscan_val r = root_of(
		"{\"v\":1, \"type\" : \"signal\",\"neg\":-7,"
		"\"max\":9223372036854775807,\"min\":-9223372036854775808,"
		"\"r\":1.5e3,\"t\":true,\"f\":false,\"n\":null,"
		"\"s\":\"a\\\"b\\\\c\\/\\u00e9\\ud83d\\ude00\\n\","
		"\"arr\":[1,[2,3],{\"x\":4},\"z\"],\"e\":[],"
		"\"obj\":{\"in\":{\"deep\":[]}},\"dup\":1,\"dup\":2}");
	jscan_val a, v;
	size_t len;

	(void)state;
	assert_int_equal(jscan_kind(&S, r), JSCAN_OBJECT);
	assert_int_equal(jscan_int(&S, jscan_get(&S, r, "v")), 1);
	assert_string_equal(jscan_str(&S, jscan_get(&S, r, "type"), &len),
			    "signal");
	assert_int_equal(len, 6);
	assert_int_equal(jscan_int(&S, jscan_get(&S, r, "neg")), -7);
	assert_true(jscan_int(&S, jscan_get(&S, r, "max")) == INT64_MAX);
	assert_true(jscan_int(&S, jscan_get(&S, r, "min")) == INT64_MIN);
	assert_true(jscan_is(&S, jscan_get(&S, r, "r"), JSCAN_REAL));
	assert_int_equal(jscan_int(&S, jscan_get(&S, r, "r")), 0);
	assert_true(jscan_is(&S, jscan_get(&S, r, "t"), JSCAN_TRUE));
	assert_true(jscan_is(&S, jscan_get(&S, r, "f"), JSCAN_FALSE));
	assert_true(jscan_is(&S, jscan_get(&S, r, "n"), JSCAN_NULL));
	assert_string_equal(jscan_str(&S, jscan_get(&S, r, "s"), &len),
			    "a\"b\\c/\xc3\xa9\xf0\x9f\x98\x80\n");
	assert_int_equal(len, 13);
	/* the last of two members of one name, as jansson */
	assert_int_equal(jscan_int(&S, jscan_get(&S, r, "dup")), 2);
	/* absent, nested or asked of a non-object: nothing */
	assert_int_equal(jscan_get(&S, r, "x"), JSCAN_NIL);
	assert_int_equal(jscan_get(&S, r, "deep"), JSCAN_NIL);
	assert_int_equal(jscan_get(&S, jscan_get(&S, r, "v"), "v"), JSCAN_NIL);
	assert_int_equal(jscan_get(&S, JSCAN_NIL, "v"), JSCAN_NIL);
	assert_null(jscan_str(&S, jscan_get(&S, r, "v"), NULL));
	v = jscan_get(&S, jscan_get(&S, jscan_get(&S, r, "obj"), "in"), "deep");
	assert_true(jscan_is(&S, v, JSCAN_ARRAY));
	assert_int_equal(jscan_first(&S, v), JSCAN_NIL);
	assert_int_equal(jscan_count(&S, jscan_get(&S, r, "e")), 0);

	a = jscan_get(&S, r, "arr");
	assert_int_equal(jscan_count(&S, a), 4);
	v = jscan_first(&S, a);
	assert_int_equal(jscan_int(&S, v), 1);
	v = jscan_next(&S, v);
	assert_int_equal(jscan_count(&S, v), 2);
	assert_int_equal(jscan_int(&S, jscan_next(&S, jscan_first(&S, v))), 3);
	v = jscan_next(&S, v);
	assert_int_equal(jscan_int(&S, jscan_get(&S, v, "x")), 4);
	v = jscan_next(&S, v);
	assert_string_equal(jscan_str(&S, v, NULL), "z");
	assert_int_equal(jscan_next(&S, v), JSCAN_NIL);
	/* not an array */
	assert_int_equal(jscan_first(&S, r), JSCAN_NIL);
	assert_int_equal(jscan_count(&S, jscan_get(&S, r, "x")), 0);
}

static void test_refused(void **state)
{
	static const char *const bad[] = {
		"", "   ", "1", "\"s\"", "true", "{", "}", "{]", "[}",
		"{\"a\"}", "{\"a\" 1}", "{\"a\":}", "{\"a\":1,}", "{,}",
		"{\"a\":1,,\"b\":2}", "{\"a\":1 \"b\":2}", "[1 2]", "[1,]",
		"[,1]", "[1]]", "{}{}", "{} x", "{1:2}", "{{}:1}", "{\"a\"::1}",
		"[tru]", "[truex]", "[nul]", "[True]", "[01]", "[-]", "[1.]",
		"[.5]", "[1e]", "[1e+]", "[+1]", "[0x1]", "[1.5.5]", "[--1]",
		"[9223372036854775808]", "[-9223372036854775809]", "[1e999]",
		"[\"a\nb\"]", "[\"a\tb\"]", "[\"\\x\"]", "[\"\\u12\"]",
		"[\"\\u0000\"]", "{\"\\u0000\":1}", "[\"\\ud800\"]",
		"[\"\\udc00\"]", "[\"\\ud800\\u0041\"]", "[\"\xc3\"]",
		"[\"\xc0\x80\"]", "[\"\xed\xa0\x80\"]", "[\"\xf5\x80\x80\x80\"]",
		"[\"\xe0\x80\x80\"]", "[\"\x80\"]", "\xef\xbb\xbf{}", "['a']",
		"[\"unterminated]", "{\"a\":1", "[[]",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (scan(bad[i], strlen(bad[i])) == 0)
			fail_msg("accepted: %s", bad[i]);
		assert_true(jscan_error(&S)[0] != '\0');
		assert_true(jscan_error_column(&S) >= 1);
		assert_int_equal(jscan_root(&S), JSCAN_NIL);
	}
	assert_int_not_equal(scan("[\"a\0b\"]", 7), 0);	/* a NUL byte */
}

/* "[[[...]]]" N deep. */
static int nested(unsigned n)
{
	static char deep[2 * (JSCAN_MAX_DEPTH + 2)];

	memset(deep, '[', n);
	memset(deep + n, ']', n);
	return scan(deep, 2 * n);
}

static void test_depth(void **state)
{
	(void)state;
	assert_int_equal(nested(JSCAN_MAX_DEPTH), 0);
	assert_int_not_equal(nested(JSCAN_MAX_DEPTH + 1), 0);
	assert_string_equal(jscan_error(&S), "maximum parsing depth reached");
}

/* ---- the same as jansson ---- */

static unsigned long compared, accepted;

/* jansson's J and the scanner's V hold the same value. */
static void same_value(json_t *j, jscan_val v)
{
	static const enum jscan_kind kind_of[] = {
		[JSON_OBJECT] = JSCAN_OBJECT, [JSON_ARRAY] = JSCAN_ARRAY,
		[JSON_STRING] = JSCAN_STRING, [JSON_INTEGER] = JSCAN_INTEGER,
		[JSON_REAL] = JSCAN_REAL, [JSON_TRUE] = JSCAN_TRUE,
		[JSON_FALSE] = JSCAN_FALSE, [JSON_NULL] = JSCAN_NULL,
	};
	const char *key;
	json_t *x;
	size_t i, len;
	jscan_val e;

	assert_int_equal(jscan_kind(&S, v), kind_of[json_typeof(j)]);
	if (json_is_object(j)) {
		json_object_foreach(j, key, x)
			same_value(x, jscan_get(&S, v, key));
	} else if (json_is_array(j)) {
		assert_int_equal(jscan_count(&S, v), json_array_size(j));
		e = jscan_first(&S, v);
		json_array_foreach(j, i, x) {
			same_value(x, e);
			e = jscan_next(&S, e);
		}
	} else if (json_is_string(j)) {
		assert_non_null(jscan_str(&S, v, &len));
		assert_int_equal(len, json_string_length(j));
		assert_memory_equal(jscan_str(&S, v, NULL),
				    json_string_value(j), len);
	} else if (json_is_integer(j)) {
		assert_true(jscan_int(&S, v) == json_integer_value(j));
	}
}

/* TEXT is accepted by both or refused by both, and read alike. */
static void same_as_jansson(const char *text, size_t len)
{
	json_error_t err;
	json_t *j = json_loadb(text, len, 0, &err);
	int rc = scan(text, len);

	compared++;
	if ((j != NULL) != (rc == 0))
		fail_msg("jansson %s, json_scan %s (%s): '%.*s'",
			 j ? "accepts" : err.text, rc ? "refuses" : "accepts",
			 jscan_error(&S), (int)len, text);
	if (j) {
		accepted++;
		same_value(j, jscan_root(&S));
		json_decref(j);
	}
}

static void test_tricky_like_jansson(void **state)
{
	static const char *const texts[] = {
		"{}", "[]", " \t\r\n{ } \r\n", "[1,-0,0.0,-1.5E+7,1e-999]",
		"{\"\":\"\"}", "{\"a\":{\"a\":{\"a\":1}},\"a\":2}",
		"[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", "[\"\\uD83D\\uDE00\\u20AC\"]",
		"[\"\xf4\x8f\xbf\xbf\xe2\x82\xac\xc2\x80\"]", "{\"k\\u0065y\":1}",
		"[true,false,null,[],{}]", "[123456789012345678901234567890.5]",
		"[1E400]", "[-1e400]", "[ 1 , 2 ]", "{\"a\" : [ ] , \"b\" : { } }",
		"[\"\\u00\"]", "[1,2", "{\"a\":1}\n", "[\"\x7f\"]",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		same_as_jansson(texts[i], strlen(texts[i]));
}

/* Deterministic mutations: a byte deleted, doubled or replaced by one
 * that matters to a JSON parser. */
static void mutations(const char *line, size_t len, unsigned n)
{
	static const char alphabet[] = "{}[]:,\"\\ 0123456789eE.+-tfnu"
		"\x80\xc3\xed\xf0\xff\x01\t";
	static char m[sizeof(buf)];
	static uint32_t seed = 12345;

	if (len == 0 || len + 1 >= sizeof(m))
		return;
	for (unsigned k = 0; k < n; k++) {
		size_t at, mlen = len;

		seed = seed * 1103515245u + 12345u;
		at = (seed >> 8) % len;
		memcpy(m, line, len);
		switch ((seed >> 4) % 3) {
		case 0:	/* delete */
			memmove(m + at, m + at + 1, len - at - 1);
			mlen--;
			break;
		case 1:	/* double */
			memmove(m + at + 1, m + at, len - at);
			mlen++;
			break;
		default:	/* replace */
			m[at] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
			break;
		}
		same_as_jansson(m, mlen);
	}
}

/* Every line of every file in DIR (under $srcdir) whose name ends in
 * SUFFIX, as is and mutated.  Returns how many lines. */
static unsigned lines_of(const char *dir, const char *suffix)
{
	const char *top = getenv("srcdir");
	char path[4096], *line = NULL;
	struct dirent *de;
	size_t cap = 0;
	unsigned lines = 0;
	DIR *d;

	snprintf(path, sizeof(path), "%s/%s", top ? top : ".", dir);
	d = opendir(path);
	if (!d)
		fail_msg("cannot open %s", path);
	while ((de = readdir(d))) {
		size_t nl = strlen(de->d_name), sl = strlen(suffix);
		ssize_t n;
		FILE *f;

		if (de->d_name[0] == '.' || nl < sl ||
		    strcmp(de->d_name + nl - sl, suffix) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s/%s", top ? top : ".", dir,
			 de->d_name);
		f = fopen(path, "r");
		assert_non_null(f);
		while ((n = getline(&line, &cap, f)) > 0) {
			if (line[n - 1] == '\n')
				n--;
			same_as_jansson(line, (size_t)n);
			mutations(line, (size_t)n, 40);
			lines++;
		}
		fclose(f);
	}
	closedir(d);
	free(line);
	return lines;
}

static void test_logs_like_jansson(void **state)
{
	(void)state;
	compared = accepted = 0;
	assert_true(lines_of("tests/golden", ".jsonl") > 100);
	assert_true(lines_of("tests/fuzz/corpus/reader", "") > 100);
	/* both outcomes were exercised, many times */
	assert_true(accepted > 1000);
	assert_true(compared - accepted > 1000);
}

static int teardown(void **state)
{
	(void)state;
	jscan_free(&S);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cursor),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_tricky_like_jansson),
		cmocka_unit_test(test_logs_like_jansson),
	};

	jscan_init(&S);
	return cmocka_run_group_tests(tests, NULL, teardown);
}
