/* SPDX-License-Identifier: MIT */
/*
 * test_analyzer.c - the post-mortem analysis and its renderers: verdicts
 * with their sender, findings ranked, dispositions rebuilt from events,
 * EINTR hot spots, SIGCHLD coalescing, the caps that bound memory, the
 * escaping of hostile names in every format, and above all: the same
 * events fed live and read back from the JSON log give the same report.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#include "analyzer.h"
#include "reader.h"
#include "report.h"
#include "sink.h"

#define SA_RESTART_K 0x10000000ULL
#define SA_RESETHAND_K 0x80000000ULL

/* ---- building events ---- */

static uint64_t now_ns = 1000000000ULL;

static void ev(struct event *e, enum event_type type, pid_t pid, pid_t tid,
	       const char *comm)
{
	event_init(e, type);
	e->real_sec = 1700000000;
	e->real_nsec = (long)(now_ns % 1000000000ULL);
	now_ns += 100000;	/* 0.1 ms apart */
	e->mono_ns = now_ns;
	e->pid = pid;
	e->tid = tid;
	snprintf(e->comm, sizeof(e->comm), "%s", comm);
}

static void feed_start(struct analyzer *a, pid_t pid)
{
	struct event e;

	ev(&e, EV_TRACE_START, pid, pid, "");
	cmdline_from_argv(&e.u.start.argv, (char *[]){ "./prog", NULL });
	snprintf(e.u.start.version, sizeof(e.u.start.version), "test");
	analyzer_feed(a, &e);
}

static void feed_fork(struct analyzer *a, pid_t parent, const char *comm,
		      pid_t child, bool thread)
{
	struct event e;

	ev(&e, EV_FORK, parent, parent, comm);
	e.u.fork.child = child;
	e.u.fork.thread = thread;
	analyzer_feed(a, &e);
}

static void feed_exec(struct analyzer *a, pid_t pid, const char *comm,
		      const char *path)
{
	struct event e;

	ev(&e, EV_EXEC, pid, pid, comm);
	snprintf(e.u.exec.path, sizeof(e.u.exec.path), "%s", path);
	cmdline_from_argv(&e.u.exec.argv, (char *[]){ (char *)comm, NULL });
	analyzer_feed(a, &e);
}

static void feed_sigaction(struct analyzer *a, pid_t pid, const char *comm,
			   int signo, enum disp_kind kind, uint64_t flags)
{
	struct event e;

	ev(&e, EV_SIGACTION, pid, pid, comm);
	e.u.sa.signo = signo;
	e.u.sa.has_new = true;
	e.u.sa.new_disp.kind = kind;
	e.u.sa.new_disp.handler = kind == DISP_HANDLER ? 0x401000 + signo : 0;
	e.u.sa.new_disp.flags_known = true;
	e.u.sa.new_disp.flags = flags;
	e.u.sa.syscall = "rt_sigaction";
	analyzer_feed(a, &e);
}

static void feed_signal(struct analyzer *a, pid_t pid, pid_t tid,
			const char *comm, int signo, enum disp_kind kind,
			uint64_t flags, pid_t sender, const char *scomm)
{
	struct event e;

	ev(&e, EV_SIGNAL, pid, tid, comm);
	e.u.sig.signo = signo;
	e.u.sig.code = sender ? SI_USER : SI_KERNEL;
	e.u.sig.has_sender = sender != 0;
	e.u.sig.sender.pid = sender;
	e.u.sig.sender.known = sender != 0;
	e.u.sig.sender.gone = true;
	snprintf(e.u.sig.sender.comm, sizeof(e.u.sig.sender.comm), "%s",
		 scomm ? scomm : "");
	cmdline_from_argv(&e.u.sig.sender.cmdline,
			  (char *[]){ "/bin/kill", "-USR1", NULL });
	e.u.sig.disposition.kind = kind;
	e.u.sig.disposition.handler = kind == DISP_HANDLER ? 0x401000 + signo : 0;
	e.u.sig.disposition.flags_known = kind != DISP_UNKNOWN;
	e.u.sig.disposition.flags = flags;
	e.u.sig.syscall = 0;
	e.u.sig.syscall_ret = -K_ERESTARTSYS;
	analyzer_feed(a, &e);
}

static void feed_syscall(struct analyzer *a, enum event_type type, pid_t pid,
			 const char *comm, int signo, uint64_t flags)
{
	struct event e;

	ev(&e, type, pid, pid, comm);
	e.u.sc.syscall = 0;
	e.u.sc.syscall_name = "read";
	e.u.sc.code = -K_ERESTARTSYS;
	e.u.sc.signo = signo;
	e.u.sc.handler.kind = DISP_HANDLER;
	e.u.sc.handler.handler = 0x401000 + signo;
	e.u.sc.handler.flags_known = true;
	e.u.sc.handler.flags = flags;
	analyzer_feed(a, &e);
}

