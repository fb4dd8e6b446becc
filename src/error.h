/*
 * error.h - one-line errors: "sigtrace: what failed: why".
 */
#ifndef SIGTRACE_ERROR_H
#define SIGTRACE_ERROR_H

#define EXIT_FAILURE_RUNTIME 1
#define EXIT_USAGE 2

/* Print "sigtrace: MSG" and exit with STATUS. */
__attribute__((format(printf, 2, 3), noreturn))
void die_status(int status, const char *fmt, ...);
#define die(...) die_status(EXIT_FAILURE_RUNTIME, __VA_ARGS__)

/* Print "sigtrace: warning: MSG". */
__attribute__((format(printf, 1, 2)))
void warnx_msg(const char *fmt, ...);

#endif
