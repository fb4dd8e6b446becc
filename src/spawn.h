/*
 * spawn.h - start a command under PTRACE_SEIZE, with the seccomp filter
 * that sends only the signal-related syscalls to the tracer.
 */
#ifndef SIGTRACE_SPAWN_H
#define SIGTRACE_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

/* Resolve ARGV[0] like execvp: a path with a slash is used as is,
 * otherwise PATH is searched.  Returns 0 with the path in OUT, or -1
 * with a one-line error in ERR (not found, not executable, a directory). */
int spawn_resolve(const char *cmd, char *out, size_t len, char *err,
		  size_t errlen);

/* Fork, seize with OPTIONS (PTRACE_O_*), install the filter, exec PATH.
 * Returns the pid, seized and running toward its exec, or -1 with a
 * clear message in ERR when any step fails (and leaves nothing running).
 * When the exec stop was already waited for, it is in *PENDING_STATUS
 * (else -1). */
pid_t spawn_traced(const char *path, char *const argv[], unsigned options,
		   int *pending_status, char *err, size_t errlen);

#endif
