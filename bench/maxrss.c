/* SPDX-License-Identifier: MIT */
/*
 * maxrss - run a command, report its wall time and peak memory.
 *
 *	maxrss OUTFILE COMMAND [ARGS...]
 *
 * Appends one line to OUTFILE:
 *	wall_ns=... vmhwm_kb=... ru_maxrss_kb=... status=...
 * vmhwm_kb is the largest VmHWM read from /proc/PID/status while the
 * command ran (read every 2 ms and once more when it has exited but before
 * it is reaped, which is too late: the memory is gone by then, so the
 * last poll counts): the peak resident set of the command itself.
 * ru_maxrss_kb, from wait4(), is the larger of that and the peak of any
 * child the command reaped (for sigtrace in spawn mode: the traced
 * program), so it is an upper bound only.
 * SIGTERM, SIGINT and SIGHUP are passed on to the command.
 * Exits with the command's status (128+N when killed by signal N).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t child;

static void pass_on(int signo)
{
	if (child > 0)
		kill(child, signo);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static long vmhwm_kb(int fd)
{
	char buf[4096], *p;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "\nVmHWM:");
	return p ? strtol(p + 7, NULL, 10) : -1;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	uint64_t t0, t1;
	long peak = 0, v;
	int status, pidfd, statfd;
	char path[64];
	FILE *out;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: maxrss OUTFILE COMMAND [ARGS...]\n");
		return 2;
	}
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("maxrss: fork");
		return 126;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "maxrss: cannot execute %s: %s\n", argv[2],
			strerror(errno));
		_exit(127);
	}
	child = pid;
	signal(SIGTERM, pass_on);
	signal(SIGINT, pass_on);
	signal(SIGHUP, pass_on);
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	statfd = open(path, O_RDONLY | O_CLOEXEC);
	pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	for (;;) {
		struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

		if (statfd >= 0 && (v = vmhwm_kb(statfd)) > peak)
			peak = v;
		if (pidfd < 0) {
			const struct timespec ms2 = { 0, 2000000 };

			if (waitpid(pid, NULL, WNOHANG | WNOWAIT) == pid)
				break;
			nanosleep(&ms2, NULL);
		} else if (poll(&pfd, 1, 2) > 0) {
			break;
		}
	}
	if (statfd >= 0 && (v = vmhwm_kb(statfd)) > peak)
		peak = v;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("maxrss: wait4");
			return 126;
		}
	t1 = now_ns();
	out = fopen(argv[1], "a");
	if (!out) {
		perror(argv[1]);
		return 126;
	}
	fprintf(out, "wall_ns=%llu vmhwm_kb=%ld ru_maxrss_kb=%ld status=%d\n",
		(unsigned long long)(t1 - t0), peak, ru.ru_maxrss,
		WIFEXITED(status) ? WEXITSTATUS(status) :
		128 + WTERMSIG(status));
	fclose(out);
	return WIFEXITED(status) ? WEXITSTATUS(status) :
		128 + WTERMSIG(status);
}
