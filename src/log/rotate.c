/* SPDX-License-Identifier: MIT */
/*
 * rotate.c - a size cap for a log file (--max-size, --max-files), a
 * sink around a log sink.  Each event is formatted whole and written
 * whole; when it would take the file past the cap, the file is closed
 * first and renamed FILE.1 (FILE.1 becoming FILE.2, and so on, the
 * oldest dropped), and a new FILE begins with the run's trace_start, so
 * that every file is a log `sigtrace report` can read alone.  So no
 * event is ever cut at a boundary, and a file passes the cap only when
 * a single event is larger than it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sink.h"
#include "xmalloc.h"

struct rotate {
	struct sink *inner;	/* owns the descriptor of the current file */
	char *path;
	uint64_t max;		/* bytes per file */
	uint64_t size;		/* in the current file */
	unsigned files;		/* old files kept */
	struct strbuf head;	/* trace_start, at the top of every file */
	struct strbuf line;	/* scratch */
};

static void old_name(char *out, size_t len, const char *path, unsigned i)
{
	snprintf(out, len, "%s.%u", path, i);
}

/* FILE.N-1 -> FILE.N ... FILE -> FILE.1, then a new FILE.  0 or -errno
 * (the log then stops: the tracee never waits for a full disk). */
static int rotate_now(struct rotate *r)
{
	char from[PATH_MAX], to[PATH_MAX];
	int fd;

	for (unsigned i = r->files; i > 1; i--) {
		old_name(from, sizeof(from), r->path, i - 1);
		old_name(to, sizeof(to), r->path, i);
		if (rename(from, to) < 0 && errno != ENOENT)
			return -errno;
	}
	old_name(to, sizeof(to), r->path, 1);
	if (rename(r->path, to) < 0)
		return -errno;
	/* O_EXCL: the name was just freed; anything there now, a symbolic
	 * link included, was planted, and is not written through. */
	fd = open(r->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		  O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	if (r->inner->fd >= 0)
		close(r->inner->fd);
	r->inner->fd = fd;
	r->size = 0;
	return 0;
}

static int write_bytes(struct rotate *r, const char *buf, size_t len)
{
	int rc = sink_write_all(r->inner->fd, buf, len);

	if (rc == 0)
		r->size += len;
	return rc;
}

static int rotate_put(struct sink *s, const char *buf, size_t len)
{
	struct rotate *r = s->data;
	int rc;

	if (r->size > 0 && r->size + len > r->max) {
		rc = rotate_now(r);
		if (rc < 0)
			return rc;
		if (r->head.len && buf != r->head.buf) {
			rc = write_bytes(r, r->head.buf, r->head.len);
			if (rc < 0)
				return rc;
		}
	}
	return write_bytes(r, buf, len);
}

static bool rotate_format(struct sink *s, const struct event *e,
			  struct strbuf *out)
{
	struct rotate *r = s->data;
	size_t at = out->len;

	if (!r->inner->ops->format(r->inner, e, out))
		return false;
	if (e->type == EV_TRACE_START) {
		sb_reset(&r->head);
		sb_add(&r->head, out->buf + at, out->len - at);
	}
	return true;
}

static int rotate_write(struct sink *s, const struct event *e)
{
	struct rotate *r = s->data;

	sb_reset(&r->line);
	if (!rotate_format(s, e, &r->line))
		return 0;
	return sink_put(s, r->line.buf, r->line.len);
}

struct rotate_arg {
	struct sink *inner;
	const char *path;
	uint64_t max;
	unsigned files;
};

static void *rotate_open(struct sink *s, void *arg)
{
	const struct rotate_arg *a = arg;
	struct rotate *r = xcalloc(1, sizeof(*r));

	(void)s;
	r->inner = a->inner;
	r->path = xstrdup(a->path);
	r->max = a->max;
	r->files = a->files ? a->files : 1;
	return r;
}

static int rotate_close(struct sink *s)
{
	struct rotate *r = s->data;
	int rc = sink_close(r->inner);

	sb_free(&r->head);
	sb_free(&r->line);
	free(r->path);
	free(r);
	return rc;
}

static const struct sink_ops sink_rotate_ops = {
	.name = "rotate",
	.open = rotate_open,
	.write = rotate_write,
	.close = rotate_close,
	.format = rotate_format,
	.put = rotate_put,
};

struct sink *sink_rotate_wrap(struct sink *wrap, struct sink *inner,
			      const char *path, uint64_t max_size,
			      unsigned max_files)
{
	struct rotate_arg arg = { inner, path, max_size, max_files };

	sink_wrap_open(wrap, &sink_rotate_ops, inner, &arg);
	return wrap;
}
