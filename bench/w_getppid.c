/* SPDX-License-Identifier: MIT */
/*
 * w_getppid - syscall-heavy, no signals: N getppid() calls (default
 * 200000).  What a tracer costs a program that never receives a signal.
 *
 *	w_getppid [N] [wait]
 * Prints: elapsed_ns=... calls=N
 */
#include "bench.h"

int main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 200000);
	uint64_t t0, t1;
	long sum = 0;

	bench_start(argc, argv);
	t0 = bench_now_ns();
	for (long i = 0; i < n; i++)
		sum += syscall(SYS_getppid);
	t1 = bench_now_ns();
	printf("elapsed_ns=%llu calls=%ld ppid_ok=%d\n",
	       (unsigned long long)(t1 - t0), n, sum == (long)getppid() * n);
	return 0;
}
