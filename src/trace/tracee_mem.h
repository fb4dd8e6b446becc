/* SPDX-License-Identifier: MIT */
#ifndef SIGTRACE_TRACEE_MEM_H
#define SIGTRACE_TRACEE_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arch.h"

/* Copy LEN bytes at ADDR in thread TID's memory into BUF.
 * 0, or -errno (-EFAULT for an unmapped address, -ESRCH when gone). */
int tracee_read(pid_t tid, uint64_t addr, void *buf, size_t len);

/* Read and decode the kernel sigaction of KIND for ABI at ADDR in TID's
 * memory, laid out as arch_decode_ksigaction() says.  0 or -errno
 * (-EFAULT when the tracee passed a bad pointer, -ENOSYS when the ABI
 * has no such call). */
int tracee_read_ksigaction(pid_t tid, int abi, uint64_t addr,
			   enum arch_sigaction_kind kind,
			   struct arch_ksigaction *out);

#endif
