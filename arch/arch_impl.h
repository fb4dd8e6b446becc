/* SPDX-License-Identifier: MIT */
/*
 * arch_impl.h - what an architecture describes, as data, for the generic
 * code of arch/arch.c.  For arch/ only: src/ includes arch.h.
 *
 * Each arch/<arch>/abi.c fills arch_abis[] (one row per syscall ABI, the
 * native one first) and the other data of arch.h; arch/<arch>/regs.c
 * reads the registers (arch_get_syscall_state), the one hook that is
 * code.  arch.c answers every other hook of arch.h from these tables.
 */
#ifndef SIGTRACE_ARCH_IMPL_H
#define SIGTRACE_ARCH_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

/* One member of a struct in tracee memory: SIZE (1..8) little-endian
 * bytes at OFF.  SIZE 0: the layout has no such member (read as 0).
 * A big-endian architecture would add a byte order here. */
struct arch_field {
	uint8_t off, size;
};

/* A kernel struct sigaction as a tracee lays it out. */
struct arch_sa_layout {
	uint8_t size;		/* bytes; 0: the ABI has no such call */
	struct arch_field handler, flags, restorer, mask;
};

struct arch_abi {
	const char *name;		/* "x86_64", "i386" */
	uint32_t audit_arch;		/* AUDIT_ARCH_* of its syscalls */
	const char *const *syscall_names;	/* by number, NULL: a gap */
	size_t nsyscalls;
	/* The sigaction family by arch_sigaction_kind, -1: none. */
	long sigaction_nr[ARCH_SA_SIGNAL + 1];
	/* rt_sigreturn, then a legacy sigreturn; -1: none. */
	long sigreturn_nr[2];
	/* The return register is the first argument's (arm64's x0): once
	 * a call has returned, its first argument is gone. */
	bool ret_in_arg0;
	/* siginfo_t in its memory: where the union starts (the header's
	 * three ints, aligned to the ABI's pointer). */
	uint8_t siginfo_union;
	/* By arch_sigaction_kind (ARCH_SA_SIGNAL passes no struct). */
	struct arch_sa_layout sa[ARCH_SA_SIGNAL + 1];
};

/* The ABIs, native first (arch_abi_count rows). */
extern const struct arch_abi arch_abis[];

/* The ABI whose syscalls have audit arch AUDIT, or -1. */
int arch_abi_of_audit(uint32_t audit);

#endif
