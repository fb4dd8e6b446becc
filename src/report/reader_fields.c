/* SPDX-License-Identifier: MIT */
/*
 * reader_fields.c - one JSON object of a sigtrace log into a struct
 * event: the common fields, the typed fields and one parser per event
 * type, the inverse of sink_json.c.  Absent fields keep their zero;
 * present fields of the wrong type are errors naming the line and the
 * field.  It calls nothing of reader.c: the lines come from there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arch.h"
#include "escape.h"
#include "reader_priv.h"
#include "sigtab.h"

/* ---- errors ---- */

int reader_fail(struct reader *r, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (r->lineno)
		snprintf(r->err, sizeof(r->err), "%s:%lu: %s", r->name,
			 r->lineno, msg);
	else
		snprintf(r->err, sizeof(r->err), "%s: %s", r->name, msg);
	return -1;
}

static int bad_type(struct reader *r, const char *key, const char *want)
{
	return reader_fail(r, "field \"%s\" should be %s", key, want);
}

/* ---- typed field access: absent is fine unless REQUIRED ---- */

static json_t *field(struct reader *r, json_t *o, const char *key,
		     bool required, int *rc)
{
	json_t *v = json_object_get(o, key);

	*rc = 0;
	if (!v && required)
		*rc = reader_fail(r, "the \"%s\" field is missing", key);
	return v;
}

static int get_int(struct reader *r, json_t *o, const char *key,
		   bool required, long long *out)
{
	int rc;
	json_t *v = field(r, o, key, required, &rc);

	if (!v)
		return rc;
	if (!json_is_integer(v))
		return bad_type(r, key, "an integer");
	*out = json_integer_value(v);
	return 0;
}

static int get_i(struct reader *r, json_t *o, const char *key, int *out)
{
	long long v = *out;

	if (get_int(r, o, key, false, &v) < 0)
		return -1;
	if (v < -2147483648LL || v > 2147483647LL)
		return bad_type(r, key, "a 32-bit integer");
	*out = (int)v;
	return 0;
}

static int get_u64(struct reader *r, json_t *o, const char *key,
		   bool required, uint64_t *out)
{
	long long v = 0;

	if (!json_object_get(o, key))
		return required ? get_int(r, o, key, true, &v) : 0;
	if (get_int(r, o, key, true, &v) < 0)
		return -1;
	if (v < 0)
		return bad_type(r, key, "a non-negative integer");
	*out = (uint64_t)v;
	return 0;
}

static int get_bool(struct reader *r, json_t *o, const char *key, bool *out)
{
	int rc;
	json_t *v = field(r, o, key, false, &rc);

	if (!v)
		return 0;
	if (!json_is_boolean(v))
		return bad_type(r, key, "true or false");
	*out = json_is_true(v);
	return 0;
}

/* Copy a string, cut at a UTF-8 boundary to fit SIZE (with its NUL). */
static void copy_str(char *dst, size_t size, const char *s, size_t len)
{
	len = escape_utf8_cut(s, len, size - 1);
	memcpy(dst, s, len);
	dst[len] = '\0';
}

static int get_str(struct reader *r, json_t *o, const char *key,
		   bool required, char *dst, size_t size)
{
	int rc;
	json_t *v = field(r, o, key, required, &rc);

	if (!v)
		return rc;
	if (!json_is_string(v))
		return bad_type(r, key, "a string");
	copy_str(dst, size, json_string_value(v), json_string_length(v));
	return 0;
}

static int get_hex(struct reader *r, json_t *o, const char *key,
		   bool *has, uint64_t *out)
{
	char buf[32], *end;
	json_t *v = json_object_get(o, key);

	if (!v)
		return 0;
	if (json_is_integer(v)) {
		*out = (uint64_t)json_integer_value(v);
	} else if (get_str(r, o, key, true, buf, sizeof(buf)) < 0) {
		return -1;
	} else {
		errno = 0;
		*out = strtoull(buf, &end, 16);
		if (strncmp(buf, "0x", 2) != 0 || *end || errno)
			return bad_type(r, key, "a hex string like \"0x401136\"");
	}
	if (has)
		*has = true;
	return 0;
}

/* ---- shared objects ---- */

