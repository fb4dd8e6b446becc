/* SPDX-License-Identifier: MIT */
/*
 * attach.c - attach mode (-p PID): say why a pid cannot be traced, then
 * seize every thread of a running process without stopping it (no
 * PTRACE_INTERRUPT, no syscall stops); letting go is tracer.c's.  Facts
 * that decide the design (DESIGN.md): an interrupt makes epoll_wait and
 * inotify reads fail with EINTR; a plain SEIZE does not, and exiting the
 * tracer unlinks running tracees harmlessly.
 *
 * Between the checks and the seize the process may exit, and its pid go
 * to another one (docs/safety.md, items 14 and 15): a pidfd taken before
 * the checks holds the process that was checked, and says after the
 * seize whether the pid is still its own (kfacts pidfd).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "error.h"
#include "escape.h"
#include "proc.h"
#include "trace_priv.h"
#include "xmalloc.h"

/* A process name in a message: escaped (a name can drive a terminal). */
#define NAME_SHOWN_MAX (COMM_MAX * 4 + 1)

static const char *name_of(pid_t pid, char *buf, size_t len)
{
	char comm[COMM_MAX] = "?";

	proc_read_comm(pid, comm, sizeof(comm));
	return escape_text_str(buf, len, comm);
}

/* Why PID cannot be traced, before trying: -1 with one line in ERR. */
static int check_traceable(pid_t pid, char *err, size_t errlen)
{
	char comm[NAME_SHOWN_MAX], tcomm[NAME_SHOWN_MAX];
	struct proc_status st;
	int rc;

	if (pid == getpid())
		return trace_fail(err, errlen, "pid %d is sigtrace itself: it cannot trace itself",
			    pid);
	rc = proc_read_status(pid, 0, &st);
	if (rc == -ENOENT || rc == -ESRCH)
		return trace_fail(err, errlen, "pid %d: no such process", pid);
	if (rc < 0)
		return trace_fail(err, errlen, "pid %d: cannot read /proc/%d/status: %s",
			    pid, pid, strerror(-rc));
	name_of(pid, comm, sizeof(comm));
	if (st.tgid != pid)
		return trace_fail(err, errlen, "pid %d is a thread of process %d: attach to %d (all its threads are traced)",
			    pid, st.tgid, st.tgid);
	if (st.kernel_thread)
		return trace_fail(err, errlen, "pid %d (%s) is a kernel thread: it cannot be traced",
			    pid, comm);
	if (st.state == 'Z' || st.state == 'X')
		return trace_fail(err, errlen, "pid %d (%s) is a zombie: it has exited and waits for its parent (pid %d) to reap it",
			    pid, comm, st.ppid);
	if (st.tracer > 0)
		return trace_fail(err, errlen, "pid %d (%s) is already traced by pid %d (%s): only one tracer at a time; stop that one first",
			    pid, comm, st.tracer,
			    name_of(st.tracer, tcomm, sizeof(tcomm)));
	return 0;
}

static int explain_eperm(pid_t pid, char *err, size_t errlen)
{
	struct proc_status st;
	FILE *f;
	int scope = 0;

	f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
	if (f) {
		if (fscanf(f, "%d", &scope) != 1)
			scope = 0;
		fclose(f);
	}
	if (proc_read_status(pid, 0, &st) == 0 && st.uid != getuid() &&
	    geteuid() != 0)
		return trace_fail(err, errlen, "pid %d: permission denied: it belongs to uid %u and you are uid %u; run sigtrace as that user or as root (CAP_SYS_PTRACE)",
			    pid, (unsigned)st.uid, (unsigned)getuid());
	if (scope > 0)
		return trace_fail(err, errlen, "pid %d: permission denied by yama (kernel.yama.ptrace_scope = %d); run as root or set it to 0 with sysctl",
			    pid, scope);
	return trace_fail(err, errlen, "pid %d: permission denied: PTRACE_SEIZE needs the same uid or CAP_SYS_PTRACE (a setuid or non-dumpable process needs root)",
		    pid);
}

/* How sigtrace knows, after the seize, that PID is still the process it
 * checked: its pidfd, or (a kernel before 5.3) its start time. */
struct held {
	pid_t pid;
	int pidfd;
	uint64_t start_time;
};

static void hold(struct held *h, pid_t pid)
{
	struct proc_stat st;

	h->pid = pid;
	h->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	h->start_time = proc_read_stat(pid, &st) == 0 ? st.start_time : 0;
}

