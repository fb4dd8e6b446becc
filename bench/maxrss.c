/* SPDX-License-Identifier: MIT */
/*
 * maxrss - run a command, report its wall time, its own CPU time and its
 * peak memory.
 *
 *	maxrss [-n] OUTFILE COMMAND [ARGS...]
 *
 * Appends one line to OUTFILE:
 *	wall_ns=... cpu_ns=... vmhwm_kb=... ru_maxrss_kb=... status=...
 * cpu_ns is the CPU time (user + system) of the command's own process,
 * read from /proc/PID/schedstat once it has exited but before it is
 * reaped: the tracer's own work, without the traced program it reaped
 * (wait4's rusage would add that program's CPU time to the tracer's).
 * vmhwm_kb is the largest VmHWM read from /proc/PID/status while the
 * command ran (read every 2 ms and once more when it has exited but before
 * it is reaped, which is too late: the memory is gone by then, so the
 * last poll counts): the peak resident set of the command itself.
 * ru_maxrss_kb, from wait4(), is the larger of that and the peak of any
 * child the command reaped (for sigtrace in spawn mode: the traced
 * program), so it is an upper bound only.
 * -n: no memory polling (vmhwm_kb is left out): for timing runs, where
 * reading /proc every 2 ms would take CPU from the traced program.
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

/* The CPU time of the (exited, not yet reaped) process PID in ns: the
 * first field of /proc/PID/schedstat, else utime + stime of
 * /proc/PID/stat in clock ticks; -1 when neither can be read. */
static long long cpu_ns(pid_t pid)
{
	char path[64], buf[1024], *p;
	unsigned long long ut, st;
	long long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/schedstat", pid);
	f = fopen(path, "re");
	if (f) {
		if (fscanf(f, "%lld", &v) != 1)
			v = -1;
		fclose(f);
		if (v >= 0)
			return v;
	}
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	p = p ? strrchr(buf, ')') : NULL;
	/* after "pid (comm)": state, then 10 fields, then utime stime */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u "
			 "%*u %llu %llu", &ut, &st) != 2)
		return -1;
	return (long long)((ut + st) * (1000000000ull /
					(unsigned long long)sysconf(_SC_CLK_TCK)));
}

/* Wait until PID has exited, without reaping it; with STATFD >= 0 poll
 * its VmHWM every 2 ms meanwhile and return the largest. */
static long watch(pid_t pid, int statfd)
{
	long peak = 0, v;
	siginfo_t si;
	int pidfd = statfd >= 0 ? (int)syscall(SYS_pidfd_open, pid, 0) : -1;

	while (statfd >= 0) {
		struct pollfd pfd = { .fd = pidfd, .events = POLLIN };

		if ((v = vmhwm_kb(statfd)) > peak)
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
	while (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT) < 0 &&
	       errno == EINTR)
		;
	if (statfd >= 0 && (v = vmhwm_kb(statfd)) > peak)
		peak = v;
	if (pidfd >= 0)
		close(pidfd);
	return peak;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	uint64_t t0, t1;
	long long cpu;
	long peak;
	int status, statfd = -1, argi = 1, poll_mem = 1;
	char path[64];
	FILE *out;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "-n") == 0) {
		poll_mem = 0;
		argi++;
	}
	if (argc < argi + 2) {
		fprintf(stderr, "usage: maxrss [-n] OUTFILE COMMAND [ARGS...]\n");
		return 2;
	}
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("maxrss: fork");
		return 126;
	}
	if (pid == 0) {
		execvp(argv[argi + 1], argv + argi + 1);
		fprintf(stderr, "maxrss: cannot execute %s: %s\n",
			argv[argi + 1], strerror(errno));
		_exit(127);
	}
	child = pid;
	signal(SIGTERM, pass_on);
	signal(SIGINT, pass_on);
	signal(SIGHUP, pass_on);
	if (poll_mem) {
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
		statfd = open(path, O_RDONLY | O_CLOEXEC);
	}
	peak = watch(pid, statfd);
	cpu = cpu_ns(pid);
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR) {
			perror("maxrss: wait4");
			return 126;
		}
	t1 = now_ns();
	out = fopen(argv[argi], "a");
	if (!out) {
		perror(argv[argi]);
		return 126;
	}
	fprintf(out, "wall_ns=%llu cpu_ns=%lld ", (unsigned long long)(t1 - t0),
		cpu);
	if (poll_mem)
		fprintf(out, "vmhwm_kb=%ld ", peak);
	fprintf(out, "ru_maxrss_kb=%ld status=%d\n", ru.ru_maxrss,
		WIFEXITED(status) ? WEXITSTATUS(status) :
		128 + WTERMSIG(status));
	fclose(out);
	return WIFEXITED(status) ? WEXITSTATUS(status) :
		128 + WTERMSIG(status);
}
