/* SPDX-License-Identifier: MIT */
/*
 * ignored.c - a signal that the process ignores, which woke a call only
 * because the process is traced (docs/safety.md, item 6).  Untraced, the
 * kernel discards an ignored signal when it is sent; traced, it queues it
 * so the tracer sees it, and a call that fails with -EINTR by itself
 * (epoll_wait) then fails where it would have slept on (kfacts ignored).
 * Where running the call again is exact (it waits for ever) and the
 * registers allow it, sigtrace drops the signal and restarts the call as
 * the kernel restarts one; elsewhere the EINTR goes through, marked as
 * caused by the tracing.
 */
#include <errno.h>
#include <signal.h>

#include "proc.h"
#include "sigtab.h"
#include "trace_priv.h"

bool ignored_now(const struct proc_status *st, int signo)
{
	enum sig_action act = sig_default_action(signo);

	if (st->ignored & SIGBIT(signo))
		return true;
	/* SIGCONT's default is to continue, which happened when it was
	 * sent: at delivery it is ignored too. */
	return !(st->caught & SIGBIT(signo)) &&
	       (act == SIG_ACT_IGN || act == SIG_ACT_CONT);
}

void ignored_recheck(struct tracee *t, bool ignored,
		     struct arch_syscall_state *regs)
{
	if (!t->restart_ip)
		return;
	if (regs->ip != t->restart_ip || regs->ret != t->restart_nr) {
		t->restart_ip = 0;	/* it ran the call again: done */
		return;
	}
	if (ignored)
		return;		/* dropped as well: the restart stands */
	/* A signal it does not ignore came before the call ran again:
	 * untraced it would have interrupted the sleeping call, so it
	 * fails with EINTR after all. */
	t->restart_ip = 0;
	if (arch_unrestart_syscall(t->tid, -EINTR) == 0)
		arch_get_syscall_state(t->tid, regs);
}

enum ignored_fix ignored_fix(struct tracee *t, bool ignored,
			     const struct arch_syscall_state *regs,
			     const char *syscall_name)
{
	uint64_t ip;

	if (!ignored || regs->nr < 0 || regs->ret != -EINTR)
		return IGNORED_NONE;
	if (!syscall_restart_is_exact(syscall_name, regs->args) ||
	    arch_restart_syscall(t->tid, &ip) < 0)
		return IGNORED_INDUCED;
	t->restart_ip = ip;
	t->restart_nr = regs->nr;
	return IGNORED_RESTARTED;
}

void ignored_emit_outcome(struct tracer *T, struct tracee *t,
			  const struct handler_frame *f, enum ignored_fix fix)
{
	struct event e;

	frame_event(&e, fix == IGNORED_RESTARTED ? EV_RESTARTED : EV_EINTR,
		    t, f);
	e.u.sc.by_tracer = fix == IGNORED_RESTARTED;
	e.u.sc.tracing_induced = fix == IGNORED_INDUCED;
	trace_emit(T, t->proc, &e);
}
