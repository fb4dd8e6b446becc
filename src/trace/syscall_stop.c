/* SPDX-License-Identifier: MIT */
/*
 * syscall_stop.c - the only syscall stops sigtrace asks for:
 *  - the seccomp stop of a sigaction call, then its exit stop for the
 *    result and the old disposition;
 *  - the seccomp stop of a call that may take a signal without a
 *    delivery, then its exit stop (consumed.c);
 *  - while a handler that interrupted a syscall runs, that thread's
 *    syscall stops until its rt_sigreturn, whose restored return value
 *    says what the program saw: -EINTR, or a restart.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <linux/seccomp.h>

#include "stack.h"
#include "tracee_mem.h"
#include "trace_priv.h"
#include "xmalloc.h"

#ifdef SIGTRACE_TEST_HOOKS
/* Test builds only (tests/integration/model_check.sh): starve the model
 * of sigaction calls, so its cross-check with the kernel can be seen. */
static bool test_ignore_sigaction(void)
{
	static int ignore = -1;

	if (ignore < 0)
		ignore = getenv("SIGTRACE_TEST_IGNORE_SIGACTION") != NULL;
	return ignore;
}
#else
static bool test_ignore_sigaction(void)
{
	return false;
}
#endif

/* A syscall's return: an error is -4095..-1; anything else is success,
 * e.g. the old handler that signal() returns. */
static bool syscall_failed(long rval)
{
	return rval < 0 && rval >= -K_MAX_ERRNO;
}

static void disposition_from_ksa(const struct arch_ksigaction *ksa,
				 struct disposition *d)
{
	memset(d, 0, sizeof(*d));
	if (ksa->handler == K_SIG_DFL)
		d->kind = DISP_DEFAULT;
	else if (ksa->handler == K_SIG_IGN)
		d->kind = DISP_IGNORED;
	else
		d->kind = DISP_HANDLER;
	d->handler = d->kind == DISP_HANDLER ? ksa->handler : 0;
	d->flags = ksa->flags;
	d->mask = ksa->mask;
	d->restorer = ksa->restorer;
	d->flags_known = true;
}

/* At the entry of a sigaction call: what the program asks for, and
 * with -k where it asks from (the stack is gone by the exit stop). */
static void begin_sigaction(struct tracer *T, struct tracee *t,
			    const struct arch_syscall_state *st_,
			    enum arch_sigaction_kind kind)
{
	const struct arch_syscall_state st = *st_;
	struct sigaction_call *sa;

	/* Few threads install handlers: the room for one call is made by
	 * a thread's first. */
	if (!t->sa)
		t->sa = xmalloc(sizeof(*t->sa));
	sa = t->sa;
	memset(sa, 0, sizeof(*sa));
	sa->kind = kind;
	sa->abi = st.abi;
	sa->nr = st.nr;
	sa->signo = (int)st.args[0];
	sa->act = st.args[1];
	sa->oldact = kind == ARCH_SA_SIGNAL ? 0 : st.args[2];
	if (kind == ARCH_SA_SIGNAL) {
		sa->has_new = true;
		sa->new_sa.handler = st.args[1];
		sa->new_sa.flags = K_SIGNAL_SYSCALL_FLAGS;
	} else if (sa->act) {
		sa->has_new = true;
		sa->read_err = -tracee_read_ksigaction(t->tid, st.abi, sa->act,
						       kind, &sa->new_sa);
	}
	stack_free(t->sa_stack);
	t->sa_stack = NULL;
	if (T->cfg.stack_depth && t->proc->reported)
		t->sa_stack = stack_capture(t->proc->pid, t->tid,
					    T->cfg.stack_depth);
	t->sa_pending = true;
	t->cur_nr = st.nr;
	t->cur_abi = st.abi;
	t->in_syscall = true;
}

/* A seccomp stop of the program's own SECCOMP_RET_TRACE filter (data
 * DATA): untraced, no tracer takes it and the call fails with ENOSYS, so
 * here too (kfacts seccomp).  Said once per process. */
