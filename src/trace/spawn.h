/* SPDX-License-Identifier: MIT */
/*
 * spawn.h - what the command line needs from spawn.c before tracing: the
 * command's path; and sigtrace's seccomp filter, which the benchmarks'
 * bare-ptrace floor installs too (bench/floor --seccomp).  Starting the
 * command is private to the trace layer (trace_priv.h).
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

/* Install, in the calling process, the filter a spawned command runs
 * under: RET_TRACE for the sigaction family of every ABI, RET_ALLOW for
 * everything else (no_new_privs first when the kernel wants it).  0 or
 * -errno. */
int spawn_install_filter(void);

#endif
