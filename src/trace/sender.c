/* SPDX-License-Identifier: MIT */
/*
 * sender.c - the sender observer's framework: choosing a back end (best
 * first), and joining a delivery to the send it came from
 * (sender_store.c keeps the sends and the watched pids).
 *
 * Sends seen by a kernel back end wait in a small ring until a delivery
 * claims them; one that no delivery claims is a signal that was ignored,
 * merged, lost or consumed (sigwaitinfo, signalfd), which the tracer
 * cannot see.  Processes are named by the back end that remembers them,
 * then by what the sends carried, then by /proc.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sender_priv.h"
#include "xmalloc.h"

/* Best first: what SENDER_AUTO tries. */
static const struct sender_backend_ops *const backends[] = {
	&sender_bpf_ops,
	&sender_tracefs_ops,
	&sender_cnproc_ops,
	&sender_proc_ops,
};

static int backend_open(struct sender_observer *o, struct sender_backend *b,
			const struct sender_backend_ops *ops, char *why,
			size_t len)
{
	int err;

	b->obs = o;
	b->priv = xcalloc(1, ops->priv_size ? ops->priv_size : 1);
	b->ops = ops;
	err = ops->open(b, why, len);
	if (err < 0) {
		free(b->priv);
		b->priv = NULL;
		b->ops = NULL;
	}
	return err;
}

static void backend_close(struct sender_backend *b)
{
	if (!b->ops)
		return;
	b->ops->close(b);
	free(b->priv);
	b->priv = NULL;
	b->ops = NULL;
}

static void note_add(char *note, size_t len, const char *name, const char *why)
{
	size_t used = strlen(note);

	if (used < len)
		snprintf(note + used, len - used, "%s%s: %s",
			 used ? "; " : "", name, why);
}

/* Open the first back end of KIND that works, noting why others did not. */
static int open_main(struct sender_observer *o, enum sender_kind kind,
		     const struct sender_backend_ops *only, char *note,
		     size_t notelen)
{
	int err = -ENOENT;

	if (only)
		return backend_open(o, &o->main, only, note, notelen);
	for (size_t i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		char why[256] = "";

		if (kind != SENDER_AUTO && backends[i]->kind != kind)
			continue;
		err = backend_open(o, &o->main, backends[i], why, sizeof(why));
		if (err == 0)
			return 0;
		note_add(note, notelen, backends[i]->name, why);
	}
	return err;
}

static struct sender_observer *open_observer(enum sender_kind kind,
		const struct sender_backend_ops *only, const pid_t *pids,
		size_t npids, char *note, size_t notelen)
{
	struct sender_observer *o = xcalloc(1, sizeof(*o));
	int err;

	if (notelen)
		note[0] = '\0';
	o->self = getpid();
	for (size_t i = 0; i < npids; i++)
		sender_watched_add(o, pids[i]);
	err = open_main(o, kind, only, note, notelen);
	if (err < 0) {
		sender_close(o);
		errno = -err;
		return NULL;
	}
	/* The tracepoint through tracefs gives pid and comm only: the
	 * connector remembers command lines and parents of the exited. */
	if (o->main.ops->sees_sends && !o->main.ops->names_senders &&
	    !o->main.ops->process) {
		char why[256] = "";

		if (backend_open(o, &o->ident, &sender_cnproc_ops, why,
				 sizeof(why)) < 0)
			note_add(note, notelen, "command lines from proc-events",
				 why);
	}
	return o;
}

struct sender_observer *sender_open(enum sender_kind kind, const pid_t *pids,
				    size_t npids, char *note, size_t notelen)
{
	return open_observer(kind, NULL, pids, npids, note, notelen);
}

struct sender_observer *sender_open_backend(
		const struct sender_backend_ops *ops, const pid_t *pids,
		size_t npids, char *why, size_t len)
{
	return open_observer(ops->kind, ops, pids, npids, why, len);
}

void sender_close(struct sender_observer *o)
{
	if (!o)
		return;
	backend_close(&o->ident);
	backend_close(&o->main);
	free(o->watched);
	free(o);
}

const char *sender_backend(const struct sender_observer *o)
{
	return o->main.ops->name;
}

bool sender_sees_sends(const struct sender_observer *o)
{
	return o->main.ops->sees_sends;
}

const char *sender_ident_backend(const struct sender_observer *o)
{
	if (o->ident.ops)
		return o->ident.ops->name;
	return o->main.ops->process ? o->main.ops->name : sender_proc_ops.name;
}

