/* SPDX-License-Identifier: MIT */
/*
 * explain.c - where a delivery came from and what it did: the facts the
 * tracer gathers at a delivery stop (the receiver's pid namespace, the
 * registers, the file behind a descriptor, the terminal, the process
 * group), the origin they give (origin.c), the link of a re-raise to the
 * delivery whose handler ran, and the severity of a default action
 * (severity.c).  docs/explanations.md is the design.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "origin.h"
#include "proc.h"
#include "severity.h"
#include "trace_priv.h"
#include "xmalloc.h"

static struct handled_rec *handled_find(const struct process *p, int signo)
{
	for (struct handled_rec *h = p->handled; h; h = h->next)
		if (h->signo == signo)
			return h;
	return NULL;
}

void explain_facts(struct tracer *T, struct tracee *t,
		   const struct ev_signal *sig, const siginfo_t *si,
		   const struct arch_syscall_state *regs, bool have_regs,
		   struct origin_facts *f)
{
	struct process *p = t->proc;

	memset(f, 0, sizeof(*f));
	f->self = pidns_nested(p) ? p->ns_tgid : p->pid;
	f->si_pid_zero = si->si_pid == 0 && !sig->has_sender &&
			 si_code_from_process(sig->signo, sig->code);
	f->uid = si->si_uid;
	if (have_regs && regs->nr >= 0) {
		f->syscall = arch_abi_syscall_name(regs->abi, regs->nr);
		f->ret = regs->ret;
		memcpy(f->args, regs->args, sizeof(f->args));
		f->arg0_clobbered = !arch_arg0_kept(regs->abi);
	}
	(void)T;
}

void explain_origin(struct tracer *T, struct tracee *t, struct ev_signal *sig,
		    const struct origin_facts *f)
{
	struct process *p = t->proc;

	origin_classify(sig, f);
	if (sig->has_sender && pidns_nested(p)) {
		/* si_pid is in the receiver's namespace: name the process
		 * that sigtrace's /proc numbers. */
		pid_t ns_pid = sig->sender.pid;

		sig->sender.ns_pid = ns_pid;
		sig->sender.pid = pidns_host_pid(T, p, ns_pid,
						 sig->origin == FROM_CHILD);
	}
}

/* The file behind the descriptor a kernel-made SIGPIPE/SIGXFSZ came
 * from, and for a pipe, the traced process that read it and is gone. */
static void epipe_file(struct tracer *T, struct process *p,
		       struct ev_signal *sig)
{
	struct ev_epipe *ep = &sig->epipe;
	struct traced_ident r;
	unsigned long long ino;
	bool fifo = false;

	if (ep->fd < 0 || proc_read_fd_link(p->pid, ep->fd, ep->file,
					     sizeof(ep->file), &fifo) < 0)
		return;
	ep->kind = origin_file_kind(ep->file, fifo);
	if (ep->kind != FILE_PIPE ||
	    sscanf(ep->file, "pipe:[%llu]", &ino) != 1 ||
	    !process_by_stdin_pipe(T, ino, &r))
		return;
	ep->has_reader = true;
	ep->reader.pid = r.pid;
	ep->reader.known = true;
	ep->reader.gone = r.exited;
	memcpy(ep->reader.comm, r.comm, sizeof(ep->reader.comm));
	ep->reader.cmdline = r.argv;
}

/* "/dev/pts/3" from stat's tty_nr (major 136-143: pts; 4: tty). */
static void tty_name(unsigned tty_nr, char *buf, size_t len)
{
	unsigned major = (tty_nr >> 8) & 0xfff;
	unsigned minor = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);

	if (major >= 136 && major <= 143)
		snprintf(buf, len, "/dev/pts/%u", (major - 136) * 256 + minor);
	else if (major == 4 && minor < 64)
		snprintf(buf, len, "/dev/tty%u", minor);
	else if (tty_nr)
		snprintf(buf, len, "tty %u:%u", major, minor);
}

/* A self-sent signal at SIG_DFL right after its handler ran: the
 * clean-exit idiom. */
static void reraise_link(struct tracee *t, struct ev_signal *sig)
{
	struct process *p = t->proc;
	uint64_t when = model_reraise_of(p->model, sig->signo);
	struct handled_rec *h = handled_find(p, sig->signo);
	bool in_frame = false;

	/* The idiom repeats a signal that came from elsewhere; one the
	 * program sent itself (abort() after its handler returned, a
	 * second raise) stays its own doing. */
	if (!when || !h || h->r.mono_ns != when ||
	    h->r.origin == FROM_SELF || h->r.origin == FROM_RERAISE)
		return;
	for (int i = 0; i < t->depth; i++)
		in_frame |= t->frames[i].signo == sig->signo;
	sig->origin = FROM_RERAISE;
	sig->reraise = h->r;
	sig->reraise.in_handler = h->r.tid != t->tid ? -1 :
				  in_frame ? 1 : h->followed ? 0 : -1;
}

