/* SPDX-License-Identifier: MIT */
/*
 * sender_tracefs.c - the tracefs back end: the signal:signal_generate
 * tracepoint, which fires in the sender's context at send time, read as
 * text from a private tracefs instance.  Without BPF it gives the
 * sending thread, its process (record-tgid) and its comm, the target and
 * the kernel's result; command lines and parents come from proc-events.
 *
 * The instance is named sigtrace-PID-START (this process's pid and start
 * time in clock ticks, a name no later process can have), filtered to
 * the watched pids, and removed at close and at exit(); one left behind
 * by a sigtrace that was SIGKILLed is removed by the next run.
 *
 * The event names its target by thread only, and a filter compares
 * fields with constants: a process-directed send names the watched
 * process, a thread-directed one any of its threads, which come and go
 * without the kernel filter hearing of it.  So the filter also keeps the
 * machine's thread-directed sends made by a process (tkill, tgkill,
 * rt_tgsigqueueinfo, timers: si_code <= 0, not the faults every program
 * makes), and the target's process is found here: /proc/TID/status
 * once per thread, then a check that the thread is still that
 * process's.
 *
 * trace_pipe is read without blocking, by whoever drains: every send that
 * happened before the drain is in the kernel's buffer by then, so there
 * is no thread and no race.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc.h"
#include "sender_priv.h"

#define DEFAULT_ROOT "/sys/kernel/tracing"
#define PREFIX "sigtrace-"
#define EVENT "events/signal/signal_generate"
#define FILTER_MAX 4000		/* the kernel takes less than a page */
#define BUFFER_KB "512"		/* per CPU: thousands of sends */
#define LINE_MAX_LEN 512
#define THREADS_KNOWN 64	/* threads whose process is remembered */

/* A thread and the process it was found in. */
struct known_thread {
	pid_t tid;
	pid_t tgid;
};

struct tracefs {
	struct tracefs *next;	/* instances to remove at exit() */
	char dir[384];		/* the instance */
	int pipe;		/* trace_pipe, non-blocking */
	bool filtered;		/* the kernel filters on the watched pids */
	char line[LINE_MAX_LEN];	/* a partial line from the last read */
	size_t linelen;
	struct known_thread threads[THREADS_KNOWN];	/* by tid, hashed */
};

static struct tracefs *live;
static bool atexit_set;

/* --- parsing one line of trace_pipe --- */

static const char *skip_back_spaces(const char *start, const char *p)
{
	while (p > start && p[-1] == ' ')
		p--;
	return p;
}

/* "           comm-1234    (   1234) [001] d..1.   403.798770"
 * -> comm, tid, tgid (0 when "-------" or absent), time. */
static bool parse_head(const char *start, const char *end,
		       struct sender_info *s)
{
	const char *cpu = NULL, *p, *dash;
	unsigned long long sec, usec;

	for (p = end; p > start; p--)
		if (p[-1] == '[') {
			cpu = p - 1;
			break;
		}
	if (!cpu || sscanf(cpu, "[%*d] %*s %llu.%llu", &sec, &usec) != 2)
		return false;
	s->sent_ns = sec * 1000000000ull + usec * 1000ull;
	p = skip_back_spaces(start, cpu);
	if (p > start && p[-1] == ')') {
		const char *open = p - 1;

		while (open > start && *open != '(')
			open--;
		if (*open != '(')
			return false;
		s->who.pid = atoi(open + 1);	/* "-------": 0 */
		p = skip_back_spaces(start, open);
	}
	for (dash = p; dash > start && dash[-1] != '-'; dash--)
		;
	if (dash == start)
		return false;
	s->tid = atoi(dash);
	dash--;
	while (start < dash && *start == ' ')
		start++;
	/* "<...>": the comm cache had lost it */
	if (dash - start == 5 && strncmp(start, "<...>", 5) == 0)
		return true;
	snprintf(s->who.comm, sizeof(s->who.comm), "%.*s",
		 (int)(dash - start), start);
	return true;
}

/* "sig=10 errno=0 code=0 comm=bash pid=2042 grp=1 res=0"; the target's
 * comm may hold spaces, so the fields after it are read from the end. */
