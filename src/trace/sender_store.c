/* SPDX-License-Identifier: MIT */
/*
 * sender_store.c - what the sender observer keeps, below its back ends:
 * the watched pids, the sends seen (a ring, each claimed by at most one
 * delivery), deliveries that came before their send was read, the names
 * of its enums, and the small facts every back end needs (the clock, the
 * namespaces, where a parent chain ends).  Calls no other sender file.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "sender_priv.h"
#include "xmalloc.h"

/* Fixed inode numbers of the initial namespaces (include/linux/proc_ns.h). */
#define PROC_USER_INIT_INO 0xEFFFFFFDu
#define PROC_PID_INIT_INO 0xEFFFFFFCu

static const char *const kind_names[SENDER__COUNT] = {
	[SENDER_AUTO] = "auto",
	[SENDER_BPF] = "bpf",
	[SENDER_TRACEFS] = "tracefs",
	[SENDER_PROC_EVENTS] = "proc-events",
	[SENDER_PROC] = "proc",
};

static const char *const result_names[SENDER_RES__COUNT] = {
	[SENDER_RES_DELIVERED] = "delivered",
	[SENDER_RES_IGNORED] = "ignored",
	[SENDER_RES_ALREADY_PENDING] = "already_pending",
	[SENDER_RES_OVERFLOW] = "overflow",
	[SENDER_RES_LOSE_INFO] = "lose_info",
};

static const char *const chain_end_names[] = {
	[SENDER_CHAIN_UNKNOWN] = "unknown",
	[SENDER_CHAIN_LONG_LIVED] = "long_lived",
	[SENDER_CHAIN_INIT] = "init",
	[SENDER_CHAIN_OBSERVER] = "observer",
	[SENDER_CHAIN_MAX] = "max",
};

const char *sender_kind_name(enum sender_kind kind)
{
	return (unsigned)kind < SENDER__COUNT ? kind_names[kind] : "?";
}

int sender_kind_parse(const char *name, enum sender_kind *kind)
{
	for (int k = 0; k < SENDER__COUNT; k++) {
		if (strcmp(name, kind_names[k]) == 0) {
			*kind = (enum sender_kind)k;
			return 0;
		}
	}
	return -EINVAL;
}

const char *sender_result_name(enum sender_result res)
{
	return (unsigned)res < SENDER_RES__COUNT ? result_names[res] : "?";
}

const char *sender_chain_end_name(enum sender_chain_end end)
{
	if ((size_t)end >= sizeof(chain_end_names) / sizeof(chain_end_names[0]))
		return "?";
	return chain_end_names[end];
}

uint64_t sender_mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int sender_host_namespaces(char *why, size_t len)
{
	struct stat user, pid;

	if (stat("/proc/self/ns/user", &user) < 0 ||
	    stat("/proc/self/ns/pid", &pid) < 0) {
		snprintf(why, len, "cannot read /proc/self/ns: %s",
			 strerror(errno));
		return -ENOENT;
	}
	if (user.st_ino != PROC_USER_INIT_INO ||
	    pid.st_ino != PROC_PID_INIT_INO) {
		snprintf(why, len, "runs in a %s namespace: the kernel reports "
			 "the host's pids", user.st_ino != PROC_USER_INIT_INO ?
			 "user" : "pid");
		return -EOPNOTSUPP;
	}
	return 0;
}

void sender_chain_finish(struct sender_info *s, pid_t self)
{
	uint64_t at = s->sent_ns;

	for (size_t i = 0; i < s->chain_len; i++) {
		const struct sender_link *l = &s->chain[i];

		if (l->pid == self) {
			s->chain_len = i;
			s->chain_end = SENDER_CHAIN_OBSERVER;
			return;
		}
		if (l->pid == 1) {
			s->chain_len = i + 1;
			s->chain_end = SENDER_CHAIN_INIT;
			return;
		}
		if (l->start_ns && at > l->start_ns &&
		    at - l->start_ns >= SENDER_LONG_LIVED_NS) {
			s->chain_len = i + 1;
			s->chain_end = SENDER_CHAIN_LONG_LIVED;
			return;
		}
	}
	s->chain_end = s->chain_len == SENDER_CHAIN_LEN ? SENDER_CHAIN_MAX :
		SENDER_CHAIN_UNKNOWN;
}

