/* SPDX-License-Identifier: MIT */
/*
 * severity.c - the one table of severities.  Critical is kept for what
 * is a real defect of the program: a crash, and a notification signal
 * (SIGUSR1, a daemon's SIGHUP...) that killed it because its handler was
 * not there.  A termination that was asked for (kill -TERM, ^C) is no
 * defect, and neither is a pipeline writer stopped by its reader.
 */
#include <signal.h>

#include "severity.h"
#include "sigtab.h"
#include "xlat.h"

static const struct xlat names[] = {
	XLAT_PAIR(SEV_CRITICAL, "critical"), XLAT_PAIR(SEV_HIGH, "high"),
	XLAT_PAIR(SEV_MEDIUM, "medium"), XLAT_PAIR(SEV_LOW, "low"),
	XLAT_PAIR(SEV_INFO, "info"), XLAT_END
};

const char *severity_name(enum severity s)
{
	const char *n = xlat_name(names, s);

	return n ? n : "info";
}

int severity_from_name(const char *name)
{
	uint64_t v;

	return name && xlat_value(names, name, &v) == 0 ? (int)v : -1;
}

/* Signals whose purpose is to end the process: their default is what
 * the sender asked for.  SIGHUP is one for a process at a terminal;
 * for a daemon it is the usual "reload" notification. */
static bool termination_request(int signo, bool has_tty)
{
	return signo == SIGTERM || signo == SIGINT || signo == SIGQUIT ||
	       (signo == SIGHUP && has_tty);
}

/* Signals sent to tell a program something: killed by one, it lacked
 * the handler it was meant to have. */
static bool notification(int signo, bool has_tty)
{
	switch (signo) {
	case SIGUSR1: case SIGUSR2: case SIGIO: case SIGPWR: case SIGSTKFLT:
	case SIGALRM: case SIGVTALRM: case SIGPROF:
		return true;
	case SIGHUP:
		return !has_tty;
	default:
		return signo >= K_SIGRTMIN && signo <= K_SIGRTMAX;
	}
}

/* A signal from a process (or of unknown origin), by what it is for. */
static enum severity by_purpose(const struct severity_facts *f)
{
	if (f->effect == EFFECT_STOPPED)
		return SEV_LOW;
	if (termination_request(f->signo, f->has_tty))
		return f->cause == CAUSE_INSTALLED_LATER ||
		       f->cause == CAUSE_RESETHAND ? SEV_MEDIUM : SEV_INFO;
	if (notification(f->signo, f->has_tty))
		return SEV_CRITICAL;
	return SEV_HIGH;
}

enum severity severity_of_default(const struct severity_facts *f)
{
	switch (f->origin) {
	case FROM_TERMINAL:
		return f->term == TERM_BG_READ || f->term == TERM_BG_WRITE ?
		       SEV_LOW : SEV_INFO;
	case FROM_PIPE:
		if (f->pipe_kind == FILE_PIPE || f->pipe_kind == FILE_FIFO)
			return SEV_INFO;
		return f->pipe_kind == FILE_SOCKET ? SEV_HIGH : SEV_MEDIUM;
	case FROM_FAULT:
		return SEV_CRITICAL;
	case FROM_SECCOMP:
	case FROM_LIMIT:
		return SEV_HIGH;
	case FROM_TIMER:
		return SEV_MEDIUM;
	case FROM_CHILD:
		return SEV_INFO;
	case FROM_SELF:
		/* abort(), a failed assert(): a crash. */
		if (f->signo == SIGABRT)
			return SEV_CRITICAL;
		return by_purpose(f);
	default:
		return by_purpose(f);
	}
}

/* The findings that are not about a delivery: oneshot_handler and
 * model_mismatch (medium), dangerous_defaults (low). */
static enum severity severity_of_kind(enum finding_kind kind)
{
	switch (kind) {
	case FINDING_DANGEROUS_DEFAULTS:
		return SEV_LOW;
	case FINDING_DEFAULT_DISPOSITION:
		return SEV_HIGH;
	default:
		return SEV_MEDIUM;
	}
}

enum severity severity_legacy(const struct ev_finding *f)
{
	if (f->kind != FINDING_DEFAULT_DISPOSITION)
		return severity_of_kind(f->kind);
	return f->effect == EFFECT_STOPPED ? SEV_HIGH : SEV_CRITICAL;
}
