/* SPDX-License-Identifier: MIT */
/*
 * frames.c - the handlers a thread is running that sigtrace follows to
 * their rt_sigreturn, innermost last, and what the call each one
 * interrupted did in the end.  Most threads never nest a handler, so the
 * room for frames is taken when first needed and grows by doubling up to
 * FRAME_DEPTH_MAX.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kconst.h"
#include "proc.h"
#include "sigtab.h"
#include "trace_priv.h"
#include "xmalloc.h"

#define FRAMES_FIRST 2

static bool make_room(struct tracee *t)
{
	int cap = t->frames_cap ? t->frames_cap * 2 : FRAMES_FIRST;
	struct handler_frame *f;

	if (cap > FRAME_DEPTH_MAX)
		cap = FRAME_DEPTH_MAX;
	f = realloc(t->frames, sizeof(*f) * (size_t)cap);
	if (!f)
		return false;
	t->frames = f;
	t->frames_cap = cap;
	return true;
}

/*
 * What a call interrupted by a handler returns, when the kernel's rules
 * decide it at the delivery (handle_signal(): -ERESTARTNOHAND and
 * -ERESTART_RESTARTBLOCK become EINTR, -ERESTARTNOINTR restarts,
 * -ERESTARTSYS restarts only with SA_RESTART, which needs the flags
 * known; a call that already failed with -EINTR stays failed).  Only the
 * handler's return is left to see: one that leaves by siglongjmp
 * abandons the call instead (syscall_stop.c).
 */
static bool outcome_known(const struct ev_signal *sig, long *ret)
{
	const struct disposition *d = &sig->disposition;

	switch (sig->syscall_ret) {
	case -EINTR:
	case -K_ERESTARTNOHAND:
	case -K_ERESTART_RESTARTBLOCK:
		*ret = -EINTR;
		return true;
	case -K_ERESTARTNOINTR:
		*ret = sig->syscall_ret;
		return true;
	case -K_ERESTARTSYS:
		if (!d->flags_known)
			return false;
		*ret = (d->flags & K_SA_RESTART) ? sig->syscall_ret : -EINTR;
		return true;
	default:
		return false;
	}
}

void frame_of_delivery(struct handler_frame *f, const struct ev_signal *sig,
		       uint64_t sp, uint64_t now)
{
	memset(f, 0, sizeof(*f));
	f->signo = sig->signo;
	f->syscall = sig->syscall;
	f->syscall_name = sig->syscall_name;
	f->code = sig->syscall_ret;
	f->sp = sp;
	f->mono_ns = now;
	f->handler = sig->disposition;
	f->decided = sig->syscall >= 0 && sig->disposition.kind == DISP_HANDLER &&
		outcome_known(sig, &f->decided_ret);
}

/* Of the deliveries told for one handler, one in RETURNED_RECHECK is
 * followed all the same: a handler that changed its ways (it now leaves
 * by siglongjmp, or re-raises its signal) is found out again. */
#define RETURNED_RECHECK 64

/* Has F's handler, as SIGNO's disposition is now, been seen returning? */
static struct handler_returned *returned_find(struct process *p,
					      const struct handler_frame *f)
{
	const struct sig_state *s = model_get(p->model, f->signo);

	if (!s)
		return NULL;
	for (unsigned i = 0; i < HANDLERS_RETURNED; i++) {
		struct handler_returned *r = &p->returned[i];

		if (r->signo == f->signo && r->handler == f->handler.handler &&
		    r->since_ns == s->since_ns)
			return r;
	}
	return NULL;
}

/*
 * F's handler returned to the kernel by rt_sigreturn, sending nothing:
 * it is a handler that returns.  One that left by siglongjmp, or that
 * re-raises its signal, never gets here, and stays followed every time.
 * (Attach mode knows no SA_RESTART: a -ERESTARTSYS call is followed
 * each time, since a sigaction it does not see, siginterrupt(), may
 * change it.)
 */
static void returned_learn(struct process *p, const struct handler_frame *f)
{
	const struct sig_state *s = model_get(p->model, f->signo);
	struct handler_returned *r;

	if (!s)
		return;
	r = returned_find(p, f);
	if (!r) {
		r = &p->returned[p->returned_next++ % HANDLERS_RETURNED];
		r->signo = f->signo;
		r->handler = f->handler.handler;
		r->since_ns = s->since_ns;
	}
	r->told = 0;
}

