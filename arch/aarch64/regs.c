/* SPDX-License-Identifier: MIT */
/*
 * aarch64: the registers at a stop (its tables are in abi.c).
 *
 * Registers come through PTRACE_GETREGSET (NT_PRSTATUS, the 31 general
 * registers, sp, pc, pstate): there is no PTRACE_GETREGS.  A syscall
 * takes its number in x8 and its arguments in x0..x5, and returns in x0,
 * which overwrites the first argument: the kernel keeps that one aside
 * (orig_x0), out of reach of NT_PRSTATUS.  So the number and arguments
 * come from PTRACE_GET_SYSCALL_INFO at entry and seccomp stops (the
 * registers otherwise), and the number at other stops from the kernel's
 * own record, the NT_ARM_SYSTEM_CALL regset (-1: not in a syscall).
 *
 * At a signal-delivery-stop that interrupted a syscall, arm64 has done
 * half of the restart already (do_signal in arch/arm64/kernel/signal.c
 * runs before get_signal(), "so that a debugger will see the already
 * changed PC"): the syscall record is cleared, and for the -ERESTART*
 * codes x0 is the first argument again and pc is back on the svc
 * instruction; -EINTR leaves x0 = -EINTR and pc after the svc.  So the
 * delivery reads the instruction at pc and pc - 4: back on an svc means
 * a restart is pending (reported as -ERESTARTSYS: which -ERESTART* code
 * the call returned is gone; whether the program then sees EINTR is
 * still read exactly at the handler's rt_sigreturn), after one with x0 =
 * -EINTR means EINTR.  The syscall is x8's, which the kernel preserves.
 *
 * One ABI only: AArch32 (compat) tracees are not supported; their
 * NT_PRSTATUS is shorter, and arch_get_syscall_state() says -ENOEXEC.
 */
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/user.h>

#include "arch.h"
#include "kconst.h"

#ifndef NT_ARM_SYSTEM_CALL
#define NT_ARM_SYSTEM_CALL 0x404
#endif

#define SVC_0 0xd4000001u	/* svc #0 */

/* PTRACE_GET_SYSCALL_INFO's op, or -1 (a kernel before 5.3). */
static int syscall_info(pid_t tid, struct __ptrace_syscall_info *info)
{
	static bool unsupported;

	if (unsupported)
		return -1;
	memset(info, 0, sizeof(*info));
	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof(*info), info) <= 0) {
		if (errno == EIO || errno == EINVAL)
			unsupported = true;
		return -1;
	}
	return info->op;
}

/* The kernel's syscall record: the number, or -1 in none. */
static long system_call_nr(pid_t tid, const struct user_regs_struct *regs)
{
	int nr = -1;
	struct iovec iov = { &nr, sizeof(nr) };

	if (ptrace(PTRACE_GETREGSET, tid, (void *)NT_ARM_SYSTEM_CALL, &iov) < 0)
		return (long)regs->regs[8];	/* no such regset: guess */
	return nr;
}

/* A delivery-stop after an interrupted syscall: see the top comment. */
static void interrupted_syscall(pid_t tid, const struct user_regs_struct *regs,
				struct arch_syscall_state *st)
{
	uint32_t insn[2];	/* at pc - 4, at pc */
	long word;

	if (regs->pc < 4 || (regs->pc & 3))
		return;
	errno = 0;
	word = ptrace(PTRACE_PEEKTEXT, tid, (void *)(regs->pc - 4), 0);
	if (word == -1 && errno)
		return;
	memcpy(insn, &word, sizeof(insn));
	if (insn[1] == SVC_0) {
		st->nr = (long)regs->regs[8];
		st->ret = -K_ERESTARTSYS;	/* see the top */
	} else if (insn[0] == SVC_0 && (long)regs->regs[0] == -EINTR) {
		st->nr = (long)regs->regs[8];
	}
}

/* The first argument, which a restart needs back in x0, is gone at a
 * delivery-stop that holds -EINTR (see the top): no exact restart. */
int arch_restart_syscall(pid_t tid, uint64_t *ip)
{
	(void)tid;
	(void)ip;
	return -EOPNOTSUPP;
}

int arch_unrestart_syscall(pid_t tid, long ret)
{
	(void)tid;
	(void)ret;
	return -EOPNOTSUPP;
}

/* At a seccomp stop: syscall number -1 (NT_ARM_SYSTEM_CALL) skips the
 * call, and x0 is what it returns. */
int arch_skip_syscall(pid_t tid, long ret)
{
	struct user_regs_struct regs;
	struct iovec iov = { &regs, sizeof(regs) };
	int nr = -1;
	struct iovec nr_iov = { &nr, sizeof(nr) };

	if (ptrace(PTRACE_GETREGSET, tid, (void *)NT_PRSTATUS, &iov) < 0)
		return -errno;
	regs.regs[0] = (uint64_t)ret;
	if (ptrace(PTRACE_SETREGSET, tid, (void *)NT_ARM_SYSTEM_CALL,
		   &nr_iov) < 0 ||
	    ptrace(PTRACE_SETREGSET, tid, (void *)NT_PRSTATUS, &iov) < 0)
		return -errno;
	return 0;
}

int arch_get_syscall_state(pid_t tid, struct arch_syscall_state *st)
{
	struct user_regs_struct regs;
	struct iovec iov = { &regs, sizeof(regs) };
	struct __ptrace_syscall_info info;
	int op;

	if (ptrace(PTRACE_GETREGSET, tid, (void *)NT_PRSTATUS, &iov) < 0)
		return -errno;
	if (iov.iov_len != sizeof(regs))
		return -ENOEXEC;	/* an AArch32 task */
	st->abi = ARCH_ABI_NATIVE;
	st->ip = regs.pc;
	st->sp = regs.sp;
	st->ret = (long)regs.regs[0];
	for (int i = 0; i < 6; i++)
		st->args[i] = regs.regs[i];
	op = syscall_info(tid, &info);
	switch (op) {
	case PTRACE_SYSCALL_INFO_ENTRY:
		st->nr = (long)info.entry.nr;
		memcpy(st->args, info.entry.args, sizeof(st->args));
		break;
	case PTRACE_SYSCALL_INFO_SECCOMP:
		st->nr = (long)info.seccomp.nr;
		memcpy(st->args, info.seccomp.args, sizeof(st->args));
		break;
	case PTRACE_SYSCALL_INFO_EXIT:
		st->nr = system_call_nr(tid, &regs);
		st->ret = (long)info.exit.rval;
		break;
	default:
		st->nr = system_call_nr(tid, &regs);
		if (st->nr < 0 && op == PTRACE_SYSCALL_INFO_NONE)
			interrupted_syscall(tid, &regs, st);
		break;
	}
	return 0;
}
