/* SPDX-License-Identifier: MIT */
/*
 * procevents.h - the kernel's process-events connector (cn_proc) as a
 * stream of notifications: a process forked, exec'd, renamed itself,
 * exited.  The caller polls the descriptor and drains it; nothing here
 * blocks or keeps state about processes.
 */
#ifndef SIGTRACE_PROCEVENTS_H
#define SIGTRACE_PROCEVENTS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* What the drain reports; any hook may be NULL.  PID is the task (a
 * thread or a process), TGID its process. */
struct procevents_ops {
	/* Before each event's hook: when the kernel made it
	 * (CLOCK_MONOTONIC ns), for a caller that keeps times. */
	void (*when)(void *ctx, uint64_t mono_ns);
	void (*fork)(void *ctx, pid_t parent_tgid, pid_t child_pid,
		     pid_t child_tgid);
	void (*exec)(void *ctx, pid_t pid, pid_t tgid);
	void (*comm)(void *ctx, pid_t pid, pid_t tgid);
	void (*exit)(void *ctx, pid_t pid, pid_t tgid, int status);
	/* The kernel dropped events (the socket's buffer overran): what
	 * they said must be found some other way. */
	void (*lost)(void *ctx);
	/* The kernel's answer to a listen request: 0 or a positive errno. */
	void (*ack)(void *ctx, int err);
};

struct procevents;

/* Listen.  NULL with the reason in WHY: no connector, not permitted
 * (CAP_NET_ADMIN), or a pid namespace whose pids the kernel's events
 * would not name. */
struct procevents *procevents_open(char *why, size_t whylen);
/* Readable when events wait; non-blocking. */
int procevents_fd(const struct procevents *pe);
/* Every event waiting, to OPS; returns without blocking. */
void procevents_drain(struct procevents *pe,
		      const struct procevents_ops *ops, void *ctx);
void procevents_close(struct procevents *pe);

/* One datagram of LEN bytes, as the kernel sends them (unit tests). */
void procevents_parse(const void *buf, size_t len,
		      const struct procevents_ops *ops, void *ctx);

#endif
