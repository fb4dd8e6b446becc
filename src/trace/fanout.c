/* SPDX-License-Identifier: MIT */
/*
 * fanout.c - one signal sent to a whole process group (the terminal's
 * ^C, `kill -TERM 0`, `kill -- -PGID`) is queued to every member at once
 * and delivered to each: a tracer sees one delivery per member.  This
 * gives the deliveries of one group signal the same group id
 * (docs/explanations.md, "Group signals").
 *
 * A group is known for sure when the terminal sent it, or when the
 * sender is a member stopped for its own copy inside the kill() that
 * sent it.  Else, at the first delivery from another process, the other
 * traced members of the receiver's group are looked at: if every one has
 * that signal pending too (or is stopped for it), it was a group signal.
 */
#include <signal.h>
#include <string.h>
#include <sys/ptrace.h>

#include "origin.h"
#include "proc.h"
#include "trace_priv.h"

struct fanout_key {
	int signo, code;
	pid_t sender;
	pid_t pgid;
};

static bool member(const struct fanout_group *g, pid_t pid)
{
	for (unsigned i = 0; i < g->n; i++)
		if (g->members[i] == pid)
			return true;
	return false;
}

/* An open group of KEY that PID has not had a delivery of yet. */
static struct fanout_group *open_group(struct tracer *T,
				       const struct fanout_key *k, pid_t pid)
{
	for (unsigned i = 0; i < FANOUT_GROUPS; i++) {
		struct fanout_group *g = &T->groups[i];

		if (g->id && g->signo == k->signo && g->code == k->code &&
		    g->sender == k->sender && g->pgid == k->pgid &&
		    !member(g, pid))
			return g;
	}
	return NULL;
}

static void join(struct fanout_group *g, pid_t pid, struct ev_signal *sig,
		 bool first)
{
	if (g->n < FANOUT_MEMBERS)
		g->members[g->n++] = pid;
	sig->group.id = g->id;
	sig->group.pgid = g->pgid;
	sig->group.how = g->how;
	sig->group.first = first;
}

/* Does traced process P (its stat ST just read) have signal K: 1 yes,
 * 0 no, -1 cannot tell (it runs: it may be on its way to its stop for
 * it, the signal taken off its pending set already). */
static int has_it(struct tracer *T, struct process *p,
		  const struct proc_stat *st, const struct fanout_key *k)
{
	struct proc_status status;
	siginfo_t si;

	for (unsigned b = 0; b < TABLE_BUCKETS; b++)
		for (struct tracee *t = T->tracees[b]; t; t = t->next)
			if (t->proc == p &&
			    ptrace(PTRACE_GETSIGINFO, t->tid, 0, &si) == 0 &&
			    si.si_signo == k->signo && si.si_code == k->code &&
			    si.si_pid == k->sender)
				return 1;
	if (proc_read_status(p->pid, 0, &status) == 0 &&
	    ((status.shared_pending | status.pending) & SIGBIT(k->signo)))
		return 1;
	return st->state == 'R' ? -1 : 0;
}

/* Every other traced member of the group that can tell has K, and one
 * at least: a group signal.  The group's leader's process group is read
 * now (its setpgid() without an exec is seen nowhere else); the others'
 * were read when they were made, or at a delivery. */
static bool all_pending(struct tracer *T, struct process *receiver,
			const struct fanout_key *k)
{
	unsigned yes = 0;

	for (unsigned b = 0; b < TABLE_BUCKETS; b++)
		for (struct process *p = T->procs[b]; p; p = p->next) {
			struct proc_stat st;
			int r;

			if (p == receiver ||
			    (p->pgid != k->pgid && p->pid != k->pgid) ||
			    proc_read_stat(p->pid, &st) < 0)
				continue;
			p->pgid = st.pgrp;
			if (p->pgid != k->pgid)
				continue;
			r = has_it(T, p, &st, k);
			if (r == 0)
				return false;
			yes += r > 0;
		}
	return yes > 0;
}

bool fanout_possible(struct tracer *T, const struct tracee *t,
		     const struct ev_signal *sig)
{
	pid_t sender = sig->has_sender ? sig->sender.pid : 0;

	/* A group some members of which were seen already. */
	for (unsigned i = 0; i < FANOUT_GROUPS; i++) {
		const struct fanout_group *g = &T->groups[i];

		if (g->id && g->signo == sig->signo && g->code == sig->code &&
		    g->sender == sender)
			return true;
	}
	/* Else its first member: the other members' copies are sends
	 * that no delivery claimed yet. */
	return observe_sent_elsewhere(T, t, sig);
}

/* The sender stopped for its own copy inside the kill() that sent it:
 * the call's pid argument says the group. */
static enum group_how seen_at_sender(const struct ev_signal *sig,
				     const struct origin_facts *f,
				     const struct fanout_key *k)
{
	long target;

	if (sig->origin != FROM_SELF || !origin_kill_target(f, &target))
		return GROUP_NONE;
	if (target == 0)
		return GROUP_KILL_ZERO;
	return target < 0 && -target == k->pgid ? GROUP_KILL_PGID : GROUP_NONE;
}

void fanout_place(struct tracer *T, struct process *p, struct ev_signal *sig,
		  const struct origin_facts *f, const struct proc_stat *stat)
{
	struct fanout_key k = { .signo = sig->signo, .code = sig->code,
				.sender = sig->has_sender ? sig->sender.pid : 0,
				.pgid = stat->pgrp };
	struct fanout_group *g;
	enum group_how how;

	if (sig->origin != FROM_TERMINAL && sig->origin != FROM_PROCESS &&
	    sig->origin != FROM_SELF)
		return;
	p->pgid = stat->pgrp;
	how = seen_at_sender(sig, f, &k);
	g = open_group(T, &k, p->pid);
	if (g) {
		/* The members seen before the sender's own copy were put in
		 * the group by inference; from now on it is certain. */
		if (how != GROUP_NONE)
			g->how = how;
		join(g, p->pid, sig, false);
		return;
	}
	if (sig->origin == FROM_TERMINAL)
		how = GROUP_TERMINAL;
	else if (how == GROUP_NONE && sig->origin == FROM_PROCESS &&
		 all_pending(T, p, &k))
		how = GROUP_PENDING;
	if (how == GROUP_NONE)
		return;
	g = &T->groups[T->group_next++ % FANOUT_GROUPS];
	memset(g, 0, sizeof(*g));
	g->id = ++T->group_ids;
	g->signo = k.signo;
	g->code = k.code;
	g->sender = k.sender;
	g->pgid = k.pgid;
	g->how = how;
	join(g, p->pid, sig, true);
}