/* Could this delivery be one of a signal sent to a process group?  A
 * storm of signals a process sends itself (tgkill), or that another
 * sends it alone, must not pay for the question. */
static bool may_be_group(struct tracer *T, const struct tracee *t,
			 const struct ev_signal *sig,
			 const struct origin_facts *f)
{
	long target;

	if (sig->origin == FROM_SELF)
		return origin_kill_target(f, &target) && target <= 0;
	return sig->origin == FROM_TERMINAL ||
	       (sig->origin == FROM_PROCESS && fanout_possible(T, t, sig));
}

void explain_delivery(struct tracer *T, struct tracee *t,
		      struct ev_signal *sig, const struct origin_facts *f)
{
	struct process *p = t->proc;
	struct proc_stat stat;

	if (sig->origin == FROM_PIPE || sig->origin == FROM_LIMIT)
		epipe_file(T, p, sig);
	if (sig->origin == FROM_SELF && sig->disposition.kind == DISP_DEFAULT)
		reraise_link(t, sig);
	if (sig->disposition.kind == DISP_DEFAULT &&
	    sig_default_action(sig->signo) != SIG_ACT_IGN &&
	    sig_default_action(sig->signo) != SIG_ACT_CONT &&
	    sig->signo != K_SIGKILL && sig->signo != K_SIGSTOP)
		sig->dropped = pidns_drops(p);
	if (may_be_group(T, t, sig, f) && proc_read_stat(p->pid, &stat) == 0) {
		if (sig->origin == FROM_TERMINAL)
			tty_name(stat.tty_nr, sig->tty, sizeof(sig->tty));
		fanout_place(T, p, sig, f, &stat);
	}
}

void explain_delivered(struct tracee *t, const struct event *e,
		       bool followed)
{
	const struct ev_signal *sig = &e->u.sig;
	struct process *p = t->proc;
	struct handled_rec *h;

	p->delivered |= SIGBIT(sig->signo);
	model_note_delivery(p->model, sig->signo, e->mono_ns);
	if (sig->disposition.kind != DISP_HANDLER)
		return;
	h = handled_find(p, sig->signo);
	if (!h) {
		h = xcalloc(1, sizeof(*h));
		h->signo = sig->signo;
		h->next = p->handled;
		p->handled = h;
	}
	h->followed = followed;
	memset(&h->r, 0, sizeof(h->r));
	h->r.present = true;
	h->r.mono_ns = e->mono_ns;
	h->r.tid = t->tid;
	h->r.code = sig->code;
	h->r.origin = sig->origin;
	h->r.term = sig->term;
	h->r.pipe_kind = sig->epipe.kind;
	h->r.has_sender = sig->has_sender;
	h->r.sender = sig->sender;
	h->r.sender_chain = sig->sender_chain;
}

void explain_finding(const struct tracee *t, const struct ev_signal *sig,
		     struct ev_finding *f)
{
	const struct ev_reraise *r = &sig->reraise;
	struct severity_facts sf = {
		.signo = f->signo, .effect = f->effect, .cause = f->cause,
		.origin = sig->origin, .term = sig->term,
		.pipe_kind = sig->epipe.kind, .has_tty = !t->proc->no_tty,
	};

	f->origin = sig->origin;
	if (sig->origin == FROM_RERAISE) {
		char name[16];

		f->cause = CAUSE_RERAISE;
		f->has_cause_time = true;
		f->cause_mono_ns = r->mono_ns;
		f->has_sender = r->has_sender;
		f->sender = r->sender;
		f->sender_chain = r->sender_chain;
		sf.cause = f->cause;
		sf.origin = r->origin;
		sf.term = r->term;
		sf.pipe_kind = r->pipe_kind;
		snprintf(f->detail, sizeof(f->detail),
			 "its handler ran %.3f ms earlier, then it re-raised %s to exit with the default action (the normal clean-exit idiom)",
			 (double)(sig->reraise.mono_ns ?
				  f->delivery_mono_ns - r->mono_ns : 0) / 1e6,
			 sig_name(f->signo, name, sizeof(name)));
	}
	f->has_severity = true;
	f->severity = severity_of_default(&sf);
}
