/* SPDX-License-Identifier: MIT */
/*
 * w_selfsig - self-signal storm: N times kill(getpid(), SIGUSR1) with a
 * handler installed (default 20000).  Every signal is one delivery, and
 * none interrupts a blocking system call: this is the per-delivery cost
 * of a tracer (a ptrace tool cannot avoid one signal-delivery-stop each).
 *
 *	w_selfsig [N] [wait]
 * Prints: elapsed_ns=... sent=N handled=H
 */
#include "bench.h"

static volatile sig_atomic_t handled;

static void on_usr1(int signo)
{
	(void)signo;
	handled++;
}

int main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 20000);
	pid_t self = getpid();
	uint64_t t0, t1;

	bench_install(SIGUSR1, on_usr1, SA_RESTART);
	bench_start(argc, argv);
	t0 = bench_now_ns();
	for (long i = 0; i < n; i++)
		if (kill(self, SIGUSR1) < 0)
			bench_die("kill");
	t1 = bench_now_ns();
	printf("elapsed_ns=%llu sent=%ld handled=%ld\n",
	       (unsigned long long)(t1 - t0), n, (long)handled);
	return handled == n ? 0 : 1;
}
