/* SPDX-License-Identifier: MIT */
/*
 * proc.c - reading /proc.  Every reader tolerates the process vanishing
 * between two reads: that is an answer ("gone"), not an error.
 *
 * Each file has a parser taking its text (proc_parse_*, unit-tested
 * on buffers) under the function that reads it.
 */
#define _GNU_SOURCE	/* memrchr */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc.h"
#include "strbuf.h"

/* At most LEN bytes of PATH: enough for the short files (comm, and
 * cmdline up to what is kept of it). */
static ssize_t read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0;

	if (fd < 0)
		return -errno;
	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			close(fd);
			return -e;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	return (ssize_t)got;
}

static sigbits_t parse_mask(const char *s)
{
	return (sigbits_t)strtoull(s, NULL, 16);
}

/* "Uid:\treal\teffective\tsaved\tfs": the first two. */
static void parse_ids(const char *v, uid_t *real, uid_t *effective)
{
	char *end;
	unsigned long r = strtoul(v, &end, 10);

	if (real)
		*real = (uid_t)r;
	*effective = (uid_t)strtoul(end, NULL, 10);
}

/* "NStgid:\t868\t1": the tgid in each pid namespace from the one /proc
 * belongs to down to the process's own; the last is its own. */
static void parse_nstgid(const char *v, struct proc_status *st)
{
	char *end;

	st->ns_depth = 0;
	for (;;) {
		long n = strtol(v, &end, 10);

		if (end == v)
			break;
		st->ns_tgid = (pid_t)n;
		st->ns_depth++;
		v = end;
	}
}

/* Status keys that decide after the last line, not on theirs. */
#define SEEN_VMSIZE 1u
#define SEEN_KTHREAD 2u

/* One NUL-terminated line "Key:\tvalue" into ST. */
static unsigned parse_status_line(const char *line, struct proc_status *st)
{
	const char *v = strchr(line, ':');

	if (!v)
		return 0;
	v++;
	while (*v == ' ' || *v == '\t')
		v++;
#define KEY(k) (strncmp(line, k ":", sizeof(k)) == 0)
	if (KEY("Name"))
		snprintf(st->name, sizeof(st->name), "%s", v);
	else if (KEY("State"))
		st->state = *v;
	else if (KEY("Tgid"))
		st->tgid = atoi(v);
	else if (KEY("PPid"))
		st->ppid = atoi(v);
	else if (KEY("TracerPid"))
		st->tracer = atoi(v);
	else if (KEY("Uid"))
		parse_ids(v, &st->uid, &st->euid);
	else if (KEY("Gid"))
		parse_ids(v, NULL, &st->egid);
	else if (KEY("SigPnd"))
		st->pending = parse_mask(v);
	else if (KEY("ShdPnd"))
		st->shared_pending = parse_mask(v);
	else if (KEY("SigBlk"))
		st->blocked = parse_mask(v);
	else if (KEY("SigIgn"))
		st->ignored = parse_mask(v);
	else if (KEY("SigCgt"))
		st->caught = parse_mask(v);
	else if (KEY("Threads"))
		st->threads = atoi(v);
	else if (KEY("NStgid"))
		parse_nstgid(v, st);
	else if (KEY("VmSize"))
		return SEEN_VMSIZE;
	else if (KEY("Kthread")) {
		st->kernel_thread = atoi(v) == 1;
		return SEEN_KTHREAD;
	}
#undef KEY
	return 0;
}

void proc_parse_status(const char *buf, size_t len, struct proc_status *st)
{
	const char *p = buf, *end = buf + len;
	unsigned seen = 0;

	memset(st, 0, sizeof(*st));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - p);
		/* Longer lines (Groups:, with many groups) are none of ours:
		 * their start is enough to see that. */
		char line[256];

		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		seen |= parse_status_line(line, st);
		p = nl ? nl + 1 : end;
	}
	/* Without a Kthread: line (older kernels), a kernel thread is a
	 * process without memory. */
	if (!(seen & SEEN_KTHREAD))
		st->kernel_thread = !(seen & SEEN_VMSIZE);
}

