/* SPDX-License-Identifier: MIT */
/*
 * ownsig.c - what the signals that sigtrace gets itself mean
 * (docs/safety.md, "sigtrace's own signals").  selfsig.c records each
 * with its siginfo; here, in the loop, each one is told apart by where it
 * came from, noted in the log (a tracer_signal event), and counted as a
 * person's request to stop only when a person sent it:
 *
 *   kernel  si_code > 0: a terminal's Ctrl-C, Ctrl-\ or hangup, a limit
 *   traced  sent by a traced process (a program signalling its own
 *           process group, which holds sigtrace too): never a request
 *   group   a traced process got the same signal from the same sender
 *           (timeout(1), `kill -TERM -PGID`): the command's to decide
 *   direct  sent to sigtrace alone, from outside the trace
 *
 * A group signal reaches the group's newer members first (kfacts pgrp),
 * and every traced process is newer than sigtrace: when sigtrace looks,
 * the command's copy is delivered (kept below), pending, or in a stop.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "error.h"
#include "proc.h"
#include "selfsig.h"
#include "trace_priv.h"

#define SECOND_NS 1000000000ull
#define DELIVERY_KEEP_NS (5 * SECOND_NS)	/* how long a delivery can
						 * explain a signal to us */

void ownsig_saw_delivery(struct tracer *T, int signo, pid_t sender)
{
	struct seen_delivery *d = &T->seen[T->seen_next++ % SEEN_MAX];

	d->signo = signo;
	d->sender = sender;
	d->mono_ns = trace_now();
	d->used = false;
}

/* A delivery of SIGNO from SENDER to a traced process, not yet taken to
 * explain another signal to sigtrace. */
static bool delivered_too(struct tracer *T, int signo, pid_t sender)
{
	uint64_t now = trace_now();

	for (unsigned i = 0; i < SEEN_MAX; i++) {
		struct seen_delivery *d = &T->seen[i];

		if (d->used || d->signo != signo || d->sender != sender ||
		    now - d->mono_ns > DELIVERY_KEEP_NS)
			continue;
		d->used = true;
		return true;
	}
	return false;
}

/* SIGNO queued for a traced process, or the signal a stopped thread
 * holds, from SENDER. */
static bool queued_too(struct tracer *T, int signo, pid_t sender)
{
	for (unsigned b = 0; b < TABLE_BUCKETS; b++) {
		for (struct process *p = T->procs[b]; p; p = p->next) {
			struct proc_status st;

			if (!p->alien && proc_read_status(p->pid, 0, &st) == 0 &&
			    ((st.pending | st.shared_pending) & SIGBIT(signo)))
				return true;
		}
		for (struct tracee *t = T->tracees[b]; t; t = t->next) {
			siginfo_t si;

			/* ESRCH for a thread that runs: only stops answer. */
			if (ptrace(PTRACE_GETSIGINFO, t->tid, 0, &si) == 0 &&
			    si.si_signo == signo && si.si_code <= 0 &&
			    si.si_pid == sender)
				return true;
		}
	}
	return false;
}

static enum tsig_origin origin_of(struct tracer *T,
				  const struct selfsig_rec *r)
{
	struct traced_ident id;

	if (r->code > 0)
		return TSIG_KERNEL;
	if (process_identity(T, r->pid, &id) && !id.exited)
		return TSIG_TRACED;
	if (delivered_too(T, r->signo, r->pid) ||
	    queued_too(T, r->signo, r->pid))
		return TSIG_GROUP;
	return TSIG_DIRECT;
}

/* Who sent it: a traced process as sigtrace knows it, any other from
 * /proc now (kill(1) may be gone already: then only its pid). */
static void who_sent(struct tracer *T, struct ev_tracer_signal *t)
{
	struct proc_ident *id = &t->sender;
	struct traced_ident r;
	uid_t uid = id->uid;
	pid_t me = getpid();

	if (process_identity(T, id->pid, &r)) {
		id->known = true;
		id->gone = r.exited;
		memcpy(id->comm, r.comm, sizeof(id->comm));
		id->cmdline = r.argv;
	} else {
		proc_read_ident(id->pid, id);
		if (!id->gone)
			proc_read_ancestry(id->pid, &t->sender_chain);
	}
	id->uid = uid;
	for (size_t i = 0; i < t->sender_chain.count; i++) {
		if (t->sender_chain.link[i].pid == me) {
			t->sender_chain.count = i;
			break;
		}
	}
}

static void say_first_request(struct tracer *T, const struct event *e)
{
	char name[16];

	if (T->cfg.quiet)
		return;
	trace_flush(T);	/* after the log's lines, the event among them */
	warnx_msg("a stop signal (%s) reached sigtrace %s; send it again within a second to stop sigtrace (the command is then killed: it cannot outlive a seccomp-filtered trace)",
		  sig_name(e->u.tsig.signo, name, sizeof(name)),
		  e->u.tsig.origin == TSIG_KERNEL ?
		  "and the command (from the terminal)" :
		  "alone: the command did not get it");
}

static void say_no_stop(struct tracer *T, const struct event *e)
{
	char name[16];

	if (T->cfg.quiet)
		return;
	trace_flush(T);
	warnx_msg("%s: sigtrace does not stop while it traces processes (they would freeze at their next signal); Ctrl-C detaches",
		  sig_name(e->u.tsig.signo, name, sizeof(name)));
}

/* A person's request to stop: spawn mode wants a second one within a
 * second (the first also reached the command, or was meant for it). */
static enum tsig_action request_stop(struct tracer *T, int signo)
{
	uint64_t now = trace_now();

	if (T->attach) {
		selfsig_request_stop(signo);
		return TSIG_DETACH;
	}
	if (T->stop_asked_ns && now - T->stop_asked_ns <= SECOND_NS) {
		selfsig_request_stop(signo);
		return TSIG_STOP;
	}
	T->stop_asked_ns = now;
	return TSIG_FIRST_STOP;
}

static void handle_one(struct tracer *T, const struct selfsig_rec *r)
{
	struct event e;
	struct ev_tracer_signal *t = &e.u.tsig;
	bool stop_signal = r->signo == SIGINT || r->signo == SIGTERM ||
			   r->signo == SIGHUP;

	event_init(&e, EV_TRACER_SIGNAL);
	e.pid = e.tid = T->root_pid;
	t->signo = r->signo;
	t->code = r->code;
	t->has_sender = r->code <= 0 && r->pid > 0;
	if (t->has_sender) {
		t->sender.pid = r->pid;
		t->sender.uid = r->uid;
		who_sent(T, t);
	}
	t->origin = origin_of(T, r);
	t->action = TSIG_NOTED;
	if (stop_signal && (t->origin == TSIG_KERNEL ||
			    t->origin == TSIG_DIRECT)) {
		t->action = request_stop(T, r->signo);
		/* Two that came before sigtrace looked: two requests. */
		if (r->count > 1 && t->action == TSIG_FIRST_STOP)
			t->action = request_stop(T, r->signo);
	}
	trace_emit(T, NULL, &e);
	if (t->action == TSIG_FIRST_STOP)
		say_first_request(T, &e);
	else if (r->signo == SIGTSTP || r->signo == SIGTTIN ||
		 r->signo == SIGTTOU)
		say_no_stop(T, &e);
}

void ownsig_handle(struct tracer *T)
{
	struct selfsig_rec r;

	while (selfsig_next(&r)) {
		/* The SIGPIPE of sigtrace's own write to a closed pipe: the
		 * write's error says it. */
		if (r.code <= 0 && r.pid == getpid())
			continue;
		handle_one(T, &r);
	}
}
