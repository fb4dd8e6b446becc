/* SPDX-License-Identifier: MIT */
/*
 * event.c - stamping events, their text made valid UTF-8 for the
 * analyzer, and the names that the JSON schema gives to event types,
 * finding effects and causes.
 */
#include <string.h>
#include <time.h>

#include "escape.h"
#include "event.h"
#include "strbuf.h"

static const char *const type_names[EV__COUNT] = {
	[EV_TRACE_START] = "trace_start",
	[EV_FORK] = "fork",
	[EV_EXEC] = "exec",
	[EV_SIGNAL] = "signal",
	[EV_SIGACTION] = "sigaction",
	[EV_INTERRUPTED] = "interrupted",
	[EV_EINTR] = "eintr",
	[EV_RESTARTED] = "restarted",
	[EV_FINDING] = "finding",
	[EV_WARNING] = "warning",
	[EV_EXIT] = "exit",
	[EV_DETACH] = "detach",
	[EV_TRACE_END] = "trace_end",
	[EV_DISPOSITIONS] = "dispositions",
	[EV_CONSUMED] = "consumed",
	[EV_TRACER_SIGNAL] = "tracer_signal",
};

static const char *const origin_names[TSIG_ORIGIN__COUNT] = {
	[TSIG_DIRECT] = "direct",
	[TSIG_GROUP] = "group",
	[TSIG_TRACED] = "traced",
	[TSIG_KERNEL] = "kernel",
};

static const char *const action_names[TSIG_ACTION__COUNT] = {
	[TSIG_NOTED] = "noted",
	[TSIG_FIRST_STOP] = "first_stop_request",
	[TSIG_STOP] = "stop",
	[TSIG_DETACH] = "detach",
};

static const char *const kind_names[FINDING__COUNT] = {
	[FINDING_DEFAULT_DISPOSITION] = "default_disposition",
	[FINDING_DANGEROUS_DEFAULTS] = "dangerous_defaults",
	[FINDING_ONESHOT_HANDLER] = "oneshot_handler",
	[FINDING_MODEL_MISMATCH] = "model_mismatch",
};

static const char *const effect_names[EFFECT__COUNT] = {
	[EFFECT_KILLED] = "killed",
	[EFFECT_CORE] = "core",
	[EFFECT_STOPPED] = "stopped",
};

static const char *const cause_names[CAUSE__COUNT] = {
	[CAUSE_NEVER_INSTALLED] = "never_installed",
	[CAUSE_INSTALLED_LATER] = "installed_later",
	[CAUSE_RESETHAND] = "resethand",
	[CAUSE_EXEC_RESET] = "exec_reset",
	[CAUSE_REMOVED] = "removed",
	[CAUSE_UNKNOWN_BEFORE_ATTACH] = "unknown_before_attach",
	[CAUSE_RERAISE] = "reraise",
};