int proc_read_status(pid_t pid, pid_t tid, struct proc_status *st)
{
	struct strbuf sb = STRBUF_INIT;
	char path[64];
	int rc;

	if (tid > 0)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/status", pid, tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
	rc = sb_read_file(&sb, path);
	if (rc == 0)
		proc_parse_status(sb.buf, sb.len, st);
	sb_free(&sb);
	return rc;
}

/* The next space-separated field of [*pp, end) as a number. */
static bool next_number(const char **pp, const char *end, uint64_t *v)
{
	const char *p = *pp;
	uint64_t x = 0;

	while (p < end && *p == ' ')
		p++;
	if (p < end && *p == '-')
		p++;	/* a negative field (nice): only skipped past */
	if (p >= end || *p < '0' || *p > '9')
		return false;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		x = x * 10 + (uint64_t)(*p - '0');
	*pp = p;
	*v = x;
	return true;
}

int proc_parse_stat(const char *buf, size_t len, struct proc_stat *st)
{
	/* "pid (comm) state ppid ...": comm may hold spaces and ')', but
	 * nothing after it does, so it ends at the last ')'. */
	const char *p = memrchr(buf, ')', len), *end = buf + len;
	const char *open = memchr(buf, '(', len);
	uint64_t v = 0;

	memset(st, 0, sizeof(*st));
	if (!p || end - p < 3 || p[1] != ' ')
		return -EINVAL;
	if (open && open < p) {
		size_t n = (size_t)(p - open - 1);

		if (n >= sizeof(st->comm))
			n = sizeof(st->comm) - 1;
		memcpy(st->comm, open + 1, n);
	}
	st->state = p[2];
	p += 3;
	/* Fields 4 (ppid) to 22 (starttime). */
	for (int field = 4; field <= 22; field++) {
		if (!next_number(&p, end, &v))
			return -EINVAL;
		if (field == 4)
			st->ppid = (pid_t)v;
		else if (field == 5)
			st->pgrp = (pid_t)v;
		else if (field == 7)
			st->tty_nr = (unsigned)v;
	}
	st->start_time = v;
	return 0;
}

int proc_read_stat(pid_t pid, struct proc_stat *st)
{
	struct strbuf sb = STRBUF_INIT;
	char path[64];
	int rc;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	rc = sb_read_file(&sb, path);
	if (rc == 0)
		rc = proc_parse_stat(sb.buf, sb.len, st);
	sb_free(&sb);
	return rc;
}

int proc_read_comm(pid_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n;

	if (len == 0)
		return -EINVAL;
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	n = read_file(path, buf, len - 1);
	if (n < 0) {
		buf[0] = '\0';
		return (int)n;
	}
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	return 0;
}

void proc_parse_cmdline(const char *buf, size_t len, struct cmdline *c)
{
	c->truncated = len > sizeof(c->buf);
	c->len = c->truncated ? sizeof(c->buf) : len;
	memcpy(c->buf, buf, c->len);
	/* A program that wrote its title over its arguments (nginx,
	 * postgres: setproctitle) leaves a run of NULs: ps shows the
	 * title alone, and so do we. */
	while (!c->truncated && c->len >= 2 && c->buf[c->len - 1] == '\0' &&
	       c->buf[c->len - 2] == '\0')
		c->len--;
}

int proc_read_cmdline(pid_t pid, struct cmdline *c)
{
	/* One byte more than is kept: whether there was more. */
	char buf[sizeof(c->buf) + 1], path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	c->len = 0;
	c->truncated = false;
	n = read_file(path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	proc_parse_cmdline(buf, (size_t)n, c);
	return 0;
}

/* The target of the link PATH into BUF, NUL-terminated.  0 or -errno. */
static int read_link(const char *path, char *buf, size_t len)
{
	ssize_t n = readlink(path, buf, len - 1);

	if (n < 0) {
		buf[0] = '\0';
		return -errno;
	}
	buf[n] = '\0';
	return 0;
}

int proc_read_exe(pid_t pid, char *buf, size_t len)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	return read_link(path, buf, len);
}

