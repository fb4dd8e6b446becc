/* SPDX-License-Identifier: MIT */
/*
 * evwalk.c - the variable-length parts of an event (evwalk.h).
 */
#include <string.h>

#include "evwalk.h"

bool cmdline_next(const struct cmdline *c, size_t *pos, const char **arg,
		  size_t *len)
{
	size_t end = c->len <= sizeof(c->buf) ? c->len : sizeof(c->buf);

	if (*pos >= end)
		return false;
	*arg = c->buf + *pos;
	*len = strnlen(*arg, end - *pos);
	*pos += *len + 1;
	return true;
}

size_t ev_start_npids(const struct ev_trace_start *t)
{
	size_t max = sizeof(t->pids) / sizeof(t->pids[0]);

	return t->npids < max ? t->npids : max;
}