/* "signo" when present, else the name in "signal". */
static int get_signal(struct reader *r, json_t *o, bool required, int *signo)
{
	char name[NAME_MAX_R];
	long long v;

	if (json_object_get(o, "signo")) {
		if (get_int(r, o, "signo", true, &v) < 0)
			return -1;
		*signo = (int)v;
		return 0;
	}
	if (!json_object_get(o, "signal"))
		return required ? reader_fail(r, "the \"signo\" field is missing") : 0;
	if (get_str(r, o, "signal", true, name, sizeof(name)) < 0)
		return -1;
	*signo = sig_from_name(name);
	if (*signo < 0)
		return reader_fail(r, "unknown signal \"%s\"", name);
	return 0;
}

static int get_mask(struct reader *r, json_t *o, const char *key,
		    sigbits_t *out)
{
	json_t *v = json_object_get(o, key), *x;
	size_t i;

	if (!v)
		return 0;
	if (!json_is_array(v))
		return bad_type(r, key, "an array of signal names");
	*out = 0;
	json_array_foreach(v, i, x) {
		int s = json_is_string(x) ? sig_from_name(json_string_value(x))
			: -1;

		if (s < 1)
			return reader_fail(r, "field \"%s\": not a signal name", key);
		*out |= SIGBIT(s);
	}
	return 0;
}

static int get_flags(struct reader *r, json_t *o, uint64_t *out)
{
	json_t *v = json_object_get(o, "flags"), *x;
	size_t i;
	uint64_t bit;

	json_array_foreach(v, i, x) {
		if (!json_is_string(x) ||
		    sa_flag_from_name(json_string_value(x), &bit) < 0)
			return reader_fail(r, "field \"flags\": unknown flag");
		*out |= bit;
	}
	return 0;
}

static const char *const disp_kinds[] = {
	[DISP_UNKNOWN] = "unknown", [DISP_DEFAULT] = "default",
	[DISP_IGNORED] = "ignored", [DISP_HANDLER] = "handler",
};

static int get_disp(struct reader *r, json_t *o, const char *key, bool *has,
		    struct disposition *d)
{
	json_t *v = json_object_get(o, key);
	char kind[16];
	int k;

	if (!v)
		return 0;
	if (!json_is_object(v))
		return bad_type(r, key, "a disposition object");
	if (get_str(r, v, "kind", true, kind, sizeof(kind)) < 0)
		return -1;
	for (k = 0; k <= DISP_HANDLER; k++)
		if (strcmp(kind, disp_kinds[k]) == 0)
			break;
	if (k > DISP_HANDLER)
		return reader_fail(r, "field \"%s\": unknown disposition kind \"%s\"",
				   key, kind);
	d->kind = (enum disp_kind)k;
	if (get_hex(r, v, "handler", NULL, &d->handler) < 0 ||
	    get_str(r, v, "symbol", false, d->symbol, sizeof(d->symbol)) < 0 ||
	    get_hex(r, v, "restorer", NULL, &d->restorer) < 0 ||
	    get_str(r, v, "module", false, d->module, sizeof(d->module)) < 0 ||
	    get_hex(r, v, "module_offset", NULL, &d->module_offset) < 0 ||
	    get_mask(r, v, "mask", &d->mask) < 0)
		return -1;
	if (json_is_array(json_object_get(v, "flags"))) {
		d->flags_known = true;
		if (get_flags(r, v, &d->flags) < 0)
			return -1;
	} else if (json_object_get(v, "flags")) {
		return bad_type(r, "flags", "an array of flag names");
	}
	if (has)
		*has = true;
	return 0;
}

static int get_cmdline(struct reader *r, json_t *o, const char *key,
		       const char *trunc_key, struct cmdline *c)
{
	json_t *v = json_object_get(o, key), *x;
	size_t i;

	c->len = 0;
	if (!v)
		return 0;
	if (!json_is_array(v))
		return bad_type(r, key, "an array of strings");
	json_array_foreach(v, i, x) {
		size_t n;

		if (!json_is_string(x))
			return bad_type(r, key, "an array of strings");
		n = json_string_length(x);
		if (c->len + n + 1 > sizeof(c->buf)) {
			c->truncated = true;
			break;
		}
		memcpy(c->buf + c->len, json_string_value(x), n);
		c->buf[c->len + n] = '\0';
		c->len += n + 1;
	}
	return trunc_key ? get_bool(r, o, trunc_key, &c->truncated) : 0;
}

