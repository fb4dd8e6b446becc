/* SPDX-License-Identifier: MIT */
/*
 * w_segv - a JVM-like loop of handled faults: N loads through a null
 * pointer (default 10000), each a SIGSEGV that the program's own handler
 * recovers from, as a JVM does for every NullPointerException its
 * compiled code raises through an implicit null check.
 *
 *	w_segv [N] [pc|jmp] [wait]
 *
 * pc (the default where the architecture allows it: x86_64, aarch64):
 * the load is one instruction in a small assembly function; the handler
 * (SA_SIGINFO) checks that the fault is at that instruction, sets the
 * return register to -1 and moves the program counter past the load, and
 * returns through rt_sigreturn: what a JVM does when it redirects the
 * faulting thread to its exception stub.  jmp: the handler leaves by
 * siglongjmp() back into the loop (sigsetjmp saved the signal mask, so
 * every recovery also restores it with rt_sigprocmask).
 *
 * Every fault is one delivery of SIGSEGV (SEGV_MAPERR at address 0), none
 * in a system call.  Prints: elapsed_ns=... faults=N handled=H mode=M
 */
#include "bench.h"
#include <setjmp.h>
#include <ucontext.h>

/* int fault_load(const int *p): return *p.  fault_resume is the
 * instruction after the load. */
int fault_load(const int *p);
extern const char fault_resume[];

#if defined(__x86_64__)
__asm__(".text\n"
	".globl fault_load\n.hidden fault_load\n"
	".type fault_load, @function\n"
	"fault_load:\n\tmovl (%rdi), %eax\n"
	".globl fault_resume\n.hidden fault_resume\n"
	"fault_resume:\n\tret\n"
	".size fault_load, .-fault_load\n");
#define HAVE_PC_FIX 1
#define UC_PC(uc) ((uc)->uc_mcontext.gregs[REG_RIP])
#define UC_RET(uc) ((uc)->uc_mcontext.gregs[REG_RAX])
#elif defined(__aarch64__)
__asm__(".text\n"
	".globl fault_load\n.hidden fault_load\n"
	".type fault_load, %function\n"
	"fault_load:\n\tldr w0, [x0]\n"
	".globl fault_resume\n.hidden fault_resume\n"
	"fault_resume:\n\tret\n"
	".size fault_load, .-fault_load\n");
#define HAVE_PC_FIX 1
#define UC_PC(uc) ((uc)->uc_mcontext.pc)
#define UC_RET(uc) ((uc)->uc_mcontext.regs[0])
#else
#define HAVE_PC_FIX 0
#endif

static volatile sig_atomic_t handled, bad;
static sigjmp_buf env;
static int use_jmp;

static void on_segv(int signo, siginfo_t *si, void *ctx)
{
	(void)signo;
	if (si->si_addr != NULL) {
		bad = 1;	/* not our fault: let it kill us */
		signal(SIGSEGV, SIG_DFL);
		return;
	}
	handled++;
	if (use_jmp)
		siglongjmp(env, 1);
#if HAVE_PC_FIX
	{
		ucontext_t *uc = ctx;

		if ((uintptr_t)UC_PC(uc) != (uintptr_t)fault_load) {
			bad = 1;
			signal(SIGSEGV, SIG_DFL);
			return;
		}
		UC_RET(uc) = (unsigned)-1;
		UC_PC(uc) = (uintptr_t)fault_resume;
	}
#else
	(void)ctx;
#endif
}

/* N faults recovered by siglongjmp; returns how many came back. */
static long __attribute__((noinline)) loop_jmp(long n)
{
	const volatile int *volatile nowhere = NULL;
	volatile long faults = 0;

	for (volatile long i = 0; i < n; i++) {
		if (sigsetjmp(env, 1) == 0)
			(void)*nowhere;
		faults++;
	}
	return faults;
}

/* N faults recovered by moving the program counter. */
static long loop_pc(long n)
{
	const int *volatile nowhere = NULL;
	long faults = 0;

	for (long i = 0; i < n; i++)
		if (fault_load(nowhere) == -1)
			faults++;
	return faults;
}

int main(int argc, char **argv)
{
	long n = bench_arg(argc, argv, 1, 10000), faults;
	struct sigaction sa;
	uint64_t t0, t1;

	if (argc > 2 && strcmp(argv[2], "jmp") != 0 &&
	    strcmp(argv[2], "pc") != 0 && strcmp(argv[2], "wait") != 0) {
		fprintf(stderr, "usage: w_segv [N] [pc|jmp] [wait]\n");
		return BENCH_BROKEN;
	}
	use_jmp = !HAVE_PC_FIX || (argc > 2 && strcmp(argv[2], "jmp") == 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;	/* as HotSpot does */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, NULL) < 0)
		bench_die("sigaction");
	bench_start(argc, argv);
	t0 = bench_now_ns();
	faults = use_jmp ? loop_jmp(n) : loop_pc(n);
	t1 = bench_now_ns();
	printf("elapsed_ns=%llu faults=%ld handled=%ld mode=%s\n",
	       (unsigned long long)(t1 - t0), faults, (long)handled,
	       use_jmp ? "jmp" : "pc");
	return faults == n && handled == n && !bad ? 0 : 1;
}