static void feed_finding_dd(struct analyzer *a, pid_t pid, const char *comm,
			    int signo, enum finding_cause cause)
{
	struct event e;

	ev(&e, EV_FINDING, pid, pid, comm);
	e.u.finding.kind = FINDING_DEFAULT_DISPOSITION;
	e.u.finding.signo = signo;
	e.u.finding.code = SI_USER;
	e.u.finding.effect = EFFECT_KILLED;
	e.u.finding.cause = cause;
	e.u.finding.delivery_mono_ns = e.mono_ns - 50000;
	e.u.finding.has_exec_time = true;
	e.u.finding.exec_mono_ns = e.mono_ns - 1000000;
	snprintf(e.u.finding.detail, sizeof(e.u.finding.detail), "too early");
	analyzer_feed(a, &e);
}

static void feed_exit(struct analyzer *a, pid_t pid, const char *comm,
		      int code, int signo)
{
	struct event e;

	ev(&e, EV_EXIT, pid, pid, comm);
	e.u.exit.signaled = signo != 0;
	e.u.exit.signo = signo;
	e.u.exit.code = code;
	analyzer_feed(a, &e);
}

static void feed_end(struct analyzer *a, pid_t pid, int status)
{
	struct event e;

	ev(&e, EV_TRACE_END, pid, pid, "");
	e.u.end.exit_status = status;
	analyzer_feed(a, &e);
}

/* The tar race: a parent, a victim killed by kill's SIGUSR1. */
static void tar_race(struct analyzer *a)
{
	feed_start(a, 100);
	feed_exec(a, 100, "tar_race", "/t/tar_race");
	feed_fork(a, 100, "tar_race", 101, false);
	feed_exec(a, 101, "tar", "/usr/bin/tar");
	feed_fork(a, 100, "tar_race", 102, false);
	feed_exec(a, 102, "kill", "/usr/bin/kill");
	feed_exit(a, 102, "kill", 0, 0);
	feed_signal(a, 101, 101, "tar", SIGUSR1, DISP_DEFAULT, 0, 102, "kill");
	feed_finding_dd(a, 101, "tar", SIGUSR1, CAUSE_NEVER_INSTALLED);
	feed_exit(a, 101, "tar", 0, SIGUSR1);
	feed_exit(a, 100, "tar_race", 0, 0);
	feed_end(a, 100, 0);
}

static char *render(const struct report_ops *ops, struct analyzer *a)
{
	struct strbuf sb = STRBUF_INIT;

	report_render(ops, a, &sb);
	return sb.buf ? sb.buf : strdup("");
}

/* Each report of OPS says the same about X and Y. */
static void same_reports(const struct report_ops *const *ops, size_t n,
			 struct analyzer *x, const char *xname,
			 struct analyzer *y, const char *yname)
{
	for (size_t i = 0; i < n; i++) {
		char *rx = render(ops[i], x), *ry = render(ops[i], y);

		if (strcmp(rx, ry) != 0)
			fail_msg("%s report differs:\n--- %s\n%s\n--- %s\n%s",
				 ops[i]->name, xname, rx, yname, ry);
		free(rx);
		free(ry);
	}
}

/* ---- tests ---- */

static void test_verdicts(void **state)
{
	struct analyzer *a = analyzer_new();
	struct an_proc *p;
	struct strbuf sb = STRBUF_INIT;

	tar_race(a);
	analyzer_finish(a);
	assert_int_equal(a->nprocs, 3);
	p = analyzer_proc(a, 101);
	assert_non_null(p);
	assert_int_equal(p->verdict, VERDICT_KILLED);
	assert_int_equal(p->exit_signo, SIGUSR1);
	assert_non_null(p->fatal);
	assert_true(p->fatal->known && p->fatal->has_cause);
	assert_int_equal(p->fatal->cause, CAUSE_NEVER_INSTALLED);
	assert_int_equal(p->fatal->sender.pid, 102);
	assert_string_equal(p->fatal->sender.comm, "kill");
	assert_string_equal(p->exec_path, "/usr/bin/tar");
	assert_int_equal(p->parent, 100);
	/* One sentence: the signal, the sender, why the default acted. */
	report_verdict(a, p, &sb);
	assert_non_null(strstr(sb.buf, "killed by SIGUSR1 at +"));
	assert_non_null(strstr(sb.buf, " from 102 kill [\"/bin/kill\",\"-USR1\"]"));
	assert_non_null(strstr(sb.buf, ": no handler had been installed yet"));
	assert_int_equal(analyzer_proc(a, 100)->verdict, VERDICT_EXITED);
	/* The critical finding comes first. */
	assert_true(a->nitems >= 1);
	assert_int_equal(a->items[0].sev, SEV_CRITICAL);
	/* The timeline holds the delivery before the finding. */
	assert_true(a->ntimeline >= 3);
	for (uint32_t i = 1; i < a->ntimeline; i++)
		assert_true(a->timeline[i - 1].seq < a->timeline[i].seq);
	sb_free(&sb);
	analyzer_free(a);
}