/* F's handler did not return, or sent a signal: follow it again. */
static void returned_forget(struct process *p, const struct handler_frame *f)
{
	struct handler_returned *r = returned_find(p, f);

	if (r)
		memset(r, 0, sizeof(*r));
}

void frame_abandoned(struct tracee *t, const struct handler_frame *f)
{
	returned_forget(t->proc, f);
}

bool frame_tell_at_delivery(struct tracer *T, struct tracee *t,
			    const struct handler_frame *f)
{
	struct handler_returned *r;

	/* Nested under a followed handler: its sigreturns must pair with
	 * frames. */
	if (!f->decided || t->depth > 0 || !(r = returned_find(t->proc, f)))
		return false;
	/* Held at the bound until a followed one returns (or the counter
	 * would wrap and tell 63 more unfollowed). */
	if (r->told >= RETURNED_RECHECK - 1) {
		r->told = RETURNED_RECHECK;
		return false;
	}
	r->told++;
	frame_emit_outcome(T, t, f, f->decided_ret);
	return true;
}

void frame_push(struct tracee *t, const struct handler_frame *f)
{
	if (t->depth >= FRAME_DEPTH_MAX) {
		/* Deeper nesting than any sane program: forget the oldest. */
		memmove(&t->frames[0], &t->frames[1],
			sizeof(t->frames[0]) * (FRAME_DEPTH_MAX - 1));
		t->depth--;
	} else if (t->depth == t->frames_cap && !make_room(t)) {
		/* Out of memory: follow none rather than pair a sigreturn
		 * with the wrong frame. */
		t->depth = 0;
		return;
	}
	t->frames[t->depth++] = *f;
}

struct handler_frame *frame_top(struct tracee *t)
{
	return t->depth > 0 ? &t->frames[t->depth - 1] : NULL;
}

void frame_drop(struct tracee *t)
{
	if (t->depth > 0)
		t->depth--;
}

void frames_clear(struct tracee *t)
{
	t->depth = 0;
}

void frames_free(struct tracee *t)
{
	free(t->frames);
	t->frames = NULL;
	t->frames_cap = 0;
	t->depth = 0;
}

void frame_event(struct event *e, enum event_type type,
		 const struct tracee *t, const struct handler_frame *f)
{
	event_init(e, type);
	trace_stamp(e, t->proc, t->tid);
	e->u.sc.syscall = f->syscall;
	e->u.sc.syscall_name = f->syscall_name;
	e->u.sc.code = f->code;
	e->u.sc.signo = f->signo;
	e->u.sc.handler = f->handler;
	e->u.sc.never_restarted = f->syscall_name &&
		syscall_never_restarted(f->syscall_name);
}

bool frame_return_decided(struct tracer *T, struct tracee *t)
{
	struct handler_frame *f = frame_top(t);

	if (!f || !f->decided || f->sent)
		return false;
	if (f->syscall >= 0)
		frame_emit_outcome(T, t, f, f->decided_ret);
	returned_learn(t->proc, f);
	frame_drop(t);
	return true;
}

void frame_emit_outcome(struct tracer *T, struct tracee *t,
			const struct handler_frame *f, long ret)
{
	struct event e;

	frame_event(&e, ret == -EINTR ? EV_EINTR : EV_RESTARTED, t, f);
	trace_emit(T, t->proc, &e);
}

void frame_sigreturned(struct tracer *T, struct tracee *t,
		       const struct handler_frame *f, long ret)
{
	struct proc_status st;

	if (f->sent)
		returned_forget(t->proc, f);
	else if (f->decided)
		returned_learn(t->proc, f);
	/* The clean-exit idiom: the handler re-raised its signal, blocked
	 * while it ran; rt_sigreturn unblocks it and the kernel delivers
	 * it before a single instruction of the program runs. */
	if (ret == -EINTR &&
	    proc_read_status(t->proc->pid, t->tid, &st) == 0 &&
	    ((st.pending | st.shared_pending) & ~st.blocked)) {
		if (!t->held_frame)
			t->held_frame = xmalloc(sizeof(*t->held_frame));
		t->outcome_held = true;
		*t->held_frame = *f;
		t->held_ret = ret;
		return;
	}
	frame_emit_outcome(T, t, f, ret);
}

void frame_flush_outcome(struct tracer *T, struct tracee *t, bool unseen)
{
	struct event e;

	if (!t->outcome_held)
		return;
	t->outcome_held = false;
	frame_event(&e, EV_EINTR, t, t->held_frame);
	e.u.sc.unseen = unseen;
	trace_emit(T, t->proc, &e);
}
