/* SPDX-License-Identifier: MIT */
/*
 * Reading the tracee's memory: process_vm_readv first (one syscall for any
 * length), PTRACE_PEEKDATA word by word when that is refused.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "tracee_mem.h"

static int peek_read(pid_t tid, uint64_t addr, char *out, size_t len)
{
	while (len > 0) {
		uint64_t aligned = addr & ~(uint64_t)(sizeof(long) - 1);
		size_t skip = addr - aligned;
		size_t n = sizeof(long) - skip;
		long word;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, tid, (void *)aligned, 0);
		if (errno)
			return -errno;
		if (n > len)
			n = len;
		memcpy(out, (char *)&word + skip, n);
		out += n;
		addr += n;
		len -= n;
	}
	return 0;
}

int tracee_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { buf, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n = process_vm_readv(tid, &local, 1, &remote, 1, 0);

	if (n == (ssize_t)len)
		return 0;
	if (n < 0 && errno == ESRCH)
		return -ESRCH;
	return peek_read(tid, addr, buf, len);
}

int tracee_read_ksigaction(pid_t tid, int abi, uint64_t addr,
			   enum arch_sigaction_kind kind,
			   struct arch_ksigaction *out)
{
	unsigned char buf[64];	/* more than any ABI's struct sigaction */
	size_t len = arch_ksigaction_size(abi, kind);
	int rc;

	if (!len || len > sizeof(buf))
		return -ENOSYS;
	rc = tracee_read(tid, addr, buf, len);
	if (rc < 0)
		return rc;
	return arch_decode_ksigaction(abi, kind, buf, len, out);
}