static int get_sender(struct reader *r, json_t *o, bool *has,
		      struct proc_ident *p, struct ancestry *chain)
{
	json_t *v = json_object_get(o, "sender"), *c, *x;
	long long n = 0;
	size_t i;

	if (!v)
		return 0;
	if (!json_is_object(v))
		return bad_type(r, "sender", "a process object");
	*has = true;
	if (get_int(r, v, "pid", true, &n) < 0)
		return -1;
	p->pid = (pid_t)n;
	n = 0;
	if (get_int(r, v, "uid", false, &n) < 0 ||
	    get_bool(r, v, "gone", &p->gone) < 0)
		return -1;
	p->uid = (uid_t)n;
	p->known = json_object_get(v, "comm") != NULL;
	if (get_str(r, v, "comm", false, p->comm, sizeof(p->comm)) < 0 ||
	    get_cmdline(r, v, "cmdline", "cmdline_truncated", &p->cmdline) < 0)
		return -1;
	c = json_object_get(o, "sender_chain");
	if (c && !json_is_array(c))
		return bad_type(r, "sender_chain", "an array");
	json_array_foreach(c, i, x) {
		if (chain->count >= ANCESTRY_MAX)
			break;
		if (!json_is_object(x) || get_int(r, x, "pid", true, &n) < 0)
			return bad_type(r, "sender_chain", "[{\"pid\", \"comm\"}]");
		chain->link[chain->count].pid = (pid_t)n;
		if (get_str(r, x, "comm", false, chain->link[chain->count].comm,
			    COMM_MAX) < 0)
			return -1;
		chain->count++;
	}
	return 0;
}

/* A si_code by name (or number, as the log writes unknown ones). */
static int get_code(struct reader *r, json_t *o, int signo, int *code)
{
	char name[NAME_MAX_R] = "";

	if (json_is_integer(json_object_get(o, "code")))
		return get_i(r, o, "code", code);
	if (get_str(r, o, "code", false, name, sizeof(name)) < 0)
		return -1;
	if (name[0] && si_code_from_name(signo, name, code) < 0)
		return reader_fail(r, "unknown si_code \"%s\"", name);
	return 0;
}

/* An errno name ("EINTR", "ERESTARTSYS") or a number; SIGN -1 makes
 * a name a syscall return (-ERESTARTSYS), +1 an errno. */
static int get_errno(struct reader *r, json_t *o, const char *key, int sign,
		     long *out)
{
	char name[NAME_MAX_R];
	long err;

	if (!json_object_get(o, key))
		return 0;
	if (json_is_integer(json_object_get(o, key))) {
		*out = (long)json_integer_value(json_object_get(o, key));
		return 0;
	}
	if (get_str(r, o, key, true, name, sizeof(name)) < 0)
		return -1;
	if (errno_code_from_name(name, &err) < 0)
		return reader_fail(r, "field \"%s\": unknown error \"%s\"", key, name);
	*out = sign * err;
	return 0;
}

/* "syscall" (a name) and "syscall_nr"; the name is kept in BUF. */
static int get_syscall(struct reader *r, json_t *o, long *nr, char *buf,
		       size_t len, const char **name)
{
	long long n = -1;

	buf[0] = '\0';
	if (get_str(r, o, "syscall", false, buf, len) < 0 ||
	    get_int(r, o, "syscall_nr", false, &n) < 0)
		return -1;
	if (n < 0 && buf[0])
		n = arch_syscall_number(buf);
	*nr = (long)n;
	if (name)
		*name = buf[0] ? buf : NULL;
	return 0;
}

/* ---- one parser per event type ---- */

