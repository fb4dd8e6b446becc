/* SPDX-License-Identifier: MIT */
/*
 * reader_fields.c - one JSON object of a sigtrace log into a struct
 * event: the common fields and one parser per event type, the inverse
 * of sink_json.c, on the typed values of reader_values.c.  Absent fields
 * keep their zero; present fields of the wrong type are errors naming
 * the line and the field.  It calls nothing of reader.c: the lines come
 * from there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arch.h"
#include "escape.h"
#include "iso_time.h"
#include "reader_priv.h"
#include "sigtab.h"

/* ---- one parser per event type ---- */

static int parse_start(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_trace_start *t = &e->u.start;
	char mode[16] = "spawn";
	jscan_val pids = jv_get(r, o, "pids"), x;

	if (rd_str(r, o, "mode", false, mode, sizeof(mode)) < 0)
		return -1;
	t->attach = strcmp(mode, "attach") == 0;
	if (pids != JSCAN_NIL && !jv_is(r, pids, JSCAN_ARRAY))
		return rd_bad_type(r, "pids", "an array of integers");
	for (x = jv_first(r, pids); x != JSCAN_NIL; x = jv_next(r, x)) {
		if (!jv_is(r, x, JSCAN_INTEGER) || jv_int(r, x) < 0 ||
		    jv_int(r, x) > INT_MAX)
			return rd_bad_type(r, "pids", "an array of pids");
		if (t->npids < PIDS_MAX)
			t->pids[t->npids++] = (pid_t)jv_int(r, x);
	}
	if (rd_cmdline(r, o, "argv", "argv_truncated", &t->argv) < 0 ||
	    rd_pid(r, o, "tracer_pid", false, &t->tracer_pid) < 0 ||
	    rd_str(r, o, "version", false, t->version, sizeof(t->version)) < 0 ||
	    rd_str(r, o, "senders", false, t->senders,
		   sizeof(t->senders)) < 0 ||
	    rd_str(r, o, "senders_note", false, t->senders_note,
		   sizeof(t->senders_note)) < 0)
		return -1;
	return 0;
}

static int parse_fork(struct reader *r, jscan_val o, struct event *e)
{
	if (rd_pid(r, o, "child", true, &e->u.fork.child) < 0 ||
	    rd_bool(r, o, "thread", &e->u.fork.thread) < 0 ||
	    rd_bool(r, o, "vfork", &e->u.fork.vfork) < 0)
		return -1;
	return 0;
}

static int parse_exec(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_exec *x = &e->u.exec;

	if (rd_str(r, o, "path", false, x->path, sizeof(x->path)) < 0 ||
	    rd_cmdline(r, o, "argv", "argv_truncated", &x->argv) < 0 ||
	    rd_pid(r, o, "former_tid", false, &x->former_tid) < 0)
		return -1;
	return 0;
}

/* SIGCHLD's status: an exit code, or the name of a signal. */
static int get_status(struct reader *r, jscan_val o, struct ev_signal *s)
{
	jscan_val v = jv_get(r, o, "status");

	if (v == JSCAN_NIL)
		return 0;
	s->has_status = true;
	if (jv_is(r, v, JSCAN_INTEGER))
		return rd_i(r, o, "status", &s->status);
	s->status = jv_is(r, v, JSCAN_STRING) ? reader_sig(r, jv_str(r, v))
		: -1;
	if (s->status < 0)
		return rd_bad_type(r, "status", "an exit code or a signal name");
	return 0;
}

static int get_stack(struct reader *r, jscan_val o, const struct stack **out)
{
	const char *why = reader_get_stack(r, o, out);

	return why ? reader_fail(r, "%s", why) : 0;
}

static int parse_signal(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_signal *s = &e->u.sig;
	long long v = 0;
	long ret = 0;

	if (rd_signal(r, o, true, &s->signo) < 0 ||
	    rd_code(r, o, s->signo, &s->code) < 0 ||
	    rd_i(r, o, "errno", &s->err) < 0 ||
	    rd_sender(r, o, &s->has_sender, &s->sender,
		       &s->sender_chain) < 0 ||
	    rd_hex(r, o, "addr", &s->has_addr, &s->addr) < 0 ||
	    get_status(r, o, s) < 0)
		return -1;
	if (jv_has(r, o, "value")) {
		if (rd_int(r, o, "value", true, &v) < 0)
			return -1;
		s->has_value = true;
		s->value = v;
	}
	if (jv_has(r, o, "band")) {
		if (rd_int(r, o, "band", true, &v) < 0 ||
		    rd_i(r, o, "fd", &s->fd) < 0)
			return -1;
		s->has_band = true;
		s->band = v;
	}
	if (rd_disp(r, o, "disposition", NULL, &s->disposition) < 0 ||
	    rd_syscall(r, o, &s->syscall, r->syscall, sizeof(r->syscall),
			&s->syscall_name) < 0 ||
	    rd_errno(r, o, "syscall_ret", -1, &ret) < 0 ||
	    reader_signal_origin(r, o, s) < 0 ||
	    get_stack(r, o, &s->stack) < 0)
		return -1;
	s->syscall_ret = ret;
	return 0;
}