/* Does the pid still belong to the process that was checked?  A zombie
 * still holds its pid: no other process can have it. */
static bool still_held(const struct held *h)
{
	struct proc_stat st;

	/* EPERM: it is there, only not ours to signal. */
	if (h->pidfd >= 0)
		return syscall(SYS_pidfd_send_signal, h->pidfd, 0, NULL, 0) == 0 ||
		       errno == EPERM;
	return proc_read_stat(h->pid, &st) == 0 && st.start_time == h->start_time;
}

static void release(struct held *h)
{
	if (h->pidfd >= 0)
		close(h->pidfd);
	h->pidfd = -1;
}

void attach_hold(struct tracer *T, const pid_t *pids, size_t npids)
{
	T->held = xcalloc(npids ? npids : 1, sizeof(*T->held));
	for (size_t i = 0; i < npids; i++)
		hold(&T->held[T->nheld++], pids[i]);
}

void attach_release(struct tracer *T)
{
	for (size_t i = 0; i < T->nheld; i++)
		release(&T->held[i]);
	free(T->held);
	T->held = NULL;
	T->nheld = 0;
}

static struct held *held_for(struct tracer *T, pid_t pid)
{
	for (size_t i = 0; i < T->nheld; i++)
		if (T->held[i].pid == pid)
			return &T->held[i];
	return NULL;
}

static int seize(pid_t tid, unsigned options)
{
	if (ptrace(PTRACE_SEIZE, tid, 0, (void *)(unsigned long)options) == 0)
		return 0;
	return -errno;
}

/* A task seized by mistake (its pid was another process's by then):
 * never reported, let go at its first stop (lifecycle.c), unlinked by
 * the kernel if sigtrace exits first. */
static void keep_alien(struct tracer *T, pid_t tid)
{
	struct process *p = process_find(T, tid);

	if (!p)
		p = process_add(T, tid, model_new(true, 0, 0, 0), false);
	p->alien = true;
	tracee_add(T, tid, p);
}

/* Seize the other threads of P, looping until a pass finds none new:
 * threads created meanwhile by a seized thread are auto-attached, the
 * rest are found by the next pass.  One that cannot be seized has
 * exited; one whose tid is now another process's is alien. */
static void seize_threads(struct tracer *T, struct process *p,
			  unsigned options)
{
	char path[64];
	int added;

	snprintf(path, sizeof(path), "/proc/%d/task", p->pid);
	do {
		DIR *d = opendir(path);
		struct dirent *de;

		if (!d)
			return;
		added = 0;
		while ((de = readdir(d)) != NULL) {
			pid_t tid = (pid_t)atoi(de->d_name);
			struct proc_status st;

			if (tid <= 0 || tracee_find(T, tid) ||
			    seize(tid, options) < 0)
				continue;
			if (proc_read_status(p->pid, tid, &st) < 0 ||
			    st.tgid != p->pid) {
				keep_alien(T, tid);
				continue;
			}
			tracee_add(T, tid, p);
			added++;
		}
		closedir(d);
	} while (added > 0);
}

/* Gone before sigtrace could look: a warning in a list, not an error. */
static bool vanished(pid_t pid)
{
	struct proc_status st;

	return proc_read_status(pid, 0, &st) < 0 || st.state == 'Z' ||
		st.state == 'X';
}

int attach_check(pid_t *pids, size_t *npids, bool none_ok, char *err,
		 size_t errlen)
{
	size_t left = 0, k = 0;

	for (size_t i = 0; i < *npids; i++)
		if (!vanished(pids[i]))
			left++;
	for (size_t i = 0; i < *npids; i++) {
		if (check_traceable(pids[i], err, errlen) == 0) {
			pids[k++] = pids[i];
			continue;
		}
		/* Any other reason is the user's mistake: say it. */
		if (!vanished(pids[i]))
			return -1;
		if (left == 0 && !none_ok) {
			size_t n = strlen(err);

			if (*npids > 1)
				snprintf(err + n, errlen - n, "; none of the %zu processes given is running",
					 *npids);
			return -1;
		}
		warnx_msg("%s; going on without it", err);
	}
	*npids = k;
	err[0] = '\0';
	return 0;
}

/* Why the seize of H's process failed with RC, into ERR: -ESRCH when it
 * exited (a zombie is refused with EPERM too: not a permission problem,
 * kfacts zombie), else RC. */
