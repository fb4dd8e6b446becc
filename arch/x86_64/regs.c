/* SPDX-License-Identifier: MIT */
/*
 * x86_64: the registers at a stop, for the two ABIs a tracee can use:
 * native x86_64 and i386 (32-bit programs, and int $0x80 from 64-bit
 * code).  Their tables are in abi.c.
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
 *
 * Most of those stops need no question either: the syscall instruction
 * itself loads rcx with the return address and r11 with the flags, and
 * the kernel saves both unchanged until the call returns, so
 * rcx == rip && r11 == eflags is the mark of a syscall (the same test
 * the kernel makes before it returns with sysret).  An int $0x80 leaves
 * rcx to the program (its second argument): it would have to hold the
 * very address after the int, and r11 the flags, to look the same.
 * Without the mark (FRED delivers syscalls without touching rcx and r11;
 * a tracer may have edited the registers) the kernel is asked.  In a
 * thread storm every delivery interrupts a sigsuspend: one ptrace call
 * in four.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <linux/audit.h>

#include "arch_impl.h"
#include "kconst.h"

#define CS_USER32 0x23		/* __USER32_CS */

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

/* Did the syscall instruction of 64-bit code enter this call (see the
 * top)? */
static bool syscall_insn(const struct user_regs_struct *r)
{
	return r->rcx == r->rip && r->r11 == r->eflags;
}

/* i386 returns are 32 bits: -4095..-1 are errors, the rest unsigned
 * (an old handler above 2 GiB is no error). */
static long ret32(uint64_t rax)
{
	uint32_t v = (uint32_t)rax;

	return v >= (uint32_t)-K_MAX_ERRNO ? (long)(int32_t)v : (long)v;
}

/* The syscall instruction's length: syscall, int $0x80 and sysenter (its
 * vDSO return path) alike; the kernel restarts with ip -= 2 for all. */
#define SYSCALL_INSN_LEN 2

/* Change TID's registers with EDIT. */
static int edit_regs(pid_t tid, void (*edit)(struct user_regs_struct *, long),
		     long arg, uint64_t *ip)
{
	struct user_regs_struct regs;

	if (ptrace(PTRACE_GETREGS, tid, 0, &regs) < 0)
		return -errno;
	edit(&regs, arg);
	if (ptrace(PTRACE_SETREGS, tid, 0, &regs) < 0)
		return -errno;
	if (ip)
		*ip = regs.rip;
	return 0;
}

static void restart(struct user_regs_struct *r, long unused)
{
	(void)unused;
	r->rax = r->orig_rax;
	r->rip -= SYSCALL_INSN_LEN;
}

static void unrestart(struct user_regs_struct *r, long ret)
{
	r->rax = (unsigned long long)ret;
	r->rip += SYSCALL_INSN_LEN;
}

static void skip(struct user_regs_struct *r, long ret)
{
	r->orig_rax = (unsigned long long)-1;	/* no call at all */
	r->rax = (unsigned long long)ret;
}

int arch_restart_syscall(pid_t tid, uint64_t *ip)
{
	return edit_regs(tid, restart, 0, ip);
}

int arch_unrestart_syscall(pid_t tid, long ret)
{
	return edit_regs(tid, unrestart, ret, NULL);
}

int arch_skip_syscall(pid_t tid, long ret)
{
	return edit_regs(tid, skip, ret, NULL);
}

int arch_get_syscall_state(pid_t tid, struct arch_syscall_state *st)
{
	struct user_regs_struct regs;
	bool compat;

	if (ptrace(PTRACE_GETREGS, tid, 0, &regs) < 0)
		return -errno;
	/* i386 code, or an int $0x80 from x86_64 code (see the top). */
	compat = regs.cs == CS_USER32 ||
		 ((long)regs.orig_rax >= 0 && (long)regs.rax < 0 &&
		  (long)regs.rax >= -K_MAX_ERRNO && !syscall_insn(&regs) &&
		  syscall_audit_arch(tid) == AUDIT_ARCH_I386);
	st->abi = arch_abi_of_audit(compat ? AUDIT_ARCH_I386 :
				    AUDIT_ARCH_X86_64);
	if (compat) {
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
