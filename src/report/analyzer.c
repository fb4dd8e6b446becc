/* SPDX-License-Identifier: MIT */
/*
 * analyzer.c - the analysis core: the processes and their dispositions
 * rebuilt from events alone, and the dispatch of each event to the
 * statistics (analyzer_stats.c) and the timeline (analyzer_tl.c).
 *
 * Each process has the tracer's disposition model (model.c), fed what
 * the log says: the rules of execve and SA_RESETHAND are the tracer's
 * own.  A sigaction's "old", a delivery's disposition and a
 * dispositions snapshot are the kernel's truth at that instant; where
 * they disagree with what the model had inferred, the truth wins, and
 * if the program had not changed that signal yet, it is taken as the
 * state the program started with.  On top of the model the report
 * keeps its view: the disposition at the program's start, how and when
 * the current one came, and the history of changes.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "evwalk.h"
#include "xmalloc.h"

static void change_add(struct analyzer *a, struct an_proc *p, uint64_t ns,
		       int signo, uint8_t kind, uint8_t how, uint32_t symbol)
{
	struct an_change *c;

	if (p->nchanges >= AN_CHANGES_MAX) {
		p->changes_truncated = true;
		return;
	}
	if (p->nchanges == p->changes_cap) {
		p->changes_cap = p->changes_cap ? 2 * p->changes_cap : 4;
		p->changes = xrealloc(p->changes,
				      p->changes_cap * sizeof(*p->changes));
	}
	c = &p->changes[p->nchanges++];
	c->ns = ns;
	c->signo = (uint8_t)signo;
	c->kind = kind;
	c->how = how;
	c->symbol = symbol;
}

/* ---- dispositions: the model, and the report's view of it ---- */

/* S's cur from M's SIGNO: flags only as stated by the log (a default a
 * rule made, or a snapshot's, states none). */
static void sig_view(struct analyzer *a, const struct sigmodel *m,
		     int signo, struct an_sigstate *s)
{
	an_disp_from(a, &s->cur, &model_get(m, signo)->disp);
	if (!s->flags_stated) {
		s->cur.flags_known = false;
		s->cur.flags = 0;
	}
}

static bool kind_known(const struct disposition *d)
{
	return d->kind == DISP_DEFAULT || d->kind == DISP_IGNORED ||
	       d->kind == DISP_HANDLER;
}

/* The kernel's truth about SIGNO at NS: not a change by the program. */
static void sig_learn(struct analyzer *a, struct an_proc *p, int signo,
		      const struct disposition *d, uint64_t ns)
{
	struct an_sigstate s = *an_sig(p, signo);
	struct sigmodel tmp, *m;
	bool other;

	if (!kind_known(d))
		return;
	m = an_model_try(p, &tmp);
	other = model_learn(m, signo, d);
	s.flags_stated = d->flags_known || (!other && s.flags_stated);
	sig_view(a, m, signo, &s);
	an_model_keep(p, m);
	if (!s.changed) {
		s.start = s.cur;
		ns = p->nexec ? p->exec_ns : p->first_ns;
	}
	an_sig_put(p, signo, &s);
	if (other)
		change_add(a, p, ns, signo, s.cur.kind, HOW_SNAPSHOT,
			   s.cur.symbol);
}

/* The model took a change of SIGNO by the program (or by the kernel on
 * its behalf: HOW); STATED: the event gave its flags. */
static void sig_changed(struct analyzer *a, struct an_proc *p, int signo,
			bool stated, enum an_how how, const struct event *e,
			uint64_t seq)
{
	struct an_sigstate s = *an_sig(p, signo);
	struct an_disp was = s.cur;

	s.flags_stated = stated;
	sig_view(a, an_model_mut(p), signo, &s);
	s.how = (uint8_t)how;
	s.changed = true;
	s.since_ns = e->mono_ns;
	s.since_seq = seq;
	s.since_tid = e->tid;
	an_sig_put(p, signo, &s);
	if (was.kind != s.cur.kind || was.handler != s.cur.handler)
		change_add(a, p, e->mono_ns, signo, s.cur.kind, (uint8_t)how,
			   s.cur.symbol);
}

