/* SPDX-License-Identifier: MIT */
/*
 * x86_64: the two syscall ABIs a tracee can use, as data for arch.c:
 * native x86_64, and i386 (32-bit programs, and int $0x80 from 64-bit
 * code).
 *
 * The kernel's struct sigaction, little-endian.  x86_64 rt_sigaction:
 * handler, flags, restorer (8 bytes each), then the 64-bit mask; glibc
 * sign-extends its int sa_flags into the long, and the kernel keeps the
 * low 32 bits, so flags is read as 4 bytes.  i386 (compat_sigaction,
 * arch/x86/include/asm/ia32.h and include/linux/compat.h): rt_sigaction
 * takes handler, flags, restorer (4 bytes each) and the mask as two
 * 32-bit words, low one first, i.e. one little-endian u64; the legacy
 * sigaction(67) takes struct old_sigaction: handler, a 32-bit mask
 * (signals 1..32), flags, restorer.
 */
#include <linux/audit.h>

#include "arch_impl.h"
#include "kconst.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The numbers sigtrace acts on (test_arch checks them by name). */
enum {
	X64_read = 0,
	X64_rt_sigaction = 13,
	X64_rt_sigreturn = 15,
	X64_rt_sigtimedwait = 128,
	X64_signalfd = 282,
	X64_signalfd4 = 289,
	I386_read = 3,
	I386_signal = 48,
	I386_sigaction = 67,
	I386_sigreturn = 119,
	I386_rt_sigreturn = 173,
	I386_rt_sigaction = 174,
	I386_rt_sigtimedwait = 177,
	I386_signalfd = 321,
	I386_signalfd4 = 327,
	I386_rt_sigtimedwait_time64 = 421,
};

const char arch_name[] = "x86_64";
const uint32_t arch_native_audit = AUDIT_ARCH_X86_64;

static const char *const x86_64_names[] = {
#include "syscallent.h"
};

static const char *const i386_names[] = {
#include "syscallent32.h"
};

const struct arch_abi arch_abis[] = {
	{
		.name = "x86_64",
		.audit_arch = AUDIT_ARCH_X86_64,
		.syscall_names = x86_64_names,
		.nsyscalls = COUNT(x86_64_names),
		.sigaction_nr = { X64_rt_sigaction, -1, -1 },
		.sigreturn_nr = { X64_rt_sigreturn, -1 },
		.siginfo_union = 16,
		.sa[ARCH_SA_RT] = {
			.size = 32, .handler = { 0, 8 }, .flags = { 8, 4 },
			.restorer = { 16, 8 }, .mask = { 24, 8 },
		},
	},
	{
		.name = "i386",
		.audit_arch = AUDIT_ARCH_I386,
		.syscall_names = i386_names,
		.nsyscalls = COUNT(i386_names),
		.sigaction_nr = { I386_rt_sigaction, I386_sigaction,
				  I386_signal },
		.sigreturn_nr = { I386_rt_sigreturn, I386_sigreturn },
		.siginfo_union = 12,
		.sa[ARCH_SA_RT] = {
			.size = 20, .handler = { 0, 4 }, .flags = { 4, 4 },
			.restorer = { 8, 4 }, .mask = { 12, 8 },
		},
		.sa[ARCH_SA_OLD] = {
			.size = 16, .handler = { 0, 4 }, .mask = { 4, 4 },
			.flags = { 8, 4 }, .restorer = { 12, 4 },
		},
	},
};
const int arch_abi_count = COUNT(arch_abis);

/* Every sigaction-family call of both ABIs; the calls that take a
 * signal without a delivery (read: count, argument 3, is one
 * signalfd_siginfo). */
const struct arch_traced_syscall arch_traced_syscalls[] = {
	{ AUDIT_ARCH_X86_64, X64_rt_sigaction, 0, 0 },
	{ AUDIT_ARCH_I386, I386_rt_sigaction, 0, 0 },
	{ AUDIT_ARCH_I386, I386_sigaction, 0, 0 },
	{ AUDIT_ARCH_I386, I386_signal, 0, 0 },
	{ AUDIT_ARCH_X86_64, X64_rt_sigtimedwait, 0, 0 },
	{ AUDIT_ARCH_X86_64, X64_signalfd, 0, 0 },
	{ AUDIT_ARCH_X86_64, X64_signalfd4, 0, 0 },
	{ AUDIT_ARCH_X86_64, X64_read, 3, K_SIGNALFD_SIGINFO_SIZE },
	{ AUDIT_ARCH_I386, I386_rt_sigtimedwait, 0, 0 },
	{ AUDIT_ARCH_I386, I386_rt_sigtimedwait_time64, 0, 0 },
	{ AUDIT_ARCH_I386, I386_signalfd, 0, 0 },
	{ AUDIT_ARCH_I386, I386_signalfd4, 0, 0 },
	{ AUDIT_ARCH_I386, I386_read, 3, K_SIGNALFD_SIGINFO_SIZE },
};
const size_t arch_traced_syscalls_count = COUNT(arch_traced_syscalls);
