/* SPDX-License-Identifier: MIT */
/*
 * w_forktree - a tree of N processes (default 500), each started by fork
 * and exec: what a build system or a shell script does to a tracer, with
 * every process new to it.
 *
 *	w_forktree [N] [hold] [wait]
 *
 * Process i (the root is 0) forks processes 2i+1 and 2i+2 (those below N),
 * each of which execs this program again (/proc/self/exe) with its index,
 * and exits once its children have exited: the leaves end at once, so
 * exits race with their parents' forks, as in a real build.
 *
 * hold: all N processes are alive at the same moment (the peak a tracer
 * must hold; the memory benchmark).  Once its children are started a
 * process says so on the "ready" pipe and blocks in read() on the
 * "release" pipe; when all N-1 have said so, the root closes the only
 * write end of "release", every process sees EOF, reaps its children and
 * exits.
 *
 * Either way the count is exact: N-1 forks, N-1 execs, N exits.
 * Prints: elapsed_ns=... processes=N (the root's first fork to last reap)
 */
#include "bench.h"

/* Start child I: fork, then exec ourselves as node I.  READY and RELEASE
 * are the pipe ends every node keeps (inherited across exec). */
static pid_t start_node(long i, long n, int ready, int release)
{
	char si[24], sn[24], sr[16], sl[16];
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	snprintf(si, sizeof(si), "%ld", i);
	snprintf(sn, sizeof(sn), "%ld", n);
	snprintf(sr, sizeof(sr), "%d", ready);
	snprintf(sl, sizeof(sl), "%d", release);
	execl("/proc/self/exe", "w_forktree", "-node", si, sn, sr, sl,
	      (char *)NULL);
	_exit(BENCH_BROKEN);
}

/* The root's ends of the pipes: it reads "ready", holds "release". */
static int root_ready = -1, root_release = -1;

/* Node I of N: start its children, (holding: report, wait for the
 * release; the root instead waits for every report, then releases) and
 * reap them.  RELEASE < 0: not holding. */
static int node(long i, long n, int ready, int release)
{
	pid_t kids[2];
	int nkids = 0, status, ok = 1;
	char c = 'r';

	for (long k = 2 * i + 1; k <= 2 * i + 2 && k < n; k++) {
		kids[nkids] = start_node(k, n, ready, release);
		if (kids[nkids] < 0)
			bench_die("fork");
		nkids++;
	}
	if (release >= 0 && i == 0) {
		for (long k = 1; k < n; k++)
			if (read(root_ready, &c, 1) != 1)
				bench_die("read ready");
		close(root_release);
	} else if (release >= 0) {
		if (write(ready, &c, 1) != 1)
			bench_die("write ready");
		while (read(release, &c, 1) < 0 && errno == EINTR)
			;
	}
	for (int k = 0; k < nkids; k++) {
		while (waitpid(kids[k], &status, 0) < 0)
			if (errno != EINTR)
				bench_die("waitpid");
		ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	int ready[2], release[2], rc, hold = 0;
	uint64_t t0, t1;
	long n;

	if (argc == 6 && strcmp(argv[1], "-node") == 0)
		return node(atol(argv[2]), atol(argv[3]), atoi(argv[4]),
			    atoi(argv[5]));
	n = bench_arg(argc, argv, 1, 500);
	for (int a = 2; a < argc; a++)
		hold |= strcmp(argv[a], "hold") == 0;
	/* every node keeps the write end of "ready" and the read end of
	 * "release" across its exec; only the root has the other two */
	if (pipe2(ready, O_CLOEXEC) < 0 || pipe2(release, O_CLOEXEC) < 0 ||
	    fcntl(ready[1], F_SETFD, 0) < 0 || fcntl(release[0], F_SETFD, 0) < 0)
		bench_die("pipe");
	root_ready = ready[0];
	root_release = release[1];
	bench_start(argc, argv);
	t0 = bench_now_ns();
	rc = node(0, n, ready[1], hold ? release[0] : -1);
	t1 = bench_now_ns();
	printf("elapsed_ns=%llu processes=%ld\n",
	       (unsigned long long)(t1 - t0), n);
	return rc;
}