static struct an_proc *proc_new(struct analyzer *a, pid_t pid, uint64_t ns,
				bool unknown)
{
	struct sigmodel m;
	struct an_proc *p;

	if (a->nprocs >= AN_PROCS_MAX)
		return NULL;
	p = xcalloc(1, sizeof(*p));
	p->pid = pid;
	p->index = a->nprocs + 1;
	p->first_ns = ns;
	p->unknown_start = unknown;
	/* Every signal begins alike: its view is the base. */
	sig_view(a, an_model_try(p, &m), 1, &p->base);
	model_release(&m);
	p->base.start = p->base.cur;
	p->base.since_ns = ns;
	p->base.row = -1;
	an_thread_get(p, pid, ns, true)->row = -1;
	a->procs[a->nprocs++] = p;
	an_proc_index(a, p);
	p->row = an_row_add(a, ROW_PROC, p->index - 1, pid, 0);
	return p;
}

/* The process an event is about, created on first sight. */
static struct an_proc *proc_get(struct analyzer *a, const struct event *e)
{
	struct an_proc *p = analyzer_proc(a, e->pid);

	if (!p)
		p = proc_new(a, e->pid, e->mono_ns, true);
	if (!p) {
		a->procs_untracked++;
		return NULL;
	}
	if (e->comm[0])
		an_clean_fixed(p->comm, sizeof(p->comm), e->comm,
			    sizeof(e->comm));
	return p;
}

/* ---- one handler per event type ---- */

static void on_trace_start(struct analyzer *a, const struct event *e)
{
	struct an_trace *t = &a->trace;
	struct an_proc *p;

	if (t->started) {
		t->several = true;
		return;
	}
	t->started = true;
	t->attach = e->u.start.attach;
	t->root = e->pid;
	an_args_from(&t->argv, &e->u.start.argv);
	t->npids = ev_start_npids(&e->u.start);
	memcpy(t->pids, e->u.start.pids, t->npids * sizeof(pid_t));
	an_clean_fixed(t->version, sizeof(t->version), e->u.start.version,
		    sizeof(e->u.start.version));
	an_clean_fixed(t->senders, sizeof(t->senders), e->u.start.senders,
		       sizeof(e->u.start.senders));
	t->start_sec = e->real_sec;
	t->start_nsec = e->real_nsec;
	if (!t->attach && e->pid > 0 && !analyzer_proc(a, e->pid)) {
		p = proc_new(a, e->pid, e->mono_ns, false);
		if (p)
			an_proc_set_argv(p, &t->argv);
	}
}

/* Was PID traced from the start (the spawned command, an attached
 * process), rather than forked under the trace? */
static bool started_with_trace(const struct analyzer *a, pid_t pid)
{
	const struct an_trace *t = &a->trace;

	if (!t->attach)
		return pid == t->root;
	for (size_t i = 0; i < t->npids; i++)
		if (t->pids[i] == pid)
			return true;
	return false;
}

static void on_fork(struct analyzer *a, struct an_proc *p,
		    const struct event *e)
{
	struct an_args args;
	struct an_proc *c;

	if (e->u.fork.thread) {
		an_thread_get(p, e->u.fork.child, e->mono_ns, true);
		return;
	}
	c = analyzer_proc(a, e->u.fork.child);
	if (c && c->parent == 0 && !started_with_trace(a, c->pid)) {
		/* Seen before its parent's fork event, maybe even ended (a
		 * log of an older sigtrace, whose events followed the order
		 * of the stops): the fork is late news, not a new process
		 * with a reused pid. */
		c->parent = p->pid;
		return;
	}
	if (c && c->verdict == VERDICT_RUNNING)
		return;
	c = proc_new(a, e->u.fork.child, e->mono_ns, p->unknown_start);
	if (!c)
		return;
	c->parent = p->pid;
	memcpy(c->comm, p->comm, sizeof(c->comm));
	an_proc_set_argv(c, an_proc_argv(p, &args));
	an_proc_set_exec_path(c, p->exec_path);
	c->model = an_model_copy(p);	/* the child starts with a copy */
	c->base.start = c->base.cur = p->base.cur;
	c->base.flags_stated = p->base.flags_stated;
	for (int s = 1; s <= SIG_MAX; s++) {
		const struct an_sigstate *ps = an_sig(p, s);
		struct an_sigstate cs = c->base;

		cs.start = cs.cur = ps->cur;
		cs.flags_stated = ps->flags_stated;
		an_sig_put(c, s, &cs);
		if (cs.cur.kind != (c->unknown_start ? DISP_UNKNOWN :
				    DISP_DEFAULT))
			change_add(a, c, e->mono_ns, s, cs.cur.kind, HOW_START,
				   cs.cur.symbol);
	}
}

