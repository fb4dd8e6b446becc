/* SPDX-License-Identifier: MIT */
/*
 * psig.c - `sigtrace psig PID` / `sigtrace --dispositions -p PID`: the
 * signal table of a process from /proc, without tracing it, like illumos
 * psig(1) and gdb's `info signals`: each signal's disposition, default
 * action, and where it is blocked or pending, then the audit of dangerous
 * defaults.  The kernel does not publish a handler's address, its SA_*
 * flags nor its sa_mask in /proc: the table says so for each caught
 * signal, and what would tell (sigtrace -p).  What /proc does tell is
 * said: a signal read through a signalfd (its fdinfo has the mask) is
 * consumed there, not by a handler.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "escape.h"
#include "evwalk.h"
#include "proc.h"
#include "psig.h"
#include "sigtab.h"
#include "strbuf.h"
#include "xmalloc.h"

#define THREADS_SHOWN 64
#define FDS_SCANNED 4096	/* descriptors looked at for signalfds */

struct thread_masks {
	pid_t tid;
	char comm[COMM_MAX];
	sigbits_t blocked;
	sigbits_t pending;
};

static void add_escaped(struct strbuf *sb, const char *s)
{
	escape_text(sb, s, strlen(s));
}

static size_t read_threads(pid_t pid, struct thread_masks *t, size_t max)
{
	char path[64];
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL && n < max) {
		struct proc_status st;
		pid_t tid = (pid_t)atoi(de->d_name);
		char cpath[96];
		FILE *f;

		if (tid <= 0 || proc_read_status(pid, tid, &st) < 0)
			continue;
		t[n].tid = tid;
		t[n].blocked = st.blocked;
		t[n].pending = st.pending;
		t[n].comm[0] = '\0';
		snprintf(cpath, sizeof(cpath), "/proc/%d/task/%d/comm", pid, tid);
		f = fopen(cpath, "re");
		if (f) {
			if (fgets(t[n].comm, sizeof(t[n].comm), f))
				t[n].comm[strcspn(t[n].comm, "\n")] = '\0';
			fclose(f);
		}
		n++;
	}
	closedir(d);
	return n;
}

/* The signals PID reads through signalfds: SFD[signo] is the first fd
 * (-1 none), from /proc/PID/fdinfo's "sigmask:" lines. */
static void read_signalfds(pid_t pid, int sfd[SIG_MAX + 1])
{
	char path[320], link[64], line[128];
	struct dirent *de;
	unsigned scanned = 0;
	DIR *d;

	for (int s = 0; s <= SIG_MAX; s++)
		sfd[s] = -1;
	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d)
		return;
	while ((de = readdir(d)) != NULL && scanned++ < FDS_SCANNED) {
		int fd = atoi(de->d_name);
		unsigned long long mask = 0;
		ssize_t n;
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/fd/%s", pid, de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n <= 0 || (link[n] = '\0', strcmp(link, "anon_inode:[signalfd]")))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
		f = fopen(path, "re");
		while (f && fgets(line, sizeof(line), f))
			if (sscanf(line, "sigmask: %llx", &mask) == 1)
				break;
		if (f)
			fclose(f);
		for (int s = 1; s <= SIG_MAX; s++)
			if ((mask & SIGBIT(s)) && sfd[s] < 0)
				sfd[s] = fd;
	}
	closedir(d);
}

/* What /proc says of the handler: nothing but that there is one. */
static void handler_note(struct strbuf *sb, const struct proc_status *st,
			 const int *sfd, int sig)
{
	if (sfd[sig] >= 0)
		sb_printf(sb, "read through signalfd (fd %d)", sfd[sig]);
	else if (st->caught & SIGBIT(sig))
		sb_adds(sb, "unknown (not in /proc)");
	else
		sb_adds(sb, "-");
}

static const char *disposition_word(const struct proc_status *st, int sig)
{
	if (st->caught & SIGBIT(sig))
		return "caught";
	if (st->ignored & SIGBIT(sig))
		return "ignored";
	return "default";
}

/* One row per standard signal, and per realtime signal not at default. */
static void table(struct strbuf *sb, const struct proc_status *st,
		  const struct thread_masks *t, size_t nthreads,
		  const int *sfd)
{
	sb_printf(sb, "  %-12s %-9s %-8s %-8s %-8s %s\n", "SIGNAL",
		  "DISPOSITION", "DEFAULT", "BLOCKED", "PENDING",
		  "HANDLER, SA_FLAGS, SA_MASK");
	for (int sig = 1; sig <= SIG_MAX; sig++) {
		char name[16];
		bool blocked_all = nthreads > 0, blocked_some = false;
		bool pending = (st->shared_pending & SIGBIT(sig)) != 0;

		for (size_t i = 0; i < nthreads; i++) {
			bool b = t[i].blocked & SIGBIT(sig);

			blocked_all &= b;
			blocked_some |= b;
			pending |= (t[i].pending & SIGBIT(sig)) != 0;
		}
		if (sig > 31 && !(st->caught & SIGBIT(sig)) &&
		    !(st->ignored & SIGBIT(sig)) && !blocked_some && !pending &&
		    sfd[sig] < 0)
			continue;
		sb_printf(sb, "  %-12s %-11s %-8s %-8s %-8s ",
			  sig_name(sig, name, sizeof(name)),
			  disposition_word(st, sig),
			  sig_action_name(sig_default_action(sig)),
			  blocked_all ? "yes" : blocked_some ? "some" : "-",
			  pending ? "yes" : "-");
		handler_note(sb, st, sfd, sig);
		sb_addc(sb, '\n');
	}
}