/* A fork event that comes after its child's own events, even its exit:
 * one process, with its parent and its exit, not a second one that never
 * ends.  A pid the trace started with is never taken for a late child. */
static void test_late_fork(void **state)
{
	struct analyzer *a = analyzer_new();
	struct an_proc *c;

	(void)state;
	feed_start(a, 100);
	feed_exec(a, 100, "make", "/usr/bin/make");
	feed_exec(a, 101, "cc", "/usr/bin/cc");
	feed_exit(a, 101, "cc", 0, 0);
	feed_fork(a, 100, "make", 101, false);
	feed_fork(a, 100, "make", 102, false);
	feed_exit(a, 102, "make", 0, 0);
	feed_exit(a, 100, "make", 0, 0);
	feed_end(a, 100, 0);
	analyzer_finish(a);
	assert_int_equal(a->nprocs, 3);
	c = analyzer_proc(a, 101);
	assert_non_null(c);
	assert_int_equal(c->parent, 100);
	assert_int_equal(c->verdict, VERDICT_EXITED);
	assert_string_equal(c->exec_path, "/usr/bin/cc");
	for (uint32_t i = 0; i < a->nprocs; i++)
		assert_int_not_equal(a->procs[i]->verdict, VERDICT_RUNNING);
	analyzer_free(a);

	/* the root's pid forked again later (reused): a new process */
	a = analyzer_new();
	feed_start(a, 100);
	feed_exit(a, 100, "sh", 0, 0);
	feed_fork(a, 200, "init", 100, false);
	analyzer_finish(a);
	assert_int_equal(a->nprocs, 3);
	analyzer_free(a);
}

/* What a process keeps is made when it is first needed: a process that
 * gets no signal has no model, no view of a signal of its own, no fatal
 * record; what it gets it keeps, and its children inherit; what it
 * ended with is kept at its size. */
static void test_state_on_demand(void **state)
{
	struct analyzer *a = analyzer_new();
	struct an_proc *p, *c;
	const struct an_tl *t = NULL;
	uint64_t exec_seq;

	(void)state;
	feed_start(a, 100);
	feed_exec(a, 100, "make", "/usr/bin/make");
	feed_fork(a, 100, "make", 101, false);
	exec_seq = a->events;
	feed_exec(a, 101, "cc", "/usr/bin/cc");
	p = analyzer_proc(a, 101);
	assert_null(p->model);
	assert_null(p->fatal);
	assert_true(p->has_view == 0);
	assert_int_equal(p->nthreads, 1);
	assert_ptr_equal(an_sig(p, SIGTERM), &p->base);
	assert_int_equal(an_sig(p, SIGTERM)->cur.kind, DISP_DEFAULT);
	assert_string_equal(p->exec_path, "/usr/bin/cc");
	/* A default delivery states flags (a view) and changes no rule's
	 * state (no model). */
	feed_signal(a, 101, 101, "cc", SIGCHLD, DISP_DEFAULT, 0, 0, NULL);
	assert_null(p->model);
	assert_null(p->fatal);
	assert_true(p->has_view == SIGBIT(SIGCHLD));
	assert_true(an_sig(p, SIGCHLD)->cur.flags_known);
	assert_false(an_sig(p, SIGTERM)->cur.flags_known);
	/* A handler: a model; a fork's child starts with it. */
	p = analyzer_proc(a, 100);
	feed_sigaction(a, 100, "make", SIGUSR2, DISP_HANDLER, SA_RESTART_K);
	assert_non_null(p->model);
	feed_fork(a, 100, "make", 102, false);
	c = analyzer_proc(a, 102);
	assert_non_null(c->model);
	assert_int_equal(an_sig(c, SIGUSR2)->start.kind, DISP_HANDLER);
	assert_int_equal(model_get(c->model, SIGUSR2)->disp.kind,
			 DISP_HANDLER);
	assert_ptr_equal(an_sig(c, SIGTERM), &c->base);
	/* Once it ended, only what differs from how it began is kept, and
	 * a late fork's child still starts from all of it. */
	feed_sigaction(a, 102, "make", SIGPIPE, DISP_IGNORED, SA_RESTART_K);
	feed_exit(a, 102, "make", 0, 0);
	assert_null(c->model);
	assert_int_equal(c->nsaved, 2);
	assert_false(an_proc_dangerous(c) & (SIGBIT(SIGUSR2) | SIGBIT(SIGPIPE)));
	assert_true(an_proc_dangerous(c) & SIGBIT(SIGHUP));
	feed_fork(a, 102, "make", 103, false);
	c = analyzer_proc(a, 103);
	assert_non_null(c->model);
	assert_int_equal(model_get(c->model, SIGUSR2)->disp.handler,
			 0x401000 + SIGUSR2);
	assert_int_equal(model_get(c->model, SIGPIPE)->disp.kind, DISP_IGNORED);
	assert_true(model_get(c->model, SIGPIPE)->disp.flags == SA_RESTART_K);
	/* 101's exec leaves the window of whole events: its description
	 * is written then, and shown when a finding comes. */
	for (int i = 0; i < 2 * AN_RECENT; i++)
		feed_signal(a, 100, 100, "make", SIGUSR2, DISP_HANDLER,
			    SA_RESTART_K, 0, NULL);
	p = analyzer_proc(a, 101);
	assert_non_null(p->ring[0].told);
	assert_string_equal(p->ring[0].told, "cc");
	feed_finding_dd(a, 101, "cc", SIGUSR1, CAUSE_NEVER_INSTALLED);
	assert_null(p->ring[0].told);	/* in the timeline now */
	analyzer_finish(a);
	for (uint32_t i = 0; i < a->ntimeline; i++)
		if (a->timeline[i].seq == exec_seq)
			t = &a->timeline[i];
	assert_non_null(t);
	assert_int_equal(t->pid, 101);
	assert_string_equal(t->comm, "cc");
	assert_string_equal(t->text, "exec /usr/bin/cc [\"cc\"]");
	analyzer_free(a);
}

