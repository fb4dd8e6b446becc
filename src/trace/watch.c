/* SPDX-License-Identifier: MIT */
/*
 * watch.c - what attach mode attaches to: the -p pids still there, the
 * processes the targets (targets.c) match at the start, and those that
 * appear later, attached within milliseconds of their exec as the
 * process-events connector (procevents.c) reports it, or of the write
 * of their pidfile (inotify).  The attach-mode tick re-reads pidfiles
 * and cgroup member lists, for what no event announces (a process moved
 * into a cgroup).  Where the connector cannot be used, /proc is scanned
 * every second instead.  With --watch the run outlives its tracees and
 * waits for the targets to come back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "procevents.h"
#include "proc.h"
#include "selfsig.h"
#include "trace_priv.h"
#include "xmalloc.h"

#define CAND_MAX 256		/* processes noticed between two drains */
#define REFUSED_MAX 64		/* processes said no to, not asked again */
#define SCAN_PERIOD_NS 1000000000u	/* without process events */

struct found {
	pid_t pid;
	const struct target_spec *why;
};

struct watch {
	struct targets *tg;	/* NULL: only -p */
	struct procevents *pe;	/* NULL: scan every SCAN_PERIOD_NS */
	bool by_name;		/* a rename may make a match */
	bool full_scan;		/* events were lost: scan /proc */
	bool attached;		/* something was traced at least once */
	uint64_t last_scan_ns;
	pid_t cand[CAND_MAX];
	size_t ncand;
	struct found *initial;	/* what to attach to at the start */
	size_t ninitial, capinitial;
	struct {
		pid_t pid;
		uint64_t start_time;
	} refused[REFUSED_MAX];
	unsigned refused_next;
	/* -p pids, and as targets, so that their events say so too. */
	pid_t pids[PIDS_MAX];
	struct target_spec pid_spec[PIDS_MAX];
	char pid_arg[PIDS_MAX][16];
	size_t npids;
};

/* ---- candidates from the process events ---- */

static void cand_add(struct watch *w, pid_t tgid)
{
	if (w->ncand < CAND_MAX)
		w->cand[w->ncand++] = tgid;
	else
		w->full_scan = true;
}

static void on_exec(void *ctx, pid_t pid, pid_t tgid)
{
	(void)pid;
	cand_add(ctx, tgid);
}

static void on_comm(void *ctx, pid_t pid, pid_t tgid, const char *name)
{
	struct watch *w = ctx;

	if (w->by_name && pid == tgid)
		cand_add(w, tgid);
}

static void on_lost(void *ctx)
{
	struct watch *w = ctx;

	w->full_scan = true;
}

/* A forked child has its parent's name and cgroup: a match of the
 * parent was traced with its children, anything new comes with an
 * exec, a rename or a pidfile. */
static const struct procevents_ops watch_events = {
	.exec = on_exec,
	.comm = on_comm,
	.lost = on_lost,
};

/* ---- attaching to what matched ---- */

static uint64_t start_time_of(pid_t pid)
{
	struct proc_stat st;

	return proc_read_stat(pid, &st) == 0 ? st.start_time : 0;
}

static bool was_refused(const struct watch *w, pid_t pid)
{
	uint64_t start = 0;

	for (unsigned i = 0; i < REFUSED_MAX; i++) {
		if (w->refused[i].pid != pid)
			continue;
		if (!start)
			start = start_time_of(pid);
		if (w->refused[i].start_time == start)
			return true;
	}
	return false;
}

/* Attach to PID, which WHY matched, unless it is traced already or
 * said no before (a process traced by gdb is warned about once). */
static void found(void *ctx, pid_t pid, const struct target_spec *why)
{
	struct tracer *T = ctx;
	struct watch *w = T->watch;
	int rc;

	if (process_find(T, pid) || was_refused(w, pid))
		return;
	rc = attach_late(T, pid, why);
	if (rc > 0) {
		w->attached = true;
	} else if (rc < 0) {
		unsigned i = w->refused_next++ % REFUSED_MAX;

		w->refused[i].pid = pid;
		w->refused[i].start_time = start_time_of(pid);
	}
}

static void check_candidates(struct tracer *T)
{
	struct watch *w = T->watch;
	size_t k = 0;

	for (size_t i = 0; i < w->ncand; i++)
		if (w->cand[i] != getpid() && !process_find(T, w->cand[i]))
			w->cand[k++] = w->cand[i];
	w->ncand = 0;
	if (k > 0)
		targets_check(w->tg, w->cand, k, found, T);
}

static void scan(struct tracer *T, bool full)
{
	struct watch *w = T->watch;

	if (full) {
		w->full_scan = false;
		w->last_scan_ns = trace_now();
	}
	targets_scan(w->tg, full, found, T);
}

