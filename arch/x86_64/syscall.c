/*
 * x86_64: registers at a stop, syscall names and numbers, for the two
 * ABIs a tracee can use: native x86_64 and i386 (32-bit programs, and
 * int $0x80 from 64-bit code).
 *
 * PTRACE_GETREGS gives a 64-bit tracer the same user_regs_struct for
 * both: an i386 syscall has its number in orig_rax, its arguments in
 * rbx, rcx, rdx, rsi, rdi, rbp and its 32-bit return value in eax.
 * Which ABI a stop is in: the code segment says what the thread runs
 * (0x23: 32-bit code, whose syscalls are all i386 ones; 0x33: 64-bit),
 * and in a syscall of 64-bit code PTRACE_GET_SYSCALL_INFO's arch tells
 * an int $0x80 (AUDIT_ARCH_I386) from a syscall (AUDIT_ARCH_X86_64).
 * That costs a ptrace call (~1 us), so it is asked only when the number
 * matters: when rax holds an error code, i.e. at entry and seccomp
 * stops (-ENOSYS) and at a delivery that interrupted the call (-EINTR,
 * -ERESTART*).  A 64-bit program's int $0x80 that already returned a
 * result (a delivery after kill(), the storm case) reads as x86_64:
 * nobody looks at its number then.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <linux/audit.h>

#include "arch.h"

enum { ABI_X86_64 = ARCH_ABI_NATIVE, ABI_I386 = 1 };

const char arch_name[] = "x86_64";
const uint32_t arch_native_audit = AUDIT_ARCH_X86_64;
const int arch_abi_count = 2;

static const char *const syscall_names[] = {
#include "syscallent.h"
};

static const char *const syscall_names32[] = {
#include "syscallent32.h"
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct abi_table {
	const char *name;
	const char *const *names;
	size_t count;
	long rt_sigaction, sigaction, signal;	/* -1: none */
	long rt_sigreturn, sigreturn;
};

static const struct abi_table abis[] = {
	[ABI_X86_64] = {
		.name = "x86_64",
		.names = syscall_names, .count = COUNT(syscall_names),
		.rt_sigaction = 13, .sigaction = -1, .signal = -1,
		.rt_sigreturn = 15, .sigreturn = -1,
	},
	[ABI_I386] = {
		.name = "i386",
		.names = syscall_names32, .count = COUNT(syscall_names32),
		.rt_sigaction = 174, .sigaction = 67, .signal = 48,
		.rt_sigreturn = 173, .sigreturn = 119,
	},
};

const struct arch_traced_syscall arch_traced_syscalls[] = {
	{ AUDIT_ARCH_X86_64, 13 },	/* rt_sigaction */
	{ AUDIT_ARCH_I386, 174 },	/* rt_sigaction */
	{ AUDIT_ARCH_I386, 67 },	/* sigaction */
	{ AUDIT_ARCH_I386, 48 },	/* signal */
};
const size_t arch_traced_syscalls_count = COUNT(arch_traced_syscalls);

#define CS_USER32 0x23		/* __USER32_CS */

static const struct abi_table *table(int abi)
{
	if (abi < 0 || abi >= (int)COUNT(abis))
		return NULL;
	return &abis[abi];
}

const char *arch_abi_name(int abi)
{
	const struct abi_table *t = table(abi);

	return t ? t->name : NULL;
}

/* The audit arch of the syscall TID is stopped in, 0 when unknown
 * (a kernel before 5.3 has no PTRACE_GET_SYSCALL_INFO). */
static uint32_t syscall_audit_arch(pid_t tid)
{
	static bool unsupported;
	struct __ptrace_syscall_info info;

	if (unsupported)
		return 0;
	memset(&info, 0, sizeof(info));
	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(info), &info) <= 0) {
		if (errno == EIO || errno == EINVAL)
			unsupported = true;
		return 0;
	}
	return info.arch;
}

/* i386 returns are 32 bits: -4095..-1 are errors, the rest unsigned
 * (an old handler above 2 GiB is no error). */
static long ret32(uint64_t rax)
{
	uint32_t v = (uint32_t)rax;

	return v >= (uint32_t)-4095 ? (long)(int32_t)v : (long)v;
}

int arch_get_syscall_state(pid_t tid, struct arch_syscall_state *st)
{
	struct user_regs_struct regs;

	if (ptrace(PTRACE_GETREGS, tid, 0, &regs) < 0)
		return -errno;
	st->abi = ABI_X86_64;
	if (regs.cs == CS_USER32)
		st->abi = ABI_I386;
	else if ((long)regs.orig_rax >= 0 && (long)regs.rax < 0 &&
		 (long)regs.rax >= -4095 &&
		 syscall_audit_arch(tid) == AUDIT_ARCH_I386)
		st->abi = ABI_I386;
	if (st->abi == ABI_I386) {
		st->nr = (long)(int32_t)regs.orig_rax;
		st->ret = ret32(regs.rax);
		st->args[0] = (uint32_t)regs.rbx;
		st->args[1] = (uint32_t)regs.rcx;
		st->args[2] = (uint32_t)regs.rdx;
		st->args[3] = (uint32_t)regs.rsi;
		st->args[4] = (uint32_t)regs.rdi;
		st->args[5] = (uint32_t)regs.rbp;
	} else {
		st->nr = (long)regs.orig_rax;
		st->ret = (long)regs.rax;
		st->args[0] = regs.rdi;
		st->args[1] = regs.rsi;
		st->args[2] = regs.rdx;
		st->args[3] = regs.r10;
		st->args[4] = regs.r8;
		st->args[5] = regs.r9;
	}
	st->ip = regs.rip;
	st->sp = regs.rsp;
	return 0;
}

const char *arch_abi_syscall_name(int abi, long nr)
{
	const struct abi_table *t = table(abi);

	if (!t || nr < 0 || (size_t)nr >= t->count)
		return NULL;
	return t->names[nr];
}

long arch_abi_syscall_number(int abi, const char *name)
{
	const struct abi_table *t = table(abi);

	if (!t || !name)
		return -1;
	for (size_t i = 0; i < t->count; i++)
		if (t->names[i] && strcmp(t->names[i], name) == 0)
			return (long)i;
	return -1;
}

const char *arch_syscall_name(long nr)
{
	return arch_abi_syscall_name(ARCH_ABI_NATIVE, nr);
}

long arch_syscall_number(const char *name)
{
	return arch_abi_syscall_number(ARCH_ABI_NATIVE, name);
}

bool arch_is_sigaction(int abi, long nr, enum arch_sigaction_kind *kind)
{
	const struct abi_table *t = table(abi);
	enum arch_sigaction_kind k;

	if (!t || nr < 0)
		return false;
	if (nr == t->rt_sigaction)
		k = ARCH_SA_RT;
	else if (nr == t->sigaction)
		k = ARCH_SA_OLD;
	else if (nr == t->signal)
		k = ARCH_SA_SIGNAL;
	else
		return false;
	if (kind)
		*kind = k;
	return true;
}

bool arch_is_sigreturn(int abi, long nr)
{
	const struct abi_table *t = table(abi);

	return t && nr >= 0 && (nr == t->rt_sigreturn || nr == t->sigreturn);
}