static void test_dispositions(void **state)
{
	struct analyzer *a = analyzer_new();
	struct an_proc *p;

	feed_start(a, 200);
	feed_exec(a, 200, "d", "/d");
	feed_sigaction(a, 200, "d", SIGUSR1, DISP_HANDLER, SA_RESETHAND_K);
	feed_sigaction(a, 200, "d", SIGPIPE, DISP_IGNORED, 0);
	feed_sigaction(a, 200, "d", SIGHUP, DISP_HANDLER, SA_RESTART_K);
	feed_signal(a, 200, 200, "d", SIGUSR1, DISP_HANDLER, SA_RESETHAND_K,
		    200, "d");
	p = analyzer_proc(a, 200);
	/* SA_RESETHAND: back to the default after the delivery. */
	assert_int_equal(an_sig(p, SIGUSR1)->cur.kind, DISP_DEFAULT);
	assert_int_equal(an_sig(p, SIGUSR1)->how, HOW_RESETHAND);
	assert_int_equal(an_sig(p, SIGUSR1)->start.kind, DISP_DEFAULT);
	assert_int_equal(an_sig(p, SIGPIPE)->cur.kind, DISP_IGNORED);
	/* The tracer's model, by the tracer's rules, behind the view. */
	assert_int_equal(model_get(p->model, SIGUSR1)->origin,
			 ORIGIN_RESETHAND);
	/* The reset states no flags; the ignored one has the log's. */
	assert_false(an_sig(p, SIGUSR1)->cur.flags_known);
	assert_true(an_sig(p, SIGPIPE)->cur.flags_known);
	/* execve: handlers reset, ignored kept, the start is the new one. */
	feed_exec(a, 200, "d2", "/d2");
	assert_int_equal(an_sig(p, SIGHUP)->cur.kind, DISP_DEFAULT);
	assert_int_equal(model_get(p->model, SIGHUP)->origin, ORIGIN_EXEC);
	assert_false(an_sig(p, SIGHUP)->cur.flags_known);
	assert_int_equal(an_sig(p, SIGPIPE)->cur.kind, DISP_IGNORED);
	assert_int_equal(an_sig(p, SIGPIPE)->start.kind, DISP_IGNORED);
	assert_false(an_sig(p, SIGPIPE)->changed);
	/* A delivery tells the truth the model missed: it was ignored
	 * since the start (never changed by the program). */
	feed_signal(a, 200, 200, "d2", SIGTERM, DISP_IGNORED, 0, 1, "init");
	assert_int_equal(an_sig(p, SIGTERM)->start.kind, DISP_IGNORED);
	assert_true(report_disp_listed(p, SIGTERM));
	assert_false(report_disp_listed(p, SIGQUIT));
	analyzer_free(a);
}

