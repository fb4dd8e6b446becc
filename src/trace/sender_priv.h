/* SPDX-License-Identifier: MIT */
/*
 * sender_priv.h - what the sender observer's back ends share with its
 * framework (sender.c) and with nobody else.  A back end is a const table
 * of functions, like a sink; the framework allocates and owns each
 * instance's private data (ops->priv_size bytes, zeroed).
 */
#ifndef SIGTRACE_SENDER_PRIV_H
#define SIGTRACE_SENDER_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sender.h"

struct sender_backend;

struct sender_backend_ops {
	const char *name;
	enum sender_kind kind;
	bool sees_sends;	/* records signals at send time */
	bool names_senders;	/* its records carry argv and parents */
	bool free_drain;	/* drain costs no system call (bpf's mmap) */
	size_t priv_size;
	/* 0, or -errno with WHY (LEN bytes) saying what this machine
	 * lacks, e.g. "needs root". */
	int (*open)(struct sender_backend *b, char *why, size_t len);
	void (*close)(struct sender_backend *b);
	/* Each of these may be NULL: no descriptor, nothing to drain, no
	 * filter on the watched pids, no memory of processes. */
	int (*fd)(const struct sender_backend *b);
	int (*drain)(struct sender_backend *b);
	int (*watch)(struct sender_backend *b, pid_t pid, bool add);
	bool (*process)(struct sender_backend *b, pid_t pid, uint64_t at_ns,
			struct sender_ident *out);
};

struct sender_backend {
	const struct sender_backend_ops *ops;
	struct sender_observer *obs;	/* where observations go */
	void *priv;
};

/* Sends kept until a delivery claims them.  A tracer claims at every
 * delivery, so this only has to cover the sends between two of them. */
#define SENDER_RING_LEN 256
/* Deliveries whose send was not read yet (a drain costs a system call for
 * some back ends, so a traced sender's delivery does not drain). */
#define SENDER_CLAIMS_MAX 64

struct sender_slot {
	struct sender_info s;
	bool matched;		/* claimed by a delivery or reported */
};

/* Unclaimed sends pushed out of a full ring, one entry per (signal,
 * sender, target): what sender_sent_elsewhere() can no longer see in it.
 * A storm of merged signals to one process is one entry. */
#define SENDER_EVICTED_MAX 16
struct sender_evicted {
	int signo;
	pid_t from, target_tgid;
};

struct sender_observer {
	struct sender_backend main;	/* the back end in use */
	struct sender_backend ident;	/* names processes for main, or none */
	pid_t self;
	pid_t *watched;
	size_t nwatched, capwatched;
	struct sender_slot ring[SENDER_RING_LEN];
	size_t head;		/* next slot to write */
	size_t count;		/* slots in use, oldest at head - count */
	size_t unmatched;	/* of which not claimed nor reported */
	struct sender_query claims[SENDER_CLAIMS_MAX];
	size_t nclaims;
	struct sender_stats stats;
	struct sender_evicted evicted[SENDER_EVICTED_MAX];
	size_t nevicted;
	bool hidden;		/* a send never seen, or too many evicted */
};

extern const struct sender_backend_ops sender_bpf_ops;
extern const struct sender_backend_ops sender_tracefs_ops;
extern const struct sender_backend_ops sender_cnproc_ops;
extern const struct sender_backend_ops sender_proc_ops;

/* sender.c: sender_open() with exactly the back end OPS (the unit
 * tests' fakes). */
struct sender_observer *sender_open_backend(
		const struct sender_backend_ops *ops, const pid_t *pids,
		size_t npids, char *why, size_t len);

/* sender_store.c, for the framework and the back ends */

/* The slot AGE sends after the oldest kept. */
struct sender_slot *sender_slot_at(struct sender_observer *o, size_t age);
/* SL is claimed by a delivery, or reported as never delivered. */
void sender_slot_done(struct sender_observer *o, struct sender_slot *sl);
/* Can the delivery Q be of the send S? */
bool sender_send_fits(const struct sender_info *s,
		      const struct sender_query *q);
/* Q's send was not read yet: claim it when it is. */
void sender_claim_later(struct sender_observer *o,
			const struct sender_query *q);
/* true when PID was added (not watched before) / removed. */
bool sender_watched_add(struct sender_observer *o, pid_t pid);
bool sender_watched_remove(struct sender_observer *o, pid_t pid);
/* Keep one signal seen at send time (S is copied; its chain is cut
 * where the story ends). */
void sender_record(struct sender_observer *o, const struct sender_info *s);
void sender_count_lost(struct sender_observer *o, uint64_t n);
/* The watched pids (N of them). */
const pid_t *sender_watched(const struct sender_observer *o, size_t *n);
bool sender_is_watched(const struct sender_observer *o, pid_t pid);
/* 0 when this process sees the host's pids (initial user and pid
 * namespaces), which is what the kernel observers report; else
 * -EOPNOTSUPP with WHY filled. */
int sender_host_namespaces(char *why, size_t len);
uint64_t sender_mono_now(void);
/* Cut S's chain: after the first long-lived ancestor or pid 1, and
 * before SELF (the observing process and its own parents are not the
 * sender's story). */
void sender_chain_finish(struct sender_info *s, pid_t self);

/* sender_proc.c: /proc, for every back end */

/* Who PID is now: comm, state, parent, start time (/proc/PID/stat), uid
 * (status) and command line; a zombie keeps its comm and parent.
 * 0, or -errno (-ENOENT: gone). */
int sender_proc_read(pid_t pid, struct sender_ident *id);
/* The same without the uid (status is the dearest file to read): what a
 * process's exec changes.  PID must be a process, not a thread. */
int sender_proc_read_program(pid_t pid, struct sender_ident *id);
/* /proc/PID/stat's start time field as it is (clock ticks since boot):
 * with the pid, a name no later process can have.  0 or -errno. */
int sender_proc_start_ticks(pid_t pid, unsigned long long *ticks);

/* sender_pidtab.c: the bounded table of recent processes that the
 * proc-events back end keeps (not thread-safe: its owner locks) */
struct pidtab;
struct pidtab *pidtab_new(void);
void pidtab_free(struct pidtab *t);
/* CHILD forked from PARENT at NS: inherits its parent's identity. */
void pidtab_fork(struct pidtab *t, pid_t child, pid_t parent, uint64_t ns);
/* PID exec'd: its comm, parent, uid and command line read from /proc now
 * (the sooner the better: a kill(1) is gone within a millisecond). */
void pidtab_exec(struct pidtab *t, pid_t pid, uint64_t ns);
void pidtab_comm(struct pidtab *t, pid_t pid, const char *comm);
void pidtab_exit(struct pidtab *t, pid_t pid, uint64_t ns);
/* Who PID was at AT_NS: the latest entry started by then. */
bool pidtab_find(const struct pidtab *t, pid_t pid, uint64_t at_ns,
		 struct sender_ident *out);

/* sender_tracefs.c: one trace_pipe line, exposed for the unit tests */
enum tracefs_line {
	TRACEFS_LINE_OTHER,	/* nothing of ours */
	TRACEFS_LINE_SIGNAL,	/* *S filled */
	TRACEFS_LINE_LOST,	/* *LOST events were overwritten */
};
enum tracefs_line sender_tracefs_parse(const char *line,
				       struct sender_info *s, uint64_t *lost);

#endif
