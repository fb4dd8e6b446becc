/* SPDX-License-Identifier: MIT */
/*
 * sender_pidtab.c - recent processes, as the process-events connector
 * reports them: who forked whom, and what each exec'd.  Bounded: a ring
 * of entries in creation order, the oldest reused first, found by pid
 * through a hash.  A pid can appear twice (reused); the entry that had
 * started by the moment asked about is the one meant.
 *
 * Every exec on the machine passes through here, so an exec costs two
 * small reads of /proc (the new command line, then the new comm) and no
 * allocation once the table has warmed up: the fork event already gave
 * the parent and the start time.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"
#include "sender_priv.h"
#include "xmalloc.h"

#define PIDTAB_LEN 4096		/* entries: recent processes remembered */
#define PIDTAB_BUCKETS 1024	/* power of two */
#define NONE (-1)

struct entry {
	bool used;
	bool comm_known;
	bool has_uid;
	pid_t pid;
	pid_t ppid;
	uid_t uid;
	int next;		/* hash chain */
	uint64_t start_ns;
	uint64_t exit_ns;
	char comm[COMM_MAX];
	char *cmdline;		/* NUL-separated arguments (cmdlen bytes) */
	size_t cmdlen;
	size_t cmdcap;		/* bytes allocated, kept when reused */
	bool truncated;
};

struct pidtab {
	struct entry e[PIDTAB_LEN];
	int bucket[PIDTAB_BUCKETS];
	int next;		/* the slot to reuse next */
};

static unsigned hash(pid_t pid)
{
	return ((unsigned)pid * 2654435761u) & (PIDTAB_BUCKETS - 1);
}

struct pidtab *pidtab_new(void)
{
	struct pidtab *t = xcalloc(1, sizeof(*t));

	for (int i = 0; i < PIDTAB_BUCKETS; i++)
		t->bucket[i] = NONE;
	return t;
}

void pidtab_free(struct pidtab *t)
{
	if (!t)
		return;
	for (int i = 0; i < PIDTAB_LEN; i++)
		free(t->e[i].cmdline);
	free(t);
}

static void unlink_entry(struct pidtab *t, int idx)
{
	int *p = &t->bucket[hash(t->e[idx].pid)];

	while (*p != NONE && *p != idx)
		p = &t->e[*p].next;
	if (*p == idx)
		*p = t->e[idx].next;
}

/* The newest entry of PID (chains are pushed at the front). */
static struct entry *newest(struct pidtab *t, pid_t pid)
{
	for (int i = t->bucket[hash(pid)]; i != NONE; i = t->e[i].next)
		if (t->e[i].pid == pid)
			return &t->e[i];
	return NULL;
}

static struct entry *add(struct pidtab *t, pid_t pid, uint64_t ns)
{
	int idx = t->next;
	struct entry *e = &t->e[idx];
	unsigned h = hash(pid);
	char *cmdline = e->cmdline;
	size_t cmdcap = e->cmdcap;

	if (e->used)
		unlink_entry(t, idx);
	memset(e, 0, sizeof(*e));
	e->cmdline = cmdline;
	e->cmdcap = cmdcap;
	e->used = true;
	e->pid = pid;
	e->start_ns = ns;
	e->next = t->bucket[h];
	t->bucket[h] = idx;
	t->next = (idx + 1) % PIDTAB_LEN;
	return e;
}

static void set_cmdline(struct entry *e, const char *buf, size_t len,
			bool truncated)
{
	e->truncated = truncated;
	e->cmdlen = len;
	if (len > e->cmdcap) {
		/* rounded up: the next program in this slot likely fits */
		e->cmdcap = (len + 127) & ~(size_t)127;
		e->cmdline = xrealloc(e->cmdline, e->cmdcap);
	}
	if (len)
		memcpy(e->cmdline, buf, len);
}

/* /proc/PID/NAME in one read: cmdline and comm give all they have at
 * once.  Bytes read, or -errno. */
static ssize_t read_once(pid_t pid, const char *name, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len);
	if (n < 0)
		n = -errno;
	close(fd);
	return n;
}

/* The program that PID runs since its exec: its command line first (it
 * goes at exit, the comm stays while it is a zombie, and nothing stays
 * once it is reaped). */