int sender_watch(struct sender_observer *o, pid_t pid)
{
	if (!sender_watched_add(o, pid) || !o->main.ops->watch)
		return 0;
	return o->main.ops->watch(&o->main, pid, true);
}

void sender_unwatch(struct sender_observer *o, pid_t pid)
{
	if (sender_watched_remove(o, pid) && o->main.ops->watch)
		o->main.ops->watch(&o->main, pid, false);
}

int sender_fd(const struct sender_observer *o)
{
	return o->main.ops->fd ? o->main.ops->fd(&o->main) : -1;
}

int sender_drain(struct sender_observer *o)
{
	int n = 0;

	if (o->ident.ops && o->ident.ops->drain)
		o->ident.ops->drain(&o->ident);
	if (o->main.ops->drain)
		n = o->main.ops->drain(&o->main);
	return n;
}

void sender_get_stats(const struct sender_observer *o, struct sender_stats *s)
{
	*s = o->stats;
}

/* A process as the sends seen remember it: a sender, or a link of one's
 * chain (comm and start only).  Newest first. */
static bool ident_from_sends(struct sender_observer *o, pid_t pid,
			     uint64_t at_ns, struct sender_ident *out)
{
	for (size_t age = o->count; age-- > 0;) {
		const struct sender_info *s = &sender_slot_at(o, age)->s;

		if (s->who.pid == pid && s->sent_ns <= at_ns) {
			*out = s->who;
			return true;
		}
		for (size_t i = 0; i < s->chain_len; i++) {
			if (s->chain[i].pid != pid || s->sent_ns > at_ns)
				continue;
			memset(out, 0, sizeof(*out));
			out->pid = pid;
			snprintf(out->comm, sizeof(out->comm), "%s",
				 s->chain[i].comm);
			out->start_ns = s->chain[i].start_ns;
			out->source = s->source;
			return true;
		}
	}
	return false;
}

static bool backend_process(struct sender_backend *b, pid_t pid,
			    uint64_t at_ns, struct sender_ident *out)
{
	return b->ops && b->ops->process && b->ops->process(b, pid, at_ns, out);
}

bool sender_process(struct sender_observer *o, pid_t pid, uint64_t at_ns,
		    struct sender_ident *out)
{
	if (pid <= 0)
		return false;
	if (backend_process(&o->main, pid, at_ns, out) ||
	    backend_process(&o->ident, pid, at_ns, out) ||
	    ident_from_sends(o, pid, at_ns, out))
		return true;
	if (o->main.ops == &sender_proc_ops)
		return false;
	struct sender_backend proc = { .ops = &sender_proc_ops, .obs = o };

	return backend_process(&proc, pid, at_ns, out);
}

/* Parents of S's sender, from what the back ends remember, up to the
 * first long-lived one. */
static void build_chain(struct sender_observer *o, struct sender_info *s,
			uint64_t at_ns)
{
	pid_t pid = s->who.ppid;

	s->chain_len = 0;
	s->chain_end = SENDER_CHAIN_UNKNOWN;
	while (s->chain_len < SENDER_CHAIN_LEN && pid > 0) {
		struct sender_ident p;
		struct sender_link *l = &s->chain[s->chain_len];

		if (pid == o->self) {
			s->chain_end = SENDER_CHAIN_OBSERVER;
			return;
		}
		if (!sender_process(o, pid, at_ns, &p))
			return;
		l->pid = pid;
		memcpy(l->comm, p.comm, sizeof(l->comm));
		l->start_ns = p.start_ns;
		s->chain_len++;
		if (pid == 1) {
			s->chain_end = SENDER_CHAIN_INIT;
			return;
		}
		if (p.start_ns && at_ns > p.start_ns &&
		    at_ns - p.start_ns >= SENDER_LONG_LIVED_NS) {
			s->chain_end = SENDER_CHAIN_LONG_LIVED;
			return;
		}
		pid = p.ppid;
	}
	if (s->chain_len == SENDER_CHAIN_LEN)
		s->chain_end = SENDER_CHAIN_MAX;
}

/* A send seen by the tracepoint lacks what tracefs cannot give: the
 * command line and the parents. */
