/* SPDX-License-Identifier: MIT */
/*
 * w_eintr - signals that interrupt a blocking system call, N of them
 * (default 5000), deterministically.
 *
 * The parent installs a SIGUSR1 handler without SA_RESTART and forks a
 * child.  N times: the parent writes one byte on the "ready" pipe and
 * blocks in read() on an empty pipe; the child reads that byte, waits
 * until /proc/PARENT/stat says the parent is sleeping (state S: it can
 * only be blocked in that read), and sends SIGUSR1.  So every one of the
 * N signals lands in read(), which fails with EINTR: for a tracer that
 * reports EINTRs this is the expensive path (sigtrace follows the handler
 * to its rt_sigreturn).
 *
 *	w_eintr [N] [wait]
 * Prints: elapsed_ns=... sent=N handled=H eintr=E
 */
#include "bench.h"
#include <sched.h>

static volatile sig_atomic_t handled;

static void on_usr1(int signo)
{
	(void)signo;
	handled++;
}

/* The scheduler state letter of PID ('S', 'R', 't'...), 0 if unknown. */
static char state_of(int fd)
{
	char buf[512], *p;
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0)
		return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

static void child(long n, int ready_fd)
{
	pid_t parent = getppid();
	char path[64], c;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", parent);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		bench_die(path);
	for (long i = 0; i < n; i++) {
		ssize_t r;

		while ((r = read(ready_fd, &c, 1)) < 0 && errno == EINTR)
			;
		if (r != 1)
			bench_die("child: read ready");
		while (state_of(fd) != 'S')
			sched_yield();
		if (kill(parent, SIGUSR1) < 0)
			bench_die("child: kill");
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 5000), eintr = 0;
	int ready[2], data[2], status;
	uint64_t t0, t1;
	pid_t pid;
	char c = 'r';

	bench_install(SIGUSR1, on_usr1, 0);
	if (pipe(ready) < 0 || pipe(data) < 0)
		bench_die("pipe");
	bench_start(argc, argv);
	t0 = bench_now_ns();
	pid = fork();
	if (pid < 0)
		bench_die("fork");
	if (pid == 0) {
		close(ready[1]);
		child(n, ready[0]);
	}
	close(ready[0]);
	for (long i = 0; i < n; i++) {
		if (write(ready[1], &c, 1) != 1)
			bench_die("write ready");
		if (read(data[0], &c, 1) < 0 && errno == EINTR)
			eintr++;
		else
			bench_die("read did not fail with EINTR");
	}
	if (waitpid(pid, &status, 0) < 0)
		bench_die("waitpid");
	t1 = bench_now_ns();
	printf("elapsed_ns=%llu sent=%ld handled=%ld eintr=%ld\n",
	       (unsigned long long)(t1 - t0), n, (long)handled, eintr);
	return eintr == n && handled == n ? 0 : 1;
}
