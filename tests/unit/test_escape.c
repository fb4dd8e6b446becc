/* SPDX-License-Identifier: MIT */
/*
 * test_escape.c - untrusted bytes through the JSON, terminal and HTML
 * escapers: nothing that drives a terminal or breaks a line survives,
 * and the JSON output is always valid UTF-8 that jansson accepts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "escape.h"
#include "strbuf.h"

#define FFFD "\xef\xbf\xbd"

typedef void (*escaper)(struct strbuf *sb, const char *s, size_t len);

/* Escape LEN bytes of S with FN and compare with the C string WANT. */
static void check(escaper fn, const char *s, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	fn(&sb, s, len);
	/* Nothing appended leaves the buffer unallocated. */
	assert_string_equal(sb.buf ? sb.buf : "", want);
	assert_int_equal(sb.len, strlen(want));
	sb_free(&sb);
}

#define CHECK(fn, lit, want) check(fn, lit, sizeof(lit) - 1, want)

/* BODY in quotes as a JSON document; fails the test unless it parses. */
static json_t *parse_json_string(const char *body)
{
	struct strbuf sb = STRBUF_INIT;
	json_error_t err;
	json_t *j;

	sb_addc(&sb, '"');
	sb_adds(&sb, body);
	sb_addc(&sb, '"');
	j = json_loads(sb.buf, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	if (!j)
		fail_msg("jansson rejected %s: %s", sb.buf, err.text);
	sb_free(&sb);
	return j;
}

static void test_json_controls(void **state)
{
	static const char *const shorts[0x20] = {
		['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n",
		['\f'] = "\\f", ['\r'] = "\\r",
	};

	for (int c = 0; c < 0x20; c++) {
		char in = (char)c, want[8];

		if (shorts[c])
			snprintf(want, sizeof(want), "%s", shorts[c]);
		else
			snprintf(want, sizeof(want), "\\u%04x", c);
		check(escape_json, &in, 1, want);
	}
	CHECK(escape_json, "\x01", "\\u0001");
	CHECK(escape_json, "\n", "\\n");
	CHECK(escape_json, "\x1b[2J", "\\u001b[2J");
	CHECK(escape_json, "\x7f", "\\u007f");
	/* C1 CSI, valid UTF-8 but a terminal control: escaped too. */
	CHECK(escape_json, "\xc2\x9b", "\\u009b");
}

static void test_json_quote_backslash(void **state)
{
	CHECK(escape_json, "say \"hi\"", "say \\\"hi\\\"");
	CHECK(escape_json, "C:\\dir\\", "C:\\\\dir\\\\");
	CHECK(escape_json, "</script>", "</script>");
	CHECK(escape_json, "", "");
}

static void test_json_nul(void **state)
{
	static const char in[] = { 'a', '\0', 'b' };

	check(escape_json, in, sizeof(in), "a\\u0000b");
}

static void test_json_invalid_utf8(void **state)
{
	CHECK(escape_json, "\xff", FFFD);
	CHECK(escape_json, "a\xff" "b", "a" FFFD "b");
	CHECK(escape_json, "\xfe\xfe", FFFD FFFD);
	/* Truncated multibyte sequences, at the end and mid-string. */
	CHECK(escape_json, "\xe2\x82", FFFD FFFD);
	CHECK(escape_json, "\xe2\x82x", FFFD FFFD "x");
	CHECK(escape_json, "\xf0\x9f\x98", FFFD FFFD FFFD);
	/* A stray continuation byte. */
	CHECK(escape_json, "\x80", FFFD);
	/* Overlong NUL and overlong '/'. */
	CHECK(escape_json, "\xc0\x80", FFFD FFFD);
	CHECK(escape_json, "\xe0\x80\xaf", FFFD FFFD FFFD);
	/* UTF-16 surrogates encoded in UTF-8 (CESU). */
	CHECK(escape_json, "\xed\xa0\x80", FFFD FFFD FFFD);
	CHECK(escape_json, "\xed\xbf\xbf", FFFD FFFD FFFD);
	/* Above U+10FFFF. */
	CHECK(escape_json, "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
}

static void test_json_valid_multibyte(void **state)
{
	CHECK(escape_json, "caf\xc3\xa9", "caf\xc3\xa9");
	CHECK(escape_json, "\xe2\x82\xac 5", "\xe2\x82\xac 5");
	CHECK(escape_json, "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
	CHECK(escape_json, "\xed\x9f\xbf", "\xed\x9f\xbf");	/* U+D7FF */
	CHECK(escape_json, "\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");
}

static void test_json_parses_and_round_trips(void **state)
{
	static const char in[] = "\x1b[2J\n\"x\"\\ \xc3\xa9";
	struct strbuf sb = STRBUF_INIT;
	json_t *j;

	escape_json(&sb, in, sizeof(in) - 1);
	j = parse_json_string(sb.buf);
	assert_string_equal(json_string_value(j), in);
	json_decref(j);
	sb_free(&sb);
}

/* Random bytes: the output is always a JSON string jansson accepts
 * (jansson rejects invalid UTF-8) with no raw control byte. */
static void test_json_random_bytes(void **state)
{
	unsigned seed = 12345;

	for (int round = 0; round < 2000; round++) {
		char in[24];
		struct strbuf sb = STRBUF_INIT;
		json_t *j;

		for (size_t i = 0; i < sizeof(in); i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (char)(seed >> 16);
		}
		escape_json(&sb, in, sizeof(in));
		for (size_t i = 0; i < sb.len; i++)
			assert_true((unsigned char)sb.buf[i] >= 0x20 &&
				    sb.buf[i] != 0x7f);
		j = parse_json_string(sb.buf);
		json_decref(j);
		sb_free(&sb);
	}
}

static void test_text_hostile(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	static const char in[] =
		"\x1b[2J\nfoo\"\\\xc2\x9b\xff\x7f\t\r\x1b]0;pwn\x07";

	CHECK(escape_text, "\x1b[2J\nfoo\"\\\xc2\x9b\xff\x7f\t\r",
	      "\\x1b[2J\\nfoo\\\"\\\\\\xc2\\x9b\\xff\\x7f\\t\\r");
	escape_text(&sb, in, sizeof(in) - 1);
	assert_null(memchr(sb.buf, 0x1b, sb.len));
	assert_null(memchr(sb.buf, '\n', sb.len));
	assert_null(memchr(sb.buf, '\r', sb.len));
	assert_null(memchr(sb.buf, 0x07, sb.len));
	assert_null(strstr(sb.buf, "\xc2\x9b"));
	sb_free(&sb);
}

static void test_text_c1_and_bidi(void **state)
{
	CHECK(escape_text, "\xc2\x9b" "31m", "\\xc2\\x9b31m");
	CHECK(escape_text, "\xc2\x85", "\\xc2\\x85");
	/* RIGHT-TO-LEFT OVERRIDE and the line separator. */
	CHECK(escape_text, "a\xe2\x80\xae" "b", "a\\xe2\\x80\\xaeb");
	CHECK(escape_text, "\xe2\x80\xa8", "\\xe2\\x80\\xa8");
}

static void test_text_invalid_utf8(void **state)
{
	CHECK(escape_text, "\xc0\x80", "\\xc0\\x80");
	CHECK(escape_text, "\xed\xa0\x80", "\\xed\\xa0\\x80");
	CHECK(escape_text, "\xe2\x82", "\\xe2\\x82");
}

static void test_text_valid_passes(void **state)
{
	CHECK(escape_text, "tar -xpf a.tar", "tar -xpf a.tar");
	CHECK(escape_text, "h\xc3\xa9llo \xe2\x82\xac",
	      "h\xc3\xa9llo \xe2\x82\xac");
	CHECK(escape_text, "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");
}

/* No single byte is left raw unless it is printable ASCII. */
static void test_text_every_byte(void **state)
{
	for (int c = 0; c < 256; c++) {
		char in = (char)c;
		struct strbuf sb = STRBUF_INIT;

		escape_text(&sb, &in, 1);
		for (size_t i = 0; i < sb.len; i++) {
			unsigned char o = (unsigned char)sb.buf[i];

			assert_true(o >= 0x20 && o < 0x7f);
		}
		sb_free(&sb);
	}
}

static void test_html(void **state)
{
	CHECK(escape_html, "<script>alert(\"x\")</script>",
	      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
	CHECK(escape_html, "a & b 'c'", "a &amp; b &#39;c&#39;");
	CHECK(escape_html, "\x1b[2J\n", FFFD "[2J" FFFD);
	CHECK(escape_html, "\xff\xc2\x9b", FFFD FFFD);
	CHECK(escape_html, "caf\xc3\xa9", "caf\xc3\xa9");
}

/* escape_utf8() is what a JSON reader gets back from escape_json():
 * the text the analyzer takes, live or read from a log. */
static void test_utf8_is_json_read_back(void **state)
{
	unsigned seed = 777;

	CHECK(escape_utf8, "a\xff\x1b[2J\xe2\x80\xae\xc3\xa9\n\"",
	      "a" FFFD "\x1b[2J\xe2\x80\xae\xc3\xa9\n\"");
	for (int round = 0; round < 2000; round++) {
		char in[24];
		struct strbuf esc = STRBUF_INIT, raw = STRBUF_INIT;
		json_t *j;

		for (size_t i = 0; i < sizeof(in); i++) {
			seed = seed * 1103515245u + 12345u;
			in[i] = (char)(seed >> 16);
		}
		escape_json(&esc, in, sizeof(in));
		escape_utf8(&raw, in, sizeof(in));
		j = parse_json_string(esc.buf);
		assert_int_equal(json_string_length(j), raw.len);
		assert_memory_equal(json_string_value(j), raw.buf, raw.len);
		json_decref(j);
		sb_free(&esc);
		sb_free(&raw);
	}
}

static void test_utf8_cut(void **state)
{
	static const char s[] = "ab\xc3\xa9\xe2\x82\xac";	/* a b é € */

	assert_int_equal(escape_utf8_cut(s, 7, 10), 7);
	assert_int_equal(escape_utf8_cut(s, 7, 7), 7);
	assert_int_equal(escape_utf8_cut(s, 7, 6), 4);	/* not half a € */
	assert_int_equal(escape_utf8_cut(s, 7, 4), 4);
	assert_int_equal(escape_utf8_cut(s, 7, 3), 2);	/* not half an é */
	assert_int_equal(escape_utf8_cut(s, 7, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_controls),
		cmocka_unit_test(test_json_quote_backslash),
		cmocka_unit_test(test_json_nul),
		cmocka_unit_test(test_json_invalid_utf8),
		cmocka_unit_test(test_json_valid_multibyte),
		cmocka_unit_test(test_json_parses_and_round_trips),
		cmocka_unit_test(test_json_random_bytes),
		cmocka_unit_test(test_text_hostile),
		cmocka_unit_test(test_text_c1_and_bidi),
		cmocka_unit_test(test_text_invalid_utf8),
		cmocka_unit_test(test_text_valid_passes),
		cmocka_unit_test(test_text_every_byte),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_utf8_is_json_read_back),
		cmocka_unit_test(test_utf8_cut),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