static void complete(struct sender_observer *o, struct sender_info *s,
		     uint64_t at_ns)
{
	struct sender_ident p;

	if (s->who.pid <= 0 || s->who.cmdline.len > 0)
		return;
	if (!sender_process(o, s->who.pid, s->sent_ns ? s->sent_ns : at_ns, &p))
		return;
	/* tracefs prints a comm from a cache by pid, which a reused pid can
	 * leave stale; the process as known by pid and start time wins. */
	if (p.comm[0])
		memcpy(s->who.comm, p.comm, sizeof(s->who.comm));
	s->who.cmdline = p.cmdline;
	s->who.ppid = p.ppid;
	if (!s->who.start_ns)
		s->who.start_ns = p.start_ns;
	if (!s->who.has_uid) {
		s->who.uid = p.uid;
		s->who.has_uid = p.has_uid;
	}
	if (s->chain_len == 0)
		build_chain(o, s, s->sent_ns ? s->sent_ns : at_ns);
}

/* The oldest unclaimed send that Q can be the delivery of.  Newest
 * first, until every unclaimed one was seen: in a storm only the newest
 * is, and a delivery costs one look. */
static struct sender_slot *find_send(struct sender_observer *o,
				     const struct sender_query *q)
{
	struct sender_slot *oldest = NULL;
	size_t open = o->unmatched;

	for (size_t age = o->count; age-- > 0 && open > 0;) {
		struct sender_slot *sl = sender_slot_at(o, age);

		if (sl->matched)
			continue;
		open--;
		if (sender_send_fits(&sl->s, q))
			oldest = sl;
	}
	return oldest;
}

bool sender_lookup(struct sender_observer *o, const struct sender_query *q,
		   struct sender_info *out)
{
	struct sender_slot *sl;

	sender_drain(o);
	sl = o->main.ops->sees_sends ? find_send(o, q) : NULL;
	if (sl) {
		sender_slot_done(o, sl);
		o->stats.matched++;
		*out = sl->s;
		complete(o, out, q->at_ns);
		return true;
	}
	if (q->from_pid <= 0)
		return false;
	memset(out, 0, sizeof(*out));
	if (!sender_process(o, q->from_pid, q->at_ns, &out->who))
		return false;
	out->signo = q->signo;
	out->target_tid = q->tid;
	out->target_tgid = q->tgid;
	out->source = out->who.source;
	build_chain(o, out, q->at_ns);
	return true;
}

const struct sender_info *sender_claim(struct sender_observer *o,
				       const struct sender_query *q)
{
	struct sender_slot *sl;

	if (!o->main.ops->sees_sends)
		return NULL;
	/* A signal storm claims thousands of sends between two ticks: read
	 * them as they come when that is free, else once per batch. */
	if (o->main.ops->free_drain || o->nclaims == SENDER_CLAIMS_MAX)
		sender_drain(o);
	sl = find_send(o, q);
	if (!sl) {
		/* Not read yet: it will be claimed when it is. */
		sender_claim_later(o, q);
		return NULL;
	}
	sender_slot_done(o, sl);
	o->stats.matched++;
	return &sl->s;
}

bool sender_sent_elsewhere(struct sender_observer *o, int signo, pid_t from,
			   pid_t tgid)
{
	size_t open;

	if (!o->main.ops->free_drain || o->hidden)
		return true;
	sender_drain(o);
	for (size_t i = 0; i < o->nevicted; i++)
		if (o->evicted[i].signo == signo && o->evicted[i].from == from &&
		    o->evicted[i].target_tgid != tgid)
			return true;
	open = o->unmatched;
	for (size_t age = o->count; age-- > 0 && open > 0;) {
		const struct sender_slot *sl = sender_slot_at(o, age);

		if (sl->matched)
			continue;
		open--;
		if (sl->s.signo == signo && sl->s.who.pid == from &&
		    sl->s.target_tgid != tgid)
			return true;
	}
	/* Set by the drain: a send the kernel could not give us. */
	return o->hidden;
}

bool sender_next_unmatched(struct sender_observer *o, uint64_t older_than_ns,
			   sender_keep_fn keep, void *ctx,
			   struct sender_info *out)
{
	for (size_t age = 0; age < o->count; age++) {
		struct sender_slot *sl = sender_slot_at(o, age);

		if (sl->matched || sl->s.sent_ns >= older_than_ns ||
		    (keep && keep(ctx, &sl->s)))
			continue;
		sender_slot_done(o, sl);
		*out = sl->s;
		complete(o, out, sl->s.sent_ns);
		return true;
	}
	return false;
}
