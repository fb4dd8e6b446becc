/* SPDX-License-Identifier: MIT */
/*
 * identcache.h - what /proc last said of a live traced process that sends
 * signals: its name (/proc/PID/comm) and its title (/proc/PID/cmdline,
 * what ps shows), kept so that a signal storm from one sender does not
 * read /proc at every delivery.
 *
 * An entry is read again when it can have changed: another process
 * (pid or start time differ), an exec sigtrace saw, a new name sigtrace
 * noticed elsewhere, and otherwise once per IDENT_PERIOD_NS (a
 * prctl(PR_SET_NAME) or a setproctitle() that sigtrace cannot see: the
 * title shows up within that period).
 */
#ifndef SIGTRACE_IDENTCACHE_H
#define SIGTRACE_IDENTCACHE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"

/* How long one read of a sender's name and title vouches for them. */
#define IDENT_PERIOD_NS 100000000u
/* Senders remembered at once; more alternating senders than this are
 * read at each of their deliveries, as without the cache. */
#define IDENT_CACHE_LEN 16

/* Who the process is, as sigtrace's own records say. */
struct ident_key {
	pid_t pid;
	uint64_t start_time;	/* /proc/PID/stat's, 0 when not known */
	uint64_t exec_ns;	/* its last exec sigtrace saw, 0: none */
	const char *comm;	/* its name as sigtrace last knew it */
};

struct ident_entry {
	pid_t pid;		/* 0: unused */
	uint64_t start_time;
	uint64_t exec_ns;
	uint64_t read_ns;	/* when /proc was read */
	char known[COMM_MAX];	/* the key's comm then */
	bool readable;		/* comm could be read */
	char comm[COMM_MAX];
	struct cmdline title;	/* len 0: none (exiting, or unreadable) */
};

struct ident_cache {
	struct ident_entry e[IDENT_CACHE_LEN];
};

/* The name and title of the process K at NOW (CLOCK_MONOTONIC ns), read
 * from /proc when the entry cannot vouch for them.  NULL when its comm
 * cannot be read (it is gone). */
const struct ident_entry *ident_cache_get(struct ident_cache *c,
					  const struct ident_key *k,
					  uint64_t now);

/* Forget what was read of PID: it changed. */
void ident_cache_forget(struct ident_cache *c, pid_t pid);

#endif