void proc_read_ident(pid_t pid, struct proc_ident *id)
{
	struct proc_status st;

	id->pid = pid;
	id->known = true;
	id->gone = false;
	id->zombie = false;
	id->comm[0] = '\0';
	id->cmdline.len = 0;
	id->cmdline.truncated = false;
	if (pid <= 0 || proc_read_status(pid, 0, &st) < 0 || st.state == 'X') {
		id->gone = true;
		return;
	}
	id->uid = st.uid;
	/* A zombie has exited, but its name, uid and parent are still
	 * there; its memory (the command line) is not. */
	id->zombie = st.state == 'Z';
	id->gone = id->zombie;
	proc_read_comm(pid, id->comm, sizeof(id->comm));
	if (!id->zombie)
		proc_read_cmdline(pid, &id->cmdline);
}

int proc_read_fd_link(pid_t pid, int fd, char *buf, size_t len,
		      bool *is_fifo)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	*is_fifo = stat(path, &st) == 0 && S_ISFIFO(st.st_mode);
	return read_link(path, buf, len);
}

long proc_read_last_pid(void)
{
	/* Read at every traced process's end: the file stays open, and a
	 * pread from 0 formats it anew (one system call, not three). */
	static int fd = -1;
	char buf[32];
	ssize_t n;

	if (fd < 0)
		fd = open("/proc/sys/kernel/ns_last_pid", O_RDONLY | O_CLOEXEC);
	n = fd < 0 ? -1 : pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

uint64_t proc_read_pidns(pid_t pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/ns/pid", pid);
	return stat(path, &st) == 0 ? (uint64_t)st.st_ino : 0;
}

void proc_read_ancestry(pid_t pid, struct ancestry *a)
{
	struct proc_status st;

	pid_t me = getpid();

	a->count = 0;
	while (a->count < ANCESTRY_MAX && pid > 1) {
		if (proc_read_status(pid, 0, &st) < 0 || st.ppid <= 0)
			break;
		pid = st.ppid;
		if (pid == me)
			break;	/* sigtrace and above: not the story */
		a->link[a->count].pid = pid;
		proc_read_comm(pid, a->link[a->count].comm,
			       sizeof(a->link[a->count].comm));
		a->count++;
	}
}

/* The mask /proc/PID/fdinfo/FD shows for a signalfd; false when FD is
 * no signalfd. */
bool proc_signalfd_mask(pid_t pid, int fd, sigbits_t *mask)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned long long m;
	const char *line;
	char path[64];
	bool ok;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", (int)pid, fd);
	ok = sb_read_file(&sb, path) == 0 &&
	     (line = strstr(sb.buf, "sigmask:")) &&
	     sscanf(line + 8, "%llx", &m) == 1;
	sb_free(&sb);
	if (ok)
		*mask = m;
	return ok;
}

/* Is P's descriptor FD a signalfd now?  One readlink: cheap beside
 * the two stops of the read. */
bool proc_is_signalfd(pid_t pid, int fd)
{
	static const char want[] = "anon_inode:[signalfd]";
	char path[64], link[sizeof(want) + 1];

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, fd);
	return read_link(path, link, sizeof(link)) == 0 &&
	       strcmp(link, want) == 0;
}

/* Each signalfd PID has now, with the signals it reads, to EACH until
 * EACH says enough (true). */
void proc_each_signalfd(pid_t pid,
			   bool (*each)(void *arg, int fd, sigbits_t mask),
			   void *arg)
{
	char path[64];
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	dir = opendir(path);
	if (!dir)
		return;
	while ((d = readdir(dir))) {
		sigbits_t mask;
		char *end;
		long fd = strtol(d->d_name, &end, 10);

		if (*end || end == d->d_name || !proc_is_signalfd(pid, (int)fd) ||
		    !proc_signalfd_mask(pid, (int)fd, &mask))
			continue;
		if (each(arg, (int)fd, mask))
			break;
	}
	closedir(dir);
}

struct fd_of_signal {
	int signo;
	int fd;
};

static bool reads_signal(void *arg, int fd, sigbits_t mask)
{
	struct fd_of_signal *q = arg;

	if (!(mask & SIGBIT(q->signo)))
		return false;
	q->fd = fd;
	return true;
}

int proc_signalfd_of(pid_t pid, int signo)
{
	struct fd_of_signal q = { signo, -1 };

	proc_each_signalfd(pid, reads_signal, &q);
	return q.fd;
}
