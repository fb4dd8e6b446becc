/* SPDX-License-Identifier: MIT */
/*
 * w_threads - T threads (default 16) each signalled N times (default 500)
 * with tgkill(), round robin, as fast as the sender can go.
 *
 * The signal is SIGRTMIN (glibc's, signo printed): realtime signals queue,
 * so every signal sent is one delivery (a standard signal sent while the
 * same one is pending would merge with it, and a slow tracer would then
 * see fewer deliveries: a storm that thins itself out).  Workers keep it
 * blocked and take it only inside sigsuspend() until they have handled
 * their N, so the count is deterministic: T x N sent, T x N handled.
 * Every handler run is counted; a tracer must report exactly as many
 * deliveries of that signal as the program counted handler runs.
 *
 * Also the 1000-thread program of the memory benchmark (w_threads 1000 1).
 *
 *	w_threads [T] [N] [wait]
 * Prints: elapsed_ns=... threads=T signo=SIG sent=S handled=H
 */
#include "bench.h"
#include <pthread.h>

static long nthreads, per_thread;
static pid_t *tids;
static int ready_pipe[2];
static long total_handled;
static __thread long my_handled;

static void on_sig(int signo)
{
	(void)signo;
	my_handled++;
}

static void *worker(void *arg)
{
	long i = (long)arg;
	sigset_t open_mask;

	sigemptyset(&open_mask);
	tids[i] = gettid();
	if (write(ready_pipe[1], "r", 1) != 1)
		bench_die("write ready");
	while (my_handled < per_thread)
		sigsuspend(&open_mask);
	__atomic_fetch_add(&total_handled, my_handled, __ATOMIC_RELAXED);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t *th;
	pthread_attr_t attr;
	sigset_t blocked;
	pid_t self = getpid();
	long sent = 0;
	uint64_t t0, t1;
	char c;
	int err, sig;

	nthreads = bench_arg(argc, argv, 1, 16);
	per_thread = bench_arg(argc, argv, 2, 500);
	th = calloc((size_t)nthreads, sizeof(*th));
	tids = calloc((size_t)nthreads, sizeof(*tids));
	if (!th || !tids)
		bench_die("calloc");
	if (pipe(ready_pipe) < 0)
		bench_die("pipe");
	sig = SIGRTMIN;
	bench_install(sig, on_sig, SA_RESTART);
	sigemptyset(&blocked);
	sigaddset(&blocked, sig);
	if (sigprocmask(SIG_BLOCK, &blocked, NULL) < 0)
		bench_die("sigprocmask");
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (long i = 0; i < nthreads; i++) {
		err = pthread_create(&th[i], &attr, worker, (void *)i);
		if (err) {
			errno = err;
			bench_die("pthread_create");
		}
	}
	for (long i = 0; i < nthreads; i++)
		if (read(ready_pipe[0], &c, 1) != 1)
			bench_die("read ready");
	bench_start(argc, argv);

	t0 = bench_now_ns();
	for (long r = 0; r < per_thread; r++)
		for (long i = 0; i < nthreads; i++) {
			if (syscall(SYS_tgkill, self, tids[i], sig) < 0)
				bench_die("tgkill");
			sent++;
		}
	for (long i = 0; i < nthreads; i++)
		pthread_join(th[i], NULL);
	t1 = bench_now_ns();
	printf("elapsed_ns=%llu threads=%ld signo=%d sent=%ld handled=%ld\n",
	       (unsigned long long)(t1 - t0), nthreads, sig, sent,
	       total_handled);
	return total_handled == sent ? 0 : 1;
}