static int parse_sigaction(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_sigaction *a = &e->u.sa;
	long err = 0;

	if (rd_signal(r, o, true, &a->signo) < 0 ||
	    rd_str(r, o, "syscall", false, r->sa_syscall,
		    sizeof(r->sa_syscall)) < 0 ||
	    rd_disp(r, o, "old", &a->has_old, &a->old_disp) < 0 ||
	    rd_disp(r, o, "new", &a->has_new, &a->new_disp) < 0 ||
	    rd_bool(r, o, "observed", &a->observed) < 0 ||
	    rd_u64(r, o, "window_start_mono_ns", false,
		    &a->window_start_mono_ns) < 0 ||
	    rd_errno(r, o, "result", 1, &err) < 0 ||
	    get_stack(r, o, &a->stack) < 0)
		return -1;
	a->syscall = r->sa_syscall[0] ? r->sa_syscall : NULL;
	a->result = (int)err;
	return 0;
}

static int parse_syscall_sig(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_syscall_sig *c = &e->u.sc;

	if (rd_syscall(r, o, &c->syscall, r->syscall, sizeof(r->syscall),
			&c->syscall_name) < 0 ||
	    rd_errno(r, o, "code", -1, &c->code) < 0 ||
	    rd_signal(r, o, true, &c->signo) < 0 ||
	    rd_disp(r, o, "handler", NULL, &c->handler) < 0 ||
	    rd_bool(r, o, "never_restarted", &c->never_restarted) < 0 ||
	    rd_bool(r, o, "by_tracer", &c->by_tracer) < 0 ||
	    rd_bool(r, o, "tracing_induced", &c->tracing_induced) < 0)
		return -1;
	if (jv_has(r, o, "seen")) {
		bool seen = true;

		if (rd_bool(r, o, "seen", &seen) < 0)
			return -1;
		c->unseen = !seen;
	}
	return 0;
}

static int parse_finding(struct reader *r, jscan_val o, struct event *e,
			 bool *skip)
{
	struct ev_finding *f = &e->u.finding;
	char kind[NAME_MAX_R];
	int k = 0, effect = 0, cause = 0;

	if (rd_str(r, o, "kind", true, kind, sizeof(kind)) < 0)
		return -1;
	k = finding_kind_from_name(kind);
	if (k < 0) {	/* a finding this sigtrace does not know */
		r->skipped++;
		snprintf(r->skipped_type, sizeof(r->skipped_type), "%s", kind);
		*skip = true;
		return 0;
	}
	f->kind = (enum finding_kind)k;
	if (rd_signal(r, o, false, &f->signo) < 0 ||
	    rd_mask(r, o, "signals", &f->signals) < 0 ||
	    rd_code(r, o, f->signo, &f->code) < 0 ||
	    rd_enum(r, o, "effect", finding_effect_from_name, &effect) < 0 ||
	    rd_enum(r, o, "cause", finding_cause_from_name, &cause) < 0 ||
	    rd_disp(r, o, "handler", NULL, &f->handler) < 0 ||
	    rd_sender(r, o, &f->has_sender, &f->sender, &f->sender_chain) < 0 ||
	    rd_u64(r, o, "delivery_mono_ns", false, &f->delivery_mono_ns) < 0)
		return -1;
	f->effect = (enum finding_effect)effect;
	f->cause = (enum finding_cause)cause;
	f->has_cause_time = jv_has(r, o, "cause_mono_ns");
	f->has_install_time = jv_has(r, o, "install_mono_ns");
	f->has_exec_time = jv_has(r, o, "exec_mono_ns");
	if (rd_u64(r, o, "cause_mono_ns", false, &f->cause_mono_ns) < 0 ||
	    rd_u64(r, o, "install_mono_ns", false, &f->install_mono_ns) < 0 ||
	    rd_u64(r, o, "exec_mono_ns", false, &f->exec_mono_ns) < 0 ||
	    rd_str(r, o, "exec_path", false, f->exec_path,
		    sizeof(f->exec_path)) < 0 ||
	    rd_str(r, o, "detail", false, f->detail, sizeof(f->detail)) < 0 ||
	    reader_finding_origin(r, o, f) < 0)
		return -1;
	return 0;
}

