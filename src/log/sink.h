/* SPDX-License-Identifier: MIT */
/*
 * sink.h - where events go.  A sink is a small const table of functions
 * (text log, JSON Lines log, analyzer) and an instance: where it writes
 * and the state its open hook made, which the framework keeps and hands
 * back to every op (tmux's window modes work this way).
 */
#ifndef SIGTRACE_SINK_H
#define SIGTRACE_SINK_H

#include <stdbool.h>
#include <stdio.h>
#include "event.h"
#include "sigtab.h"
#include "strbuf.h"

/* Output a sink holds before it writes it out on its own. */
#define SINK_BUF_MAX 65536

enum time_format {
	TIME_ISO,		/* 2026-11-23T22:44:01.123456Z (default: wall clock, us) */
	TIME_CLOCK,		/* 22:44:01.123456 (strace -tt) */
	TIME_UNIX,		/* 1795472641.123456 (strace -ttt) */
	TIME_REL,		/* +0.000123 since the previous event (strace -r) */
	TIME_NONE,
};

struct sink_config {
	enum time_format time_format;
	int time_digits;	/* 0 (s), 3 (ms), 6 (us) or 9 (ns) */
	bool verbose;		/* -v: restarts and other detail */
	bool color;		/* ANSI colour in the text log */
	sigbits_t signals;	/* -e signal=SET: which signals to show */
	size_t strsize;		/* -s: max bytes of each string shown */
	bool quiet;		/* -q: no start/detach lines in the text log */
	bool quiet_exit;	/* -qq, --quiet=exit: no exit lines either */
};

struct sink;

struct sink_ops {
	const char *name;
	/* It shows no backtrace (the report's analyzer): no event it takes
	 * is worth capturing one for (trace_shown). */
	bool no_stacks;
	/* The state of the new instance S (fd, path and cfg set), made
	 * from ARG.  NULL hook: no state. */
	void *(*open)(struct sink *s, void *arg);
	/* 0, or -errno when the event could not be written. */
	int (*write)(struct sink *s, const struct event *e);
	/* Flush and free s->data (never NULL here): 0 or -errno. */
	int (*close)(struct sink *s);
	/* Optional, for the sinks that hold events back or move them
	 * (ring.c, rotate.c): append to OUT the bytes write would write
	 * for E, without writing; false when E shows nothing here. */
	bool (*format)(struct sink *s, const struct event *e,
		       struct strbuf *out);
	/* Optional: write LEN bytes that format made, whole (NULL: to
	 * fd).  0 or -errno. */
	int (*put)(struct sink *s, const char *buf, size_t len);
	/* Optional: the operator asks for what is held back (SIGUSR1). */
	void (*trigger)(struct sink *s);
	/* Optional, for a wrapper: write out what its inner sink holds
	 * (sink_flush).  0 or -errno. */
	int (*flush)(struct sink *s);
};

struct sink {
	const struct sink_ops *ops;
	void *data;		/* what ops->open made, for the ops */
	int fd;			/* output file descriptor */
	bool owns_fd;		/* close fd on close */
	const char *path;	/* for error messages: "-" or the file */
	struct sink_config cfg;
	int error;		/* first write error (positive errno), sticky */
	/* Written lines not yet written out: one write(2) per event would
	 * cost a traced signal storm a system call per delivery.  Whoever
	 * drives the sinks calls sink_flush() before it sleeps (the tracer)
	 * or when done; sink_close() flushes too. */
	struct strbuf out;
};

/* Start S, whose ops, fd, path and cfg are set. */
void sink_open(struct sink *s, void *arg);
/* Start WRAP, a sink of OPS around INNER (its path and config). */
void sink_wrap_open(struct sink *wrap, const struct sink_ops *ops,
		    const struct sink *inner, void *arg);
/* Stop S: what it holds written out, its state freed, its fd closed if it
 * owns it.  0, or the first error of its life as -errno (a write, the
 * flush, the close). */
int sink_close(struct sink *s);

extern const struct sink_ops sink_text_ops;
extern const struct sink_ops sink_json_ops;

/* Bytes made by S's format, a whole line or more, to its output: its
 * put, else held in S->out and written to its fd once SINK_BUF_MAX bytes
 * wait; a failure is remembered in s->error.  0 or -errno. */
int sink_put(struct sink *s, const char *buf, size_t len);
/* Write out what S holds (and, for a wrapper, its inner sink).  0 or
 * -errno (sticky in S->error). */
int sink_flush(struct sink *s);
/* Does S itself hold output not written out yet? */
static inline bool sink_pending(const struct sink *s)
{
	return s->out.len > 0;
}
/* S's trigger, when it has one. */
void sink_trigger(struct sink *s);

/*
 * Wrappers: WRAP (storage the caller keeps) becomes a sink that gives
 * INNER, a log sink with a format op, its events.  The wrapper owns
 * INNER from then on: closing it closes INNER.
 *
 * ring.c, the flight recorder: the last N events of each process are
 * kept, nothing is written until an incident (a harmful finding, a death
 * by signal, the operator's trigger: SIGUSR1, or stopping the trace),
 * then the rings and whatever the process does after.  A run whose
 * processes all end quietly writes nothing.
 */
struct sink *sink_ring_wrap(struct sink *wrap, struct sink *inner, size_t n);
/* rotate.c: INNER's file PATH is cut at MAX_SIZE bytes, between two
 * events, and renamed PATH.1 (PATH.1 to PATH.2 ...), at most MAX_FILES
 * old ones kept. */
struct sink *sink_rotate_wrap(struct sink *wrap, struct sink *inner,
			      const char *path, uint64_t max_size,
			      unsigned max_files);
/* Hand E to each of SINKS that has lost nothing yet.  A sink that fails
 * loses the rest (sink_failed); the others go on: the tracee must not pay
 * for a full disk.  True when one of them may hold E unwritten (its own
 * buffer, or a wrapper's inner log): sink_flush() it later. */
bool sink_emit_all(struct sink **sinks, size_t nsinks, const struct event *e);
/* S failed with RC (-errno): its error is kept, a warning says so. */
void sink_failed(struct sink *s, int rc);

/* -ff (sink_perproc.c): INNER's log of each process in BASE.PID;
 * sink_open(S, &arg).  S->fd is not written. */
struct sink_perproc_arg {
	const struct sink_ops *inner;
	const char *base;
	bool append;		/* -A: append to existing files */
};
extern const struct sink_ops sink_perproc_ops;

/* Does the -e signal=SET filter let event E through?  Events that name
 * no signal always pass. */
bool sink_event_selected(const struct sink_config *cfg, const struct event *e);

/* Write all of BUF/LEN to FD (retrying short writes and EINTR).  A
 * non-blocking FD that is full (EAGAIN: a reader that is slow) is waited
 * for, as long as the reader is there: a log is lost only to an error,
 * or when the give-up hook says so.  0 or -errno. */
int sink_write_all(int fd, const char *buf, size_t len);

/* While a write waits for a slow reader, GIVE_UP is asked after each
 * signal (a person's request to stop must not wait for a reader that
 * never reads): true ends the write with -EINTR.  NULL: never. */
void sink_set_give_up(bool (*give_up)(void));

#endif