/* Said once, plainly, when anything is caught. */
static void unknowable(struct strbuf *sb, const struct proc_status *st,
		       pid_t pid)
{
	if (!st->caught)
		return;
	sb_printf(sb, "  note: Linux /proc tells which signals are caught, not the handler's address, its SA_* flags (SA_RESTART, SA_SIGINFO, SA_RESETHAND...) nor the signals it blocks while it runs (sa_mask); 'sigtrace -p %d' learns each handler at its first delivery, and with --syscalls the flags and mask of the next sigaction call\n",
		  (int)pid);
}

static void thread_masks_section(struct strbuf *sb,
				 const struct thread_masks *t, size_t n)
{
	bool differ = false;
	char buf[1024];

	for (size_t i = 1; i < n; i++)
		if (t[i].blocked != t[0].blocked || t[i].pending != t[0].pending)
			differ = true;
	if (!differ)
		return;
	sb_adds(sb, "  per thread (they differ):\n");
	for (size_t i = 0; i < n; i++) {
		sb_printf(sb, "    %d (", (int)t[i].tid);
		add_escaped(sb, t[i].comm);
		sb_printf(sb, ") blocked=%s",
			  sigset_format(t[i].blocked, buf, sizeof(buf)));
		sb_printf(sb, " pending=%s\n",
			  sigset_format(t[i].pending, buf, sizeof(buf)));
	}
}

static void audit(struct strbuf *sb, const struct proc_status *st,
		  const int *sfd)
{
	sigbits_t danger = sig_dangerous_defaults() & ~st->caught & ~st->ignored;
	char buf[1024];

	/* Read through a signalfd (and so blocked): not a way to die. */
	for (int s = 1; s <= SIG_MAX; s++)
		if (sfd[s] >= 0)
			danger &= ~SIGBIT(s);

	if (!danger) {
		sb_adds(sb, "  audit: every signal that operators commonly send is caught or ignored\n");
		return;
	}
	sb_printf(sb, "  audit: %s still have the default action (terminate): a stray kill -SIG from a tool or an operator kills this process\n",
		  sigset_format(danger, buf, sizeof(buf)));
}

/* PID's table into SB.  0, or -errno when /proc/PID/status cannot be
 * read (-ENOENT: no such process). */
static int format_table(pid_t pid, struct strbuf *sb)
{
	struct thread_masks *threads;
	struct proc_status st;
	struct cmdline argv;
	int sfd[SIG_MAX + 1];
	char comm[COMM_MAX] = "";
	const char *arg;
	size_t n, len;
	int rc;

	rc = proc_read_status(pid, 0, &st);
	if (rc < 0)
		return rc;
	proc_read_comm(pid, comm, sizeof(comm));
	proc_read_cmdline(pid, &argv);
	threads = xcalloc(THREADS_SHOWN, sizeof(*threads));
	n = read_threads(pid, threads, THREADS_SHOWN);
	sb_printf(sb, "pid %d (", (int)pid);
	add_escaped(sb, comm);
	sb_adds(sb, ")");
	for (size_t pos = 0; cmdline_next(&argv, &pos, &arg, &len);) {
		sb_adds(sb, " ");
		escape_text(sb, arg, len);
	}
	sb_printf(sb, "\n  threads: %d, uid %u, state %c%s\n", st.threads,
		  (unsigned)st.uid, st.state ? st.state : '?',
		  st.tracer ? " (traced)" : "");
	read_signalfds(pid, sfd);
	table(sb, &st, threads, n, sfd);
	thread_masks_section(sb, threads, n);
	unknowable(sb, &st, pid);
	audit(sb, &st, sfd);
	free(threads);
	return 0;
}

/* PID's table to FD, or one error line on stderr: like kill(1), a pid
 * that fails does not stop the next.  0 or 1. */
static int print_one(pid_t pid, int fd)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = format_table(pid, &sb);

	if (rc == -ENOENT || rc == -ESRCH)
		error_msg("pid %d: no such process", pid);
	else if (rc < 0)
		error_msg("pid %d: cannot read /proc/%d/status: %s", pid, pid,
			  strerror(-rc));
	else if (sb.len && write(fd, sb.buf, sb.len) != (ssize_t)sb.len)
		rc = -EIO;
	sb_free(&sb);
	return rc < 0 ? 1 : 0;
}

int psig_print(const pid_t *pids, size_t n, int fd)
{
	int rc = 0;

	for (size_t i = 0; i < n; i++)
		rc |= print_one(pids[i], fd);
	return rc;
}

int psig_main(int argc, char **argv)
{
	int rc = 0;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs("Usage: sigtrace psig PID [PID...]\n"
		      "Print the signal table of running processes (from /proc, without\n"
		      "tracing them) and the audit of dangerous defaults.\n",
		      argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	for (int i = 1; i < argc; i++) {
		char *end;
		long pid = strtol(argv[i], &end, 10);

		if (*end || end == argv[i] || pid <= 0 || pid > 0x7fffffff) {
			error_msg("psig '%s': not a process id (a positive number)",
				  argv[i]);
			return EXIT_USAGE;
		}
		rc |= print_one((pid_t)pid, STDOUT_FILENO);
	}
	return rc;
}
