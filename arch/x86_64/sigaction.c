/*
 * x86_64: the kernel's struct sigaction as a 64-bit tracee passes it to
 * rt_sigaction: handler, flags, restorer, then the 64-bit mask.
 */
#include <errno.h>
#include <stdint.h>

#include "arch.h"
#include "tracee_mem.h"

struct kernel_sigaction64 {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

size_t arch_ksigaction_size(enum arch_sigaction_kind kind)
{
	(void)kind;
	return sizeof(struct kernel_sigaction64);
}

int arch_read_ksigaction(pid_t tid, uint64_t addr,
			 enum arch_sigaction_kind kind,
			 struct arch_ksigaction *out)
{
	struct kernel_sigaction64 ksa;
	int rc;

	if (kind != ARCH_SA_RT)
		return -ENOSYS;
	rc = tracee_read(tid, addr, &ksa, sizeof(ksa));
	if (rc < 0)
		return rc;
	out->handler = ksa.handler;
	/* glibc sign-extends the int sa_flags; the kernel keeps 32 bits. */
	out->flags = ksa.flags & 0xffffffffu;
	out->restorer = ksa.restorer;
	out->mask = ksa.mask;
	return 0;
}
