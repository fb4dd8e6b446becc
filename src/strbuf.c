/*
 * strbuf.c - a growable byte buffer.  Sinks build a whole event line in
 * one so it reaches the file in a single write(2).
 *
 * Running out of memory while formatting a log line is not something a
 * tracer can recover from sensibly (the tracee is stopped and waiting),
 * so allocation failure aborts with a message instead of returning an
 * error every caller would have to check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

static void sb_oom(size_t want)
{
	static const char msg[] =
		"sigtrace: out of memory formatting an event line\n";

	(void)want;
	/* stdio may itself need memory: write(2) the fixed message. */
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		abort();
	abort();
}

/* Make room for EXTRA more bytes plus the terminating NUL. */
static void sb_grow(struct strbuf *sb, size_t extra)
{
	size_t want, cap;
	char *p;

	if (extra > (size_t)-1 - sb->len - 1)
		sb_oom(extra);
	want = sb->len + extra + 1;
	if (want <= sb->cap)
		return;
	cap = sb->cap ? sb->cap : 256;
	while (cap < want)
		cap = cap > (size_t)-1 / 2 ? want : cap * 2;
	p = realloc(sb->buf, cap);
	if (!p)
		sb_oom(want);
	sb->buf = p;
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
