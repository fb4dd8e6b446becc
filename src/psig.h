/* SPDX-License-Identifier: MIT */
#ifndef SIGTRACE_PSIG_H
#define SIGTRACE_PSIG_H

#include <stddef.h>
#include <sys/types.h>

/* Print the signal table (from /proc, no tracing) of each of the N PIDS
 * to FD, and one error line on stderr for each that cannot be read.
 * The exit status: 0, or 1 when any failed. */
int psig_print(const pid_t *pids, size_t n, int fd);

/* `sigtrace psig PID...`: ARGV starts at "psig". */
int psig_main(int argc, char **argv);

#endif
