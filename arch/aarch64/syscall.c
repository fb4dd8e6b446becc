/*
 * aarch64: registers at a stop, syscall names and numbers.
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
#include <linux/audit.h>

#include "arch.h"

#ifndef NT_ARM_SYSTEM_CALL
#define NT_ARM_SYSTEM_CALL 0x404
#endif

#define SVC_0 0xd4000001u	/* svc #0 */
#define EINTR_RET (-4L)

enum {
	NR_rt_sigaction = 134,
	NR_rt_sigreturn = 139,
};

const char arch_name[] = "aarch64";
const uint32_t arch_native_audit = AUDIT_ARCH_AARCH64;
const int arch_abi_count = 1;

static const char *const syscall_names[] = {
#include "syscallent.h"
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const struct arch_traced_syscall arch_traced_syscalls[] = {
	{ AUDIT_ARCH_AARCH64, NR_rt_sigaction },
};
const size_t arch_traced_syscalls_count = COUNT(arch_traced_syscalls);

const char *arch_abi_name(int abi)
{
	return abi == ARCH_ABI_NATIVE ? arch_name : NULL;
}

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
		st->ret = -512;		/* -ERESTARTSYS, see above */
	} else if (insn[0] == SVC_0 && (long)regs->regs[0] == EINTR_RET) {
		st->nr = (long)regs->regs[8];
	}
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

const char *arch_abi_syscall_name(int abi, long nr)
{
	if (abi != ARCH_ABI_NATIVE || nr < 0 ||
	    (size_t)nr >= COUNT(syscall_names))
		return NULL;
	return syscall_names[nr];
}

long arch_abi_syscall_number(int abi, const char *name)
{
	if (abi != ARCH_ABI_NATIVE || !name)
		return -1;
	for (size_t i = 0; i < COUNT(syscall_names); i++)
		if (syscall_names[i] && strcmp(syscall_names[i], name) == 0)
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

/* aarch64 has only rt_sigaction: no sigaction, no signal syscall. */
bool arch_is_sigaction(int abi, long nr, enum arch_sigaction_kind *kind)
{
	if (abi != ARCH_ABI_NATIVE || nr != NR_rt_sigaction)
		return false;
	if (kind)
		*kind = ARCH_SA_RT;
	return true;
}

bool arch_is_sigreturn(int abi, long nr)
{
	return abi == ARCH_ABI_NATIVE && nr == NR_rt_sigreturn;
}
