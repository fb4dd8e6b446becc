#ifndef SIGTRACE_PSIG_H
#define SIGTRACE_PSIG_H

#include <sys/types.h>

/* Print PID's signal table (from /proc, no tracing) to FD. 0 or 1. */
int psig_print(pid_t pid, int fd);

/* `sigtrace psig PID...`: ARGV starts at "psig". */
int psig_main(int argc, char **argv);

#endif
