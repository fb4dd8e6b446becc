/* SPDX-License-Identifier: MIT */
/*
 * aarch64: its one syscall ABI, as data for arch.c (AArch32 programs
 * are not supported: regs.c says -ENOEXEC for them).
 *
 * The kernel's struct sigaction as a tracee passes it to rt_sigaction:
 * arm64 uses the generic layout of include/uapi/asm-generic/signal.h,
 * and its asm/signal.h defines SA_RESTORER, so the struct has
 * sa_restorer: handler, flags (unsigned long), restorer, then the 64-bit
 * mask, 8 bytes each, little-endian.  sa_flags is an int in glibc,
 * sign-extended into the unsigned long; the kernel keeps the low 32
 * bits, so flags is read as 4 bytes.  glibc passes no restorer (the
 * kernel returns through the vDSO's sigreturn trampoline), so restorer
 * is normally 0.  No sigaction, signal or sigreturn syscalls.
 */
#include <linux/audit.h>

#include "arch_impl.h"
#include "kconst.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The numbers sigtrace acts on (test_arch checks them by name). */
enum {
	NR_read = 63,
	NR_signalfd4 = 74,
	NR_rt_sigaction = 134,
	NR_rt_sigtimedwait = 137,
	NR_rt_sigreturn = 139,
};

const char arch_name[] = "aarch64";
const uint32_t arch_native_audit = AUDIT_ARCH_AARCH64;

static const char *const syscall_names[] = {
#include "syscallent.h"
};

const struct arch_abi arch_abis[] = {
	{
		.name = "aarch64",
		.audit_arch = AUDIT_ARCH_AARCH64,
		.syscall_names = syscall_names,
		.nsyscalls = COUNT(syscall_names),
		.sigaction_nr = { NR_rt_sigaction, -1, -1 },
		.sigreturn_nr = { NR_rt_sigreturn, -1 },
		.ret_in_arg0 = true,
		.siginfo_union = 16,
		.sa[ARCH_SA_RT] = {
			.size = 32, .handler = { 0, 8 }, .flags = { 8, 4 },
			.restorer = { 16, 8 }, .mask = { 24, 8 },
		},
	},
};
const int arch_abi_count = COUNT(arch_abis);

/* rt_sigaction; the calls that take a signal without a delivery (read:
 * count, argument 3, is one signalfd_siginfo; no plain signalfd here). */
const struct arch_traced_syscall arch_traced_syscalls[] = {
	{ AUDIT_ARCH_AARCH64, NR_rt_sigaction, 0, 0 },
	{ AUDIT_ARCH_AARCH64, NR_rt_sigtimedwait, 0, 0 },
	{ AUDIT_ARCH_AARCH64, NR_signalfd4, 0, 0 },
	{ AUDIT_ARCH_AARCH64, NR_read, 3, K_SIGNALFD_SIGINFO_SIZE },
};
const size_t arch_traced_syscalls_count = COUNT(arch_traced_syscalls);
