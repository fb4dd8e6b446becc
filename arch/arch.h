/*
 * arch.h - the one contract every architecture implements.
 *
 * Everything sigtrace needs to know about a CPU lives behind these hooks,
 * implemented once per architecture under arch/<arch>/ with the same file
 * names in each.  configure picks the folder from $host_cpu and puts it on
 * the include path; src/ never tests the architecture itself.
 */
#ifndef SIGTRACE_ARCH_H
#define SIGTRACE_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* What the registers of a stopped thread say about system calls. */
struct arch_syscall_state {
	long nr;		/* syscall number, or -1 when not in a syscall */
	long ret;		/* return register (e.g. -ERESTARTSYS at a stop) */
	uint64_t args[6];
	uint64_t ip;		/* instruction pointer */
	uint64_t sp;		/* stack pointer */
};

/* The kernel's struct sigaction as the tracee passes it, made portable. */
struct arch_ksigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;		/* signals 1..64, bit (signo - 1) */
};

/* One syscall number that the seccomp filter sends to the tracer. */
struct arch_traced_syscall {
	uint32_t audit_arch;	/* AUDIT_ARCH_* the number belongs to */
	uint32_t nr;
};

/* Name of the architecture, as configure knows it. */
extern const char arch_name[];

/* Syscalls the seccomp filter must stop (rt_sigaction and friends). */
extern const struct arch_traced_syscall arch_traced_syscalls[];
extern const size_t arch_traced_syscalls_count;

/* The AUDIT_ARCH_* value of native tracees. */
extern const uint32_t arch_native_audit;

/* Read the syscall view of thread TID's registers. 0 or -errno. */
int arch_get_syscall_state(pid_t tid, struct arch_syscall_state *st);

/* Name of syscall NR, or NULL when unknown. */
const char *arch_syscall_name(long nr);

/* Number of a syscall by its name, or -1 when this arch has none. */
long arch_syscall_number(const char *name);

/* Is NR one of the sigaction-family syscalls (rt_sigaction, sigaction,
 * signal)?  Sets *kind to the family member. */
enum arch_sigaction_kind {
	ARCH_SA_RT,		/* rt_sigaction(sig, act, oact, sigsetsize) */
	ARCH_SA_OLD,		/* sigaction(sig, act, oact), old layout */
	ARCH_SA_SIGNAL,		/* signal(sig, handler) */
};
bool arch_is_sigaction(long nr, enum arch_sigaction_kind *kind);

/* Is NR rt_sigreturn (or a legacy sigreturn)? */
bool arch_is_sigreturn(long nr);

/* Decode a kernel sigaction of KIND read from tracee memory at ADDR.
 * 0 or -errno (e.g. -EFAULT when the tracee passed a bad pointer). */
int arch_read_ksigaction(pid_t tid, uint64_t addr,
			 enum arch_sigaction_kind kind,
			 struct arch_ksigaction *out);

/* Size of the kernel sigaction of KIND in tracee memory. */
size_t arch_ksigaction_size(enum arch_sigaction_kind kind);

#endif