static void test_eintr_ranking(void **state)
{
	struct analyzer *a = analyzer_new();

	feed_start(a, 300);
	feed_syscall(a, EV_EINTR, 300, "p", SIGALRM, 0);
	for (int i = 0; i < 5; i++)
		feed_syscall(a, EV_EINTR, 300, "p", SIGUSR2, 0);
	feed_syscall(a, EV_RESTARTED, 300, "p", SIGHUP, SA_RESTART_K);
	analyzer_finish(a);
	assert_int_equal(a->neintr, 3);
	assert_int_equal(a->nitems, 2);	/* no hot spot without EINTR */
	assert_int_equal(a->items[0].kind, ITEM_EINTR);
	assert_int_equal(a->eintr[a->items[0].ref].signo, SIGUSR2);
	assert_int_equal(a->eintr[a->items[0].ref].eintr, 5);
	assert_int_equal(a->eintr[a->items[0].ref].sa_restart, 0);
	assert_int_equal(a->eintr[a->items[1].ref].signo, SIGALRM);
	analyzer_free(a);
}

static void test_coalescing(void **state)
{
	struct analyzer *a = analyzer_new();
	struct event e;

	feed_start(a, 400);
	feed_exec(a, 400, "make", "/usr/bin/make");
	feed_sigaction(a, 400, "make", SIGCHLD, DISP_HANDLER, SA_RESTART_K);
	for (pid_t c = 401; c <= 403; c++) {
		feed_fork(a, 400, "make", c, false);
		feed_exit(a, c, "cc", 0, 0);
	}
	ev(&e, EV_SIGNAL, 400, 400, "make");
	e.u.sig.signo = SIGCHLD;
	e.u.sig.code = CLD_EXITED;
	e.u.sig.disposition.kind = DISP_HANDLER;
	analyzer_feed(a, &e);
	feed_exit(a, 400, "make", 0, 0);
	analyzer_finish(a);
	assert_int_equal(analyzer_proc(a, 400)->child_exits, 3);
	assert_int_equal(analyzer_proc(a, 400)->sigchld_handled, 1);
	assert_int_equal(a->nitems, 1);
	assert_int_equal(a->items[0].kind, ITEM_COALESCED);
	analyzer_free(a);
}

/* Caps: memory does not grow with the events. */
static void test_caps(void **state)
{
	struct analyzer *a = analyzer_new();
	struct event e;

	feed_start(a, 500);
	for (int i = 0; i < AN_FINDINGS_MAX + 500; i++)
		feed_finding_dd(a, 500, "p", SIGUSR1, CAUSE_REMOVED);
	assert_int_equal(a->nfindings, AN_FINDINGS_MAX);
	assert_true(a->findings_dropped[FINDING_DEFAULT_DISPOSITION] == 500);
	for (int i = 0; i < 200000; i++) {
		feed_signal(a, 500, 500, "p", SIGUSR2, DISP_HANDLER, 0, 0, NULL);
		now_ns += 1000000;	/* a long trace: bins rescale */
	}
	assert_true(a->ntimeline <= AN_TIMELINE_MAX);
	assert_true(a->nmarks <= AN_MARKS_MAX);
	assert_true(a->marks_dropped > 0);
	/* Bins keep every delivery however often they merge. */
	{
		const struct an_row *r =
			&a->rows[an_sig(analyzer_proc(a, 500), SIGUSR2)->row];
		uint64_t n = 0;

		for (int i = 0; i < AN_BINS; i++)
			n += r->bins[i].n[CLS_HANDLED];
		assert_true(n == 200000);
	}
	/* Many processes: the cap, then only counts. */
	for (pid_t pid = 10000; pid < 10000 + AN_PROCS_MAX + 10; pid++) {
		ev(&e, EV_EXIT, pid, pid, "x");
		analyzer_feed(a, &e);
	}
	assert_int_equal(a->nprocs, AN_PROCS_MAX);
	assert_true(a->procs_untracked > 0);
	analyzer_finish(a);
	analyzer_free(a);
}

/* ---- live against read back ---- */

static const char evil_comm[] = "<script>\x1b[2J\xff";

/* Invalid UTF-8 that grows threefold as U+FFFD: it no longer fits. */
static void overflowing(char *field, size_t size)
{
	memset(field, 0xff, size);	/* not even a NUL */
}