static void own_filter_stop(struct tracer *T, struct tracee *t,
			    unsigned long data)
{
	struct arch_syscall_state st;
	const char *name = "a call";
	char buf[32];
	struct event w;

	if (arch_get_syscall_state(t->tid, &st) == 0)
		name = syscall_label(arch_abi_syscall_name(st.abi, st.nr),
				     st.nr, buf, sizeof(buf));
	if (arch_skip_syscall(t->tid, -ENOSYS) < 0 || t->proc->own_filter_said)
		return;
	t->proc->own_filter_said = true;
	event_init(&w, EV_WARNING);
	trace_stamp(&w, t->proc, t->tid);
	snprintf(w.u.warning.message, sizeof(w.u.warning.message),
		 "the program's own seccomp filter asks a tracer to decide (SECCOMP_RET_TRACE, data 0x%lx) on %s(): it fails with ENOSYS, as it does untraced",
		 data, name);
	trace_emit(T, t->proc, &w);
}

void syscall_seccomp_stop(struct tracer *T, struct tracee *t)
{
	struct arch_syscall_state st;
	enum arch_sigaction_kind kind;
	unsigned long data = TRACE_SECCOMP_DATA;
	bool exit_wanted = false;

	/* The filter whose action won says which: the later one, when two
	 * return RET_TRACE (the program's, installed after sigtrace's). */
	ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &data);
	if ((data & SECCOMP_RET_DATA) != TRACE_SECCOMP_DATA) {
		own_filter_stop(T, t, data & SECCOMP_RET_DATA);
	} else if (arch_get_syscall_state(t->tid, &st) == 0) {
		if (arch_is_sigaction(st.abi, st.nr, &kind))
			begin_sigaction(T, t, &st, kind);
		else
			exit_wanted = consumed_entry(T, t, &st);
	}
	/* Its exit stop, this once: nothing comes between (a signal is
	 * delivered after it). */
	if (exit_wanted)
		tracee_release(T, t, PTRACE_SYSCALL, 0);
	else
		tracee_resume(T, t, 0);
}

static void finish_sigaction(struct tracer *T, struct tracee *t, long rval)
{
	struct sigaction_call *sa = t->sa;
	struct process *p = t->proc;
	const struct sig_state *s = model_get(p->model, sa->signo);
	struct arch_ksigaction old;
	bool ok = !syscall_failed(rval);
	struct event e;

	t->sa_pending = false;
	event_init(&e, EV_SIGACTION);
	trace_stamp(&e, t->proc, t->tid);
	e.u.sa.signo = sa->signo;
	e.u.sa.syscall = arch_abi_syscall_name(sa->abi, sa->nr);
	e.u.sa.result = ok ? 0 : (int)-rval;
	if (ok && sa->oldact &&
	    tracee_read_ksigaction(t->tid, sa->abi, sa->oldact, sa->kind,
				   &old) == 0) {
		e.u.sa.has_old = true;
		disposition_from_ksa(&old, &e.u.sa.old_disp);
	} else if (s) {
		e.u.sa.has_old = true;
		e.u.sa.old_disp = s->disp;
	}
	if (sa->has_new && !sa->read_err) {
		e.u.sa.has_new = true;
		disposition_from_ksa(&sa->new_sa, &e.u.sa.new_disp);
	}
	if (p->reported) {
		/* Named before the model keeps it: deliveries show it too. */
		stack_symbolize_disposition(p->pid, &e.u.sa.new_disp);
		stack_symbolize_disposition(p->pid, &e.u.sa.old_disp);
	}
	if (ok && e.u.sa.has_new && !test_ignore_sigaction())
		model_set(p->model, sa->signo, &e.u.sa.new_disp, e.mono_ns);
	e.u.sa.stack = t->sa_stack;
	trace_emit(T, p, &e);
	stack_free(t->sa_stack);
	t->sa_stack = NULL;
	if (ok && e.u.sa.has_new &&
	    e.u.sa.new_disp.kind == DISP_HANDLER)
		pending_handler_installed(T, p, t->tid, sa->signo);
}

static void pop_frame(struct tracer *T, struct tracee *t, long rval)
{
	struct handler_frame *f = frame_top(t);

	if (f->syscall >= 0) {
		if (f->code == -K_ERESTARTSYS)
			model_learn_restart(t->proc->model, f->signo,
					    rval != -EINTR);
		frame_sigreturned(T, t, f, rval);
	}
	frame_drop(t);
}

/* A handler that left by siglongjmp never calls rt_sigreturn: once the
 * stack pointer is back above the interrupted frame, it is gone. */
/* Is a syscall made with stack pointer SP still inside frame F's
 * handler?  On the interrupted stack the handler runs below the
 * interrupted sp.  On an alternate stack (SA_ONSTACK) the first syscall
 * inside the handler shows where that stack is; leaving it by far (more
 * than any sigaltstack is big) means the handler was left. */
