#ifndef SIGTRACE_TRACEE_MEM_H
#define SIGTRACE_TRACEE_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Copy LEN bytes at ADDR in thread TID's memory into BUF.
 * 0, or -errno (-EFAULT for an unmapped address, -ESRCH when gone). */
int tracee_read(pid_t tid, uint64_t addr, void *buf, size_t len);

#endif
