/*
 * proc.c - reading /proc.  Every reader tolerates the process vanishing
 * between two reads: that is an answer ("gone"), not an error.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proc.h"

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

static void parse_status_line(const char *line, struct proc_status *st)
{
	const char *v = strchr(line, ':');

	if (!v)
		return;
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
		st->uid = (uid_t)strtoul(v, NULL, 10);
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
	else if (KEY("Kthread"))
		st->kernel_thread = atoi(v) == 1;
#undef KEY
}

int proc_read_status(pid_t pid, pid_t tid, struct proc_status *st)
{
	char path[64], buf[4096];
	ssize_t n;
	char *line, *save = NULL;

	if (tid > 0)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/status", pid, tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
	n = read_file(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	memset(st, 0, sizeof(*st));
	st->kernel_thread = strstr(buf, "\nVmSize:") == NULL;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		parse_status_line(line, st);
	return 0;
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

int proc_read_cmdline(pid_t pid, struct cmdline *c)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	c->len = 0;
	c->truncated = false;
	n = read_file(path, c->buf, sizeof(c->buf));
	if (n < 0)
		return (int)n;
	c->len = (size_t)n;
	if (c->len == sizeof(c->buf)) {
		char probe;
		int fd = open(path, O_RDONLY | O_CLOEXEC);

		if (fd >= 0) {
			c->truncated = pread(fd, &probe, 1,
					     (off_t)sizeof(c->buf)) == 1;
			close(fd);
		}
	}
	return 0;
}

int proc_read_exe(pid_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	n = readlink(path, buf, len - 1);
	if (n < 0) {
		buf[0] = '\0';
		return -errno;
	}
	buf[n] = '\0';
	return 0;
}

void proc_read_ident(pid_t pid, struct proc_ident *id)
{
	struct proc_status st;

	id->pid = pid;
	id->known = true;
	id->gone = false;
	id->comm[0] = '\0';
	id->cmdline.len = 0;
	id->cmdline.truncated = false;
	if (pid <= 0 || proc_read_status(pid, 0, &st) < 0 || st.state == 'Z' ||
	    st.state == 'X') {
		id->gone = true;
		return;
	}
	id->uid = st.uid;
	proc_read_comm(pid, id->comm, sizeof(id->comm));
	proc_read_cmdline(pid, &id->cmdline);
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
