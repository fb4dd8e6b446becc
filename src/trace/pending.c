/* SPDX-License-Identifier: MIT */
/*
 * pending.c - default-disposition findings whose cause is not final yet.
 * A stop-type default for a signal never handled does not end the
 * process: if the program installs a handler afterwards, the story is
 * "installed later" (a race with its startup), not "never installed".
 * So such a finding is held until the process installs a handler for
 * that signal, ends, or is let go.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace_priv.h"

struct pending_finding {
	struct pending_finding *next;
	struct ev_finding f;
};

static void emit_finding(struct tracer *T, const struct process *p,
			 pid_t tid, const struct ev_finding *f)
{
	struct event e;

	event_init(&e, EV_FINDING);
	trace_stamp(&e, p, tid);
	e.u.finding = *f;
	trace_emit(T, p, &e);
}

static bool may_change(const struct ev_finding *f)
{
	return f->effect == EFFECT_STOPPED && f->cause == CAUSE_NEVER_INSTALLED;
}

void pending_report(struct tracer *T, struct process *p, pid_t tid,
		    const struct ev_finding *f)
{
	if (may_change(f)) {
		struct pending_finding *pf = malloc(sizeof(*pf));

		/* Out of memory: say it now, as it stands. */
		if (pf) {
			pf->f = *f;
			pf->next = p->pending;
			p->pending = pf;
			return;
		}
	}
	emit_finding(T, p, tid, f);
}

void pending_handler_installed(struct tracer *T, struct process *p,
			       pid_t tid, int signo)
{
	struct pending_finding **pp = &p->pending;
	uint64_t now = trace_now();

	while (*pp) {
		struct pending_finding *pf = *pp;

		if (pf->f.signo != signo) {
			pp = &pf->next;
			continue;
		}
		*pp = pf->next;
		pf->f.cause = CAUSE_INSTALLED_LATER;
		pf->f.has_install_time = true;
		pf->f.install_mono_ns = now;
		snprintf(pf->f.detail, sizeof(pf->f.detail),
			 "the handler was installed %.3f ms after this delivery%s",
			 (double)(now - pf->f.delivery_mono_ns) / 1e6,
			 pf->f.has_exec_time ? " (the program had started too recently: a race with its startup)" : "");
		emit_finding(T, p, tid, &pf->f);
		free(pf);
	}
}

void pending_flush(struct tracer *T, struct process *p, pid_t tid)
{
	while (p->pending) {
		struct pending_finding *pf = p->pending;

		p->pending = pf->next;
		emit_finding(T, p, tid, &pf->f);
		free(pf);
	}
}

void pending_discard(struct process *p)
{
	while (p->pending) {
		struct pending_finding *pf = p->pending;

		p->pending = pf->next;
		free(pf);
	}
}
