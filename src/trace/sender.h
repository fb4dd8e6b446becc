/* SPDX-License-Identifier: MIT */
/*
 * sender.h - the sender observer: who sent a signal, seen from the
 * sender's side.  ptrace shows the receiver only, and by the time a
 * delivery stops the tracee, a sender such as kill(1) has usually exited
 * and been reaped, so /proc can no longer name it.  The observer watches
 * senders at send time (a kernel tracepoint) or remembers recent
 * processes (the process-events connector) so that a delivery can still
 * be joined to its sender.
 *
 * Back ends, best first (SENDER_AUTO tries them in this order):
 *   bpf          signal:signal_generate through a CO-RE BPF program:
 *                sender, argv and parents copied in the sender's context
 *   tracefs      the same tracepoint through a private tracefs instance:
 *                sender tid/tgid/comm; command lines from proc-events
 *   proc-events  netlink process events: recent processes' parent, comm,
 *                uid and command line (read at exec), no signals
 *   proc         /proc at lookup time: live and zombie senders only
 *
 * All times are CLOCK_MONOTONIC nanoseconds.  Not thread-safe: one thread
 * calls these functions (back ends may run threads of their own).
 */
#ifndef SIGTRACE_SENDER_H
#define SIGTRACE_SENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"

enum sender_kind {
	SENDER_AUTO,
	SENDER_BPF,
	SENDER_TRACEFS,
	SENDER_PROC_EVENTS,
	SENDER_PROC,
	SENDER__COUNT
};

/* What the kernel did with the signal at send time (signal_generate's
 * result, same order as the kernel's enum). */
enum sender_result {
	SENDER_RES_DELIVERED,	/* queued (or acted on) for the target */
	SENDER_RES_IGNORED,	/* discarded: ignored by the target */
	SENDER_RES_ALREADY_PENDING,	/* merged with one already pending */
	SENDER_RES_OVERFLOW,	/* lost: real-time queue full */
	SENDER_RES_LOSE_INFO,	/* queued without its siginfo */
	SENDER_RES__COUNT
};

/* Why a parent chain ends where it does. */
enum sender_chain_end {
	SENDER_CHAIN_UNKNOWN,	/* a parent could not be read */
	SENDER_CHAIN_LONG_LIVED,	/* last link started long before */
	SENDER_CHAIN_INIT,	/* last link is pid 1 */
	SENDER_CHAIN_OBSERVER,	/* next parent is the observing process */
	SENDER_CHAIN_MAX,	/* SENDER_CHAIN_LEN links */
};

/* A parent chain stops at the first ancestor started this long before
 * the signal: the cron or login shell under the short-lived ones. */
#define SENDER_LONG_LIVED_NS (10ull * 1000000000ull)
#define SENDER_CHAIN_LEN 8

/* Who a process is or was. */
struct sender_ident {
	pid_t pid;		/* thread group id */
	pid_t ppid;		/* 0 when unknown */
	uid_t uid;
	bool has_uid;
	bool zombie;		/* exited, not yet reaped, when read */
	bool exited;		/* known to have exited */
	char comm[COMM_MAX];	/* raw bytes, "" when unknown */
	struct cmdline cmdline;	/* len 0 when unknown */
	uint64_t start_ns;	/* 0 when unknown */
	uint64_t exit_ns;	/* 0 when unknown or alive */
	const char *source;	/* back end name that knew it */
};

struct sender_link {
	pid_t pid;
	char comm[COMM_MAX];
	uint64_t start_ns;	/* 0 when unknown */
};

/* One signal's sender, as joined to a delivery (or never delivered). */
struct sender_info {
	int signo;
	int code;		/* si_code at send time, when has_result */
	bool has_result;	/* the kernel tracepoint saw the send */
	enum sender_result result;
	uint64_t sent_ns;	/* 0 when not seen at send time */
	pid_t target_tid;	/* the task the signal was sent to */
	pid_t target_tgid;	/* 0 when unknown */
	bool group;		/* process-directed (kill), not tgkill */
	pid_t tid;		/* the sending thread, 0 when unknown */
	struct sender_ident who;	/* the sending process */
	size_t chain_len;	/* parents, nearest first */
	struct sender_link chain[SENDER_CHAIN_LEN];
	enum sender_chain_end chain_end;
	const char *source;	/* back end that named the sender */
};

/* A delivery to join to its sender. */
struct sender_query {
	int signo;
	pid_t tgid;		/* receiving process */
	pid_t tid;		/* receiving thread */
	pid_t from_pid;		/* siginfo's si_pid, 0 when none */
	uint64_t at_ns;		/* when the delivery was seen */
};

struct sender_observer;