static void read_program(struct entry *e, pid_t pid)
{
	char buf[CMDLINE_MAX + 1];	/* one more: was there more? */
	struct cmdline c;
	ssize_t n = read_once(pid, "cmdline", buf, sizeof(buf));

	if (n > 0) {
		proc_parse_cmdline(buf, (size_t)n, &c);
		set_cmdline(e, c.buf, c.len, c.truncated);
	}
	e->comm_known = false;
	e->comm[0] = '\0';
	if (n == -ENOENT || n == -ESRCH)
		return;
	n = read_once(pid, "comm", e->comm, sizeof(e->comm) - 1);
	if (n > 0 && e->comm[n - 1] == '\n')
		n--;
	e->comm[n > 0 ? n : 0] = '\0';
	e->comm_known = n > 0;
}

/* A process that started before the listener: as /proc shows it now. */
static struct entry *seed(struct pidtab *t, pid_t pid)
{
	struct sender_ident id;
	struct entry *e;

	if (sender_proc_read(pid, &id) < 0 || id.pid != pid)
		return NULL;
	e = add(t, pid, id.start_ns);
	e->ppid = id.ppid;
	e->comm_known = true;
	memcpy(e->comm, id.comm, sizeof(e->comm));
	e->uid = id.uid;
	e->has_uid = id.has_uid;
	set_cmdline(e, id.cmdline.buf, id.cmdline.len, id.cmdline.truncated);
	return e;
}

void pidtab_fork(struct pidtab *t, pid_t child, pid_t parent, uint64_t ns)
{
	struct entry *p = newest(t, parent);
	struct entry *c;

	/* Read once, so that its children (a shell's subshells, which do
	 * not exec) inherit a name. */
	if (!p)
		p = seed(t, parent);
	c = add(t, child, ns);

	c->ppid = parent;
	if (!p)
		return;
	/* add() may have reused P's slot: P is still valid only if its pid
	 * is still PARENT. */
	if (p->pid != parent || !p->used)
		return;
	c->comm_known = p->comm_known;
	memcpy(c->comm, p->comm, sizeof(c->comm));
	c->uid = p->uid;
	c->has_uid = p->has_uid;
	set_cmdline(c, p->cmdline, p->cmdlen, p->truncated);
}

void pidtab_exec(struct pidtab *t, pid_t pid, uint64_t ns)
{
	struct entry *e = newest(t, pid);
	struct sender_ident id;

	/* What the fork handed down was the old program's: unknown now,
	 * unless /proc still shows the new one.  The real uid survives
	 * exec: from the fork. */
	if (e && !e->exit_ns) {
		set_cmdline(e, NULL, 0, false);
		read_program(e, pid);
		return;
	}
	/* Its fork was not seen: its parent and start from /proc too. */
	if (sender_proc_read_program(pid, &id) < 0) {
		e = add(t, pid, ns);
		return;
	}
	e = add(t, pid, id.start_ns ? id.start_ns : ns);
	e->ppid = id.ppid;
	e->comm_known = id.comm[0] != '\0';
	memcpy(e->comm, id.comm, sizeof(e->comm));
	set_cmdline(e, id.cmdline.buf, id.cmdline.len, id.cmdline.truncated);
}

void pidtab_comm(struct pidtab *t, pid_t pid, const char *comm)
{
	struct entry *e = newest(t, pid);

	if (!e)
		return;
	snprintf(e->comm, sizeof(e->comm), "%s", comm);
	e->comm_known = true;
}

void pidtab_exit(struct pidtab *t, pid_t pid, uint64_t ns)
{
	struct entry *e = newest(t, pid);

	if (e && !e->exit_ns)
		e->exit_ns = ns;
}

bool pidtab_find(const struct pidtab *t, pid_t pid, uint64_t at_ns,
		 struct sender_ident *out)
{
	const struct entry *best = NULL;

	for (int i = t->bucket[hash(pid)]; i != NONE; i = t->e[i].next) {
		const struct entry *e = &t->e[i];

		if (e->pid != pid || (at_ns && e->start_ns > at_ns))
			continue;
		if (!best || e->start_ns > best->start_ns)
			best = e;
	}
	if (!best)
		return false;
	memset(out, 0, sizeof(*out));
	out->pid = pid;
	out->ppid = best->ppid;
	out->uid = best->uid;
	out->has_uid = best->has_uid;
	out->exited = best->exit_ns != 0;
	out->start_ns = best->start_ns;
	out->exit_ns = best->exit_ns;
	if (best->comm_known)
		memcpy(out->comm, best->comm, sizeof(out->comm));
	if (best->cmdlen) {
		memcpy(out->cmdline.buf, best->cmdline, best->cmdlen);
		out->cmdline.len = best->cmdlen;
		out->cmdline.truncated = best->truncated;
	}
	return true;
}
