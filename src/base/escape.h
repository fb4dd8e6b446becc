/* SPDX-License-Identifier: MIT */
/*
 * escape.h - untrusted text (comm, cmdline, paths of other processes) made
 * safe for each place it goes.  Every function takes a byte string with
 * its length (it may hold NULs and invalid UTF-8) and appends to a strbuf.
 */
#ifndef SIGTRACE_ESCAPE_H
#define SIGTRACE_ESCAPE_H

#include <stddef.h>
#include "strbuf.h"

/* JSON string contents (without quotes): ", \ and control characters
 * escaped, invalid UTF-8 bytes replaced by U+FFFD, so the result is
 * always valid UTF-8 JSON. */
void escape_json(struct strbuf *sb, const char *s, size_t len);

/* Terminal: printable ASCII and valid printable UTF-8 pass; \n \t \r \"
 * \\ as C escapes; every other control byte (C0, DEL, C1 U+0080..U+009F)
 * and every invalid UTF-8 byte as \xNN.  No escape sequence survives. */
void escape_text(struct strbuf *sb, const char *s, size_t len);

/* escape_text of the string S into BUF of SIZE bytes (cut to fit): for
 * a name of another process in a one-line message.  Returns BUF. */
const char *escape_text_str(char *buf, size_t size, const char *s);

/* HTML text and attribute values: & < > " ' as entities, controls and
 * invalid UTF-8 as U+FFFD. */
void escape_html(struct strbuf *sb, const char *s, size_t len);

/* Valid UTF-8: every byte that starts no valid sequence replaced by
 * U+FFFD, all else as is.  What a JSON reader gets back from
 * escape_json(), without the escaping. */
void escape_utf8(struct strbuf *sb, const char *s, size_t len);

/* The length of the longest prefix of S (LEN bytes of UTF-8) that fits
 * in MAX bytes without cutting a character. */
size_t escape_utf8_cut(const char *s, size_t len, size_t max);

#endif