static bool parse_fields(const char *f, struct sender_info *s)
{
	const char *tail = NULL, *p;
	int sig, err, code, pid, grp, res;

	if (sscanf(f, "sig=%d errno=%d code=%d", &sig, &err, &code) != 3)
		return false;
	for (p = f; (p = strstr(p, " pid=")); p++)
		tail = p;
	if (!tail || sscanf(tail, " pid=%d grp=%d res=%d", &pid, &grp,
			    &res) != 3)
		return false;
	s->signo = sig;
	s->code = code;
	s->target_tid = pid;
	/* A process-directed send names the thread group leader. */
	s->target_tgid = grp ? pid : 0;
	s->group = grp != 0;
	s->has_result = res >= 0 && res < SENDER_RES__COUNT;
	s->result = s->has_result ? (enum sender_result)res : 0;
	return true;
}

enum tracefs_line sender_tracefs_parse(const char *line,
				       struct sender_info *s, uint64_t *lost)
{
	static const char tag[] = ": signal_generate: ";
	const char *ev;
	unsigned long long n;

	if (sscanf(line, "CPU:%*d [LOST %llu EVENTS]", &n) == 1) {
		*lost = n;
		return TRACEFS_LINE_LOST;
	}
	ev = strstr(line, tag);
	if (!ev)
		return TRACEFS_LINE_OTHER;
	memset(s, 0, sizeof(*s));
	if (!parse_head(line, ev, s) || !parse_fields(ev + sizeof(tag) - 1, s))
		return TRACEFS_LINE_OTHER;
	if (!s->who.pid)
		s->who.pid = s->tid;	/* tgid not recorded: a guess */
	s->source = sender_tracefs_ops.name;
	return TRACEFS_LINE_SIGNAL;
}

/* --- the instance --- */

static int write_file(const char *dir, const char *name, const char *val)
{
	char path[640];
	size_t len = strlen(val);
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -EIO;
	close(fd);
	return err;
}

/* Where tracefs is mounted: the usual place, any mount of it, or (as
 * root, like systemd at boot) mounted at the usual place now. */
static int find_root(char *root, size_t len, char *why, size_t whylen)
{
	char line[1024], mnt[256], fstype[64];
	FILE *f;
	int err;

	if (access(DEFAULT_ROOT "/instances", F_OK) == 0) {
		snprintf(root, len, "%s", DEFAULT_ROOT);
		return 0;
	}
	f = fopen("/proc/self/mountinfo", "re");
	while (f && fgets(line, sizeof(line), f)) {
		const char *sep = strstr(line, " - ");

		if (sep && sscanf(sep, " - %63s", fstype) == 1 &&
		    strcmp(fstype, "tracefs") == 0 &&
		    sscanf(line, "%*s %*s %*s %*s %255s", mnt) == 1) {
			snprintf(root, len, "%s", mnt);
			fclose(f);
			return 0;
		}
	}
	if (f)
		fclose(f);
	if (mount("nodev", DEFAULT_ROOT, "tracefs", 0, NULL) == 0) {
		snprintf(root, len, "%s", DEFAULT_ROOT);
		return 0;
	}
	err = -errno;
	snprintf(why, whylen, "tracefs is not mounted and mounting it at "
		 DEFAULT_ROOT " failed: %s%s", strerror(-err),
		 err == -EPERM ? " (needs root)" : "");
	return err;
}

/* Instances of sigtraces that no longer run: their pid is gone or now
 * belongs to a process with another start time. */
static void remove_stale(const char *root)
{
	char dir[640];
	struct dirent *d;
	DIR *D;

	snprintf(dir, sizeof(dir), "%s/instances", root);
	D = opendir(dir);
	while (D && (d = readdir(D))) {
		unsigned long long ticks, now;
		int pid, end = 0;

		if (sscanf(d->d_name, PREFIX "%d-%llu%n", &pid, &ticks,
			   &end) != 2 || d->d_name[end] != '\0')
			continue;
		if (sender_proc_start_ticks(pid, &now) == 0 && now == ticks)
			continue;
		snprintf(dir, sizeof(dir), "%s/instances/%s", root, d->d_name);
		rmdir(dir);
	}
	if (D)
		closedir(D);
}

