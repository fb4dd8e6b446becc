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

#include "origin.h"
#include "proc.h"
#include "sender.h"
#include "siginfo.h"
#include "stack.h"
#include "trace_priv.h"

/* The chain of a gone sender, from what sigtrace saw fork it. */
static void known_ancestry(struct tracer *T, pid_t pid, struct ancestry *a)
{
	struct traced_ident id;

	a->count = 0;
	while (pid > 0 && a->count < ANCESTRY_MAX &&
	       process_identity(T, pid, &id)) {
		a->link[a->count].pid = pid;
		memcpy(a->link[a->count].comm, id.comm, COMM_MAX);
		a->count++;
		pid = id.parent;
	}
}

/*
 * Is the traced process sigtrace remembers as R the one that has R's
 * pid in the signal?  A live one is (a pid is not reused while its
 * process exists, zombie included); an exited one, if /proc still shows
 * it (same start time), or if the pid counter has not come round to its
 * pid since it exited (nobody else can have had it).  ns_last_pid moved
 * backwards by hand (CRIU) defeats the last test; issue 16's observers
 * see every process and do not need it.
 */
static bool record_is_sender(const struct traced_ident *r, bool *zombie)
{
	struct proc_stat st;
	long now, then = r->last_pid;

	*zombie = false;
	if (!r->exited)
		return true;
	if (proc_read_stat(r->pid, &st) == 0) {
		/* The start time counts clock ticks: two processes can share
		 * one; the name tells them apart (a rename since sigtrace
		 * last looked only makes /proc name it instead). */
		*zombie = st.state == 'Z';
		return st.start_time == r->start_time &&
		       strcmp(st.comm, r->comm) == 0;
	}
	now = proc_read_last_pid();
	if (now < 0 || then < 0)
		return false;
	/* Was r->pid handed out in (then, now], counting round pid_max? */
	if (then <= now)
		return !(r->pid > then && r->pid <= now);
	return !(r->pid > then || r->pid <= now);
}

/* What /proc shows of the live traced process P now: its name and
 * title, read once per period (identcache.c), or NULL when it is gone. */
static const struct ident_entry *live_ident(struct tracer *T,
					    const struct process *p,
					    uint64_t now)
{
	struct ident_key k = { .pid = p->pid, .start_time = p->start_time,
			       .exec_ns = p->model->exec_ns,
			       .comm = p->comm };

	return ident_cache_get(&T->idents, &k, now);
}

/* A traced sender: sigtrace knows its command line (from its exec) and
 * its parents (it saw the forks); its name and title as ps shows them
 * come from a cache, so a signal storm does not read /proc each time. */
static bool fill_known_sender(struct tracer *T, struct tracee *t,
			      struct ev_signal *sig, uint64_t now)
{
	const struct ident_entry *cur = NULL;
	struct proc_ident *id = &sig->sender;
	struct traced_ident r;
	struct process *live;
	bool zombie = false;