static void on_exec(struct analyzer *a, struct an_proc *p,
		    const struct event *e)
{
	char path[AN_STR];
	struct an_args args;

	p->nexec++;
	p->exec_ns = e->mono_ns;
	an_clean_fixed(path, sizeof(path), e->u.exec.path,
		       sizeof(e->u.exec.path));
	an_proc_set_exec_path(p, path);
	an_args_from(&args, &e->u.exec.argv);
	an_proc_set_argv(p, &args);
	change_add(a, p, e->mono_ns, 0, 0, HOW_EXEC, 0);
	/* Without a model of its own P has no handler for execve to reset. */
	if (p->model)
		model_exec(p->model, p->exec_path, e->mono_ns);
	for (int s = 1; s <= SIG_MAX; s++) {
		struct an_sigstate st = *an_sig(p, s);

		if (p->model && model_get(p->model, s)->origin == ORIGIN_EXEC) {
			st.flags_stated = false;
			sig_view(a, p->model, s, &st);
			st.how = HOW_EXEC;
			st.since_ns = e->mono_ns;
			change_add(a, p, e->mono_ns, s, DISP_DEFAULT, HOW_EXEC,
				   0);
		}
		st.start = st.cur;
		st.changed = false;
		an_sig_put(p, s, &st);
	}
	/* Threads other than the one that exec'd are gone. */
	for (uint32_t i = 0; i < p->nthreads; i++) {
		if (p->threads[i].tid != e->tid && !p->threads[i].ended) {
			p->threads[i].ended = true;
			p->threads[i].end_ns = e->mono_ns;
		}
	}
}

static bool child_status_code(int code)
{
	return code == CLD_EXITED || code == CLD_KILLED || code == CLD_DUMPED;
}

/* A delivery of SIGNO to P's handler: did SA_RESETHAND reset it? */
static bool delivered(struct an_proc *p, int signo, uint64_t ns)
{
	struct sigmodel tmp, *m = an_model_try(p, &tmp);
	bool reset = model_delivered(m, signo, ns);

	an_model_keep(p, m);
	return reset;
}

static void on_signal(struct analyzer *a, struct an_proc *p,
		      const struct event *e, uint64_t seq)
{
	const struct ev_signal *s = &e->u.sig;
	struct an_args args;
	struct an_disp d;
	enum an_cls cls;

	an_disp_from(a, &d, &s->disposition);
	cls = an_disp_class(s->signo, &d);
	an_stats_signal(a, e, &d);
	if (!p)
		return;
	if (s->signo >= 1 && s->signo <= SIG_MAX) {
		sig_learn(a, p, s->signo, &s->disposition, e->mono_ns);
		p->delivered |= SIGBIT(s->signo);
	}
	p->deliveries++;
	if (s->has_argv) {
		an_args_from(&args, &s->argv);
		an_proc_set_argv(p, &args);
	}
	/* The kernel dropped it (a namespace's init): it did nothing. */
	if (s->dropped != DROP_NONE && (cls == CLS_FATAL || cls == CLS_STOP))
		cls = CLS_IGNORED;
	if (s->group.id)
		an_group_signal(a, p, e, cls);
	if (s->signo == SIGCONT)
		p->stopped = false;
	if (cls == CLS_FATAL || cls == CLS_STOP) {
		struct an_fatal *f = an_proc_fatal_mut(p);

		memset(f, 0, sizeof(*f));
		f->known = true;
		f->signo = s->signo;
		f->code = s->code;
		f->ns = e->mono_ns;
		f->tid = e->tid;
		f->action = (uint8_t)sig_default_action(s->signo);
		an_sender_from(&f->sender, s->has_sender, &s->sender,
			       &s->sender_chain);
		f->sig = *s;
		f->sig.stack = NULL;
		f->sig.syscall_name = NULL;
		f->sig.send_syscall = NULL;
		p->stopped = cls == CLS_STOP;
	}
	if (s->signo == SIGCHLD && child_status_code(s->code)) {
		a->sigchld_seen = true;
		if (d.kind == DISP_HANDLER)
			p->sigchld_handled++;
	}
	if (d.kind == DISP_HANDLER && delivered(p, s->signo, e->mono_ns))
		sig_changed(a, p, s->signo, false, HOW_RESETHAND, e, seq);
}