static int seize_failed(const struct held *h, int rc, char *err,
			size_t errlen)
{
	char name[NAME_SHOWN_MAX];
	struct proc_status st;

	if (rc == -ESRCH || !still_held(h) ||
	    proc_read_status(h->pid, 0, &st) < 0 || st.state == 'Z' ||
	    st.state == 'X') {
		trace_fail(err, errlen, "pid %d exited before sigtrace could attach",
			   h->pid);
		return -ESRCH;
	}
	if (rc == -EPERM && st.tracer > 0)
		trace_fail(err, errlen, "pid %d is already traced by pid %d (%s): only one tracer at a time; stop that one first",
			   h->pid, st.tracer,
			   name_of(st.tracer, name, sizeof(name)));
	else if (rc == -EPERM)
		explain_eperm(h->pid, err, errlen);
	else
		trace_fail(err, errlen, "pid %d: PTRACE_SEIZE: %s", h->pid,
			   strerror(-rc));
	return rc;
}

/* Seize every thread of H's process, a process sigtrace does not trace
 * yet, main thread first.  0, or -errno with why in ERR (-ESRCH: it is
 * gone, or its pid is another process's now). */
static int seize_process(struct tracer *T, const struct held *h,
			 const struct target_spec *why, char *err,
			 size_t errlen)
{
	unsigned options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		PTRACE_O_TRACECLONE;
	struct proc_status st;
	struct process *p;
	int rc;

	if (T->cfg.follow)
		options |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	if (proc_read_status(h->pid, 0, &st) < 0)
		return seize_failed(h, -ESRCH, err, errlen);
	rc = seize(h->pid, options);
	if (rc < 0)
		return seize_failed(h, rc, err, errlen);
	if (!still_held(h)) {
		/* Another process has the pid now: not the one checked. */
		keep_alien(T, h->pid);
		return seize_failed(h, -ESRCH, err, errlen);
	}
	p = process_add(T, h->pid,
		model_new(true, st.ignored, st.caught, trace_now()), true);
	p->target = why;
	p->execd = true;	/* its command line is its own */
	pidns_learn(p, &st);
	oom_mark(h->pid, &p->oom);
	/* The sender observer watches it from now on. */
	observe_watch(T, h->pid);
	tracee_add(T, h->pid, p);
	seize_threads(T, p, options);
	if (!T->root_pid)
		T->root_pid = h->pid;
	/* Before the trace starts, its dispositions follow trace_start. */
	/* What its signalfds read is not "still terminates" (the audit). */
	consumed_learn_signalfds(p);
	if (T->trace_started)
		trace_emit_dispositions(T, p);
	return 0;
}

int attach_seize(struct tracer *T, pid_t pid, const struct target_spec *why,
		 bool alone)
{
	struct held local, *h = held_for(T, pid);
	int rc;

	if (!h) {
		hold(&local, pid);
		h = &local;
	}
	rc = seize_process(T, h, why, T->err, sizeof(T->err));
	release(h);
	if (rc == 0)
		return 0;
	/* One process to trace: its failure, in one line, ends the run.
	 * Several: the others are traced, and sigtrace exits 1 at the end. */
	if (rc != -ESRCH || alone)
		return -1;
	trace_flush(T);
	warnx_msg("%s; going on without it", T->err);
	T->err[0] = '\0';
	T->attach_lost++;
	return 0;
}

int attach_late(struct tracer *T, pid_t pid, const struct target_spec *why)
{
	struct proc_status st;
	char err[TRACE_ERR_MAX];
	struct held h;
	int rc;

	/* Not a process that can be traced: gone, a zombie, a thread, a
	 * kernel thread, sigtrace itself, or one of its own tracees whose
	 * first stop has not been seen yet (TracerPid is sigtrace). */
	if (pid == getpid() || process_find(T, pid) ||
	    proc_read_status(pid, 0, &st) < 0 || st.tgid != pid ||
	    st.kernel_thread || st.state == 'Z' || st.state == 'X' ||
	    st.tracer == getpid())
		return 0;
	hold(&h, pid);
	if (check_traceable(pid, err, sizeof(err)) < 0) {
		release(&h);
		trace_flush(T);
		warnx_msg("%s (matched by --%s %s)", err,
			  target_kind_name(why->kind), why->arg);
		return -1;
	}
	rc = seize_process(T, &h, why, err, sizeof(err));
	release(&h);
	if (rc == -ESRCH)
		return 0;
	if (rc < 0) {
		trace_flush(T);
		warnx_msg("%s (matched by --%s %s)", err,
			  target_kind_name(why->kind), why->arg);
		return -1;
	}
	return 1;
}
