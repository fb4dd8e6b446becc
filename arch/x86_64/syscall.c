/*
 * x86_64: registers at a stop, syscall names and numbers.
 */
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <linux/audit.h>

#include "arch.h"

const char arch_name[] = "x86_64";
const uint32_t arch_native_audit = AUDIT_ARCH_X86_64;

static const char *const syscall_names[] = {
#include "syscallent.h"
};

enum {
	NR_rt_sigaction = 13,
	NR_rt_sigreturn = 15,
};

const struct arch_traced_syscall arch_traced_syscalls[] = {
	{ AUDIT_ARCH_X86_64, NR_rt_sigaction },
};
const size_t arch_traced_syscalls_count =
	sizeof(arch_traced_syscalls) / sizeof(arch_traced_syscalls[0]);

int arch_get_syscall_state(pid_t tid, struct arch_syscall_state *st)
{
	struct user_regs_struct regs;

	if (ptrace(PTRACE_GETREGS, tid, 0, &regs) < 0)
		return -errno;
	st->nr = (long)regs.orig_rax;
	st->ret = (long)regs.rax;
	st->args[0] = regs.rdi;
	st->args[1] = regs.rsi;
	st->args[2] = regs.rdx;
	st->args[3] = regs.r10;
	st->args[4] = regs.r8;
	st->args[5] = regs.r9;
	st->ip = regs.rip;
	st->sp = regs.rsp;
	return 0;
}

const char *arch_syscall_name(long nr)
{
	size_t n = sizeof(syscall_names) / sizeof(syscall_names[0]);

	if (nr < 0 || (size_t)nr >= n)
		return NULL;
	return syscall_names[nr];
}

long arch_syscall_number(const char *name)
{
	size_t n = sizeof(syscall_names) / sizeof(syscall_names[0]);

	for (size_t i = 0; i < n; i++)
		if (syscall_names[i] && strcmp(syscall_names[i], name) == 0)
			return (long)i;
	return -1;
}

bool arch_is_sigaction(long nr, enum arch_sigaction_kind *kind)
{
	if (nr != NR_rt_sigaction)
		return false;
	if (kind)
		*kind = ARCH_SA_RT;
	return true;
}

bool arch_is_sigreturn(long nr)
{
	return nr == NR_rt_sigreturn;
}