struct sender_slot *sender_slot_at(struct sender_observer *o, size_t age)
{
	/* age 0: the oldest */
	return &o->ring[(o->head + SENDER_RING_LEN - o->count + age) %
			SENDER_RING_LEN];
}

void sender_slot_done(struct sender_observer *o, struct sender_slot *sl)
{
	if (!sl->matched) {
		sl->matched = true;
		o->unmatched--;
	}
}

/* Can a delivery Q be of send S? */
bool sender_send_fits(const struct sender_info *s,
		      const struct sender_query *q)
{
	if (s->signo != q->signo || s->sent_ns > q->at_ns)
		return false;
	/* Ignored, merged or dropped at send time: never delivered. */
	if (s->has_result && s->result != SENDER_RES_DELIVERED &&
	    s->result != SENDER_RES_LOSE_INFO)
		return false;
	if (s->target_tid != q->tid && s->target_tid != q->tgid &&
	    s->target_tgid != q->tgid)
		return false;
	return q->from_pid <= 0 || s->who.pid == q->from_pid;
}

/* A delivery claimed before its send was read takes the send now: the
 * oldest such delivery, so that sends and deliveries pair in order. */
static bool claimed_early(struct sender_observer *o,
			  const struct sender_info *s)
{
	for (size_t i = 0; i < o->nclaims; i++) {
		if (!sender_send_fits(s, &o->claims[i]))
			continue;
		memmove(&o->claims[i], &o->claims[i + 1],
			(--o->nclaims - i) * sizeof(o->claims[0]));
		o->stats.matched++;
		return true;
	}
	return false;
}

/* S, never claimed, leaves the ring: remember who sent what to whom. */
static void evict(struct sender_observer *o, const struct sender_info *s)
{
	struct sender_evicted k = { .signo = s->signo, .from = s->who.pid,
				    .target_tgid = s->target_tgid };

	o->stats.lost++;
	o->unmatched--;
	for (size_t i = 0; i < o->nevicted; i++)
		if (memcmp(&o->evicted[i], &k, sizeof(k)) == 0)
			return;
	if (o->nevicted == SENDER_EVICTED_MAX)
		o->hidden = true;
	else
		o->evicted[o->nevicted++] = k;
}

void sender_record(struct sender_observer *o, const struct sender_info *s)
{
	struct sender_slot *sl = &o->ring[o->head];

	o->stats.observed++;
	if (claimed_early(o, s))
		return;
	if (o->count == SENDER_RING_LEN && !sl->matched)
		evict(o, &sl->s);
	sl->s = *s;
	sl->matched = false;
	o->unmatched++;
	sender_chain_finish(&sl->s, o->self);
	o->head = (o->head + 1) % SENDER_RING_LEN;
	if (o->count < SENDER_RING_LEN)
		o->count++;
}

void sender_count_lost(struct sender_observer *o, uint64_t n)
{
	o->stats.lost += n;
	o->hidden |= n > 0;
}

const pid_t *sender_watched(const struct sender_observer *o, size_t *n)
{
	*n = o->nwatched;
	return o->watched;
}

bool sender_is_watched(const struct sender_observer *o, pid_t pid)
{
	for (size_t i = 0; i < o->nwatched; i++)
		if (o->watched[i] == pid)
			return true;
	return false;
}

bool sender_watched_add(struct sender_observer *o, pid_t pid)
{
	if (sender_is_watched(o, pid))
		return false;
	if (o->nwatched == o->capwatched) {
		o->capwatched = o->capwatched ? 2 * o->capwatched : 16;
		o->watched = xrealloc(o->watched,
				      o->capwatched * sizeof(*o->watched));
	}
	o->watched[o->nwatched++] = pid;
	return true;
}

bool sender_watched_remove(struct sender_observer *o, pid_t pid)
{
	for (size_t i = 0; i < o->nwatched; i++) {
		if (o->watched[i] == pid) {
			o->watched[i] = o->watched[--o->nwatched];
			return true;
		}
	}
	return false;
}

void sender_claim_later(struct sender_observer *o,
			const struct sender_query *q)
{
	/* Full (the caller drained: its send was not there): the oldest
	 * claim goes; its send, if it ever comes, counts as unclaimed. */
	if (o->nclaims == SENDER_CLAIMS_MAX)
		memmove(o->claims, o->claims + 1,
			(--o->nclaims) * sizeof(o->claims[0]));
	o->claims[o->nclaims++] = *q;
}
