/* SPDX-License-Identifier: MIT */
/*
 * strbuf.h - a growable byte buffer; sinks format a whole event line into
 * one so it reaches the file in a single write.
 */
#ifndef SIGTRACE_STRBUF_H
#define SIGTRACE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf {
	char *buf;		/* always NUL-terminated when non-NULL */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_reset(struct strbuf *sb);	/* len = 0, keeps memory */
void sb_free(struct strbuf *sb);
void sb_add(struct strbuf *sb, const char *s, size_t len);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
/* Numbers without printf (a log line has several, and vsnprintf is most
 * of what formatting it costs): V in decimal; "0x" and V in lowercase
 * hex; the last WIDTH decimal digits of V, zero-padded. */
void sb_add_int(struct strbuf *sb, long long v);
void sb_add_hex(struct strbuf *sb, uint64_t v);
void sb_add_digits(struct strbuf *sb, unsigned long long v, int width);
__attribute__((format(printf, 2, 3)))
void sb_printf(struct strbuf *sb, const char *fmt, ...);
__attribute__((format(printf, 2, 0)))
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap);

/* The whole of the file PATH into SB (emptied first), however long: a
 * /proc file is generated as it is read, so its size is not known
 * before.  0, or -errno. */
int sb_read_file(struct strbuf *sb, const char *path);

#endif