/* Thread-directed sends by a process, to any thread: the target's
 * process is checked here (thread_of_watched). */
#define THREAD_SENDS "(group==0&&code<=0)"

static int set_filter(struct tracefs *t, const struct sender_observer *o)
{
	char filter[FILTER_MAX + 32];
	size_t n, used = 0;
	const pid_t *pids = sender_watched(o, &n);

	/* Nothing watched, nothing kept: pid 0 is never a target, and a
	 * thread-directed send is kept only while a process is watched. */
	used = (size_t)snprintf(filter, sizeof(filter), "%s",
				n ? THREAD_SENDS : "pid==0");
	for (size_t i = 0; i < n && used < FILTER_MAX; i++)
		used += (size_t)snprintf(filter + used, sizeof(filter) - used,
					 "||pid==%d", pids[i]);
	t->filtered = used < FILTER_MAX;
	/* "0" clears the filter: too many pids, filtered here instead */
	return write_file(t->dir, EVENT "/filter", t->filtered ? filter : "0");
}

static void remove_instance(struct tracefs *t)
{
	struct tracefs **pp;

	if (t->pipe >= 0)
		close(t->pipe);
	t->pipe = -1;
	if (t->dir[0])
		rmdir(t->dir);
	t->dir[0] = '\0';
	for (pp = &live; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
}

static void remove_all_at_exit(void)
{
	while (live)
		remove_instance(live);
}

/* The instance's settings, in order; the event is enabled last, once it
 * is filtered. */
static int configure(struct tracefs *t, const struct sender_observer *o,
		     char *why, size_t len)
{
	int err;

	/* Comparable with the tracer's CLOCK_MONOTONIC times. */
	if ((err = write_file(t->dir, "trace_clock", "mono")) < 0) {
		snprintf(why, len, "%s/trace_clock: no mono clock: %s",
			 t->dir, strerror(-err));
		return err;
	}
	/* The sender's process, not only its thread; older kernels lack it,
	 * and the thread then stands for it. */
	write_file(t->dir, "options/record-tgid", "1");
	write_file(t->dir, "buffer_size_kb", BUFFER_KB);
	if ((err = set_filter(t, o)) < 0 ||
	    (err = write_file(t->dir, EVENT "/enable", "1")) < 0) {
		snprintf(why, len, "%s/%s: %s", t->dir, EVENT, strerror(-err));
		return err;
	}
	return 0;
}

static int tracefs_open(struct sender_backend *b, char *why, size_t len)
{
	struct tracefs *t = b->priv;
	unsigned long long ticks = 0;
	char root[256];
	int err;

	t->pipe = -1;
	if ((err = sender_host_namespaces(why, len)) < 0 ||
	    (err = find_root(root, sizeof(root), why, len)) < 0)
		return err;
	remove_stale(root);
	sender_proc_start_ticks(getpid(), &ticks);
	snprintf(t->dir, sizeof(t->dir), "%s/instances/" PREFIX "%d-%llu",
		 root, (int)getpid(), ticks);
	if (mkdir(t->dir, 0700) < 0) {
		err = -errno;
		snprintf(why, len, "cannot create %s: %s%s", t->dir,
			 strerror(-err), err == -EACCES || err == -EPERM ?
			 " (needs root)" : "");
		t->dir[0] = '\0';
		return err;
	}
	t->next = live;
	live = t;
	if (!atexit_set)
		atexit_set = atexit(remove_all_at_exit) == 0;
	err = configure(t, b->obs, why, len);
	if (err == 0) {
		char path[sizeof(t->dir) + 16];

		snprintf(path, sizeof(path), "%s/trace_pipe", t->dir);
		t->pipe = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (t->pipe < 0) {
			err = -errno;
			snprintf(why, len, "%s: %s", path, strerror(-err));
		}
	}
	if (err < 0)
		remove_instance(t);
	return err;
}

static void tracefs_close(struct sender_backend *b)
{
	remove_instance(b->priv);
}

static int tracefs_fd(const struct sender_backend *b)
{
	const struct tracefs *t = b->priv;

	return t->pipe;
}

/* The watched process whose thread TID is, or 0.  A thread once found
 * is remembered, and checked to be still that process's (its tid could
 * be another process's by now) with one access(). */
static pid_t thread_of_watched(struct tracefs *t,
			       const struct sender_observer *o, pid_t tid)
{
	struct known_thread *k = &t->threads[(unsigned)tid % THREADS_KNOWN];
	struct proc_status st;
	char path[64];

	if (k->tid == tid) {
		snprintf(path, sizeof(path), "/proc/%d/task/%d", k->tgid, tid);
		if (access(path, F_OK) == 0)
			return sender_is_watched(o, k->tgid) ? k->tgid : 0;
		k->tid = 0;
	}
	if (proc_read_status(tid, 0, &st) < 0 || st.tgid <= 0)
		return 0;
	k->tid = tid;
	k->tgid = st.tgid;
	return sender_is_watched(o, st.tgid) ? st.tgid : 0;
}

/* Is S a send to a watched process?  A thread-directed one learns its
 * target's process. */
static bool to_watched(struct tracefs *t, const struct sender_observer *o,
		       struct sender_info *s)
{
	if (sender_is_watched(o, s->target_tid) ||
	    sender_is_watched(o, s->target_tgid))
		return true;
	if (s->group || s->target_tid <= 0)
		return false;
	s->target_tgid = thread_of_watched(t, o, s->target_tid);
	return s->target_tgid != 0;
}

/*
 * The sender's tgid and comm in a trace line come from the kernel's
 * caches by pid (saved_tgids, saved_cmdlines), which keep whatever an
 * earlier task with the same pid left there: a short-lived kill(1) has
 * shown up as a long-gone thread's process, and its send then matched
 * no delivery.  A tgid that does not hold the sending thread is such a
 * leftover: the thread is taken for its own process, and its name is
 * left to the other sources (/proc, the process table).
 */
static void drop_stale_cache(struct sender_info *s)
{
	char path[64];

	if (s->who.pid <= 0 || s->who.pid == s->tid)
		return;
	snprintf(path, sizeof(path), "/proc/%d/task/%d", (int)s->who.pid,
		 (int)s->tid);
	if (access(path, F_OK) == 0)
		return;
	s->who.pid = s->tid;
	s->who.comm[0] = '\0';
}

static int take_line(struct sender_backend *b, const char *line)
{
	struct tracefs *t = b->priv;
	struct sender_info s;
	uint64_t lost = 0;

	switch (sender_tracefs_parse(line, &s, &lost)) {
	case TRACEFS_LINE_SIGNAL:
		if (!to_watched(t, b->obs, &s))
			return 0;
		drop_stale_cache(&s);
		sender_record(b->obs, &s);
		return 1;
	case TRACEFS_LINE_LOST:
		sender_count_lost(b->obs, lost);
		return 0;
	default:
		return 0;
	}
}

static int tracefs_drain(struct sender_backend *b)
{
	struct tracefs *t = b->priv;
	char buf[16384];
	int count = 0;

	for (;;) {
		ssize_t n = read(t->pipe, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 && errno != EAGAIN ? -errno : count;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				/* an absurd line is cut, not overflowed */
				if (t->linelen < sizeof(t->line) - 1)
					t->line[t->linelen++] = buf[i];
				continue;
			}
			t->line[t->linelen] = '\0';
			t->linelen = 0;
			count += take_line(b, t->line);
		}
	}
}

static int tracefs_watch(struct sender_backend *b, pid_t pid, bool add)
{
	return set_filter(b->priv, b->obs);
}

const struct sender_backend_ops sender_tracefs_ops = {
	.name = "tracefs",
	.kind = SENDER_TRACEFS,
	.sees_sends = true,
	.priv_size = sizeof(struct tracefs),
	.open = tracefs_open,
	.close = tracefs_close,
	.fd = tracefs_fd,
	.drain = tracefs_drain,
	.watch = tracefs_watch,
};