static int lookup(const char *const *names, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

void event_init(struct event *e, enum event_type type)
{
	struct timespec rt, mono;

	memset(e, 0, sizeof(*e));
	e->type = type;
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	e->real_sec = rt.tv_sec;
	e->real_nsec = rt.tv_nsec;
	e->mono_ns = (uint64_t)mono.tv_sec * 1000000000u + (uint64_t)mono.tv_nsec;
	if (type == EV_SIGNAL) {
		e->u.sig.syscall = -1;
		e->u.sig.fd = -1;
	}
}

const char *event_type_name(enum event_type type)
{
	if ((unsigned)type >= EV__COUNT)
		return "unknown";
	return type_names[type];
}

int event_type_from_name(const char *name)
{
	return lookup(type_names, EV__COUNT, name);
}

const char *finding_kind_name(enum finding_kind kind)
{
	if ((unsigned)kind >= FINDING__COUNT)
		return "unknown";
	return kind_names[kind];
}

int finding_kind_from_name(const char *name)
{
	return lookup(kind_names, FINDING__COUNT, name);
}

const char *finding_effect_name(enum finding_effect effect)
{
	if ((unsigned)effect >= EFFECT__COUNT)
		return "unknown";
	return effect_names[effect];
}

int finding_effect_from_name(const char *name)
{
	return lookup(effect_names, EFFECT__COUNT, name);
}

const char *finding_cause_name(enum finding_cause cause)
{
	if ((unsigned)cause >= CAUSE__COUNT)
		return "unknown";
	return cause_names[cause];
}

int finding_cause_from_name(const char *name)
{
	return lookup(cause_names, CAUSE__COUNT, name);
}

const char *tsig_origin_name(enum tsig_origin origin)
{
	if ((unsigned)origin >= TSIG_ORIGIN__COUNT)
		return "unknown";
	return origin_names[origin];
}

int tsig_origin_from_name(const char *name)
{
	return lookup(origin_names, TSIG_ORIGIN__COUNT, name);
}

const char *tsig_action_name(enum tsig_action action)
{
	if ((unsigned)action >= TSIG_ACTION__COUNT)
		return "unknown";
	return action_names[action];
}

int tsig_action_from_name(const char *name)
{
	return lookup(action_names, TSIG_ACTION__COUNT, name);
}

void cmdline_from_argv(struct cmdline *c, char *const argv[])
{
	c->len = 0;
	c->truncated = false;
	for (size_t i = 0; argv && argv[i]; i++) {
		size_t n = strlen(argv[i]) + 1;

		if (c->len + n > sizeof(c->buf)) {
			c->truncated = true;
			break;
		}
		memcpy(c->buf + c->len, argv[i], n);
		c->len += n;
	}
}

/* ---- text as the JSON log reads back ---- */

static bool ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

/* A text field of SIZE bytes (maybe without its NUL): valid UTF-8, cut
 * at a character to fit with its NUL, as the reader cuts it. */
static void text_utf8(struct strbuf *tmp, char *field, size_t size)
{
	size_t len = strnlen(field, size), n;

	if (len < size && ascii(field, len))
		return;
	sb_reset(tmp);
	escape_utf8(tmp, field, len);
	n = escape_utf8_cut(tmp->buf, tmp->len, size - 1);
	memcpy(field, tmp->buf, n);
	field[n] = '\0';
}

/* Each argument valid UTF-8 and NUL-terminated (a last one cut short
 * by /proc too); the arguments that no longer fit are dropped and the
 * line marked truncated, as the reader does with the JSON array. */
static void cmdline_utf8(struct strbuf *tmp, struct cmdline *c)
{
	size_t len = c->len <= sizeof(c->buf) ? c->len : sizeof(c->buf);
	size_t start = 0, used = 0;
	char out[sizeof(c->buf)];

	if (ascii(c->buf, len) && (len == 0 || c->buf[len - 1] == '\0')) {
		c->len = len;
		return;
	}
	for (size_t i = 0; i <= len; i++) {
		if (i < len && c->buf[i] != '\0')
			continue;
		if (i == len && start == len)
			break;
		sb_reset(tmp);
		escape_utf8(tmp, c->buf + start, i - start);
		if (used + tmp->len + 1 > sizeof(out)) {
			c->truncated = true;
			break;
		}
		memcpy(out + used, tmp->buf, tmp->len);
		out[used + tmp->len] = '\0';
		used += tmp->len + 1;
		start = i + 1;
	}
	memcpy(c->buf, out, used);
	c->len = used;
}

static void disp_utf8(struct strbuf *tmp, struct disposition *d)
{
	text_utf8(tmp, d->symbol, sizeof(d->symbol));
	text_utf8(tmp, d->module, sizeof(d->module));
}

static void sender_utf8(struct strbuf *tmp, struct proc_ident *p,
			struct ancestry *chain)
{
	size_t n = chain->count < ANCESTRY_MAX ? chain->count : ANCESTRY_MAX;

	text_utf8(tmp, p->comm, sizeof(p->comm));
	cmdline_utf8(tmp, &p->cmdline);
	for (size_t i = 0; i < n; i++)
		text_utf8(tmp, chain->link[i].comm, sizeof(chain->link[i].comm));
}

static void signal_utf8(struct strbuf *tmp, struct ev_signal *s)
{
	struct ancestry none = { 0 };

	sender_utf8(tmp, &s->sender, &s->sender_chain);
	disp_utf8(tmp, &s->disposition);
	text_utf8(tmp, s->epipe.syscall, sizeof(s->epipe.syscall));
	text_utf8(tmp, s->epipe.file, sizeof(s->epipe.file));
	sender_utf8(tmp, &s->epipe.reader, &none);
	text_utf8(tmp, s->tty, sizeof(s->tty));
	sender_utf8(tmp, &s->reraise.sender, &s->reraise.sender_chain);
	cmdline_utf8(tmp, &s->argv);
}

void event_make_utf8(struct event *e)
{
	struct strbuf tmp = STRBUF_INIT;

	text_utf8(&tmp, e->comm, sizeof(e->comm));
	switch (e->type) {
	case EV_TRACE_START:
		cmdline_utf8(&tmp, &e->u.start.argv);
		text_utf8(&tmp, e->u.start.version, sizeof(e->u.start.version));
		break;
	case EV_EXEC:
		text_utf8(&tmp, e->u.exec.path, sizeof(e->u.exec.path));
		cmdline_utf8(&tmp, &e->u.exec.argv);
		break;
	case EV_SIGNAL:
	case EV_CONSUMED:
		signal_utf8(&tmp, &e->u.sig);
		break;
	case EV_SIGACTION:
		disp_utf8(&tmp, &e->u.sa.old_disp);
		disp_utf8(&tmp, &e->u.sa.new_disp);
		break;
	case EV_INTERRUPTED:
	case EV_EINTR:
	case EV_RESTARTED:
		disp_utf8(&tmp, &e->u.sc.handler);
		break;
	case EV_FINDING:
		sender_utf8(&tmp, &e->u.finding.sender,
			    &e->u.finding.sender_chain);
		text_utf8(&tmp, e->u.finding.exec_path,
			  sizeof(e->u.finding.exec_path));
		disp_utf8(&tmp, &e->u.finding.handler);
		text_utf8(&tmp, e->u.finding.detail,
			  sizeof(e->u.finding.detail));
		break;
	case EV_WARNING:
		text_utf8(&tmp, e->u.warning.message,
			  sizeof(e->u.warning.message));
		break;
	case EV_DISPOSITIONS:
		cmdline_utf8(&tmp, &e->u.table.argv);
		text_utf8(&tmp, e->u.table.target, sizeof(e->u.table.target));
		break;
	case EV_EXIT:
		sender_utf8(&tmp, &e->u.exit.sender, &e->u.exit.sender_chain);
		break;
	case EV_TRACER_SIGNAL:
		sender_utf8(&tmp, &e->u.tsig.sender, &e->u.tsig.sender_chain);
		break;
	default:
		break;
	}
	sb_free(&tmp);
}