static void on_sigaction(struct analyzer *a, struct an_proc *p,
			 const struct event *e, uint64_t seq)
{
	const struct ev_sigaction *sa = &e->u.sa;

	if (sa->signo < 1 || sa->signo > SIG_MAX)
		return;
	if (sa->has_old)
		sig_learn(a, p, sa->signo, &sa->old_disp, e->mono_ns);
	if (!sa->has_new || (!sa->observed && sa->result != 0) ||
	    !kind_known(&sa->new_disp))
		return;
	model_set(an_model_mut(p), sa->signo, &sa->new_disp, e->mono_ns);
	sig_changed(a, p, sa->signo, sa->new_disp.flags_known,
		    sa->observed ? HOW_OBSERVED : HOW_SIGACTION, e, seq);
}

/* A /proc snapshot: caught, ignored, or default. */
static void on_dispositions(struct analyzer *a, struct an_proc *p,
			    const struct event *e)
{
	const struct ev_dispositions *t = &e->u.table;
	struct an_args args;

	if (p->unknown_start && p->nexec == 0 && t->argv.len > 0 &&
	    p->argv_len == 0) {
		an_args_from(&args, &t->argv);
		an_proc_set_argv(p, &args);
	}
	for (int s = 1; s <= SIG_MAX; s++) {
		struct disposition d = {
			.kind = model_kernel_kind(s, t->caught, t->ignored),
		};

		sig_learn(a, p, s, &d, e->mono_ns);
	}
}

static void end_threads(struct an_proc *p, uint64_t ns)
{
	for (uint32_t i = 0; i < p->nthreads; i++) {
		if (!p->threads[i].ended) {
			p->threads[i].ended = true;
			p->threads[i].end_ns = ns;
		}
	}
}

static void on_exit_event(struct analyzer *a, struct an_proc *p,
			  const struct event *e)
{
	const struct ev_exit *x = &e->u.exit;
	struct an_proc *parent;

	if (x->thread) {
		struct an_thread *t = an_thread_get(p, e->tid, e->mono_ns,
						    false);

		if (t) {
			t->ended = true;
			t->end_ns = e->mono_ns;
		}
		return;
	}
	p->verdict = x->signaled ? VERDICT_KILLED : VERDICT_EXITED;
	p->exit_code = x->code;
	p->exit_signo = x->signaled ? x->signo : 0;
	p->core = x->signaled && x->core;
	p->end_ns = e->mono_ns;
	end_threads(p, e->mono_ns);
	an_model_save(p);
	parent = p->parent ? analyzer_proc(a, p->parent) : NULL;
	if (parent && parent->verdict == VERDICT_RUNNING &&
	    an_sig(parent, SIGCHLD)->cur.kind == DISP_HANDLER)
		parent->child_exits++;
}

static void on_detach(struct analyzer *a, struct an_proc *p,
		      const struct event *e)
{
	if (p->verdict != VERDICT_RUNNING)
		return;
	p->verdict = VERDICT_DETACHED;
	p->end_ns = e->mono_ns;
}

static void on_trace_end(struct analyzer *a, const struct event *e)
{
	a->trace.ended = true;
	a->trace.exit_status = e->u.end.exit_status;
	a->trace.stops = e->u.end.stops;
	a->trace.syscall_stops = e->u.end.syscall_stops;
	a->trace.deliveries = e->u.end.deliveries;
}