static void hostile(struct analyzer *a, struct sink *json)
{
	struct sink live = { .ops = &sink_analyzer_ops, .fd = -1,
			      .cfg.signals = ~(sigbits_t)0 };
	char big[700];
	struct event e;

	/* Everything goes to A, as live, and to the JSON sink. */
	sink_open(&live, a);
	sink_open(json, NULL);
#define BOTH(e) do { assert_int_equal(live.ops->write(&live, &(e)), 0); \
		assert_int_equal(json->ops->write(json, &(e)), 0); } while (0)
	ev(&e, EV_TRACE_START, 600, 600, "");
	cmdline_from_argv(&e.u.start.argv, (char *[]){ "./evil", "\xc3(", NULL });
	BOTH(e);
	ev(&e, EV_EXEC, 600, 600, evil_comm);
	snprintf(e.u.exec.path, sizeof(e.u.exec.path), "/tmp/\x01<blink>\xe2\x80");
	cmdline_from_argv(&e.u.exec.argv, (char *[]){ "a\"b", "\n{}", NULL });
	BOTH(e);
	ev(&e, EV_SIGACTION, 600, 600, evil_comm);
	e.u.sa.signo = SIGTERM;
	e.u.sa.has_new = true;
	e.u.sa.new_disp.kind = DISP_HANDLER;
	e.u.sa.new_disp.handler = 0x4242;
	snprintf(e.u.sa.new_disp.symbol, SYMBOL_MAX, "on_<term>\xfe");
	e.u.sa.new_disp.flags_known = true;
	e.u.sa.new_disp.flags = SA_RESETHAND_K;
	e.u.sa.syscall = "rt_sigaction";
	BOTH(e);
	ev(&e, EV_SIGNAL, 600, 601, evil_comm);
	e.u.sig.signo = SIGTERM;
	e.u.sig.code = SI_USER;
	e.u.sig.has_sender = true;
	e.u.sig.sender.pid = 7;
	e.u.sig.sender.known = true;
	snprintf(e.u.sig.sender.comm, COMM_MAX, "%s", evil_comm);
	cmdline_from_argv(&e.u.sig.sender.cmdline,
			  (char *[]){ "<img src=x onerror=alert(1)>", NULL });
	e.u.sig.disposition = (struct disposition){ .kind = DISP_HANDLER,
		.handler = 0x4242, .flags_known = true, .flags = SA_RESETHAND_K };
	BOTH(e);
	ev(&e, EV_SIGNAL, 600, 600, evil_comm);
	e.u.sig.signo = SIGTERM;
	e.u.sig.disposition.kind = DISP_DEFAULT;
	BOTH(e);
	ev(&e, EV_FINDING, 600, 600, evil_comm);
	e.u.finding.kind = FINDING_DEFAULT_DISPOSITION;
	e.u.finding.signo = SIGTERM;
	e.u.finding.cause = CAUSE_RESETHAND;
	e.u.finding.has_cause_time = true;
	e.u.finding.cause_mono_ns = e.mono_ns - 200000;
	e.u.finding.delivery_mono_ns = e.mono_ns - 100000;
	BOTH(e);
	ev(&e, EV_WARNING, 600, 600, evil_comm);
	snprintf(e.u.warning.message, DETAIL_MAX, "odd \x1b[31m thing");
	BOTH(e);
	ev(&e, EV_EXIT, 600, 600, evil_comm);
	e.u.exit.signaled = true;
	e.u.exit.signo = SIGTERM;
	BOTH(e);
	ev(&e, EV_EXEC, 700, 700, "");
	overflowing(e.comm, sizeof(e.comm));
	overflowing(e.u.exec.path, sizeof(e.u.exec.path));
	memset(big, 0xfe, sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cmdline_from_argv(&e.u.exec.argv, (char *[]){ "x\xc3", big, "y", NULL });
	BOTH(e);
	ev(&e, EV_SIGACTION, 700, 700, "");
	e.u.sa.signo = SIGUSR1;
	e.u.sa.has_new = true;
	e.u.sa.new_disp.kind = DISP_HANDLER;
	e.u.sa.new_disp.handler = 0x4343;
	overflowing(e.u.sa.new_disp.symbol, SYMBOL_MAX);
	BOTH(e);
	ev(&e, EV_TRACE_END, 600, 600, "");
	BOTH(e);
#undef BOTH
	assert_int_equal(sink_close(&live), 0);
}

static void test_live_equals_offline(void **state)
{
	static const struct report_ops *const ops[] = {
		&report_text_ops, &report_summary_ops, &report_json_ops,
		&report_html_ops, &report_chrome_ops, &report_svg_ops,
	};
	struct analyzer *live = analyzer_new(), *off = analyzer_new();
	char path[] = "/tmp/test_analyzer.XXXXXX";
	struct sink json;
	struct reader *r;
	struct event e;
	char err[256];
	int rc;
	memset(&json, 0, sizeof(json));
	json.ops = &sink_json_ops;
	json.fd = mkstemp(path);
	assert_true(json.fd >= 0);
	json.cfg.signals = ~(sigbits_t)0;
	hostile(live, &json);
	json.owns_fd = true;
	assert_int_equal(sink_close(&json), 0);	/* written out, closed */
	r = reader_open(path, err, sizeof(err));
	assert_non_null(r);
	while ((rc = reader_next(r, &e)) > 0)
		analyzer_feed(off, &e);
	assert_int_equal(rc, 0);
	reader_close(r);
	unlink(path);
	same_reports(ops, sizeof(ops) / sizeof(ops[0]), live, "live", off,
		     "offline");
	analyzer_free(live);
	analyzer_free(off);
}

/* An event's text written from the window (as it leaves it, for a ring
 * that still holds it) reads what the event said when it came: the
 * window keeps of a delivery only what its description reads. */
