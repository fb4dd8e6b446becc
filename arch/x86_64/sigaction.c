/*
 * x86_64: the kernel's struct sigaction as a tracee passes it.
 *
 * x86_64 rt_sigaction: handler, flags, restorer (8 bytes each), then the
 * 64-bit mask.  i386 (compat_sigaction, arch/x86/include/asm/ia32.h and
 * include/linux/compat.h): rt_sigaction takes handler, flags, restorer
 * (4 bytes each) and the mask as two 32-bit words, low one first; the
 * legacy sigaction(67) takes struct old_sigaction: handler, a 32-bit
 * mask (signals 1..32), flags, restorer.  All little-endian.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "arch.h"
#include "tracee_mem.h"

enum { ABI_X86_64 = ARCH_ABI_NATIVE, ABI_I386 = 1 };

#define RT64_SIZE 32
#define RT32_SIZE 20
#define OLD32_SIZE 16

static uint64_t get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

size_t arch_ksigaction_size(int abi, enum arch_sigaction_kind kind)
{
	if (abi == ABI_X86_64)
		return kind == ARCH_SA_RT ? RT64_SIZE : 0;
	if (abi == ABI_I386) {
		if (kind == ARCH_SA_RT)
			return RT32_SIZE;
		if (kind == ARCH_SA_OLD)
			return OLD32_SIZE;
	}
	return 0;
}

int arch_decode_ksigaction(int abi, enum arch_sigaction_kind kind,
			   const void *buf, size_t len,
			   struct arch_ksigaction *out)
{
	const unsigned char *p = buf;
	size_t need = arch_ksigaction_size(abi, kind);

	if (!need || len < need)
		return -EINVAL;
	if (abi == ABI_X86_64) {
		out->handler = get64(p);
		/* glibc sign-extends the int sa_flags; the kernel keeps
		 * 32 bits. */
		out->flags = get64(p + 8) & 0xffffffffu;
		out->restorer = get64(p + 16);
		out->mask = get64(p + 24);
	} else if (kind == ARCH_SA_RT) {
		out->handler = get32(p);
		out->flags = get32(p + 4);
		out->restorer = get32(p + 8);
		out->mask = get32(p + 12) | (uint64_t)get32(p + 16) << 32;
	} else {
		out->handler = get32(p);
		out->mask = get32(p + 4);
		out->flags = get32(p + 8);
		out->restorer = get32(p + 12);
	}
	return 0;
}

int arch_read_ksigaction(pid_t tid, int abi, uint64_t addr,
			 enum arch_sigaction_kind kind,
			 struct arch_ksigaction *out)
{
	unsigned char buf[RT64_SIZE];
	size_t len = arch_ksigaction_size(abi, kind);
	int rc;

	if (!len || len > sizeof(buf))
		return -ENOSYS;
	rc = tracee_read(tid, addr, buf, len);
	if (rc < 0)
		return rc;
	return arch_decode_ksigaction(abi, kind, buf, len, out);
}
