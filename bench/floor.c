/* SPDX-License-Identifier: MIT */
/*
 * floor - the cheapest possible ptrace tracer: the physical limit for any
 * ptrace-based tool, and the denominator of the signal benchmarks.
 *
 *	floor [--] COMMAND [ARGS...]	spawn, like sigtrace -- COMMAND
 *	floor -p PID			attach to every thread of PID
 *	floor --seccomp [--] COMMAND...	spawn with a seccomp filter
 *
 * Spawn: the child waits on a pipe until it is seized, then execs (no stop
 * before exec, as sigtrace does).  Attach: PTRACE_SEIZE every thread of
 * /proc/PID/task, no PTRACE_INTERRUPT.  Options: TRACEFORK, TRACEVFORK,
 * TRACECLONE (plus EXITKILL when spawning).  No seccomp filter, no syscall
 * stops: the only stops are the ones the kernel always makes, i.e. one
 * signal-delivery-stop per delivery, plus the fork/clone event stops and
 * group-stops.  Every stop is resumed at once with PTRACE_CONT, re-injecting
 * the signal of a delivery-stop; group-stops use PTRACE_LISTEN.  Nothing
 * is read from the tracee and nothing is printed per stop.
 *
 * --seccomp: the child also installs sigtrace's own seccomp filter
 * (spawn_install_filter() from libsigtrace.a: RET_TRACE for the sigaction
 * family of every ABI, RET_ALLOW for the rest) before its exec, with
 * TRACESECCOMP; each seccomp stop is resumed at once.  This is the floor
 * of sigtrace's spawn mode: what the kernel charges every system call for
 * the filter alone.
 *
 * Exits with the traced command's status (128+N if signal N killed it);
 * prints "floor: stops=S deliveries=D" on stderr at the end.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn.h"

#define OPTIONS (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE)

static unsigned long stops, deliveries;
static int with_seccomp;

static void fail(const char *what)
{
	fprintf(stderr, "floor: %s: %s\n", what, strerror(errno));
	exit(126);
}

static pid_t spawn(char **argv)
{
	unsigned long options = OPTIONS | PTRACE_O_EXITKILL;
	int go[2], err;
	pid_t pid;
	char c;

	if (pipe2(go, O_CLOEXEC) < 0)
		fail("pipe");
	pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		close(go[1]);
		while (read(go[0], &c, 1) < 0 && errno == EINTR)
			;
		if (with_seccomp && (err = spawn_install_filter()) < 0) {
			fprintf(stderr, "floor: seccomp: %s\n", strerror(-err));
			_exit(126);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "floor: cannot execute %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(go[0]);
	if (with_seccomp)
		options |= PTRACE_O_TRACESECCOMP;
	if (ptrace(PTRACE_SEIZE, pid, 0, (void *)options) < 0) {
		kill(pid, SIGKILL);
		fail("PTRACE_SEIZE");
	}
	if (write(go[1], "g", 1) != 1)
		fail("write");
	close(go[1]);
	return pid;
}

/* Seize every thread of PID, again until no new thread shows up. */
static void attach(pid_t pid)
{
	char path[64];
	int added;

	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	do {
		DIR *d = opendir(path);
		struct dirent *de;

		if (!d)
			fail(path);
		added = 0;
		while ((de = readdir(d))) {
			pid_t tid = (pid_t)atoi(de->d_name);

			if (tid <= 0)
				continue;
			if (ptrace(PTRACE_SEIZE, tid, 0,
				   (void *)(unsigned long)OPTIONS) == 0)
				added++;
			else if (errno != EPERM && errno != ESRCH)
				fail("PTRACE_SEIZE");
			/* EPERM: already ours (seized in a previous pass). */
		}
		closedir(d);
	} while (added);
}

static int is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

int main(int argc, char **argv)
{
	pid_t root, tid;
	int status, root_status = 0, argi = 1;

	if (argc > 2 && strcmp(argv[1], "-p") == 0) {
		root = (pid_t)atoi(argv[2]);
		attach(root);
	} else {
		if (argc > argi && strcmp(argv[argi], "--seccomp") == 0) {
			with_seccomp = 1;
			argi++;
		}
		if (argc > argi && strcmp(argv[argi], "--") == 0)
			argi++;
		if (argi >= argc) {
			fprintf(stderr, "usage: floor [--seccomp] [--] COMMAND [ARGS...] | floor -p PID\n");
			return 2;
		}
		root = spawn(argv + argi);
	}

	while ((tid = waitpid(-1, &status, __WALL)) > 0 || errno == EINTR) {
		int sig, event;

		if (tid < 0)
			continue;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (tid == root)
				root_status = WIFEXITED(status) ?
					WEXITSTATUS(status) :
					128 + WTERMSIG(status);
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		stops++;
		sig = WSTOPSIG(status);
		event = status >> 16;
		if (event == 0) {
			/* signal-delivery-stop: re-inject */
			deliveries++;
			ptrace(PTRACE_CONT, tid, 0, (void *)(long)sig);
		} else if (event == PTRACE_EVENT_STOP && is_stop_signal(sig)) {
			ptrace(PTRACE_LISTEN, tid, 0, 0);
		} else {
			/* fork/clone/vfork/seccomp events, a new task's
			 * first stop */
			ptrace(PTRACE_CONT, tid, 0, 0);
		}
	}
	if (errno != ECHILD)
		fail("waitpid");
	fprintf(stderr, "floor: stops=%lu deliveries=%lu\n", stops, deliveries);
	return root_status;
}