static void test_window_text(void **state)
{
	struct analyzer *a = analyzer_new();
	struct event sig, con;
	char want[2][AN_TEXT];
	uint64_t seq[2];
	int found = 0;

	(void)state;
	feed_start(a, 100);
	feed_fork(a, 100, "sh", 101, false);
	ev(&sig, EV_SIGNAL, 101, 101, "srv");
	sig.u.sig.signo = SIGUSR1;
	sig.u.sig.code = SI_QUEUE;
	sig.u.sig.has_sender = true;
	sig.u.sig.sender = (struct proc_ident){ .pid = 100, .known = true };
	snprintf(sig.u.sig.sender.comm, COMM_MAX, "sh");
	cmdline_from_argv(&sig.u.sig.sender.cmdline,
			  (char *[]){ "sh", "-c", "kill", NULL });
	sig.u.sig.disposition = (struct disposition){ .kind = DISP_HANDLER,
		.handler = 0x4010 };
	snprintf(sig.u.sig.disposition.symbol, SYMBOL_MAX, "on_usr1");
	sig.u.sig.syscall = 0;
	sig.u.sig.syscall_name = "read";
	cmdline_from_argv(&sig.u.sig.argv, (char *[]){ "srv", NULL });
	sig.u.sig.has_argv = true;
	con = sig;
	con.type = EV_CONSUMED;
	con.mono_ns += 1000;
	snprintf(con.u.sig.consumed_by, SOURCE_MAX, "signalfd");
	snprintf(con.u.sig.sender_unknown, SOURCE_MAX, "no_siginfo");
	seq[0] = a->events;
	analyzer_feed(a, &sig);
	seq[1] = a->events;
	analyzer_feed(a, &con);
	for (int i = 0; i < 2; i++) {
		struct strbuf sb = STRBUF_INIT;

		an_desc_event(a, &sb, i ? &con : &sig);
		snprintf(want[i], sizeof(want[i]), "%s", sb.buf);
		sb_free(&sb);
	}
	/* both leave the window, then a finding shows them */
	for (int i = 0; i < 2 * AN_RECENT; i++)
		feed_signal(a, 100, 100, "sh", SIGUSR2, DISP_HANDLER, 0, 0,
			    NULL);
	feed_finding_dd(a, 101, "srv", SIGTERM, CAUSE_NEVER_INSTALLED);
	analyzer_finish(a);
	for (uint32_t i = 0; i < a->ntimeline; i++) {
		for (int k = 0; k < 2; k++) {
			if (a->timeline[i].seq != seq[k])
				continue;
			assert_string_equal(a->timeline[i].text, want[k]);
			found++;
		}
	}
	assert_int_equal(found, 2);
	assert_non_null(strstr(want[0], "on_usr1"));
	assert_non_null(strstr(want[1], "signalfd"));
	analyzer_free(a);
}

/* A process with more threads than the analyzer remembers, each taking
 * signals and EINTRs: what the lanes and the marks are made of. */
static void threads_storm(struct analyzer *a)
{
	struct event e;

	feed_start(a, 300);
	feed_exec(a, 300, "pool", "/usr/bin/pool");
	feed_sigaction(a, 300, "pool", SIGUSR1, DISP_HANDLER, 0);
	for (pid_t t = 301; t < 301 + AN_THREADS_MAX + 4; t++) {
		feed_fork(a, 300, "pool", t, true);
		for (int i = 0; i < 2; i++)
			feed_signal(a, 300, t, "pool", SIGUSR1, DISP_HANDLER,
				    0, 300, "pool");
		ev(&e, EV_INTERRUPTED, 300, t, "pool");
		e.u.sc.syscall_name = "read";
		e.u.sc.code = -K_ERESTARTSYS;
		e.u.sc.signo = SIGUSR1;
		analyzer_feed(a, &e);
		e.type = EV_EINTR;
		analyzer_feed(a, &e);
	}
	feed_syscall(a, EV_RESTARTED, 300, "pool", SIGUSR1, SA_RESTART_K);
	feed_signal(a, 300, 300, "pool", SIGTERM, DISP_DEFAULT, 0, 1, "init");
	feed_exit(a, 300, "pool", 0, SIGTERM);
	feed_end(a, 300, 0);
}

/* Lanes and marks are kept only for the renderers that draw them, and
 * every other renderer prints the same without them. */
