/* SPDX-License-Identifier: MIT */
/*
 * attach.c - attach mode (-p PID): say why a pid cannot be traced, then
 * seize every thread of a running process without stopping it (no
 * PTRACE_INTERRUPT, no syscall stops); letting go is tracer.c's.  Facts
 * that decide the design (DESIGN.md): an interrupt makes epoll_wait and
 * inotify reads fail with EINTR; a plain SEIZE does not, and exiting the
 * tracer unlinks running tracees harmlessly.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "error.h"
#include "proc.h"
#include "trace_priv.h"

/* Why PID cannot be traced, before trying: -1 with one line in ERR. */
static int check_traceable(pid_t pid, char *err, size_t errlen)
{
	struct proc_status st;
	char comm[COMM_MAX] = "";
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
	proc_read_comm(pid, comm, sizeof(comm));
	if (st.tgid != pid)
		return trace_fail(err, errlen, "pid %d is a thread of process %d: attach to %d (all its threads are traced)",
			    pid, st.tgid, st.tgid);
	if (st.kernel_thread)
		return trace_fail(err, errlen, "pid %d (%s) is a kernel thread: it cannot be traced",
			    pid, comm);
	if (st.state == 'Z' || st.state == 'X')
		return trace_fail(err, errlen, "pid %d (%s) is a zombie: it has exited and waits for its parent (pid %d) to reap it",
			    pid, comm, st.ppid);
	if (st.tracer > 0) {
		char tcomm[COMM_MAX] = "?";

		proc_read_comm(st.tracer, tcomm, sizeof(tcomm));
		return trace_fail(err, errlen, "pid %d (%s) is already traced by pid %d (%s): only one tracer at a time; stop that one first",
			    pid, comm, st.tracer, tcomm);
	}
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

static int seize(pid_t tid, unsigned options)
{
	if (ptrace(PTRACE_SEIZE, tid, 0, (void *)(unsigned long)options) == 0)
		return 0;
	return -errno;
}

/* Seize every thread of PID, looping until a pass finds none new:
 * threads created meanwhile by a seized thread are auto-attached, the
 * rest are found by the next pass. */
static int seize_threads(struct tracer *T, struct process *p,
			 unsigned options)
{
	char path[64];
	int added;

	snprintf(path, sizeof(path), "/proc/%d/task", p->pid);
	do {
		DIR *d = opendir(path);
		struct dirent *de;

		if (!d)
			return p->threads ? 0 : -ESRCH;
		added = 0;
		while ((de = readdir(d)) != NULL) {
			pid_t tid = (pid_t)atoi(de->d_name);
			int rc;

			if (tid <= 0 || tracee_find(T, tid))
				continue;
			rc = seize(tid, options);
			if (rc == -EPERM && p->threads == 0) {
				closedir(d);
				return rc;
			}
			if (rc < 0)
				continue;	/* exited, or auto-attached */
			tracee_add(T, tid, p);
			added++;
		}
		closedir(d);
	} while (added > 0);
	return 0;
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

/* Seize every thread of PID, a process sigtrace does not trace yet.
 * 0, -ESRCH when it is gone, -EPERM when it may not be traced. */
static int seize_process(struct tracer *T, pid_t pid,
			 const struct target_spec *why)
{
	unsigned options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC |
		PTRACE_O_TRACECLONE;
	struct proc_status st;
	struct process *p;
	int rc;

	if (T->cfg.follow)
		options |= PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
	if (proc_read_status(pid, 0, &st) < 0)
		return -ESRCH;
	p = process_add(T, pid,
		model_new(true, st.ignored, st.caught, trace_now()), true);
	p->target = why;
	p->execd = true;	/* its command line is its own */
	pidns_learn(p, &st);
	oom_mark(pid, &p->oom);
	/* The sender observer watches it from now on. */
	observe_watch(T, pid);
	rc = seize_threads(T, p, options);
	if (rc < 0) {
		observe_unwatch(T, pid);
		process_remove(T, p);
		return rc;
	}
	if (!T->root_pid)
		T->root_pid = pid;
	trace_emit_dispositions(T, p);
	return 0;
}

int attach_seize(struct tracer *T, pid_t pid, const struct target_spec *why)
{
	int rc = seize_process(T, pid, why);

	if (rc == -EPERM)
		return explain_eperm(pid, T->err, sizeof(T->err));
	if (rc < 0)
		warnx_msg("pid %d exited before sigtrace could attach", pid);
	return 0;
}

int attach_late(struct tracer *T, pid_t pid, const struct target_spec *why)
{
	struct proc_status st;
	char err[TRACE_ERR_MAX];
	int rc;

	/* Not a process that can be traced: gone, a zombie, a thread, a
	 * kernel thread, sigtrace itself, or one of its own tracees whose
	 * first stop has not been seen yet (TracerPid is sigtrace). */
	if (pid == getpid() || process_find(T, pid) ||
	    proc_read_status(pid, 0, &st) < 0 || st.tgid != pid ||
	    st.kernel_thread || st.state == 'Z' || st.state == 'X' ||
	    st.tracer == getpid())
		return 0;
	if (check_traceable(pid, err, sizeof(err)) < 0) {
		warnx_msg("%s (matched by --%s %s)", err,
			  target_kind_name(why->kind), why->arg);
		return -1;
	}
	rc = seize_process(T, pid, why);
	if (rc == -EPERM) {
		explain_eperm(pid, err, sizeof(err));
		warnx_msg("%s (matched by --%s %s)", err,
			  target_kind_name(why->kind), why->arg);
		return -1;
	}
	return rc == 0;
}
