/* SPDX-License-Identifier: MIT */
/*
 * poll.c - attach mode without syscall stops: handler installations are
 * seen as changes of SigCgt/SigIgn in /proc between two polls, logged with
 * that window as their uncertainty.
 */
#include <string.h>

#include "proc.h"
#include "trace_priv.h"

static void poll_changes(struct tracer *T, struct process *p,
			 const struct proc_status *st, uint64_t since)
{
	for (int sig = 1; sig <= SIG_MAX; sig++) {
		const struct sig_state *s = model_get(p->model, sig);
		enum disp_kind now = model_kernel_kind(sig, st->caught,
						       st->ignored);
		struct event e;

		if (s->disp.kind == now)
			continue;
		event_init(&e, EV_SIGACTION);
		trace_stamp(&e, p, p->pid);
		e.u.sa.signo = sig;
		e.u.sa.observed = true;
		e.u.sa.window_start_mono_ns = since;
		e.u.sa.has_old = true;
		e.u.sa.old_disp = s->disp;
		e.u.sa.has_new = true;
		memset(&e.u.sa.new_disp, 0, sizeof(e.u.sa.new_disp));
		e.u.sa.new_disp.kind = now;
		e.u.sa.new_disp.flags_known = now != DISP_HANDLER;
		e.u.sa.syscall = "rt_sigaction";
		model_set(p->model, sig, &e.u.sa.new_disp, e.mono_ns);
		trace_emit(T, p, &e);
		if (now == DISP_HANDLER)
			pending_handler_installed(T, p, p->pid, sig);
	}
}

static void poll_process(struct tracer *T, struct process *p, uint64_t since)
{
	struct proc_status st;

	if (proc_read_status(p->pid, 0, &st) == 0)
		poll_changes(T, p, &st, since);
}

void poll_process_status(struct tracer *T, struct process *p,
			 const struct proc_status *st)
{
	poll_changes(T, p, st, T->last_poll_ns);
}

void poll_dispositions(struct tracer *T)
{
	uint64_t since = T->last_poll_ns;

	/* Also with --syscalls: a seized thread makes syscall stops only
	 * after its first stop, so calls before it are seen here. */
	T->last_poll_ns = trace_now();
	for (unsigned b = 0; b < TABLE_BUCKETS; b++)
		for (struct process *p = T->procs[b]; p; p = p->next)
			poll_process(T, p, since);
}