static int parse_start(struct reader *r, json_t *o, struct event *e)
{
	struct ev_trace_start *t = &e->u.start;
	char mode[16] = "spawn";
	json_t *pids = json_object_get(o, "pids"), *x;
	long long v = 0;
	size_t i;

	if (get_str(r, o, "mode", false, mode, sizeof(mode)) < 0)
		return -1;
	t->attach = strcmp(mode, "attach") == 0;
	if (pids && !json_is_array(pids))
		return bad_type(r, "pids", "an array of integers");
	json_array_foreach(pids, i, x) {
		if (!json_is_integer(x))
			return bad_type(r, "pids", "an array of integers");
		if (t->npids < PIDS_MAX)
			t->pids[t->npids++] = (pid_t)json_integer_value(x);
	}
	if (get_cmdline(r, o, "argv", "argv_truncated", &t->argv) < 0 ||
	    get_int(r, o, "tracer_pid", false, &v) < 0 ||
	    get_str(r, o, "version", false, t->version, sizeof(t->version)) < 0)
		return -1;
	t->tracer_pid = (pid_t)v;
	return 0;
}

static int parse_fork(struct reader *r, json_t *o, struct event *e)
{
	long long v = 0;

	if (get_int(r, o, "child", true, &v) < 0 ||
	    get_bool(r, o, "thread", &e->u.fork.thread) < 0 ||
	    get_bool(r, o, "vfork", &e->u.fork.vfork) < 0)
		return -1;
	e->u.fork.child = (pid_t)v;
	return 0;
}

static int parse_exec(struct reader *r, json_t *o, struct event *e)
{
	struct ev_exec *x = &e->u.exec;
	long long v = 0;

	if (get_str(r, o, "path", false, x->path, sizeof(x->path)) < 0 ||
	    get_cmdline(r, o, "argv", "argv_truncated", &x->argv) < 0 ||
	    get_int(r, o, "former_tid", false, &v) < 0)
		return -1;
	x->former_tid = (pid_t)v;
	return 0;
}

/* SIGCHLD's status: an exit code, or the name of a signal. */
static int get_status(struct reader *r, json_t *o, struct ev_signal *s)
{
	json_t *v = json_object_get(o, "status");

	if (!v)
		return 0;
	s->has_status = true;
	if (json_is_integer(v)) {
		s->status = (int)json_integer_value(v);
		return 0;
	}
	s->status = json_is_string(v) ? sig_from_name(json_string_value(v))
		: -1;
	if (s->status < 0)
		return bad_type(r, "status", "an exit code or a signal name");
	return 0;
}

static int parse_signal(struct reader *r, json_t *o, struct event *e)
{
	struct ev_signal *s = &e->u.sig;
	long long v = 0;
	long ret = 0;

	if (get_signal(r, o, true, &s->signo) < 0 ||
	    get_code(r, o, s->signo, &s->code) < 0 ||
	    get_i(r, o, "errno", &s->err) < 0 ||
	    get_sender(r, o, &s->has_sender, &s->sender,
		       &s->sender_chain) < 0 ||
	    get_hex(r, o, "addr", &s->has_addr, &s->addr) < 0 ||
	    get_status(r, o, s) < 0)
		return -1;
	if (json_object_get(o, "value")) {
		if (get_int(r, o, "value", true, &v) < 0)
			return -1;
		s->has_value = true;
		s->value = v;
	}
	if (json_object_get(o, "band")) {
		if (get_int(r, o, "band", true, &v) < 0 ||
		    get_i(r, o, "fd", &s->fd) < 0)
			return -1;
		s->has_band = true;
		s->band = v;
	}
	if (get_disp(r, o, "disposition", NULL, &s->disposition) < 0 ||
	    get_syscall(r, o, &s->syscall, r->syscall, sizeof(r->syscall),
			&s->syscall_name) < 0 ||
	    get_errno(r, o, "syscall_ret", -1, &ret) < 0)
		return -1;
	s->syscall_ret = ret;
	return 0;
}

static int parse_sigaction(struct reader *r, json_t *o, struct event *e)
{
	struct ev_sigaction *a = &e->u.sa;
	long err = 0;

	if (get_signal(r, o, true, &a->signo) < 0 ||
	    get_str(r, o, "syscall", false, r->sa_syscall,
		    sizeof(r->sa_syscall)) < 0 ||
	    get_disp(r, o, "old", &a->has_old, &a->old_disp) < 0 ||
	    get_disp(r, o, "new", &a->has_new, &a->new_disp) < 0 ||
	    get_bool(r, o, "observed", &a->observed) < 0 ||
	    get_u64(r, o, "window_start_mono_ns", false,
		    &a->window_start_mono_ns) < 0 ||
	    get_errno(r, o, "result", 1, &err) < 0)
		return -1;
	a->syscall = r->sa_syscall[0] ? r->sa_syscall : NULL;
	a->result = (int)err;
	return 0;
}

