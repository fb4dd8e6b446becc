/* SPDX-License-Identifier: MIT */
/*
 * procevents.h - the kernel's process-events connector (cn_proc) as a
 * stream of notifications: a process forked, exec'd, renamed itself,
 * exited.  The caller polls the descriptor and drains it; nothing here
 * blocks or keeps state about processes.
 *
 * The kernel sends every event of every task on the machine; a listener
 * names the few it needs, and a socket filter drops the others in the
 * kernel, before they wake anybody.  Events that can wait (a caller
 * that must act at each exec does not need to wake at each fork) go to a
 * second socket that is read only when the first one is.
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
	/* NAME: the new one, NUL-terminated (16 bytes at most). */
	void (*comm)(void *ctx, pid_t pid, pid_t tgid, const char *name);
	void (*exit)(void *ctx, pid_t pid, pid_t tgid, int status);
	/* The kernel dropped events (the socket's buffer overran): what
	 * they said must be found some other way. */
	void (*lost)(void *ctx);
	/* The kernel's answer to a listen request: 0 or a positive errno. */
	void (*ack)(void *ctx, int err);
};

/* The events a listener asks for: of processes, not of threads (a
 * thread's fork, rename or exit is dropped; an exec is always the
 * process's).  The kernel's answer to the listen request always comes. */
enum procevents_kind {
	PROCEVENTS_FORK = 1u << 0,
	PROCEVENTS_EXEC = 1u << 1,
	PROCEVENTS_COMM = 1u << 2,
	PROCEVENTS_EXIT = 1u << 3,
};

/* A caller with LAZY events drains at least this often: until then they
 * wait in the kernel's buffer (4 MiB, thousands of events). */
#define PROCEVENTS_LAZY_MS 200

struct procevents;

/* Listen to the events in WANT (PROCEVENTS_* bits); those also in LAZY
 * do not make the descriptor readable, and wait for the next drain.
 * NULL with the reason in WHY: no connector, not permitted
 * (CAP_NET_ADMIN), or a pid namespace whose pids the kernel's events
 * would not name. */
struct procevents *procevents_open(unsigned want, unsigned lazy, char *why,
				   size_t whylen);
/* Readable when events of WANT but not LAZY wait; non-blocking. */
int procevents_fd(const struct procevents *pe);
/* Every event waiting, lazy or not, to OPS in the order they happened;
 * returns without blocking. */
void procevents_drain(struct procevents *pe,
		      const struct procevents_ops *ops, void *ctx);
void procevents_close(struct procevents *pe);

/* One datagram of LEN bytes, as the kernel sends them (unit tests). */
void procevents_parse(const void *buf, size_t len,
		      const struct procevents_ops *ops, void *ctx);
/* Let through SOCK only the datagrams of the events in WANT, as the
 * kernel sends them (and acks); 0 or -errno.  Exposed for the unit
 * tests, which try it on a datagram socket of their own. */
int procevents_filter(int sock, unsigned want);

#endif
