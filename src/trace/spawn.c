/* SPDX-License-Identifier: MIT */
/*
 * spawn.c - the child waits on a pipe until the parent has seized it, so
 * the tracer sees everything from the first instruction of the new
 * program without a single stop before exec; then it installs the seccomp
 * filter and execs.  An exec failure travels back on a close-on-exec pipe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch.h"
#include "escape.h"
#include "proc.h"
#include "selfsig.h"
#include "spawn.h"
#include "trace_priv.h"

static int check_exec(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	if (S_ISDIR(st.st_mode))
		return -EISDIR;
	if (access(path, X_OK) < 0)
		return -errno;
	return 0;
}

int spawn_resolve(const char *cmd, char *out, size_t len, char *err,
		  size_t errlen)
{
	const char *path_env;
	int first_err = -ENOENT;

	if (strchr(cmd, '/')) {
		int rc = check_exec(cmd);

		if (rc == -EISDIR)
			return trace_fail(err, errlen,
					  "%s: is a directory, not a command", cmd);
		if (rc < 0)
			return trace_fail(err, errlen, "%s: cannot execute: %s",
					  cmd, strerror(-rc));
		snprintf(out, len, "%s", cmd);
		return 0;
	}
	path_env = getenv("PATH");
	if (!path_env || !*path_env)
		path_env = "/usr/local/bin:/usr/bin:/bin";
	while (*path_env) {
		const char *colon = strchr(path_env, ':');
		size_t dlen = colon ? (size_t)(colon - path_env) : strlen(path_env);
		int rc;

		snprintf(out, len, "%.*s%s%s", (int)dlen, path_env,
			 dlen ? "/" : "", cmd);
		rc = check_exec(out);
		if (rc == 0)
			return 0;
		if (rc != -ENOENT && rc != -ENOTDIR && first_err == -ENOENT)
			first_err = rc;
		path_env += dlen + (colon ? 1 : 0);
	}
	if (first_err == -ENOENT)
		return trace_fail(err, errlen, "%s: command not found", cmd);
	return trace_fail(err, errlen, "%s: cannot execute: %s", cmd,
			  strerror(-first_err));
}

/* seccomp(2), or the older prctl for kernels (and valgrind) without it. */
static int set_filter(struct sock_fprog *fprog)
{
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, fprog) == 0)
		return 0;
	if (errno != ENOSYS)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, fprog, 0, 0);
}

/* Where half HI (0: low, 1: high) of argument N's 64 bits is in
 * seccomp_data, whose fields are in the byte order of the machine. */
static uint32_t arg_half(unsigned n, int hi)
{
	int high_first = __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__;

	return (uint32_t)(offsetof(struct seccomp_data, args) +
			  n * sizeof(uint64_t) +
			  (hi ^ high_first) * sizeof(uint32_t));
}

/* The instructions of row T at PROG: load arch; if not A skip the rest;
 * load nr; if not N skip the rest; (with an argument check: load its
 * low half; if not skip the rest; the same for the high half;) return
 * TRACE.  How many there are. */
static size_t filter_row(struct sock_filter *prog,
			 const struct arch_traced_syscall *t)
{
	/* A 32-bit ABI's argument is the low half: the kernel truncates it,
	 * but seccomp sees the whole register (int $0x80 from 64-bit code
	 * can leave anything in the high half). */
	int halves = !t->if_arg ? 0 :
		(t->audit_arch & __AUDIT_ARCH_64BIT) ? 2 : 1;
	uint8_t len = (uint8_t)(5 + 2 * halves), n = 0;

	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, arch));
	prog[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		t->audit_arch, 0, len - n - 1);
	n++;
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
		offsetof(struct seccomp_data, nr));
	prog[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
		t->nr, 0, len - n - 1);
	n++;
	for (int hi = 0; hi < halves; hi++) {
		prog[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W |
			BPF_ABS, arg_half(t->if_arg - 1u, hi));
		prog[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ |
			BPF_K, (uint32_t)(t->arg_eq >> (32 * hi)), 0,
			len - n - 1);
		n++;
	}
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_TRACE | TRACE_SECCOMP_DATA);
	return n;
}

/* RET_TRACE for the listed syscalls of each audit arch (some only with
 * one argument's value), RET_ALLOW for everything else.  The kernel
 * caches RET_ALLOW for every number whose answer needs no argument, so
 * only read() runs the filter. */
int spawn_install_filter(void)
{
	struct sock_filter prog[9 * 16 + 1];
	size_t n = 0, count = arch_traced_syscalls_count;
	struct sock_fprog fprog;

	if (count * 9 + 1 > sizeof(prog) / sizeof(prog[0]))
		return -E2BIG;
	for (size_t i = 0; i < count; i++)
		n += filter_row(prog + n, &arch_traced_syscalls[i]);
	prog[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
		SECCOMP_RET_ALLOW);
	fprog.len = (unsigned short)n;
	fprog.filter = prog;
	if (set_filter(&fprog) == 0)
		return 0;
	if (errno != EACCES)
		return -errno;
	/* Without CAP_SYS_ADMIN the kernel insists on no_new_privs. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (set_filter(&fprog) < 0)
		return -errno;
	return 0;
}

struct child_report {
	int stage;		/* 0: filter, 1: exec */
	int err;
};

static void child_main(int go_fd, int report_fd, const char *path,
		       char *const argv[])
{
	struct child_report rep = { 0, 0 };
	char c;
	int rc;

	while (read(go_fd, &c, 1) < 0 && errno == EINTR)
		;
	close(go_fd);
	selfsig_restore_inherited();
	rc = spawn_install_filter();
	if (rc < 0) {
		rep.err = -rc;
		(void)!write(report_fd, &rep, sizeof(rep));
		_exit(127);
	}
	execv(path, argv);
	rep.stage = 1;
	rep.err = errno;
	(void)!write(report_fd, &rep, sizeof(rep));
	_exit(127);
}

