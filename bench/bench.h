/* SPDX-License-Identifier: MIT */
/*
 * bench.h - helpers shared by the benchmark workloads (bench/w_*.c).
 *
 * A workload measures itself: it reads CLOCK_MONOTONIC around its loop and
 * prints one line "key=value ..." on stdout (elapsed_ns first), so the same
 * figure is available whether it runs untraced, under a tracer that spawned
 * it, or under a tracer that attached to it later (sigtrace -p).
 *
 * Every workload sleeps 20 ms before it starts its clock, so that a
 * tracer's own start-up work (after the exec, after an attach) is not
 * counted and every configuration starts from the same idle state.  With
 * the argument "wait", it first waits (after creating its threads) until
 * every one of its threads has a tracer (TracerPid in
 * /proc/self/task/TID/status): the attach case.
 */
#ifndef SIGTRACE_BENCH_H
#define SIGTRACE_BENCH_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Exit status of a workload whose setup failed (not a measurement). */
#define BENCH_BROKEN 70
/* Exit status when "wait" was given and no tracer came within 20 s. */
#define BENCH_NO_TRACER 71

static inline uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline void bench_die(const char *what)
	__attribute__((noreturn));
static inline void bench_die(const char *what)
{
	fprintf(stderr, "bench workload: %s: %s\n", what, strerror(errno));
	exit(BENCH_BROKEN);
}

/* A positive count from argv[i], or DEF when absent. */
static inline long bench_arg(int argc, char **argv, int i, long def)
{
	char *end;
	long v;

	if (argc <= i || strcmp(argv[i], "wait") == 0)
		return def;
	errno = 0;
	v = strtol(argv[i], &end, 10);
	if (errno || *end || v <= 0) {
		fprintf(stderr, "bench workload: '%s' is not a positive count\n",
			argv[i]);
		exit(BENCH_BROKEN);
	}
	return v;
}

static inline int bench_want_wait(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "wait") == 0)
			return 1;
	return 0;
}

/* TracerPid of one task, -1 when unreadable (the task is gone). */
static inline long bench_tracer_of(const char *task)
{
	char path[96], buf[2048], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/task/%s/status", task);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "\nTracerPid:");
	return p ? strtol(p + 11, NULL, 10) : -1;
}

/* Wait until every thread of this process is traced (see the top). */
static inline void bench_wait_for_tracer(void)
{
	uint64_t deadline = bench_now_ns() + 20 * 1000000000ull;
	const struct timespec ms = { 0, 1000000 };

	for (;;) {
		DIR *d = opendir("/proc/self/task");
		struct dirent *de;
		int untraced = 0;

		if (!d)
			bench_die("opendir /proc/self/task");
		while ((de = readdir(d)))
			if (de->d_name[0] != '.' &&
			    bench_tracer_of(de->d_name) == 0)
				untraced++;
		closedir(d);
		if (!untraced)
			break;
		if (bench_now_ns() > deadline) {
			fprintf(stderr, "bench workload: no tracer attached "
				"to pid %d within 20 s\n", getpid());
			exit(BENCH_NO_TRACER);
		}
		nanosleep(&ms, NULL);
	}
}

/* Just before the clock starts: "wait" handling and the 20 ms settle. */
static inline void bench_start(int argc, char **argv)
{
	const struct timespec settle = { 0, 20000000 };

	if (bench_want_wait(argc, argv))
		bench_wait_for_tracer();
	nanosleep(&settle, NULL);
}

static inline void bench_install(int signo, void (*fn)(int), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	if (sigaction(signo, &sa, NULL) < 0)
		bench_die("sigaction");
}

#endif