	if (!process_identity(T, id->pid, &r))
		return false;
	/* A child's SIGCHLD comes from its death, which sigtrace saw. */
	if (sig->origin != FROM_CHILD && !record_is_sender(&r, &zombie))
		return false;
	live = process_find(T, id->pid);
	id->known = true;
	id->gone = false;
	id->zombie = zombie;
	id->cmdline = r.argv;
	if (live == t->proc) {
		memcpy(id->comm, t->proc->comm, sizeof(id->comm));
	} else if (!live || !(cur = live_ident(T, live, now))) {
		id->gone = true;
		memcpy(id->comm, r.comm, sizeof(id->comm));
	} else {
		/* Once it is exiting it has no title: its exec's argv is
		 * the best we know. */
		memcpy(id->comm, cur->comm, sizeof(id->comm));
		if (cur->title.len > 0)
			id->cmdline = cur->title;
	}
	if (r.parent > 0 || id->gone || !T->attach || !live) {
		known_ancestry(T, r.parent, &sig->sender_chain);
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

/* Has the traced sender of SIG renamed itself since the cache read its
 * name?  The kernel observer's record of the send S (bpf: the sending
 * thread's name at send time) tells at no cost when the sender's first
 * thread sent it; the name itself is still read from /proc. */
static bool renamed_since(const struct sender_info *s,
			  const struct tracee *t, const struct ev_signal *sig)
{
	const struct proc_ident *id = &sig->sender;

	return s && s->tid == s->who.pid && s->who.pid == id->pid &&
	       id->pid != t->proc->pid && !id->gone && s->who.comm[0] &&
	       strcmp(s->who.comm, id->comm) != 0;
}

/* An untraced sender (kill(1)) is gone within a millisecond of its
 * kill(): the sender observer saw it at send time; /proc is the last
 * resort.  A traced sender's delivery only claims its send.  consumed.c
 * names the sender of a signal taken without a delivery here too. */
void deliver_sender(struct tracer *T, struct tracee *t, struct ev_signal *sig,
		    uint64_t now)
{
	uid_t uid = sig->sender.uid;

	if (!sig->has_sender) {
		observe_claim(T, t, sig, now);
		return;
	}
	if (sig->sender.pid <= 0) {
		/* In another pid namespace, and gone: nothing to read in
		 * /proc; the kernel observer knows it by its host pid. */
		sig->sender.known = false;
		sig->sender.gone = true;
		if (sig->code > 0 || !observe_sender(T, t, sig, now))
			observe_claim(T, t, sig, now);
	} else if (fill_known_sender(T, t, sig, now)) {
		snprintf(sig->sender.source, sizeof(sig->sender.source),
			 "tracer");
		if (renamed_since(observe_claim(T, t, sig, now), t, sig)) {
			ident_cache_forget(&T->idents, sig->sender.pid);
			fill_known_sender(T, t, sig, now);
		}
	} else if (!observe_sender(T, t, sig, now)) {
		/* A kernel-made signal (SIGCHLD) is sent by whoever the
		 * kernel runs for: a send is still claimed. */
		if (sig->code > 0)
			observe_claim(T, t, sig, now);
		proc_read_ident(sig->sender.pid, &sig->sender);
		snprintf(sig->sender.source, sizeof(sig->sender.source),
			 "proc");
		if (!sig->sender.gone || sig->sender.zombie)
			proc_read_ancestry(sig->sender.pid, &sig->sender_chain);
	}
	sig->sender.uid = uid;	/* si_uid is the kernel's word, keep it */
	/* sigtrace and what started it are not part of the story. */
	for (size_t i = 0; i < sig->sender_chain.count; i++) {
		if (sig->sender_chain.link[i].pid == T->self) {
			sig->sender_chain.count = i;
			snprintf(sig->sender_chain.end,
				 sizeof(sig->sender_chain.end), "tracer");
			break;
		}
	}
}

/* How long one check of a signal's disposition against the kernel
 * vouches for the model (the attach mode poll's default period). */
#define CHECK_PERIOD_NS 100000000u

/*
 * Does the delivery of SIGNO need the kernel's word (/proc/TID/status:
 * SigCgt and SigIgn, and the thread's name)?  Reading it is most of what
 * a delivery costs sigtrace, so only where the model can be wrong: a
 * handler known in attach mode only by SigCgt (not seen yet), a process
 * whose model already disagreed once; otherwise once per signal and
 * process per CHECK_PERIOD_NS, so that a model gone wrong (a sigaction
 * sigtrace could not see) is still caught, and a rename noticed.
 */
static bool status_needed(struct process *p, int signo, uint64_t now)
{
	const struct sig_state *s = model_get(p->model, signo);

	if (p->suspect || (s && s->disp.kind == DISP_HANDLER &&
			   !s->disp.handler))
		return true;
	if (now - p->checked_ns >= CHECK_PERIOD_NS || !p->checked_ns) {
		p->checked_ns = now;
		p->checked = 0;
	}
	if (signo < 1 || signo > SIG_MAX || (p->checked & SIGBIT(signo)))
		return false;
	p->checked |= SIGBIT(signo);
	return true;
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
		p->suspect = true;
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
	/* A namespace's init does not get it: nothing happened. */
	if (sig->dropped != DROP_NONE ||
	    !model_explain_default(t->proc->model, sig->signo,
				   delivery->mono_ns, &f))
		return;
	f.code = sig->code;
	f.has_sender = sig->has_sender;
	f.sender = sig->sender;
	f.sender_chain = sig->sender_chain;
	explain_finding(t, sig, &f);
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
			      struct event *e, uint64_t sp,
			      enum ignored_fix fix);

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
	complete_delivery(T, t, t->held, t->held_sp, IGNORED_NONE);
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
			      struct event *e, uint64_t sp,
			      enum ignored_fix fix)
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
		/* Follow the handler to its sigreturn when it interrupted a
		 * call whose outcome cannot be told now, or when an outer
		 * handler is being followed (its sigreturns must pair with
		 * the right frames). */
		bool follow = (interrupted &&
			       !frame_tell_at_delivery(T, t, &f)) ||
			      t->depth > 0;

