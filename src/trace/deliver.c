/* SPDX-License-Identifier: MIT */
/*
 * deliver.c - a signal-delivery-stop: who sent what to whom, the
 * disposition in effect (the model, checked against /proc), whether it
 * interrupted a system call, and the default-disposition alarm.  The
 * signal is always re-injected unchanged.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "proc.h"
#include "siginfo.h"
#include "stack.h"
#include "trace_priv.h"

/* The chain of a gone sender, from what sigtrace saw fork it. */
static void known_ancestry(struct tracer *T, pid_t pid, struct ancestry *a)
{
	a->count = 0;
	while (pid > 0 && a->count < ANCESTRY_MAX) {
		pid_t next = 0;

		a->link[a->count].pid = pid;
		if (!process_identity(T, pid, a->link[a->count].comm,
					   NULL, &next))
			break;
		a->count++;
		pid = next;
	}
}

/* A traced sender: sigtrace knows its command line (from its exec) and
 * its parents (it saw the forks), so only its name is read now: one
 * small read instead of a dozen in a signal storm. */
static bool fill_known_sender(struct tracer *T, struct tracee *t,
			      struct ev_signal *sig)
{
	struct proc_ident *id = &sig->sender;
	struct cmdline argv;
	char comm[COMM_MAX];
	pid_t parent = 0;
	struct process *live;

	if (!process_identity(T, id->pid, comm, &argv, &parent))
		return false;
	live = process_find(T, id->pid);
	id->known = true;
	id->gone = false;
	id->cmdline = argv;
	if (live == t->proc)
		memcpy(id->comm, t->proc->comm, sizeof(id->comm));
	else if (!live || proc_read_comm(id->pid, id->comm, sizeof(id->comm)) < 0) {
		id->gone = true;
		memcpy(id->comm, comm, sizeof(id->comm));
	}
	if (parent > 0 || id->gone || !T->attach || !live) {
		known_ancestry(T, parent, &sig->sender_chain);
	} else {
		/* An attached process: its parents are not traced.  Read
		 * them once; a storm of self-sent signals must not walk
		 * /proc each time. */
		if (!live->above) {
			live->above = calloc(1, sizeof(*live->above));
			if (live->above)
				proc_read_ancestry(id->pid, live->above);
		}
		if (live->above)
			sig->sender_chain = *live->above;
	}
	return true;
}

static void fill_sender(struct tracer *T, struct tracee *t,
			struct ev_signal *sig)
{
	uid_t uid = sig->sender.uid;
	pid_t me = getpid();

	if (!sig->has_sender || sig->sender.pid <= 0)
		return;
	if (!fill_known_sender(T, t, sig)) {
		proc_read_ident(sig->sender.pid, &sig->sender);
		if (!sig->sender.gone)
			proc_read_ancestry(sig->sender.pid, &sig->sender_chain);
	}
	sig->sender.uid = uid;	/* si_uid is the kernel's word, keep it */
	/* sigtrace and what started it are not part of the story. */
	for (size_t i = 0; i < sig->sender_chain.count; i++) {
		if (sig->sender_chain.link[i].pid == me) {
			sig->sender_chain.count = i;
			break;
		}
	}
}

/* The model's answer, checked against the kernel's SigCgt/SigIgn. */
static void current_disposition(struct tracer *T, struct tracee *t, int signo,
				uint64_t now, const struct proc_status *st,
				bool have_status, struct disposition *d)
{
	struct process *p = t->proc;
	char msg[DETAIL_MAX];

	if (have_status &&
	    model_check_kernel(p->model, signo, st->caught, st->ignored, now,
			       msg, sizeof(msg))) {
		struct event w;

		event_init(&w, EV_WARNING);
		trace_stamp(&w, p, t->tid);
		snprintf(w.u.warning.message, sizeof(w.u.warning.message),
			 "%s", msg);
		trace_emit(T, p, &w);
		event_init(&w, EV_FINDING);
		trace_stamp(&w, p, t->tid);
		w.u.finding.kind = FINDING_MODEL_MISMATCH;
		w.u.finding.signo = signo;
		snprintf(w.u.finding.detail, sizeof(w.u.finding.detail),
			 "%s", msg);
		trace_emit(T, p, &w);
	}
	process_disposition(p, signo, d);
}

static void alarm_default(struct tracer *T, struct tracee *t,
			  const struct event *delivery)
{
	const struct ev_signal *sig = &delivery->u.sig;
	struct ev_finding f;

	memset(&f, 0, sizeof(f));
	if (!model_explain_default(t->proc->model, sig->signo,
				   delivery->mono_ns, &f))
		return;
	f.code = sig->code;
	f.has_sender = sig->has_sender;
	f.sender = sig->sender;
	f.sender_chain = sig->sender_chain;
	pending_report(T, t->proc, t->tid, &f);
}

static bool handler_runs(const struct disposition *d)
{
	return d->kind == DISP_HANDLER;
}

static void emit_interrupted(struct tracer *T, struct tracee *t,
			     const struct event *delivery,
			     const struct handler_frame *f)
{
	struct event e;

	frame_event(&e, EV_INTERRUPTED, t, f);
	e.mono_ns = delivery->mono_ns;
	e.real_sec = delivery->real_sec;
	e.real_nsec = delivery->real_nsec;
	trace_emit(T, t->proc, &e);
}