void watch_io(struct tracer *T)
{
	struct watch *w = T->watch;

	if (!w || !w->tg)
		return;
	if (w->pe)
		procevents_drain(w->pe, &watch_events, w);
	check_candidates(T);
	if (w->full_scan)
		scan(T, true);
	else if (targets_notified(w->tg))
		scan(T, false);
}

void watch_tick(struct tracer *T)
{
	struct watch *w = T->watch;

	if (!w || !w->tg)
		return;
	if (w->full_scan ||
	    (!w->pe && trace_now() - w->last_scan_ns >= SCAN_PERIOD_NS))
		scan(T, true);
	else
		scan(T, false);
}

bool watch_waiting(const struct tracer *T)
{
	const struct watch *w = T->watch;

	/* Without --watch, a target waits for its first match only. */
	return w && w->tg && (T->cfg.watch || !w->attached);
}

/* ---- the start ---- */

static void listen_events(struct tracer *T)
{
	struct watch *w = T->watch;
	char why[256];

	w->pe = procevents_open(PROCEVENTS_EXEC | PROCEVENTS_COMM, 0, why,
				sizeof(why));
	if (!w->pe && !T->cfg.quiet)
		warnx_msg("%s: processes that appear are looked for every second instead",
			  why);
}

int watch_open(struct tracer *T, const pid_t *pids, size_t npids)
{
	struct watch *w = xcalloc(1, sizeof(*w));

	T->watch = w;
	w->npids = npids < PIDS_MAX ? npids : PIDS_MAX;
	memcpy(w->pids, pids, w->npids * sizeof(*pids));
	/* Held from before the checks to the seize: what is checked is
	 * what is seized (attach.c). */
	attach_hold(T, w->pids, w->npids);
	if (attach_check(w->pids, &w->npids, T->cfg.ntargets > 0, T->err,
			 sizeof(T->err)) < 0)
		return -1;
	for (size_t i = 0; i < w->npids; i++) {
		snprintf(w->pid_arg[i], sizeof(w->pid_arg[i]), "%d",
			 (int)w->pids[i]);
		w->pid_spec[i].kind = TARGET_PID;
		w->pid_spec[i].arg = w->pid_arg[i];
	}
	if (T->cfg.ntargets == 0)
		return 0;
	w->tg = targets_new(T->cfg.targets, T->cfg.ntargets, T->err,
			    sizeof(T->err));
	if (!w->tg)
		return -1;
	w->by_name = targets_by_name(w->tg);
	/* Before the first scan: nothing appears unseen in between. */
	listen_events(T);
	return 0;
}

static void initial_add(void *ctx, pid_t pid, const struct target_spec *why)
{
	struct watch *w = ctx;

	if (pid == getpid())
		return;
	for (size_t i = 0; i < w->ninitial; i++)
		if (w->initial[i].pid == pid)
			return;
	if (w->ninitial == w->capinitial) {
		w->capinitial = w->capinitial ? 2 * w->capinitial : 16;
		w->initial = xrealloc(w->initial,
				      w->capinitial * sizeof(*w->initial));
	}
	w->initial[w->ninitial].pid = pid;
	w->initial[w->ninitial++].why = why;
}

size_t watch_initial(struct tracer *T, pid_t *out, size_t max)
{
	struct watch *w = T->watch;
	size_t n;

	for (size_t i = 0; i < w->npids; i++)
		initial_add(w, w->pids[i], &w->pid_spec[i]);
	if (w->tg) {
		if (w->pe)
			selfsig_watch_fd(procevents_fd(w->pe));
		if (targets_notify_fd(w->tg) >= 0)
			selfsig_watch_fd(targets_notify_fd(w->tg));
		w->last_scan_ns = trace_now();
		targets_scan(w->tg, true, initial_add, w);
	}
	n = w->ninitial < max ? w->ninitial : max;
	for (size_t i = 0; i < n; i++)
		out[i] = w->initial[i].pid;
	return n;
}

int watch_attach_initial(struct tracer *T)
{
	struct watch *w = T->watch;
	int rc = 0;

	for (size_t i = 0; i < w->ninitial && rc == 0; i++) {
		const struct found *f = &w->initial[i];

		if (f->why->kind == TARGET_PID)
			rc = attach_seize(T, f->pid, f->why,
					  w->ninitial == 1 && !w->tg);
		else
			found(T, f->pid, f->why);
	}
	if (T->live > 0)
		w->attached = true;
	free(w->initial);
	w->initial = NULL;
	w->ninitial = w->capinitial = 0;
	if (rc == 0 && T->live == 0 && w->tg && !T->cfg.quiet)
		warnx_msg("no process matches yet: waiting for one");
	return rc;
}

void watch_close(struct tracer *T)
{
	struct watch *w = T->watch;

	if (!w)
		return;
	procevents_close(w->pe);
	targets_free(w->tg);
	free(w->initial);
	free(w);
	T->watch = NULL;
}
