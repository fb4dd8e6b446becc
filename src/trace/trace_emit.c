/* SPDX-License-Identifier: MIT */
/*
 * trace_emit.c - events out of the trace layer: the clock, the pid, tid
 * and comm of an event, and the hand-over to every sink.  Each sink
 * applies its own -e signal=SET filter; nothing here drops an event.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "proc.h"
#include "trace_priv.h"

uint64_t trace_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void trace_stamp(struct event *e, const struct process *p, pid_t tid)
{
	e->tid = tid;
	e->pid = p->pid;
	memcpy(e->comm, p->comm, sizeof(e->comm));
}

void trace_emit(struct tracer *T, const struct process *p,
		const struct event *e)
{
	if (p && !p->reported)
		return;
	if (sink_emit_all(T->cfg.sinks, T->cfg.nsinks, e) && !T->unflushed_ns)
		T->unflushed_ns = e->mono_ns ? e->mono_ns : trace_now();
}

void trace_flush(struct tracer *T)
{
	for (size_t i = 0; i < T->cfg.nsinks; i++) {
		struct sink *s = T->cfg.sinks[i];
		int rc;

		if (!s->error && (rc = sink_flush(s)) < 0)
			sink_failed(s, rc);
	}
	T->unflushed_ns = 0;
}

uint64_t trace_flush_idle(struct tracer *T)
{
	uint64_t now, age;

	if (!T->unflushed_ns)
		return 0;
	now = trace_now();
	age = now > T->unflushed_ns ? now - T->unflushed_ns : 0;
	if (age < TRACE_FLUSH_NS)
		return TRACE_FLUSH_NS - age;
	trace_flush(T);
	return 0;
}

bool trace_shown(const struct tracer *T, const struct event *e)
{
	for (size_t i = 0; i < T->cfg.nsinks; i++) {
		const struct sink *s = T->cfg.sinks[i];

		if (!s->error && !s->ops->no_stacks &&
		    sink_event_selected(&s->cfg, e))
			return true;
	}
	return false;
}

void trace_emit_dispositions(struct tracer *T, const struct process *p)
{
	struct proc_status st;
	struct event e;

	if (proc_read_status(p->pid, 0, &st) < 0)
		return;
	event_init(&e, EV_DISPOSITIONS);
	trace_stamp(&e, p, p->pid);
	e.u.table.caught = st.caught;
	e.u.table.ignored = st.ignored;
	e.u.table.blocked = st.blocked;
	e.u.table.pending = st.pending | st.shared_pending;
	e.u.table.threads = st.threads;
	process_argv(p, &e.u.table.argv);
	if (p->target) {
		snprintf(e.u.table.target_kind, sizeof(e.u.table.target_kind),
			 "%s", target_kind_name(p->target->kind));
		snprintf(e.u.table.target, sizeof(e.u.table.target), "%s",
			 p->target->arg);
	}
	trace_emit(T, p, &e);
}

void trace_trigger_sinks(struct tracer *T)
{
	for (size_t i = 0; i < T->cfg.nsinks; i++)
		sink_trigger(T->cfg.sinks[i]);
	trace_flush(T);	/* the operator asked: now, not at the next sleep */
}
