/* SPDX-License-Identifier: MIT */
/*
 * identcache.c - a live traced sender's name and title, read from /proc
 * once per period instead of at each of its deliveries (identcache.h).
 * Reading them was most of what a delivery from another traced process
 * cost sigtrace: two opens, four reads and two closes.
 */
#include <stdio.h>
#include <string.h>

#include "identcache.h"
#include "proc.h"

/* Does E still say what /proc would say of K at NOW? */
static bool vouches(const struct ident_entry *e, const struct ident_key *k,
		    uint64_t now)
{
	return e->pid == k->pid && e->start_time == k->start_time &&
	       e->exec_ns == k->exec_ns && strcmp(e->known, k->comm) == 0 &&
	       now >= e->read_ns && now - e->read_ns < IDENT_PERIOD_NS;
}

/* K's entry, or the one to reuse for it: its pid's, else an unused one,
 * else the one read longest ago. */
static struct ident_entry *slot_for(struct ident_cache *c,
				    const struct ident_key *k)
{
	struct ident_entry *victim = &c->e[0];

	for (size_t i = 0; i < IDENT_CACHE_LEN; i++) {
		struct ident_entry *e = &c->e[i];

		if (e->pid == k->pid)
			return e;
		if (victim->pid && (!e->pid || e->read_ns < victim->read_ns))
			victim = e;
	}
	return victim;
}

static void fill(struct ident_entry *e, const struct ident_key *k,
		 uint64_t now)
{
	e->pid = k->pid;
	e->start_time = k->start_time;
	e->exec_ns = k->exec_ns;
	e->read_ns = now;
	snprintf(e->known, sizeof(e->known), "%s", k->comm);
	e->readable = proc_read_comm(k->pid, e->comm, sizeof(e->comm)) == 0;
	/* What ps shows: a title it wrote (setproctitle), or its own
	 * after a fork without exec; nothing once it is exiting. */
	if (!e->readable || proc_read_cmdline(k->pid, &e->title) < 0)
		e->title.len = 0;
}

const struct ident_entry *ident_cache_get(struct ident_cache *c,
					  const struct ident_key *k,
					  uint64_t now)
{
	struct ident_entry *e = slot_for(c, k);

	if (!vouches(e, k, now))
		fill(e, k, now);
	return e->readable ? e : NULL;
}

void ident_cache_forget(struct ident_cache *c, pid_t pid)
{
	for (size_t i = 0; i < IDENT_CACHE_LEN; i++)
		if (c->e[i].pid == pid)
			c->e[i].pid = 0;
}