		model_delivered(t->proc->model, signo, e->mono_ns);
		explain_delivered(t, e, follow);
		if (follow)
			frame_push(t, &f);
		return;
	}
	explain_delivered(t, e, false);
	if (sig->disposition.kind == DISP_DEFAULT)
		alarm_default(T, t, e);
	if (interrupted && !(sig->disposition.kind == DISP_DEFAULT &&
	     (sig_default_action(signo) == SIG_ACT_TERM ||
	      sig_default_action(signo) == SIG_ACT_CORE))) {
		/* No handler runs: -EINTR reaches the program as is (or
		 * is fixed: ignored.c), every -ERESTART* code is restarted. */
		if (fix != IGNORED_NONE)
			ignored_emit_outcome(T, t, &f, fix);
		else
			frame_emit_outcome(T, t, &f, sig->syscall_ret);
	}
}

/*
 * Are the registers worth a system call at this delivery?  A fault the
 * kernel raised (SIGSEGV, SIGBUS, SIGILL, SIGFPE with a positive
 * si_code) happened in user code, never inside a system call, so outside
 * a handler being followed (whose frames pair by stack pointer) they say
 * nothing: a JVM takes such a fault for every NullPointerException.
 */
static bool needs_regs(const struct tracee *t, const siginfo_t *si, int sig)
{
	if (t->depth > 0 || si->si_code <= 0)
		return true;
	return sig != SIGSEGV && sig != SIGBUS && sig != SIGILL &&
	       sig != SIGFPE;
}

/* The receiver's own state at the stop: its status (read after the
 * sender, who may be gone any moment), a new name, its signal table
 * changes that attach mode has not seen yet, its own command line if it
 * never exec'd (ps shows that, not its parent's). */
static bool receiver_status(struct tracer *T, struct tracee *t,
			    struct proc_status *st, struct ev_signal *sig)
{
	struct process *p = t->proc;

	if (proc_read_status(p->pid, t->tid, st) < 0)
		return false;
	if (strcmp(st->name, p->status_name) != 0) {
		memcpy(p->status_name, st->name, sizeof(st->name));
		proc_read_comm(p->pid, p->comm, sizeof(p->comm));
	}
	if (T->attach)
		poll_process_status(T, p, st);
	if (!p->execd && proc_read_cmdline(p->pid, &sig->argv) == 0 &&
	    (sig->argv.len != p->argv->len ||
	     memcmp(sig->argv.buf, p->argv->buf, p->argv->len) != 0)) {
		process_set_argv(p, &sig->argv);
		sig->has_argv = true;
	}
	return true;
}

/* The call the thread was in, when REGS hold an interrupted one. */
static void interrupted_call(struct ev_signal *sig,
			     const struct arch_syscall_state *regs)
{
	sig->syscall = -1;
	if (regs->nr < 0 || !sig_ret_is_interrupt(regs->ret))
		return;
	sig->syscall = regs->nr;
	sig->syscall_name = arch_abi_syscall_name(regs->abi, regs->nr);
	sig->syscall_ret = regs->ret;
}

/* An ignored signal, queued only because the thread is traced, in a
 * call it interrupted (ignored.c): what to do about it.  A restart of
 * an earlier one that has not run yet is settled first. */
