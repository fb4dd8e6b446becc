/* SPDX-License-Identifier: MIT */
/*
 * evwalk.h - walking the variable-length parts of an event the same way
 * in every sink and in the report: the arguments of a command line, the
 * pids of an attach.  An event may come from a log written by anyone,
 * so its counts are never trusted past its arrays.
 */
#ifndef SIGTRACE_EVWALK_H
#define SIGTRACE_EVWALK_H

#include <stdbool.h>
#include <stddef.h>

#include "event.h"

/*
 * The argument of C at *POS: *ARG and *LEN (it holds no NUL), and *POS
 * moves past it.  false when there is none left.  Arguments end at a NUL;
 * a last one without its NUL was cut by the reader and is kept.  Start
 * with *POS = 0:
 *
 *	for (size_t pos = 0; cmdline_next(c, &pos, &arg, &len);)
 */
bool cmdline_next(const struct cmdline *c, size_t *pos, const char **arg,
		  size_t *len);

/* How many of T's pids there are to read: npids, at most its array. */
size_t ev_start_npids(const struct ev_trace_start *t);

#endif
