/* SPDX-License-Identifier: MIT */
/*
 * escape.c - untrusted bytes (comm, command lines, paths: anything another
 * process chose) made safe for a terminal, a JSON string and HTML.
 *
 * A process can name itself "\e[2J" or put a newline and a fake event in
 * its argv; whatever it picks must neither drive the terminal of the
 * person reading the log nor break the one-event-per-line framing nor
 * inject markup into a report.  All three escapers share one strict UTF-8
 * decoder so they agree on what is a character.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"

static const char hexdigits[] = "0123456789abcdef";

/* U+FFFD REPLACEMENT CHARACTER in UTF-8. */
static const char replacement[] = "\xef\xbf\xbd";

/*
 * Decode one UTF-8 character at S (LEN bytes available).  Returns its
 * length (1..4) and the code point in *CP, or 0 when the byte at S does
 * not start a valid sequence: a stray continuation byte, a truncated
 * sequence, an overlong form, a surrogate (U+D800..U+DFFF) or a value
 * above U+10FFFF.  Rejecting those keeps the output valid UTF-8 for JSON
 * readers and stops overlong encodings smuggling ASCII controls past us.
 */
static size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return 0;	/* continuation byte, 0xc0/0xc1, 0xf5.. */
	}
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/*
 * Code points that are valid UTF-8 but must not reach a terminal raw:
 * C1 controls (U+009B is CSI on many terminals), the line and paragraph
 * separators, and the bidirectional overrides and isolates that can make
 * a log line display in a different order than it reads ("Trojan
 * Source").
 */
static bool unicode_is_control(uint32_t cp)
{
	return (cp >= 0x80 && cp <= 0x9f) ||
	       cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x061c || cp == 0x200e || cp == 0x200f;
}

static void add_u4(struct strbuf *sb, uint32_t cp)
{
	char u[6] = { '\\', 'u',
		      hexdigits[(cp >> 12) & 0xf], hexdigits[(cp >> 8) & 0xf],
		      hexdigits[(cp >> 4) & 0xf], hexdigits[cp & 0xf] };

	sb_add(sb, u, sizeof(u));
}

static void add_xnn(struct strbuf *sb, unsigned char c)
{
	char x[4] = { '\\', 'x', hexdigits[c >> 4], hexdigits[c & 0xf] };

	sb_add(sb, x, sizeof(x));
}

/*
 * One walk for the three escapers: each character is decoded once, and
 * the escaper's policy says what to write for it.  A policy returns
 * false when the character may go out as it is.
 */
typedef bool (*escape_char_fn)(struct strbuf *sb, uint32_t cp,
			       const unsigned char *raw, size_t n);

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || unicode_is_control(cp);
}

/*
 * The printable ASCII bytes a policy lets out as they are (1), by
 * escaper: most text is made of them, and a run of them is copied at once
 * instead of being asked about byte by byte.  Text and JSON escape '"'
 * (0x22) and '\\' (0x5c); HTML '"', '&' (0x26), '\'' (0x27), '<' (0x3c)
 * and '>' (0x3e).
 */
static const unsigned char plain_c[256] = {
	[0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7e] = 1,
};
static const unsigned char plain_html[256] = {
	[0x20 ... 0x21] = 1, [0x23 ... 0x25] = 1, [0x28 ... 0x3b] = 1,
	[0x3d] = 1, [0x3f ... 0x7e] = 1,
};

static void escape_walk(struct strbuf *sb, const char *s, size_t len,
			escape_char_fn policy, const unsigned char *plain,
			bool invalid_as_xnn)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n, run = i;

		while (run < len && plain[p[run]])
			run++;
		if (run > i) {
			sb_add(sb, s + i, run - i);
			i = run;
			continue;
		}
		n = utf8_decode(p + i, len - i, &cp);

		if (n == 0) {
			if (invalid_as_xnn)
				add_xnn(sb, p[i]);
			else
				sb_add(sb, replacement, 3);
			i++;
			continue;
		}
		if (!policy(sb, cp, p + i, n))
			sb_add(sb, (const char *)p + i, n);
		i += n;
	}
}

/* JSON's short escapes; every other control goes out as \u00XX. */
static const char json_short[0x20] = {
	['\b'] = 'b', ['\t'] = 't', ['\n'] = 'n', ['\f'] = 'f', ['\r'] = 'r',
};

static bool json_char(struct strbuf *sb, uint32_t cp,
		      const unsigned char *raw, size_t n)
{
	(void)raw;
	(void)n;
	if (cp == '"' || cp == '\\') {
		sb_addc(sb, '\\');
		sb_addc(sb, (char)cp);
	} else if (cp < 0x20 && json_short[cp]) {
		sb_addc(sb, '\\');
		sb_addc(sb, json_short[cp]);
	} else if (is_control(cp)) {
		/* Legal raw in JSON, but a log someone cats must not carry
		 * terminal controls either. */
		add_u4(sb, cp);
	} else {
		return false;
	}
	return true;
}

void escape_json(struct strbuf *sb, const char *s, size_t len)
{
	escape_walk(sb, s, len, json_char, plain_c, false);
}

/* C escapes the terminal log uses for the common controls. */
static const char text_short[0x80] = {
	['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r', ['"'] = '"', ['\\'] = '\\',
};

static bool text_char(struct strbuf *sb, uint32_t cp,
		      const unsigned char *raw, size_t n)
{
	if (cp < 0x80 && text_short[cp]) {
		sb_addc(sb, '\\');
		sb_addc(sb, text_short[cp]);
	} else if (is_control(cp)) {
		/* Every byte of it, so nothing of it is raw. */
		for (size_t k = 0; k < n; k++)
			add_xnn(sb, raw[k]);
	} else {
		return false;
	}
	return true;
}

void escape_text(struct strbuf *sb, const char *s, size_t len)
{
	escape_walk(sb, s, len, text_char, plain_c, true);
}

const char *escape_text_str(char *buf, size_t size, const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	escape_text(&sb, s, strlen(s));
	snprintf(buf, size, "%s", sb.buf ? sb.buf : "");
	sb_free(&sb);
	return buf;
}

static bool html_char(struct strbuf *sb, uint32_t cp,
		      const unsigned char *raw, size_t n)
{
	static const char *const entity[0x80] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
		['"'] = "&quot;", ['\''] = "&#39;",
	};

	(void)raw;
	(void)n;
	if (cp < 0x80 && entity[cp])
		sb_adds(sb, entity[cp]);
	else if (is_control(cp))
		sb_add(sb, replacement, 3);
	else
		return false;
	return true;
}

void escape_html(struct strbuf *sb, const char *s, size_t len)
{
	escape_walk(sb, s, len, html_char, plain_html, false);
}

void escape_utf8(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0;	/* valid bytes from RUN to I */
	uint32_t cp;

	while (i < len) {
		size_t n = utf8_decode(p + i, len - i, &cp);

		if (n) {
			i += n;
			continue;
		}
		sb_add(sb, s + run, i - run);
		sb_add(sb, replacement, 3);
		run = ++i;
	}
	sb_add(sb, s + run, i - run);
}

size_t escape_utf8_cut(const char *s, size_t len, size_t max)
{
	size_t n = len < max ? len : max;

	if (n == len)
		return n;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}
