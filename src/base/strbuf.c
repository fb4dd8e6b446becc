/* SPDX-License-Identifier: MIT */
/*
 * strbuf.c - a growable byte buffer.  Sinks build a whole event line in
 * one so it reaches the file in a single write(2).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"
#include "xmalloc.h"

/* Make room for EXTRA more bytes plus the terminating NUL. */
static void sb_grow(struct strbuf *sb, size_t extra)
{
	size_t want, cap;

	if (extra > (size_t)-1 - sb->len - 1)
		xalloc_failed((size_t)-1);	/* more than memory can hold */
	want = sb->len + extra + 1;
	if (want <= sb->cap)
		return;
	cap = sb->cap ? sb->cap : 256;
	while (cap < want)
		cap = cap > (size_t)-1 / 2 ? want : cap * 2;
	sb->buf = xrealloc(sb->buf, cap);
	sb->cap = cap;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
}

void sb_add(struct strbuf *sb, const char *s, size_t len)
{
	sb_grow(sb, len);
	if (len)
		memcpy(sb->buf + sb->len, s, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_add_int(struct strbuf *sb, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v :
		(unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	sb_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

void sb_add_hex(struct strbuf *sb, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char buf[20], *p = buf + sizeof(buf);

	do
		*--p = digits[v & 0xf];
	while ((v >>= 4) != 0);
	*--p = 'x';
	*--p = '0';
	sb_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

void sb_add_digits(struct strbuf *sb, unsigned long long v, int width)
{
	char buf[24];

	if (width < 1 || width > 20)
		width = 1;
	for (int i = width - 1; i >= 0; i--, v /= 10)
		buf[i] = (char)('0' + v % 10);
	sb_add(sb, buf, (size_t)width);
}

void sb_addc(struct strbuf *sb, char c)
{
	sb_grow(sb, 1);
	sb->buf[sb->len++] = c;
	sb->buf[sb->len] = '\0';
}

/* strbuf.h should carry this attribute too; until it does, saying it
 * here lets the compiler check that FMT is passed through unchanged. */
__attribute__((format(printf, 2, 0)))
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	/* Most lines fit in what is already there: try once, then grow. */
	sb_grow(sb, 64);
	va_copy(ap2, ap);
	n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		/* Only an invalid format gets here; keep the buffer intact. */
		sb->buf[sb->len] = '\0';
		return;
	}
	if ((size_t)n >= sb->cap - sb->len) {
		sb_grow(sb, (size_t)n);
		n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
		if (n < 0) {
			sb->buf[sb->len] = '\0';
			return;
		}
	}
	sb->len += (size_t)n;
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(sb, fmt, ap);
	va_end(ap);
}

int sb_read_file(struct strbuf *sb, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc = 0;

	if (fd < 0)
		return -errno;
	sb_reset(sb);
	sb_grow(sb, 4096);
	for (;;) {
		ssize_t n;

		/* Full: double, so a big file takes few reads. */
		if (sb->len + 1 == sb->cap)
			sb_grow(sb, sb->cap);
		n = read(fd, sb->buf + sb->len, sb->cap - sb->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			break;
		}
		if (n == 0)
			break;
		sb->len += (size_t)n;
	}
	sb->buf[sb->len] = '\0';
	close(fd);
	return rc;
}