static int parse_consumed(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_signal *s = &e->u.sig;

	s->syscall = -1;
	s->consumed_fd = -1;
	if (rd_signal(r, o, true, &s->signo) < 0 ||
	    rd_code(r, o, s->signo, &s->code) < 0 ||
	    rd_str(r, o, "sender_unknown", false, s->sender_unknown,
		   sizeof(s->sender_unknown)) < 0 ||
	    rd_sender(r, o, &s->has_sender, &s->sender,
		      &s->sender_chain) < 0 ||
	    rd_u64(r, o, "sent_mono_ns", false, &s->sent_mono_ns) < 0 ||
	    rd_str(r, o, "by", false, s->consumed_by,
		   sizeof(s->consumed_by)) < 0 ||
	    rd_i(r, o, "fd", &s->consumed_fd) < 0 ||
	    rd_syscall(r, o, &s->syscall, r->syscall, sizeof(r->syscall),
		       &s->syscall_name) < 0)
		return -1;
	return 0;
}

static int parse_exit(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_exit *x = &e->u.exit;

	x->signaled = jv_has(r, o, "signo") ||
		jv_has(r, o, "signal");
	if (x->signaled) {
		if (rd_signal(r, o, true, &x->signo) < 0 ||
		    rd_bool(r, o, "core", &x->core) < 0)
			return -1;
	} else if (rd_i(r, o, "code", &x->code) < 0) {
		return -1;
	}
	if (rd_str(r, o, "kill_cause", false, x->kill_cause,
		   sizeof(x->kill_cause)) < 0 ||
	    rd_sender(r, o, &x->has_sender, &x->sender,
		      &x->sender_chain) < 0)
		return -1;
	return rd_bool(r, o, "thread", &x->thread);
}

static int parse_end(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_trace_end *t = &e->u.end;
	jscan_val sends;

	if (rd_i(r, o, "exit_status", &t->exit_status) < 0 ||
	    rd_u64(r, o, "stops", false, &t->stops) < 0 ||
	    rd_u64(r, o, "syscall_stops", false, &t->syscall_stops) < 0 ||
	    rd_u64(r, o, "deliveries", false, &t->deliveries) < 0)
		return -1;
	sends = jv_get(r, o, "sends");
	if (sends == JSCAN_NIL)
		return 0;
	if (!jv_is(r, sends, JSCAN_OBJECT))
		return rd_bad_type(r, "sends", "an object of counts");
	t->has_sends = true;
	t->sends_seen = jv_has(r, sends, "ignored");
	if (rd_u64(r, sends, "consumed", false, &t->consumed) < 0 ||
	    rd_u64(r, sends, "ignored", false, &t->ignored) < 0 ||
	    rd_u64(r, sends, "already_pending", false, &t->merged) < 0 ||
	    rd_u64(r, sends, "dropped", false, &t->dropped) < 0 ||
	    rd_u64(r, sends, "lost", false, &t->lost) < 0)
		return -1;
	return 0;
}

static int parse_table(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_dispositions *t = &e->u.table;
	jscan_val target;

	if (rd_mask(r, o, "caught", &t->caught) < 0 ||
	    rd_mask(r, o, "ignored", &t->ignored) < 0 ||
	    rd_mask(r, o, "blocked", &t->blocked) < 0 ||
	    rd_mask(r, o, "pending", &t->pending) < 0 ||
	    rd_i(r, o, "threads", &t->threads) < 0 ||
	    rd_cmdline(r, o, "argv", "argv_truncated", &t->argv) < 0)
		return -1;
	target = jv_get(r, o, "target");
	if (target != JSCAN_NIL && !jv_is(r, target, JSCAN_OBJECT))
		return rd_bad_type(r, "target", "an object");
	if (target != JSCAN_NIL &&
	    (rd_str(r, target, "kind", true, t->target_kind,
		     sizeof(t->target_kind)) < 0 ||
	     rd_str(r, target, "value", true, t->target,
		     sizeof(t->target)) < 0))
		return -1;
	return 0;
}

static int parse_tracer_signal(struct reader *r, jscan_val o, struct event *e)
{
	struct ev_tracer_signal *t = &e->u.tsig;
	int origin = 0, action = 0;

	if (rd_signal(r, o, true, &t->signo) < 0 ||
	    rd_code(r, o, t->signo, &t->code) < 0 ||
	    rd_sender(r, o, &t->has_sender, &t->sender,
		      &t->sender_chain) < 0 ||
	    rd_enum(r, o, "origin", tsig_origin_from_name, &origin) < 0 ||
	    rd_enum(r, o, "action", tsig_action_from_name, &action) < 0)
		return -1;
	t->origin = (enum tsig_origin)origin;
	t->action = (enum tsig_action)action;
	return 0;
}

