/* SPDX-License-Identifier: MIT */
/*
 * sender_pidtab.c - recent processes, as the process-events connector
 * reports them: who forked whom, and what each exec'd.  Bounded: a ring
 * of entries in creation order, the oldest reused first, found by pid
 * through a hash.  A pid can appear twice (reused); the entry that had
 * started by the moment asked about is the one meant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	char *cmdline;		/* NUL-separated arguments, or NULL */
	size_t cmdlen;
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

	if (e->used)
		unlink_entry(t, idx);
	free(e->cmdline);
	memset(e, 0, sizeof(*e));
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
	free(e->cmdline);
	e->cmdline = NULL;
	e->cmdlen = 0;
	e->truncated = truncated;
	if (len == 0)
		return;
	e->cmdline = xmalloc(len);
	memcpy(e->cmdline, buf, len);
	e->cmdlen = len;
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
	bool read = sender_proc_read_program(pid, &id) == 0;

	if (!e || e->exit_ns) {
		e = add(t, pid, read && id.start_ns ? id.start_ns : ns);
		e->ppid = read ? id.ppid : 0;
	}
	/* What the fork handed down was the old program's: unknown now,
	 * unless /proc still shows the new one. */
	e->comm_known = false;
	e->comm[0] = '\0';
	set_cmdline(e, NULL, 0, false);
	if (!read)
		return;
	e->comm_known = id.comm[0] != '\0';
	memcpy(e->comm, id.comm, sizeof(e->comm));
	/* the real uid survives exec: from the fork or a UID event */
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
	if (best->cmdline) {
		memcpy(out->cmdline.buf, best->cmdline, best->cmdlen);
		out->cmdline.len = best->cmdlen;
		out->cmdline.truncated = best->truncated;
	}
	return true;
}
