/* SPDX-License-Identifier: MIT */
/*
 * reader_origin.c - the explanation fields of a log (docs/explanations.md)
 * back into events: where a delivery came from, a re-raise's link, the
 * group, a drop; a finding's severity and origin; whether an EINTR was
 * seen.  The inverse of the explanation part of sink_json.c.  A log from
 * before these fields has none of them: every field is optional.
 */
#include <string.h>

#include "origin.h"
#include "reader_priv.h"
#include "severity.h"

/* An object at KEY, or JSCAN_NIL; an error when KEY holds anything else. */
static int object(struct reader *r, jscan_val o, const char *key,
		  jscan_val *out)
{
	*out = jv_get(r, o, key);
	if (*out != JSCAN_NIL && !jv_is(r, *out, JSCAN_OBJECT))
		return rd_bad_type(r, key, "an object");
	return 0;
}

static int get_epipe(struct reader *r, jscan_val v, struct ev_epipe *ep)
{
	int kind = FILE_UNKNOWN;

	if (v == JSCAN_NIL)
		return 0;
	if (rd_str(r, v, "syscall", false, ep->syscall,
		   sizeof(ep->syscall)) < 0 ||
	    rd_i(r, v, "fd", &ep->fd) < 0 ||
	    rd_str(r, v, "file", false, ep->file, sizeof(ep->file)) < 0 ||
	    rd_enum(r, v, "kind", file_kind_from_name, &kind) < 0 ||
	    rd_process(r, v, "reader", &ep->has_reader, &ep->reader) < 0)
		return -1;
	ep->kind = (enum file_kind)kind;
	return 0;
}

static int get_reraise(struct reader *r, jscan_val v, int signo,
		       struct ev_reraise *re)
{
	int origin = FROM_UNKNOWN, term = TERM_NONE, kind = FILE_UNKNOWN;
	jscan_val t, ep;
	bool in = false;

	if (v == JSCAN_NIL)
		return 0;
	re->present = true;
	re->in_handler = -1;
	if (rd_u64(r, v, "mono_ns", false, &re->mono_ns) < 0 ||
	    rd_i(r, v, "tid", &re->tid) < 0 ||
	    rd_code(r, v, signo, &re->code) < 0 ||
	    rd_enum(r, v, "origin", origin_from_name, &origin) < 0 ||
	    object(r, v, "terminal", &t) < 0 || object(r, v, "epipe", &ep) < 0 ||
	    (t != JSCAN_NIL && rd_enum(r, t, "event", term_event_from_name, &term) < 0) ||
	    (ep != JSCAN_NIL && rd_enum(r, ep, "kind", file_kind_from_name, &kind) < 0) ||
	    rd_sender(r, v, &re->has_sender, &re->sender,
		      &re->sender_chain) < 0)
		return -1;
	if (jv_has(r, v, "in_handler")) {
		if (rd_bool(r, v, "in_handler", &in) < 0)
			return -1;
		re->in_handler = in;
	}
	re->origin = (enum sig_origin)origin;
	re->term = (enum term_event)term;
	re->pipe_kind = (enum file_kind)kind;
	return 0;
}

static int get_group(struct reader *r, jscan_val v, struct ev_group *g)
{
	long long id = 0;
	int how = GROUP_NONE;

	if (v == JSCAN_NIL)
		return 0;
	if (rd_int(r, v, "id", true, &id) < 0 ||
	    rd_i(r, v, "pgid", &g->pgid) < 0 ||
	    rd_bool(r, v, "first", &g->first) < 0 ||
	    rd_enum(r, v, "how", group_how_from_name, &how) < 0)
		return -1;
	g->id = (unsigned)id;
	g->how = (enum group_how)how;
	return 0;
}

/* "terminal", "timer", "limit": the small objects of an origin. */
static int get_details(struct reader *r, jscan_val o, struct ev_signal *s)
{
	int term = TERM_NONE, timer = TIMER_NONE, limit = LIMIT_NONE;
	jscan_val t, tm, l;

	if (object(r, o, "terminal", &t) < 0 || object(r, o, "timer", &tm) < 0 ||
	    object(r, o, "limit", &l) < 0)
		return -1;
	if (t != JSCAN_NIL && (rd_enum(r, t, "event", term_event_from_name, &term) < 0 ||
		  rd_str(r, t, "tty", false, s->tty, sizeof(s->tty)) < 0))
		return -1;
	if (tm != JSCAN_NIL && rd_enum(r, tm, "kind", timer_kind_from_name, &timer) < 0)
		return -1;
	if (l != JSCAN_NIL && (rd_enum(r, l, "resource", limit_from_name, &limit) < 0 ||
		  get_epipe(r, l, &s->epipe) < 0))
		return -1;
	s->term = (enum term_event)term;
	s->timer = (enum timer_kind)timer;
	s->limit = (enum limit_res)limit;
	return 0;
}

int reader_signal_origin(struct reader *r, jscan_val o, struct ev_signal *s)
{
	int origin = FROM_NONE, dropped = DROP_NONE;
	long long uid = 0;
	jscan_val ep, g, re;

	s->epipe.fd = -1;
	if (rd_enum(r, o, "origin", origin_from_name, &origin) < 0 ||
	    rd_enum(r, o, "dropped", dropped_from_name, &dropped) < 0 ||
	    object(r, o, "epipe", &ep) < 0 || object(r, o, "group", &g) < 0 ||
	    object(r, o, "reraise_of", &re) < 0 ||
	    get_epipe(r, ep, &s->epipe) < 0 || get_group(r, g, &s->group) < 0 ||
	    get_reraise(r, re, s->signo, &s->reraise) < 0 ||
	    get_details(r, o, s) < 0 ||
	    rd_cmdline(r, o, "argv", NULL, &s->argv) < 0)
		return -1;
	s->origin = (enum sig_origin)origin;
	s->dropped = (enum sig_dropped)dropped;
	s->has_argv = jv_has(r, o, "argv");
	if (jv_has(r, o, "sender_uid")) {
		if (rd_int(r, o, "sender_uid", true, &uid) < 0)
			return -1;
		s->has_sender_uid = true;
		s->sender_uid = (uid_t)uid;
	}
	return 0;
}

int reader_finding_origin(struct reader *r, jscan_val o, struct ev_finding *f)
{
	int sev = -1, origin = FROM_NONE;

	if (rd_enum(r, o, "severity", severity_from_name, &sev) < 0 ||
	    rd_enum(r, o, "origin", origin_from_name, &origin) < 0)
		return -1;
	f->has_severity = sev >= 0;
	f->severity = sev >= 0 ? (enum severity)sev : SEV_INFO;
	f->origin = (enum sig_origin)origin;
	return 0;
}