static int parse_type(struct reader *r, jscan_val o, struct event *e,
		      bool *skip)
{
	switch (e->type) {
	case EV_TRACE_START:
		return parse_start(r, o, e);
	case EV_FORK:
		return parse_fork(r, o, e);
	case EV_EXEC:
		return parse_exec(r, o, e);
	case EV_SIGNAL:
		return parse_signal(r, o, e);
	case EV_SIGACTION:
		return parse_sigaction(r, o, e);
	case EV_INTERRUPTED:
	case EV_EINTR:
	case EV_RESTARTED:
		return parse_syscall_sig(r, o, e);
	case EV_FINDING:
		return parse_finding(r, o, e, skip);
	case EV_WARNING:
		return rd_str(r, o, "message", false, e->u.warning.message,
			       sizeof(e->u.warning.message));
	case EV_EXIT:
		return parse_exit(r, o, e);
	case EV_TRACE_END:
		return parse_end(r, o, e);
	case EV_DISPOSITIONS:
		return parse_table(r, o, e);
	case EV_CONSUMED:
		return parse_consumed(r, o, e);
	case EV_TRACER_SIGNAL:
		return parse_tracer_signal(r, o, e);
	default:
		return 0;
	}
}

/* ---- common fields ---- */

static int get_time(struct reader *r, jscan_val o, struct event *e)
{
	char buf[64], *p;
	struct tm tm;
	long ns = 0;
	int digits = 0;

	if (rd_str(r, o, "time", true, buf, sizeof(buf)) < 0)
		return -1;
	/* The form sink_json writes, without strptime; any other spelling
	 * is judged by strptime as it always was. */
	if (iso_time_parse(buf, strlen(buf), &e->real_sec, &ns) == 0) {
		e->real_nsec = ns;
		return 0;
	}
	if (buf[0] == '@') {	/* what sink_json writes when gmtime fails */
		e->real_sec = strtoll(buf + 1, &p, 10);
	} else {
		memset(&tm, 0, sizeof(tm));
		p = strptime(buf, "%Y-%m-%dT%H:%M:%S", &tm);
		if (!p)
			return rd_bad_type(r, "time", "an ISO 8601 UTC time");
		e->real_sec = (int64_t)timegm(&tm);
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++, digits++)
			if (digits < 9)
				ns = ns * 10 + (*p - '0');
		for (; digits < 9; digits++)
			ns *= 10;
	}
	if (strcmp(p, "Z") != 0)
		return rd_bad_type(r, "time", "an ISO 8601 UTC time ending in Z");
	e->real_nsec = ns;
	return 0;
}

static int get_common(struct reader *r, jscan_val o, struct event *e,
		      bool *skip)
{
	char type[NAME_MAX_R];
	long long v = 0;
	int t;

	*skip = false;
	if (!jv_has(r, o, "v"))
		return reader_fail(r, "not a sigtrace event: no \"v\" (schema version) field");
	if (rd_int(r, o, "v", true, &v) < 0)
		return -1;
	if (v != EVENT_SCHEMA_VERSION)
		return reader_fail(r, "schema version %lld; this sigtrace reads version %d",
				   v, EVENT_SCHEMA_VERSION);
	if (rd_str(r, o, "type", true, type, sizeof(type)) < 0)
		return -1;
	t = event_type_from_name(type);
	if (t < 0) {
		r->skipped++;
		snprintf(r->skipped_type, sizeof(r->skipped_type), "%s", type);
		*skip = true;
		return 0;
	}
	memset(e, 0, sizeof(*e));
	e->type = (enum event_type)t;
	if (e->type == EV_SIGNAL) {
		e->u.sig.syscall = -1;
		e->u.sig.fd = -1;
	}
	if (rd_u64(r, o, "mono_ns", true, &e->mono_ns) < 0 ||
	    rd_pid(r, o, "pid", true, &e->pid) < 0 ||
	    rd_pid(r, o, "tid", true, &e->tid) < 0)
		return -1;
	if (get_time(r, o, e) < 0 ||
	    rd_str(r, o, "comm", false, e->comm, sizeof(e->comm)) < 0)
		return -1;
	return 0;
}

int reader_parse_object(struct reader *r, jscan_val o, struct event *e,
			bool *skip)
{
	int rc = get_common(r, o, e, skip);

	if (rc == 0 && !*skip)
		rc = parse_type(r, o, e, skip);
	return rc;
}
