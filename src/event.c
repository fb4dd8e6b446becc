/*
 * event.c - stamping events, and the names that the JSON schema gives to
 * event types, finding effects and causes.
 */
#include <string.h>
#include <time.h>

#include "event.h"

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
