#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"

void die_status(int status, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("sigtrace: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(status);
}

void warnx_msg(const char *fmt, ...)
{
	va_list ap;

	fputs("sigtrace: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