/* Events about one process; P is NULL beyond the process cap. */
static bool feed_proc(struct analyzer *a, struct an_proc *p,
		      const struct event *e, uint64_t seq)
{
	switch (e->type) {
	case EV_FORK:
		on_fork(a, p, e);
		break;
	case EV_EXEC:
		on_exec(a, p, e);
		break;
	case EV_SIGACTION:
		on_sigaction(a, p, e, seq);
		break;
	case EV_INTERRUPTED:
	case EV_EINTR:
	case EV_RESTARTED:
		return an_stats_syscall(a, p, e);
	case EV_DISPOSITIONS:
		on_dispositions(a, p, e);
		break;
	case EV_EXIT:
		on_exit_event(a, p, e);
		break;
	case EV_DETACH:
		on_detach(a, p, e);
		break;
	case EV_CONSUMED:
		/* Blocked and taken (sigwaitinfo, a signalfd): its default
		 * is no way to die (the audit's rule, issue 16). */
		if (e->u.sig.signo >= 1 && e->u.sig.signo <= SIG_MAX)
			p->consumed |= SIGBIT(e->u.sig.signo);
		break;
	default:
		break;
	}
	return false;
}

void analyzer_feed(struct analyzer *a, const struct event *e)
{
	uint64_t seq = a->events++;
	uint32_t nfindings0 = a->nfindings;
	struct an_proc *p = NULL;
	bool important = false;

	if ((unsigned)e->type >= EV__COUNT || a->finished)
		return;
	a->by_type[e->type]++;
	an_counts_event(a, e);
	if (seq == 0)
		a->trace.t0 = e->mono_ns;
	if (e->mono_ns > a->trace.t_last)
		a->trace.t_last = e->mono_ns;
	switch (e->type) {
	case EV_TRACE_START:
		on_trace_start(a, e);
		an_tl_global(a, e, seq);
		return;
	case EV_TRACE_END:
		on_trace_end(a, e);
		an_tl_global(a, e, seq);
		return;
	case EV_TRACER_SIGNAL:
		/* About sigtrace, not a traced process: the timeline only. */
		an_tl_global(a, e, seq);
		return;
	case EV_SIGNAL:
		p = proc_get(a, e);
		on_signal(a, p, e, seq);
		break;
	case EV_FINDING:
		p = proc_get(a, e);
		important = an_stats_finding(a, p, e);
		break;
	case EV_WARNING:
		p = proc_get(a, e);
		important = an_stats_warning(a, e);
		break;
	default:
		p = proc_get(a, e);
		if (p)
			important = feed_proc(a, p, e, seq);
		else if (e->type >= EV_INTERRUPTED && e->type <= EV_RESTARTED)
			an_stats_syscall(a, NULL, e);
		break;
	}
	an_stacks_event(a, e, nfindings0);
	an_tl_event(a, p, e, seq, important);
}


struct analyzer *analyzer_new(void)
{
	struct analyzer *a = xcalloc(1, sizeof(*a));

	a->procs = xcalloc(AN_PROCS_MAX, sizeof(*a->procs));
	a->pid_slots = xcalloc(AN_PID_SLOTS, sizeof(*a->pid_slots));
	a->keep = AN_KEEP_ALL;
	return a;
}

void analyzer_keep(struct analyzer *a, unsigned keep)
{
	a->keep = keep & AN_KEEP_ALL;
}

void analyzer_finish(struct analyzer *a)
{
	if (a->finished)
		return;
	a->finished = true;
	an_stats_finish(a);
	an_tl_finish(a);
}

void analyzer_free(struct analyzer *a)
{
	if (!a)
		return;
	for (uint32_t i = 0; i < a->nprocs; i++)
		an_proc_free(a->procs[i]);
	for (uint32_t i = 0; i < a->nrows; i++)
		free(a->rows[i].bins);
	for (uint32_t i = 0; i < a->pool.n; i++)
		free(a->pool.str[i]);
	free(a->pool.str);
	free(a->pool.slots);
	free(a->procs);
	free(a->pid_slots);
	free(a->findings);
	free(a->groups);
	free(a->eintr);
	free(a->warnings);
	free(a->timeline);
	free(a->recent);
	free(a->rows);
	free(a->marks);
	free(a->items);
	free(a->counts);
	an_stacks_free(a);
	free(a);
}