static int parse_syscall_sig(struct reader *r, json_t *o, struct event *e)
{
	struct ev_syscall_sig *c = &e->u.sc;

	if (get_syscall(r, o, &c->syscall, r->syscall, sizeof(r->syscall),
			&c->syscall_name) < 0 ||
	    get_errno(r, o, "code", -1, &c->code) < 0 ||
	    get_signal(r, o, true, &c->signo) < 0 ||
	    get_disp(r, o, "handler", NULL, &c->handler) < 0 ||
	    get_bool(r, o, "never_restarted", &c->never_restarted) < 0)
		return -1;
	return 0;
}

/* NAME by a lookup function, or an error naming KEY. */
static int get_enum(struct reader *r, json_t *o, const char *key,
		    int (*lookup)(const char *), int *out)
{
	char name[NAME_MAX_R];

	if (!json_object_get(o, key))
		return 0;
	if (get_str(r, o, key, true, name, sizeof(name)) < 0)
		return -1;
	*out = lookup(name);
	if (*out < 0)
		return reader_fail(r, "field \"%s\": unknown value \"%s\"", key, name);
	return 0;
}

static int parse_finding(struct reader *r, json_t *o, struct event *e,
			 bool *skip)
{
	struct ev_finding *f = &e->u.finding;
	char kind[NAME_MAX_R];
	int k = 0, effect = 0, cause = 0;

	if (get_str(r, o, "kind", true, kind, sizeof(kind)) < 0)
		return -1;
	k = finding_kind_from_name(kind);
	if (k < 0) {	/* a finding this sigtrace does not know */
		r->skipped++;
		snprintf(r->skipped_type, sizeof(r->skipped_type), "%s", kind);
		*skip = true;
		return 0;
	}
	f->kind = (enum finding_kind)k;
	if (get_signal(r, o, false, &f->signo) < 0 ||
	    get_mask(r, o, "signals", &f->signals) < 0 ||
	    get_code(r, o, f->signo, &f->code) < 0 ||
	    get_enum(r, o, "effect", finding_effect_from_name, &effect) < 0 ||
	    get_enum(r, o, "cause", finding_cause_from_name, &cause) < 0 ||
	    get_disp(r, o, "handler", NULL, &f->handler) < 0 ||
	    get_sender(r, o, &f->has_sender, &f->sender, &f->sender_chain) < 0 ||
	    get_u64(r, o, "delivery_mono_ns", false, &f->delivery_mono_ns) < 0)
		return -1;
	f->effect = (enum finding_effect)effect;
	f->cause = (enum finding_cause)cause;
	f->has_cause_time = json_object_get(o, "cause_mono_ns") != NULL;
	f->has_install_time = json_object_get(o, "install_mono_ns") != NULL;
	f->has_exec_time = json_object_get(o, "exec_mono_ns") != NULL;
	if (get_u64(r, o, "cause_mono_ns", false, &f->cause_mono_ns) < 0 ||
	    get_u64(r, o, "install_mono_ns", false, &f->install_mono_ns) < 0 ||
	    get_u64(r, o, "exec_mono_ns", false, &f->exec_mono_ns) < 0 ||
	    get_str(r, o, "exec_path", false, f->exec_path,
		    sizeof(f->exec_path)) < 0 ||
	    get_str(r, o, "detail", false, f->detail, sizeof(f->detail)) < 0)
		return -1;
	return 0;
}

static int parse_exit(struct reader *r, json_t *o, struct event *e)
{
	struct ev_exit *x = &e->u.exit;

	x->signaled = json_object_get(o, "signo") ||
		json_object_get(o, "signal");
	if (x->signaled) {
		if (get_signal(r, o, true, &x->signo) < 0 ||
		    get_bool(r, o, "core", &x->core) < 0)
			return -1;
	} else if (get_i(r, o, "code", &x->code) < 0) {
		return -1;
	}
	return get_bool(r, o, "thread", &x->thread);
}