static bool still_in_handler(struct handler_frame *f, uint64_t sp)
{
	const uint64_t altstack_max = 1u << 20;

	if (!(f->handler.flags & K_SA_ONSTACK))
		return sp < f->sp;
	if (!f->handler_sp) {
		f->handler_sp = sp;
		return true;
	}
	return (sp > f->handler_sp ? sp - f->handler_sp : f->handler_sp - sp) <
	       altstack_max;
}

static void drop_abandoned_frames(struct tracer *T, struct tracee *t,
				  uint64_t sp)
{
	struct handler_frame *f;

	while ((f = frame_top(t)) != NULL) {
		char name[16];
		struct event e;

		if (still_in_handler(f, sp))
			return;
		/* Dropping keeps the room: F stays readable below. */
		frame_drop(t);
		frame_abandoned(t, f);
		if (f->syscall < 0)
			continue;
		event_init(&e, EV_WARNING);
		trace_stamp(&e, t->proc, t->tid);
		snprintf(e.u.warning.message, sizeof(e.u.warning.message),
			 "the %s handler did not return (siglongjmp?): %s() was abandoned, neither restarted nor failed with EINTR",
			 sig_name(f->signo, name, sizeof(name)),
			 f->syscall_name ? f->syscall_name : "?");
		trace_emit(T, t->proc, &e);
	}
}

/* A system call inside a followed handler: is the handler still there,
 * and does it send a signal? */
static void inside_handler(struct tracer *T, struct tracee *t,
			   const struct arch_syscall_state *st)
{
	static const char *const senders[] = {
		"kill", "tkill", "tgkill", "rt_sigqueueinfo",
		"rt_tgsigqueueinfo", "pidfd_send_signal",
	};
	const char *name = arch_abi_syscall_name(st->abi, st->nr);
	struct handler_frame *f;

	drop_abandoned_frames(T, t, st->sp);
	f = frame_top(t);
	if (!f || !name)
		return;
	for (size_t i = 0; i < sizeof(senders) / sizeof(senders[0]); i++)
		if (strcmp(name, senders[i]) == 0)
			f->sent = true;
}

/* The outcome was told at rt_sigreturn's entry: its exit stop, if one
 * comes (an outer frame still followed), is not the end of a frame. */
static void sigreturn_told(struct tracer *T, struct tracee *t)
{
	t->cur_nr = -1;
	if (t->depth == 0 && !t->sa_pending && !T->cfg.all_syscalls)
		t->in_syscall = false;	/* no exit stop will come */
}

void syscall_stop(struct tracer *T, struct tracee *t)
{
	struct __ptrace_syscall_info info;
	struct arch_syscall_state st;
	bool entry;
	long rval = 0;

	memset(&info, 0, sizeof(info));
	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) > 0 &&
	    info.op != PTRACE_SYSCALL_INFO_NONE) {
		entry = info.op == PTRACE_SYSCALL_INFO_ENTRY;
		if (!entry)
			rval = (long)info.exit.rval;
	} else {
		entry = !t->in_syscall;
		if (!entry && arch_get_syscall_state(t->tid, &st) == 0)
			rval = st.ret;
	}
	if (entry) {
		t->in_syscall = true;
		if (arch_get_syscall_state(t->tid, &st) == 0) {
			enum arch_sigaction_kind kind;

			t->cur_nr = st.nr;
			t->cur_abi = st.abi;
			if (T->cfg.all_syscalls && !t->sa_pending &&
			    arch_is_sigaction(st.abi, st.nr, &kind))
				begin_sigaction(T, t, &st, kind);
			else if (T->cfg.all_syscalls)
				consumed_entry(T, t, &st);
			if (t->depth > 0 && !arch_is_sigreturn(st.abi, st.nr))
				inside_handler(T, t, &st);
			else if (t->depth > 0 && frame_return_decided(T, t))
				sigreturn_told(T, t);
		}
		tracee_resume(T, t, 0);
		return;
	}
	t->in_syscall = false;
	if (t->sa_pending && t->cur_nr == t->sa->nr && t->cur_abi == t->sa->abi)
		finish_sigaction(T, t, rval);
	else if (t->cc && t->cc->pending && t->cur_nr == t->cc->nr &&
		 t->cur_abi == t->cc->abi)
		consumed_exit(T, t, rval);
	else if (t->depth > 0 && arch_is_sigreturn(t->cur_abi, t->cur_nr))
		pop_frame(T, t, rval);
	t->cur_nr = -1;
	tracee_resume(T, t, 0);
}