static void complete_delivery(struct tracer *T, struct tracee *t,
			      struct event *e, uint64_t sp);

static bool hold(struct tracee *t, const struct event *e, uint64_t sp)
{
	t->held = malloc(sizeof(*t->held));
	if (!t->held)
		return false;
	*t->held = *e;
	t->held_sp = sp;
	t->awaiting_step = true;
	return true;
}

void deliver_release_held(struct tracer *T, struct tracee *t)
{
	if (!t->held)
		return;
	complete_delivery(T, t, t->held, t->held_sp);
	stack_free(t->held->u.sig.stack);
	free(t->held);
	t->held = NULL;
	t->awaiting_step = false;
}

void deliver_step_landed(struct tracer *T, struct tracee *t)
{
	struct arch_syscall_state regs;
	struct event *e = t->held;

	t->awaiting_step = false;
	if (e && arch_get_syscall_state(t->tid, &regs) == 0) {
		int signo = e->u.sig.signo;

		e->u.sig.disposition.handler = regs.ip;
		model_learn_handler(t->proc->model, signo, regs.ip);
		if (t->proc->reported)
			stack_symbolize_disposition(t->proc->pid,
						    &e->u.sig.disposition);
	}
	deliver_release_held(T, t);
	tracee_resume(T, t, 0);	/* the SIGTRAP was ours: suppress it */
}

/* Log a delivery and act on it: follow its handler, raise the alarm,
 * tell the outcome of a call it interrupted.  Does not resume. */
static void complete_delivery(struct tracer *T, struct tracee *t,
			      struct event *e, uint64_t sp)
{
	struct ev_signal *sig = &e->u.sig;
	bool interrupted = sig->syscall >= 0;
	int signo = sig->signo;
	struct handler_frame f;

	frame_of_delivery(&f, sig, sp, e->mono_ns);
	trace_emit(T, t->proc, e);
	if (interrupted)
		emit_interrupted(T, t, e, &f);
	if (handler_runs(&sig->disposition)) {
		model_delivered(t->proc->model, signo, e->mono_ns);
		/* Follow the handler to its sigreturn when it interrupted a
		 * call, or when an outer handler is being followed (its
		 * sigreturns must pair with the right frames). */
		if (interrupted || t->depth > 0)
			frame_push(t, &f);
		return;
	}
	if (sig->disposition.kind == DISP_DEFAULT)
		alarm_default(T, t, e);
	if (interrupted && !(sig->disposition.kind == DISP_DEFAULT &&
	     (sig_default_action(signo) == SIG_ACT_TERM ||
	      sig_default_action(signo) == SIG_ACT_CORE))) {
		/* No handler runs: -EINTR reaches the program as is, every
		 * -ERESTART* code is restarted. */
		frame_emit_outcome(T, t, &f, sig->syscall_ret);
	}
}

void deliver_signal(struct tracer *T, struct tracee *t, int stopsig)
{
	struct arch_syscall_state regs;
	struct proc_status st;
	bool have_status;
	siginfo_t si;
	struct event e;
	struct ev_signal *sig = &e.u.sig;

	if (ptrace(PTRACE_GETSIGINFO, t->tid, 0, &si) < 0) {
		/* ESRCH: gone.  EINVAL: not a signal stop after all. */
		tracee_resume(T, t, 0);
		return;
	}
	T->deliveries++;
	/* The kernel's truth for the cross-check, read once.  Names change
	 * (prctl PR_SET_NAME): re-read comm only when status says so. */
	have_status = proc_read_status(t->proc->pid, t->tid, &st) == 0;
	if (have_status && strcmp(st.name, t->proc->status_name) != 0) {
		memcpy(t->proc->status_name, st.name, sizeof(st.name));
		proc_read_comm(t->proc->pid, t->proc->comm,
			       sizeof(t->proc->comm));
	}
	event_init(&e, EV_SIGNAL);
	trace_stamp(&e, t->proc, t->tid);
	siginfo_decode(&si, sig);
	sig->signo = stopsig;
	fill_sender(T, t, sig);
	memset(&regs, 0, sizeof(regs));
	if (arch_get_syscall_state(t->tid, &regs) == 0 && regs.nr >= 0 &&
	    sig_ret_is_interrupt(regs.ret)) {
		sig->syscall = regs.nr;
		sig->syscall_name = arch_abi_syscall_name(regs.abi, regs.nr);
		sig->syscall_ret = regs.ret;
	}
	current_disposition(T, t, stopsig, e.mono_ns, &st, have_status,
			    &sig->disposition);
	if (t->proc->reported) {
		stack_symbolize_disposition(t->proc->pid, &sig->disposition);
		/* A backtrace nobody sees is not worth its cost to the
		 * tracee. */
		if (T->cfg.stack_depth && trace_shown(T, &e))
			sig->stack = stack_capture(t->proc->pid, t->tid,
						   T->cfg.stack_depth);
	}
	if (handler_runs(&sig->disposition) && !sig->disposition.handler &&
	    hold(t, &e, regs.sp)) {
		/* Attach mode knows a handler exists, not where: one step
		 * lands on its first instruction.  The delivery is logged
		 * then, with the address. */
		ptrace(PTRACE_SINGLESTEP, t->tid, 0, (void *)(long)stopsig);
		return;
	}
	complete_delivery(T, t, &e, regs.sp);
	stack_free(sig->stack);
	tracee_resume(T, t, stopsig);
}
