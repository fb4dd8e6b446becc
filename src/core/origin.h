/* SPDX-License-Identifier: MIT */
/*
 * origin.h - where a signal came from: the origin of a delivery from its
 * siginfo and what the receiving thread's registers showed at the stop
 * (docs/explanations.md), and the names the JSON log gives the origin,
 * terminal events, file kinds, group kinds, drops, timers and limits.
 * Pure functions: the tracer gathers the facts, this decides.
 */
#ifndef SIGTRACE_ORIGIN_H
#define SIGTRACE_ORIGIN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "strbuf.h"

/* What the tracer saw at a delivery stop, besides siginfo. */
struct origin_facts {
	pid_t self;		/* the receiver's tgid, numbered as si_pid is */
	bool si_pid_zero;	/* a process-sent code with si_pid 0: the
				 * sender is outside the receiver's pid
				 * namespace */
	uid_t uid;		/* si_uid */
	/* The receiving thread's system call at the stop. */
	const char *syscall;	/* its name, or NULL when in none */
	long ret;		/* the return register */
	uint64_t args[6];
	bool arg0_clobbered;	/* the return overwrote argument 0 */
};

/*
 * Set SIG's origin (never FROM_RERAISE: that is the model's call, see
 * model_reraise_of) and the fields that follow from the facts alone:
 * term, timer, limit, send_syscall, epipe.syscall and epipe.fd.  SIG's
 * signo, code and has_sender/sender.pid (si_pid) are read; what /proc
 * must tell (the fd's file, a reader, a tty) is the tracer's to add.
 */
void origin_classify(struct ev_signal *sig, const struct origin_facts *f);


/* For a kill(2) the thread made: its pid argument (0, or -PGID for a
 * group), via *PID; false when the facts show no completed kill(). */
bool origin_kill_target(const struct origin_facts *f, long *pid);

/* Names of the JSON log, and back (-1 when unknown). */
const char *origin_name(enum sig_origin o);
int origin_from_name(const char *name);
const char *term_event_name(enum term_event t);
int term_event_from_name(const char *name);
const char *file_kind_name(enum file_kind k);
int file_kind_from_name(const char *name);
const char *group_how_name(enum group_how h);
int group_how_from_name(const char *name);
const char *dropped_name(enum sig_dropped d);
int dropped_from_name(const char *name);
const char *timer_kind_name(enum timer_kind k);
int timer_kind_from_name(const char *name);
const char *limit_name(enum limit_res l);
int limit_from_name(const char *name);

/* The kind of file behind a descriptor from its /proc/PID/fd link
 * ("pipe:[12]", "socket:[34]", a path); IS_FIFO from stat(2). */
enum file_kind origin_file_kind(const char *link, bool is_fifo);

/* What comes after "from " for SIG's origin when no process is the
 * answer: "the terminal (^C)", "the kernel: write() to fd 1 (pipe:[12])
 * whose reader had gone".  false (nothing written) for the origins a
 * sender names: process, self, reraise, child. */
bool origin_phrase(struct strbuf *sb, const struct ev_signal *sig);

#endif