/* Was T in a call that ignored_call() may restart or undo? */
static bool call_interrupted(const struct tracee *t, bool have_regs,
			     const struct arch_syscall_state *regs)
{
	return have_regs && (t->restart_ip ||
			     (regs->nr >= 0 && regs->ret == -EINTR));
}

static enum ignored_fix ignored_call(struct tracee *t, struct ev_signal *sig,
				     const struct proc_status *st,
				     bool have_status,
				     struct arch_syscall_state *regs)
{
	bool ignored = have_status && ignored_now(st, sig->signo);

	if (t->restart_ip) {
		ignored_recheck(t, ignored, regs);
		interrupted_call(sig, regs);
	}
	if (sig->syscall < 0)
		return IGNORED_NONE;
	return ignored_fix(t, ignored, regs, sig->syscall_name);
}

static bool fatal_default(const struct ev_signal *sig)
{
	enum sig_action a = sig_default_action(sig->signo);

	return sig->disposition.kind == DISP_DEFAULT &&
	       sig->dropped == DROP_NONE &&
	       (a == SIG_ACT_TERM || a == SIG_ACT_CORE);
}

void deliver_signal(struct tracer *T, struct tracee *t, int stopsig,
		    const siginfo_t *read_si)
{
	struct arch_syscall_state regs;
	enum ignored_fix fix = IGNORED_NONE;
	struct origin_facts facts;
	struct proc_status st;
	bool have_status, have_regs;
	siginfo_t si;
	struct event e;
	struct ev_signal *sig = &e.u.sig;

	if (read_si)
		si = *read_si;
	else if (ptrace(PTRACE_GETSIGINFO, t->tid, 0, &si) < 0) {
		/* ESRCH: gone.  EINVAL: not a signal stop after all. */
		tracee_resume(T, t, 0);
		return;
	}
	T->deliveries++;
	event_init(&e, EV_SIGNAL);
	trace_stamp(&e, t->proc, t->tid);
	siginfo_decode(&si, sig);
	sig->signo = stopsig;
	memset(&regs, 0, sizeof(regs));
	regs.nr = -1;
	have_regs = needs_regs(t, &si, stopsig) &&
		arch_get_syscall_state(t->tid, &regs) == 0;
	explain_facts(T, t, sig, &si, &regs, have_regs, &facts);
	explain_origin(T, t, sig, &facts);
	deliver_sender(T, t, sig, e.mono_ns);
	if (sig->has_sender && sig->sender.pid > 0)
		ownsig_saw_delivery(T, stopsig, sig->sender.pid);
	/* The kernel's truth for the cross-check (and a new name), when
	 * needed: most of what a delivery costs.  Always before sigtrace
	 * acts on a call the signal interrupted (ignored_call): the model
	 * alone must not make it drop a signal. */
	have_status = (call_interrupted(t, have_regs, &regs) ||
		       status_needed(t->proc, stopsig, e.mono_ns)) &&
		receiver_status(T, t, &st, sig);
	trace_stamp(&e, t->proc, t->tid);	/* a new name, now read */
	if (have_regs)
		interrupted_call(sig, &regs);
	current_disposition(T, t, stopsig, e.mono_ns, &st, have_status,
			    &sig->disposition);
	if (have_regs)
		fix = ignored_call(t, sig, &st, have_status, &regs);
	explain_delivery(T, t, sig, &facts);
	/* An EINTR restored just before: seen only if the thread lives. */
	frame_flush_outcome(T, t, fatal_default(sig));
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
		if (tracee_release(T, t, PTRACE_SINGLESTEP, stopsig) < 0)
			/* No step (the thread is continued, or gone): the
			 * delivery without the handler's address. */
			deliver_release_held(T, t);
		return;
	}
	complete_delivery(T, t, &e, regs.sp, fix);
	stack_free(sig->stack);
	/* A restarted call's signal is dropped: ignored, it is nothing. */
	tracee_resume(T, t, fix == IGNORED_RESTARTED ? 0 : stopsig);
}
