/* SPDX-License-Identifier: MIT */
/*
 * arch.h - the one contract every architecture implements.
 *
 * Everything sigtrace needs to know about a CPU lives behind these hooks.
 * An architecture describes itself as data under arch/<arch>/ (the same
 * file names in each: abi.c, regs.c, syscallent*.h, kconst_arch.h), and
 * arch/arch.c answers the hooks from that data; only reading registers
 * is code of its own.  configure picks the folder from $host_cpu and
 * puts it on the include path; src/ never tests the architecture
 * itself.  The kernel's constants are in kconst.h, next to this file.
 * docs/arch.md tells how to add an architecture or an ABI.
 */
#ifndef SIGTRACE_ARCH_H
#define SIGTRACE_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Syscall ABIs.  An architecture runs programs of one or more ABIs: the
 * native one (ARCH_ABI_NATIVE, 0) and, where the kernel offers it, compat
 * ones (i386 programs on x86_64 are ABI 1 there).  Each ABI has its own
 * syscall numbers, argument registers and sigaction layouts, so every
 * hook that takes a syscall number or decodes tracee memory takes the
 * ABI too.  The ABI is a property of each stop, not of the process: the
 * tracer gets it from arch_get_syscall_state() at the stop and keeps it
 * with the number (a process can change ABI at execve, and a 64-bit
 * program can still make an i386 syscall with int $0x80).
 */
#define ARCH_ABI_NATIVE 0

/* How many ABIs this architecture has: ABIs are 0 .. arch_abi_count-1. */
extern const int arch_abi_count;

/* "x86_64", "i386", "aarch64"; NULL for an ABI out of range. */
const char *arch_abi_name(int abi);

/* What the registers of a stopped thread say about system calls. */
struct arch_syscall_state {
	int abi;		/* the ABI of nr and args (ARCH_ABI_*) */
	long nr;		/* syscall number, -1 when not in a syscall */
	long ret;		/* return register (e.g. -ERESTARTSYS at a
				 * stop), sign-extended from the ABI's width */
	uint64_t args[6];	/* arguments, zero-extended */
	uint64_t ip;		/* instruction pointer */
	uint64_t sp;		/* stack pointer */
};

/* The kernel's struct sigaction as the tracee passes it, made portable. */
struct arch_ksigaction {
	uint64_t handler;
	uint64_t flags;		/* sa_flags: the 32 bits the kernel keeps */
	uint64_t restorer;	/* 0 when the layout has none */
	uint64_t mask;		/* signals 1..64, bit (signo - 1) */
};

/* One syscall number that the seccomp filter sends to the tracer:
 * always, or (IF_ARG N, 1-based) only when argument N equals ARG_EQ
 * (a read() of exactly one struct signalfd_siginfo). */
struct arch_traced_syscall {
	uint32_t audit_arch;	/* AUDIT_ARCH_* the number belongs to */
	uint32_t nr;
	uint8_t if_arg;		/* 0: whatever the arguments */
	uint64_t arg_eq;
};

/* Name of the architecture, as configure knows it. */
extern const char arch_name[];

/* Syscalls the seccomp filter must stop, for every ABI (audit arch) the
 * kernel may run a tracee in: the sigaction family, and the calls that
 * take a signal without a delivery (rt_sigtimedwait, signalfd, a read of
 * one signalfd_siginfo). */
extern const struct arch_traced_syscall arch_traced_syscalls[];
extern const size_t arch_traced_syscalls_count;

/* The AUDIT_ARCH_* value of native tracees. */
extern const uint32_t arch_native_audit;

/* Read the syscall view of thread TID's registers, with the ABI of the
 * syscall it is in (or of the code it runs, when in none).  0 or -errno. */
int arch_get_syscall_state(pid_t tid, struct arch_syscall_state *st);

/*
 * Rewriting a stopped thread's syscall (docs/safety.md: the restart rules
 * per architecture).  Each returns 0, -errno, or -EOPNOTSUPP where the
 * registers cannot express it.
 *
 * arch_restart_syscall: at a signal-delivery-stop in a call that holds
 * -EINTR, make the thread run the call again as the kernel restarts one
 * (x86_64 and i386: ax = orig_ax, ip -= 2).  *IP: where the thread now
 * is (the syscall instruction).  aarch64: the first argument is gone
 * (orig_x0 is in no register set), so -EOPNOTSUPP.
 * arch_unrestart_syscall: undo it before the call ran again: it returns
 * RET (-EINTR) after all.
 * arch_skip_syscall: at a seccomp stop, the call is not made and
 * returns RET (-ENOSYS: what a SECCOMP_RET_TRACE filter gives when no
 * tracer takes the stop).
 */
int arch_restart_syscall(pid_t tid, uint64_t *ip);
int arch_unrestart_syscall(pid_t tid, long ret);
int arch_skip_syscall(pid_t tid, long ret);

/* Name of syscall NR of ABI, or NULL when unknown. */
const char *arch_abi_syscall_name(int abi, long nr);

/* Number of a syscall of ABI by its name, or -1 when ABI has none. */
long arch_abi_syscall_number(int abi, const char *name);

/* The same for the native ABI (logs, tests: numbers without an ABI). */
const char *arch_syscall_name(long nr);
long arch_syscall_number(const char *name);

/* Is NR of ABI one of the sigaction-family syscalls (rt_sigaction,
 * sigaction, signal)?  Sets *kind to the family member. */
enum arch_sigaction_kind {
	ARCH_SA_RT,		/* rt_sigaction(sig, act, oact, sigsetsize) */
	ARCH_SA_OLD,		/* sigaction(sig, act, oact), old layout */
	ARCH_SA_SIGNAL,		/* signal(sig, handler): no struct at all */
};
bool arch_is_sigaction(int abi, long nr, enum arch_sigaction_kind *kind);

/* After a syscall of ABI has returned, does args[0] still hold its first
 * argument?  (Not on arm64, where x0 takes the return value.) */
bool arch_arg0_kept(int abi);

/* Where the union of a siginfo_t that a tracee of ABI holds in its
 * memory begins (si_pid, si_uid, then si_status or si_value's int): 16
 * for a 64-bit ABI, 12 for a 32-bit one.  0 for an ABI out of range. */
size_t arch_siginfo_union_offset(int abi);

/* Is NR of ABI rt_sigreturn (or a legacy sigreturn)? */
bool arch_is_sigreturn(int abi, long nr);

/* Size of the kernel sigaction of KIND for ABI in tracee memory, 0 when
 * the ABI has no such call. */
size_t arch_ksigaction_size(int abi, enum arch_sigaction_kind kind);

/* Decode LEN bytes of a kernel sigaction of KIND for ABI, as the tracee
 * laid it out in its memory (src/tracee_mem.c reads them).  0, or
 * -EINVAL when LEN is too short or the ABI has no such layout. */
int arch_decode_ksigaction(int abi, enum arch_sigaction_kind kind,
			   const void *buf, size_t len,
			   struct arch_ksigaction *out);

#endif
