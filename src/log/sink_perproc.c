/* SPDX-License-Identifier: MIT */
/*
 * sink_perproc.c - -ff: the text log of each process in a file of its
 * own, FILE.PID, as strace -ff writes them.  Each file is an instance
 * of the text sink, opened at the process's first event and closed at
 * its exit, so a run of ten thousand short processes never holds ten
 * thousand descriptors.  The trace_start line heads every file, and
 * trace_end ends those still open, so each file reads on its own.
 *
 * Files are opened as the -o file is (outfile.c: mode 0600, they hold
 * command lines), emptied unless -A; a pid seen again (reused, or an
 * event after its exit) appends to its file rather than erase it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"
#include "sink.h"
#include "xmalloc.h"

struct perproc_file {
	pid_t pid;
	struct sink s;
};

struct perproc_state {
	struct sink_perproc_arg arg;
	struct perproc_file *open;	/* processes with a file open */
	size_t nopen, capopen;
	pid_t *done;			/* processes whose file was closed */
	size_t ndone, capdone;
	struct event *start;		/* the trace_start, for each new file */
	char path[4096];
};

static void *perproc_open(struct sink *s, void *arg)
{
	struct perproc_state *st = xcalloc(1, sizeof(*st));

	st->arg = *(const struct sink_perproc_arg *)arg;
	return st;
}

static bool was_done(const struct perproc_state *st, pid_t pid)
{
	for (size_t i = 0; i < st->ndone; i++)
		if (st->done[i] == pid)
			return true;
	return false;
}

/* The file of PID, opened (with the trace_start line) on first use;
 * NULL when it cannot be created (the error is kept in S).  Opened as
 * the -o file is (outfile.c: never through a planted link, ours only,
 * 0600). */
static struct sink *file_for(struct sink *s, pid_t pid)
{
	struct perproc_state *st = s->data;
	struct perproc_file *f;
	char err[256];
	int fd;

	for (size_t i = 0; i < st->nopen; i++)
		if (st->open[i].pid == pid)
			return &st->open[i].s;
	snprintf(st->path, sizeof(st->path), "%s.%d", st->arg.base, (int)pid);
	fd = outfile_open_mode(st->path, st->arg.append || was_done(st, pid),
			       err, sizeof(err));
	if (fd < 0) {
		if (!s->error)
			s->error = errno ? errno : EACCES;
		return NULL;
	}
	if (st->nopen == st->capopen) {
		st->capopen = st->capopen ? 2 * st->capopen : 16;
		st->open = xrealloc(st->open, st->capopen * sizeof(*st->open));
	}
	f = &st->open[st->nopen++];
	memset(f, 0, sizeof(*f));
	f->pid = pid;
	f->s.ops = st->arg.inner;
	f->s.cfg = s->cfg;
	f->s.fd = fd;
	f->s.owns_fd = true;
	f->s.path = s->path;
	sink_open(&f->s, NULL);
	if (st->start)
		f->s.ops->write(&f->s, st->start);
	return &f->s;
}

/* Close file I (keeping its first error in S). */
static void file_close(struct sink *s, size_t i)
{
	struct perproc_state *st = s->data;
	int rc = sink_close(&st->open[i].s);

	if (rc < 0 && !s->error)
		s->error = -rc;
	if (st->ndone == st->capdone) {
		st->capdone = st->capdone ? 2 * st->capdone : 64;
		st->done = xrealloc(st->done, st->capdone * sizeof(*st->done));
	}
	st->done[st->ndone++] = st->open[i].pid;
	st->open[i] = st->open[--st->nopen];
}

static int perproc_write(struct sink *s, const struct event *e)
{
	struct perproc_state *st = s->data;
	struct sink *f;

	if (e->type == EV_TRACE_START) {
		if (!st->start)
			st->start = xmalloc(sizeof(*st->start));
		*st->start = *e;
		return 0;
	}
	if (e->type == EV_TRACE_END) {
		for (size_t i = 0; i < st->nopen; i++)
			st->open[i].s.ops->write(&st->open[i].s, e);
		return 0;
	}
	f = file_for(s, e->pid);
	if (!f)
		return -s->error;
	f->ops->write(f, e);
	if (e->type == EV_EXIT && !e->u.exit.thread) {
		for (size_t i = 0; i < st->nopen; i++)
			if (st->open[i].pid == e->pid)
				file_close(s, i);
	}
	return s->error ? -s->error : 0;
}

/* What each process's text sink holds, written to its file. */
static int perproc_flush(struct sink *s)
{
	struct perproc_state *st = s->data;
	int rc = 0;

	for (size_t i = 0; i < st->nopen; i++) {
		int r = sink_flush(&st->open[i].s);

		if (r < 0 && !rc)
			rc = r;
	}
	return rc;
}

static int perproc_close(struct sink *s)
{
	struct perproc_state *st = s->data;

	while (st->nopen)
		file_close(s, st->nopen - 1);
	free(st->open);
	free(st->done);
	free(st->start);
	free(st);
	return 0;
}

const struct sink_ops sink_perproc_ops = {
	.name = "text per process",
	.open = perproc_open,
	.write = perproc_write,
	.close = perproc_close,
	.flush = perproc_flush,
};
