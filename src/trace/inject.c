/* SPDX-License-Identifier: MIT */
/*
 * inject.c - -e inject=SIG:when=N: reproduce a race on purpose.  The
 * signal is sent to the process that made the Nth exec of the trace
 * while it is still stopped at that exec, so it arrives before the new
 * program's first instruction: before any handler it would install.
 * That is the tar --totals=SIGUSR1 race made certain.  A warning in the
 * logs says sigtrace sent it (the delivery names sigtrace as sender), so
 * no report blames an innocent sender.
 */
#include <signal.h>
#include <stdio.h>

#include "sigtab.h"
#include "trace_priv.h"

void inject_after_exec(struct tracer *T, struct process *p, pid_t tid)
{
	char name[32];
	struct event w;
	int rc;

	if (!T->cfg.inject_signo || ++T->execs != T->cfg.inject_exec)
		return;
	rc = kill(p->pid, T->cfg.inject_signo);
	event_init(&w, EV_WARNING);
	trace_stamp(&w, p, tid);
	snprintf(w.u.warning.message, sizeof(w.u.warning.message),
		 rc == 0 ? "sigtrace sent %s right after this exec (exec %u of the trace), as -e inject asked: the delivery that follows is not the program's doing" :
		 "-e inject: sigtrace could not send %s after exec %u of the trace",
		 sig_label(T->cfg.inject_signo, "", name, sizeof(name)),
		 T->execs);
	trace_emit(T, p, &w);
}
