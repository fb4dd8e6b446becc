/*
 * aarch64: the kernel's struct sigaction as a tracee passes it to
 * rt_sigaction.  arm64 uses the generic layout of
 * include/uapi/asm-generic/signal.h, and its asm/signal.h defines
 * SA_RESTORER, so the struct has sa_restorer: handler, flags (unsigned
 * long), restorer, then the 64-bit mask, 8 bytes each, little-endian.
 * glibc passes no restorer (the kernel returns through the vDSO's
 * sigreturn trampoline), so restorer is normally 0.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "tracee_mem.h"

#define RT_SIZE 32

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

size_t arch_ksigaction_size(int abi, enum arch_sigaction_kind kind)
{
	return abi == ARCH_ABI_NATIVE && kind == ARCH_SA_RT ? RT_SIZE : 0;
}

int arch_decode_ksigaction(int abi, enum arch_sigaction_kind kind,
			   const void *buf, size_t len,
			   struct arch_ksigaction *out)
{
	const unsigned char *p = buf;
	size_t need = arch_ksigaction_size(abi, kind);

	if (!need || len < need)
		return -EINVAL;
	out->handler = get64(p);
	/* sa_flags is an int in glibc, sign-extended into the unsigned
	 * long; the kernel keeps 32 bits. */
	out->flags = get64(p + 8) & 0xffffffffu;
	out->restorer = get64(p + 16);
	out->mask = get64(p + 24);
	return 0;
}

int arch_read_ksigaction(pid_t tid, int abi, uint64_t addr,
			 enum arch_sigaction_kind kind,
			 struct arch_ksigaction *out)
{
	unsigned char buf[RT_SIZE];
	size_t len = arch_ksigaction_size(abi, kind);
	int rc;

	if (!len || len > sizeof(buf))
		return -ENOSYS;
	rc = tracee_read(tid, addr, buf, len);
	if (rc < 0)
		return rc;
	return arch_decode_ksigaction(abi, kind, buf, len, out);
}