/* Until the exec: EOF on the close-on-exec report pipe means it worked,
 * a report means it failed.  Meanwhile the child may stop (a seccomp stop
 * for code that runs between the filter and the exec, e.g. under
 * valgrind): resume it.  An exec stop seen first is handed back in
 * *PENDING for the tracer.  Returns 0, sizeof(*rep), or -1 (child gone). */
static ssize_t wait_for_exec(pid_t pid, int fd, struct child_report *rep,
			     int *pending)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int status;

	*pending = -1;
	for (;;) {
		pid_t w;

		if (poll(&pfd, 1, 20) > 0) {
			ssize_t n;

			while ((n = read(fd, rep, sizeof(*rep))) < 0 &&
			       errno == EINTR)
				;
			return n == (ssize_t)sizeof(*rep) ? n : 0;
		}
		w = waitpid(pid, &status, __WALL | WNOHANG);
		if (w <= 0)
			continue;
		if (WIFEXITED(status) || WIFSIGNALED(status))
			return -1;
		if ((unsigned)status >> 16 == PTRACE_EVENT_EXEC) {
			*pending = status;
			return 0;
		}
		ptrace(PTRACE_CONT, pid, 0, (void *)(long)((status >> 16) ?
			0 : WSTOPSIG(status)));
	}
}

static void close_pair(const int fd[2])
{
	close(fd[0]);
	close(fd[1]);
}

/* Fork the child, which waits for a byte on *GO and reports a failed
 * exec on *REPORT (the parent's ends of the two pipes).  -1 with ERR. */
static pid_t fork_child(const char *path, char *const argv[], int *go_w,
			int *report_r, char *err, size_t errlen)
{
	int go[2], report[2], e;
	pid_t pid;

	if (pipe2(go, O_CLOEXEC) < 0)
		return trace_fail(err, errlen, "cannot create a pipe: %s",
				  strerror(errno));
	if (pipe2(report, O_CLOEXEC) < 0) {
		e = errno;
		close_pair(go);
		return trace_fail(err, errlen, "cannot create a pipe: %s",
				  strerror(e));
	}
	pid = fork();
	if (pid < 0) {
		e = errno;
		close_pair(go);
		close_pair(report);
		return trace_fail(err, errlen, "cannot fork to run %s: %s",
				  path, strerror(e));
	}
	if (pid == 0) {
		close(go[1]);
		close(report[0]);
		child_main(go[0], report[1], path, argv);
	}
	close(go[0]);
	close(report[1]);
	*go_w = go[1];
	*report_r = report[0];
	return pid;
}

/* The child could not exec: let it finish, say why. */
static int exec_failed(pid_t pid, const char *path,
		       const struct child_report *rep, char *err, size_t errlen)
{
	int status;

	while (waitpid(pid, &status, __WALL) > 0 &&
	       !WIFEXITED(status) && !WIFSIGNALED(status))
		ptrace(PTRACE_CONT, pid, 0, 0);
	if (rep->stage == 0)
		return trace_fail(err, errlen,
				  "cannot install the seccomp filter for %s: %s",
				  path, strerror(rep->err));
	return trace_fail(err, errlen, "%s: cannot execute: %s", path,
			  strerror(rep->err));
}

/* Why the child PID could not be seized (errno E): -1 with ERR.  Its
 * own tracer, when it has one, is the likeliest reason: sigtrace runs
 * under a tracer that follows forks (strace -f, gdb, sigtrace itself),
 * which took the child first. */
static int seize_failed(pid_t pid, const char *path, int e, char *err,
			size_t errlen)
{
	char name[COMM_MAX] = "?", shown[COMM_MAX * 4 + 1];
	struct proc_status st;

	if (e == EPERM && proc_read_status(pid, 0, &st) == 0 &&
	    st.tracer > 0) {
		proc_read_comm(st.tracer, name, sizeof(name));
		return trace_fail(err, errlen,
				  "cannot trace %s (pid %d): it is already traced by pid %d (%s): sigtrace runs under a tracer that follows its children (strace -f, gdb, sigtrace); run it outside that tracer",
				  path, pid, st.tracer,
				  escape_text_str(shown, sizeof(shown), name));
	}
	return trace_fail(err, errlen,
			  "cannot trace %s (pid %d): PTRACE_SEIZE: %s%s",
			  path, pid, strerror(e), e == EPERM ?
			  " (ptrace is forbidden here: check kernel.yama.ptrace_scope or the container's seccomp profile)" : "");
}

pid_t spawn_traced(const char *path, char *const argv[], unsigned options,
		   int *pending_status, char *err, size_t errlen)
{
	struct child_report rep;
	int go = -1, report = -1;
	ssize_t n;
	pid_t pid;

	pid = fork_child(path, argv, &go, &report, err, errlen);
	if (pid < 0)
		return -1;
	if (ptrace(PTRACE_SEIZE, pid, 0, (void *)(unsigned long)options) < 0) {
		int e = errno;

		/* Asked before the kill: the child's tracer is the answer. */
		seize_failed(pid, path, e, err, errlen);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(go);
		close(report);
		return -1;
	}
	(void)!write(go, "g", 1);
	close(go);
	n = wait_for_exec(pid, report, &rep, pending_status);
	close(report);
	if (n == (ssize_t)sizeof(rep))
		return exec_failed(pid, path, &rep, err, errlen);
	if (n < 0)
		return trace_fail(err, errlen,
				  "%s: the child exited before it could execute the command",
				  path);
	return pid;
}