/* "auto", "bpf", "tracefs", "proc-events", "proc". */
const char *sender_kind_name(enum sender_kind kind);
/* 0, or -EINVAL for an unknown name. */
int sender_kind_parse(const char *name, enum sender_kind *kind);
/* "delivered", "ignored", "already_pending", "overflow", "lose_info". */
const char *sender_result_name(enum sender_result res);
/* "unknown", "long_lived", "init", "observer", "max". */
const char *sender_chain_end_name(enum sender_chain_end end);

/*
 * Open the observer: KIND, or with SENDER_AUTO the best that works here.
 * PIDS are the processes whose incoming signals matter (more with
 * sender_watch).  NOTE (NOTELEN bytes) receives one line saying why the
 * better back ends were not used, "" when nothing was skipped.  NULL
 * with errno set when a forced KIND cannot run here (NOTE says why);
 * SENDER_AUTO always succeeds (proc works everywhere).
 */
struct sender_observer *sender_open(enum sender_kind kind, const pid_t *pids,
				    size_t npids, char *note, size_t notelen);
void sender_close(struct sender_observer *o);

/* The back end in use: "bpf", "tracefs", "proc-events" or "proc". */
const char *sender_backend(const struct sender_observer *o);
/* Does it see signals sent (bpf, tracefs), or only name processes? */
bool sender_sees_sends(const struct sender_observer *o);
/* The back end that names processes not seen sending (tracefs uses
 * proc-events when it can), same names. */
const char *sender_ident_backend(const struct sender_observer *o);

/* A new process of interest (a fork), or one gone.  0 or -errno. */
int sender_watch(struct sender_observer *o, pid_t pid);
void sender_unwatch(struct sender_observer *o, pid_t pid);

/* A descriptor that polls readable when observations are waiting
 * (tracefs), or -1: bpf's drain is free (memory-mapped) and its program
 * wakes nobody, proc-events and proc have nothing to drain. */
int sender_fd(const struct sender_observer *o);
/* Take in what the back end has observed, without blocking.  Number of
 * new observations, or -errno. */
int sender_drain(struct sender_observer *o);

/*
 * The sender of the delivery Q: the signal seen at send time when the
 * back end sees sends (each is joined to one delivery only), else the
 * process from_pid as the back end remembers it (checked to have started
 * before the delivery).  Drains first.  false when nobody is known.
 */
bool sender_lookup(struct sender_observer *o, const struct sender_query *q,
		   struct sender_info *out);

/* The delivery Q, whose sender the caller names itself (a traced
 * process): it claims its send, which is then not unmatched.  No system
 * call: a send not read yet is claimed when it is.  The send as seen
 * then (valid until the next call), or NULL when not read yet or when
 * the back end does not see sends. */
const struct sender_info *sender_claim(struct sender_observer *o,
				       const struct sender_query *q);

/* May FROM have sent SIGNO to a watched process other than TGID as well,
 * still unclaimed (a signal to a process group reaches each member)?
 * false only when the back end sees every send at no cost (bpf) and none
 * was hidden from it (dropped by the kernel's buffer, or unclaimed sends
 * of too many kinds pushed out of the ring): then no such send exists.
 * Drains when that is free. */
bool sender_sent_elsewhere(struct sender_observer *o, int signo, pid_t from,
			   pid_t tgid);

/* Should S stay unmatched for now (e.g. still pending, blocked)? */
typedef bool (*sender_keep_fn)(void *ctx, const struct sender_info *s);

/* A signal seen sent to a watched process before OLDER_THAN_NS and never
 * joined to a delivery: ignored, merged, lost, or consumed by sigwaitinfo
 * or a signalfd.  Each is returned once, oldest first; those KEEP (when
 * not NULL) says to keep are skipped and asked about again next time. */
bool sender_next_unmatched(struct sender_observer *o, uint64_t older_than_ns,
			   sender_keep_fn keep, void *ctx,
			   struct sender_info *out);

/* Who PID was at AT_NS (live, zombie or recently exited).  false when
 * unknown or when the PID now belongs to a later process. */
bool sender_process(struct sender_observer *o, pid_t pid, uint64_t at_ns,
		    struct sender_ident *out);

enum sender_now {
	SENDER_NOW_GONE,	/* no such process, or its pid is another's */
	SENDER_NOW_ALIVE,
	SENDER_NOW_ZOMBIE,	/* exited, not reaped yet */
};
/* What became of the process WHO (its pid, checked by its start time
 * when known): one read of /proc/PID/stat. */
enum sender_now sender_now(const struct sender_ident *who);

/* Counters for the summary and the benchmark. */
struct sender_stats {
	uint64_t observed;	/* sends seen */
	uint64_t matched;	/* joined to a delivery */
	uint64_t lost;		/* dropped by the kernel buffer or ours */
};
void sender_get_stats(const struct sender_observer *o, struct sender_stats *s);

#endif
