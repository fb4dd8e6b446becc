/* SPDX-License-Identifier: MIT */
/*
 * error.h - one-line errors: "sigtrace: what failed: why".
 *
 * Only entry points (main, report_main, psig_main) end the process, with
 * die_status; library code returns -errno or a result and lets them
 * decide (docs/design.md, Errors).  xmalloc.h is the one exception.
 */
#ifndef SIGTRACE_ERROR_H
#define SIGTRACE_ERROR_H

#define EXIT_FAILURE_RUNTIME 1
#define EXIT_USAGE 2

/* Print "sigtrace: MSG" and exit with STATUS. */
__attribute__((format(printf, 2, 3), noreturn))
void die_status(int status, const char *fmt, ...);
#define die(...) die_status(EXIT_FAILURE_RUNTIME, __VA_ARGS__)

/* Print "sigtrace: MSG", for an error the caller goes on after. */
__attribute__((format(printf, 1, 2)))
void error_msg(const char *fmt, ...);

/* Print "sigtrace: warning: MSG". */
__attribute__((format(printf, 1, 2)))
void warnx_msg(const char *fmt, ...);

#endif