static int parse_end(struct reader *r, json_t *o, struct event *e)
{
	struct ev_trace_end *t = &e->u.end;

	if (get_i(r, o, "exit_status", &t->exit_status) < 0 ||
	    get_u64(r, o, "stops", false, &t->stops) < 0 ||
	    get_u64(r, o, "syscall_stops", false, &t->syscall_stops) < 0 ||
	    get_u64(r, o, "deliveries", false, &t->deliveries) < 0)
		return -1;
	return 0;
}

static int parse_table(struct reader *r, json_t *o, struct event *e)
{
	struct ev_dispositions *t = &e->u.table;
	json_t *target;

	if (get_mask(r, o, "caught", &t->caught) < 0 ||
	    get_mask(r, o, "ignored", &t->ignored) < 0 ||
	    get_mask(r, o, "blocked", &t->blocked) < 0 ||
	    get_mask(r, o, "pending", &t->pending) < 0 ||
	    get_i(r, o, "threads", &t->threads) < 0 ||
	    get_cmdline(r, o, "argv", "argv_truncated", &t->argv) < 0)
		return -1;
	target = json_object_get(o, "target");
	if (target && !json_is_object(target))
		return bad_type(r, "target", "an object");
	if (target &&
	    (get_str(r, target, "kind", true, t->target_kind,
		     sizeof(t->target_kind)) < 0 ||
	     get_str(r, target, "value", true, t->target,
		     sizeof(t->target)) < 0))
		return -1;
	return 0;
}

static int parse_type(struct reader *r, json_t *o, struct event *e,
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
		return get_str(r, o, "message", false, e->u.warning.message,
			       sizeof(e->u.warning.message));
	case EV_EXIT:
		return parse_exit(r, o, e);
	case EV_TRACE_END:
		return parse_end(r, o, e);
	case EV_DISPOSITIONS:
		return parse_table(r, o, e);
	default:
		return 0;
	}
}

/* ---- common fields ---- */

static int get_time(struct reader *r, json_t *o, struct event *e)
{
	char buf[64], *p;
	struct tm tm;
	long ns = 0;
	int digits = 0;

	if (get_str(r, o, "time", true, buf, sizeof(buf)) < 0)
		return -1;
	if (buf[0] == '@') {	/* what sink_json writes when gmtime fails */
		e->real_sec = strtoll(buf + 1, &p, 10);
	} else {
		memset(&tm, 0, sizeof(tm));
		p = strptime(buf, "%Y-%m-%dT%H:%M:%S", &tm);
		if (!p)
			return bad_type(r, "time", "an ISO 8601 UTC time");
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
		return bad_type(r, "time", "an ISO 8601 UTC time ending in Z");
	e->real_nsec = ns;
	return 0;
}

static int get_common(struct reader *r, json_t *o, struct event *e,
		      bool *skip)
{
	char type[NAME_MAX_R];
	long long v = 0;
	int t;

	*skip = false;
	if (!json_object_get(o, "v"))
		return reader_fail(r, "not a sigtrace event: no \"v\" (schema version) field");
	if (get_int(r, o, "v", true, &v) < 0)
		return -1;
	if (v != EVENT_SCHEMA_VERSION)
		return reader_fail(r, "schema version %lld; this sigtrace reads version %d",
				   v, EVENT_SCHEMA_VERSION);
	if (get_str(r, o, "type", true, type, sizeof(type)) < 0)
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
	if (get_u64(r, o, "mono_ns", true, &e->mono_ns) < 0 ||
	    get_int(r, o, "pid", true, &v) < 0)
		return -1;
	e->pid = (pid_t)v;
	if (get_int(r, o, "tid", true, &v) < 0)
		return -1;
	e->tid = (pid_t)v;
	if (get_time(r, o, e) < 0 ||
	    get_str(r, o, "comm", false, e->comm, sizeof(e->comm)) < 0)
		return -1;
	return 0;
}

int reader_parse_object(struct reader *r, json_t *o, struct event *e,
			bool *skip)
{
	int rc = get_common(r, o, e, skip);

	if (rc == 0 && !*skip)
		rc = parse_type(r, o, e, skip);
	return rc;
}