static void test_keep_views(void **state)
{
	static const struct report_ops *const plain[] = {
		&report_text_ops, &report_summary_ops, &report_json_ops,
		&report_counts_ops,
	};
	static const struct report_ops *const drawn[] = {
		&report_html_ops, &report_svg_ops,
	};
	const struct report_ops *live[] = {
		&report_summary_ops, &report_counts_ops, NULL,
	};
	struct analyzer *all = analyzer_new(), *none = analyzer_new();
	struct analyzer *lanes = analyzer_new();
	uint64_t t0 = now_ns;
	bool binned = false;

	(void)state;
	assert_int_equal(report_needs(live, 3), 0);
	live[2] = &report_html_ops;
	assert_int_equal(report_needs(live, 3), AN_KEEP_LANES);
	live[2] = &report_chrome_ops;
	assert_int_equal(report_needs(live, 3), AN_KEEP_ALL);
	analyzer_keep(none, 0);
	analyzer_keep(lanes, AN_KEEP_LANES);
	/* the same events at the same times into each */
	threads_storm(all);
	now_ns = t0;
	threads_storm(none);
	now_ns = t0;
	threads_storm(lanes);

	assert_null(none->rows);
	assert_int_equal(none->nrows, 0);
	assert_null(none->marks);
	for (uint32_t i = 0; i < none->nprocs; i++) {
		const struct an_proc *p = none->procs[i];

		assert_int_equal(p->row, -1);
		for (int signo = 1; signo <= SIG_MAX; signo++)
			assert_int_equal(an_sig(p, signo)->row, -1);
		for (uint32_t t = 0; t < p->nthreads; t++)
			assert_int_equal(p->threads[t].row, -1);
	}
	assert_non_null(all->marks);
	assert_true(all->nmarks > 0);
	assert_null(lanes->marks);
	assert_non_null(lanes->rows);
	assert_int_equal(lanes->nrows, all->nrows);
	for (uint32_t r = 0; r < lanes->nrows; r++)
		binned |= lanes->rows[r].bins != NULL;
	assert_true(binned);

	same_reports(plain, sizeof(plain) / sizeof(plain[0]), all, "all",
		     none, "no lanes");
	same_reports(drawn, sizeof(drawn) / sizeof(drawn[0]), all, "all",
		     lanes, "no marks");
	analyzer_free(all);
	analyzer_free(none);
	analyzer_free(lanes);
}

static void test_escaping(void **state)
{
	struct analyzer *a = analyzer_new();
	struct sink json;
	char *html, *text, *js, *svg;
	json_error_t jerr;
	json_t *doc;

	memset(&json, 0, sizeof(json));
	json.ops = &sink_json_ops;
	json.fd = open("/dev/null", O_WRONLY);
	json.cfg.signals = ~(sigbits_t)0;
	hostile(a, &json);
	json.owns_fd = true;
	assert_int_equal(sink_close(&json), 0);
	html = render(&report_html_ops, a);
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<blink"));
	assert_null(strchr(html, '\x1b'));
	assert_non_null(strstr(html, "&lt;script&gt;"));
	/* The inline SVG's label: escaped once, like the rest of the page. */
	assert_non_null(strstr(html, "class=\"proc\">"));
	assert_null(strstr(html, "&amp;lt;script"));
	svg = render(&report_svg_ops, a);
	assert_null(strstr(svg, "<script"));
	assert_non_null(strstr(svg, "&lt;script&gt;"));
	text = render(&report_text_ops, a);
	assert_null(strchr(text, '\x1b'));
	assert_null(strchr(text, '\x01'));
	assert_non_null(strstr(text, "\\x1b[2J"));
	js = render(&report_json_ops, a);
	doc = json_loads(js, 0, &jerr);
	if (!doc)
		fail_msg("JSON report does not parse: %s", jerr.text);
	json_decref(doc);
	free(js);
	js = render(&report_chrome_ops, a);
	doc = json_loads(js, 0, &jerr);
	if (!doc)
		fail_msg("Chrome trace does not parse: %s", jerr.text);
	assert_true(json_is_array(json_object_get(doc, "traceEvents")));
	json_decref(doc);
	free(js);
	free(html);
	free(svg);
	free(text);
	analyzer_free(a);
}

static void test_formats(void **state)
{
	assert_ptr_equal(report_by_path("r.html"), &report_html_ops);
	assert_ptr_equal(report_by_path("r.json"), &report_json_ops);
	assert_ptr_equal(report_by_path("r.trace.json"), &report_chrome_ops);
	assert_ptr_equal(report_by_path("r.chrome.json"), &report_chrome_ops);
	assert_ptr_equal(report_by_path("r.txt"), &report_text_ops);
	assert_ptr_equal(report_by_name("chrome"), &report_chrome_ops);
	assert_null(report_by_name("pdf"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_late_fork),
		cmocka_unit_test(test_state_on_demand),
		cmocka_unit_test(test_dispositions),
		cmocka_unit_test(test_eintr_ranking),
		cmocka_unit_test(test_coalescing),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_live_equals_offline),
		cmocka_unit_test(test_keep_views),
		cmocka_unit_test(test_window_text),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_formats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
