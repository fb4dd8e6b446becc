/* SPDX-License-Identifier: MIT */
/*
 * pidns.c - pid namespaces (docs/explanations.md, "Pid namespaces").
 * si_pid is the sender's pid in the receiver's namespace; /proc numbers
 * pids in sigtrace's.  A process's namespace is read when it is met
 * (the inode of /proc/PID/ns/pid: one readlink, and a status read for its
 * NStgid only when that is not sigtrace's namespace), so that it is
 * known after the process is gone: a SIGCHLD names a child that was.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "proc.h"
#include "trace_priv.h"

/* How deep sigtrace's own pid namespace is, as its /proc sees it. */
static int own_depth(void)
{
	static int depth;
	struct proc_status st;

	if (!depth)
		depth = proc_read_status(getpid(), 0, &st) == 0 &&
			st.ns_depth > 0 ? st.ns_depth : 1;
	return depth;
}

void pidns_learn(struct process *p, const struct proc_status *st)
{
	if (p->ns_depth || st->ns_depth <= 0)
		return;
	p->ns_depth = st->ns_depth;
	p->ns_tgid = st->ns_tgid;
	if (p->ns_depth > own_depth())
		p->ns_ino = proc_read_pidns(p->pid);
}

/* P's namespace, reading its status once when not known yet. */
static bool known(struct process *p)
{
	struct proc_status st;

	if (!p->ns_depth && proc_read_status(p->pid, 0, &st) == 0)
		pidns_learn(p, &st);
	return p->ns_depth > 0;
}

/* The inode of PID's pid namespace, from its link's text "pid:[N]":
 * a readlink costs less than the stat of proc_read_pidns(), which
 * opens the namespace's own file.  0 when it cannot be read. */
static uint64_t ns_link_ino(pid_t pid)
{
	char path[64], link[64];
	unsigned long long ino;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", (int)pid);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return 0;
	link[n] = '\0';
	return sscanf(link, "pid:[%llu]", &ino) == 1 ? ino : 0;
}

void pidns_adopt(struct process *p)
{
	static uint64_t own_ino;
	uint64_t ino;

	if (!own_ino)
		own_ino = ns_link_ino(getpid());
	/* The same namespace: its pid there is the pid /proc gives. */
	ino = ns_link_ino(p->pid);
	if (ino && ino == own_ino && !p->ns_depth) {
		p->ns_depth = own_depth();
		p->ns_tgid = p->pid;
		return;
	}
	known(p);
}

bool pidns_nested(struct process *p)
{
	return known(p) && p->ns_depth > own_depth() && p->ns_ino;
}

enum sig_dropped pidns_drops(struct process *p)
{
	if (!known(p) || p->ns_tgid != 1)
		return DROP_NONE;
	return p->ns_depth > 1 ? DROP_NS_INIT : DROP_INIT;
}

/* A process of /proc that is NS_PID in namespace INO, or 0. */
static pid_t scan_proc(uint64_t ino, pid_t ns_pid)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	pid_t found = 0;

	if (!d)
		return 0;
	while (!found && (de = readdir(d)) != NULL) {
		struct proc_status st;
		pid_t pid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = (pid_t)strtol(de->d_name, NULL, 10);
		if (proc_read_pidns(pid) != ino ||
		    proc_read_status(pid, 0, &st) < 0)
			continue;
		if (st.ns_tgid == ns_pid)
			found = pid;
	}
	closedir(d);
	return found;
}

pid_t pidns_host_pid(struct tracer *T, struct process *receiver,
		     pid_t ns_pid, bool child)
{
	if (!pidns_nested(receiver))
		return ns_pid;
	pid_t pid;

	/* The traced processes first: most senders are among them. */
	for (unsigned b = 0; b < TABLE_BUCKETS; b++)
		for (struct process *p = T->procs[b]; p; p = p->next)
			if (pidns_nested(p) && p->ns_ino == receiver->ns_ino &&
			    p->ns_tgid == ns_pid)
				return p->pid;
	pid = scan_proc(receiver->ns_ino, ns_pid);
	if (pid || !child)
		return pid;
	/* A zombie has left its namespace (no /proc/PID/ns).  A child
	 * whose end made a SIGCHLD is the traced one sigtrace saw end with
	 * that pid; any other pid may have been handed out again since. */
	for (unsigned i = 1; i <= RECENT_MAX; i++) {
		const struct traced_ident *r =
			&T->recent[(T->recent_next - i) % RECENT_MAX];

		if (r->pid && r->ns_ino == receiver->ns_ino &&
		    r->ns_tgid == ns_pid)
			return r->pid;
	}
	return 0;
}
