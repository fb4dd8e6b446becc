/* SPDX-License-Identifier: MIT */
/*
 * severity.h - how much a finding matters, written once for the tracer
 * (the severity field of findings) and the report (what it ranks itself):
 * what a person would think of it, not the signal number
 * (docs/explanations.md, "Severity").
 */
#ifndef SIGTRACE_SEVERITY_H
#define SIGTRACE_SEVERITY_H

#include <stdbool.h>

#include "event.h"

/* A default action that did something to a process. */
struct severity_facts {
	int signo;
	enum finding_effect effect;
	enum finding_cause cause;
	/* Where the signal came from; for a re-raise, the delivery that ran
	 * the handler: the program chose to die of that one. */
	enum sig_origin origin;
	enum term_event term;
	enum file_kind pipe_kind;
	bool has_tty;		/* the receiver has a controlling terminal */
};

enum severity severity_of_default(const struct severity_facts *f);


/* A finding from a log written before severities: as that sigtrace
 * ranked it (a stop high, any other default critical). */
enum severity severity_legacy(const struct ev_finding *f);

/* "critical", "high", "medium", "low", "info"; back: -1 when unknown. */
const char *severity_name(enum severity s);
int severity_from_name(const char *name);

#endif
