/* SPDX-License-Identifier: MIT */
/*
 * model.h - the disposition model: for one set of signal handlers (a
 * process, shared by its threads), the disposition of every signal and
 * how it came to be: the story a default-disposition finding tells.
 */
#ifndef SIGTRACE_MODEL_H
#define SIGTRACE_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "sigtab.h"

enum disp_origin {
	ORIGIN_INITIAL,		/* as found at spawn or attach */
	ORIGIN_SIGACTION,	/* set by a successful sigaction call */
	ORIGIN_RESETHAND,	/* reset to SIG_DFL by SA_RESETHAND */
	ORIGIN_EXEC,		/* caught -> SIG_DFL by execve */
	ORIGIN_KERNEL,		/* corrected from /proc (model was wrong) */
};

struct sig_state {
	struct disposition disp;
	enum disp_origin origin;
	uint64_t since_ns;	/* when the current disposition began (0: it
				 * is as found at the start) */
	bool had_handler;	/* a handler was in effect before this one */
	uint64_t handler_ns;	/* when a handler was first installed */
};

/* Every signal's state, once one differs from how the model began;
 * shared by the copies of a model (fork) until one of them changes. */
struct sig_table {
	unsigned refs;
	struct sig_state sig[SIG_MAX + 1];
};

/* Each signal's last delivery and the last that ran a handler: made at
 * a process's first delivery, shared by copies until one changes. */
struct sig_times {
	unsigned refs;
	uint64_t last_ns[SIG_MAX + 1];
	uint64_t handled_ns[SIG_MAX + 1];
};

/*
 * A model is small (a fork makes one per process, and the report's
 * analyzer one per process of a log): what most processes never change
 * is shared, and what a process does (a sigaction, a delivery) gives it
 * a block of its own, on demand.  model_init() allocates nothing, nor
 * does model_exec() when no handler was caught: a model that only began
 * and exec'd needs no model_release().
 */
struct sigmodel {
	unsigned refs;
	bool unknown_start;	/* attach: nothing known before the attach */
	bool all_unknown;	/* model_init_unknown() */
	uint64_t start_ns;
	uint64_t exec_ns;	/* last execve, 0 if none seen */
	const char *exec_path;	/* its path (kept by model.c for the run),
				 * NULL if none seen */
	/* Until the first change the model is its start: the caught and
	 * ignored signals, each in the state of its kind as found (model.c
	 * has those, since_ns 0: since the start).  Most processes (of a
	 * build, of a fork tree) never change a disposition, so they never
	 * have a table of their own. */
	sigbits_t init_caught, init_ignored;
	struct sig_table *table;
	/* Deliveries change no disposition: their times are kept here,
	 * outside the states, so that they make no table.  NULL: none
	 * since the start, the fork or the exec. */
	struct sig_times *times;
};

/* What SIGNO's disposition is by /proc/PID/status's SigCgt (CAUGHT)
 * and SigIgn (IGNORED). */
enum disp_kind model_kernel_kind(int signo, sigbits_t caught,
				 sigbits_t ignored);

/* A model for a process found with IGNORED (SigIgn) and CAUGHT (SigCgt)
 * signals.  In spawn mode CAUGHT is empty (exec resets handlers); in
 * attach mode handlers are known to exist but not where: unknown_start. */
struct sigmodel *model_new(bool unknown_start, sigbits_t ignored,
			   sigbits_t caught, uint64_t now);
/* The same in the caller's storage (a fork's copy is then a struct
 * copy): the report's analyzer keeps one per process. */
void model_init(struct sigmodel *m, bool unknown_start, sigbits_t ignored,
		sigbits_t caught, uint64_t now);
/* A process of which nothing is known (a log that starts after it):
 * every signal DISP_UNKNOWN until learnt. */
void model_init_unknown(struct sigmodel *m, uint64_t now);
void model_unref(struct sigmodel *m);
/* fork(): the child starts with a copy (its states shared with M until
 * either changes one). */
struct sigmodel *model_copy(const struct sigmodel *m);
/* The same in the caller's storage, and the end of a model there. */
void model_copy_into(struct sigmodel *dst, const struct sigmodel *m);
void model_release(struct sigmodel *m);

const struct sig_state *model_get(const struct sigmodel *m, int signo);

/* A successful sigaction(SIGNO, D). */
void model_set(struct sigmodel *m, int signo, const struct disposition *d,
	       uint64_t now);
/* Attach mode: the handler of SIGNO was seen running at ADDR. */
void model_learn_handler(struct sigmodel *m, int signo, uint64_t addr);
/* A restart or an EINTR after a handler of SIGNO tells whether it has
 * SA_RESTART (when the flags were not known). */
void model_learn_restart(struct sigmodel *m, int signo, bool restarted);
/* execve: handlers revert to SIG_DFL, ignored stay ignored. */
void model_exec(struct sigmodel *m, const char *path, uint64_t now);
/* A delivery to a handler: SA_RESETHAND turns it back to SIG_DFL
 * (returns true when it did). */
bool model_delivered(struct sigmodel *m, int signo, uint64_t now);
/* Every delivery of SIGNO at NOW (after it was explained). */
void model_note_delivery(struct sigmodel *m, int signo, uint64_t now);
/* fork(): the child's own deliveries start now; its dispositions are
 * its parent's. */
void model_forked(struct sigmodel *m);

/*
 * Is a delivery of SIGNO that the process sent itself, now, a re-raise
 * (docs/explanations.md, "Re-raise"): SIG_DFL is in effect, the last
 * delivery of SIGNO ran a handler, and SIG_DFL came at or after it (the
 * program's sigaction, SA_RESETHAND, or a change seen in /proc)?  The
 * time of that handled delivery, or 0.
 */
uint64_t model_reraise_of(const struct sigmodel *m, int signo);
/* The kernel's word on SIGNO's disposition (a delivery's, a sigaction's
 * old one, a /proc snapshot): D, not a change by the program, so its
 * origin and times stay.  When D is the disposition the model had, what
 * D leaves out (address, symbol, flags) is kept.  Returns true when D is
 * another disposition.  A D of unknown kind says nothing. */
bool model_learn(struct sigmodel *m, int signo, const struct disposition *d);

/* Compare the model with the kernel's SigCgt/SigIgn for SIGNO.  On a
 * disagreement, describe it in MSG, make the kernel's answer the model's
 * (origin ORIGIN_KERNEL) and return true. */
bool model_check_kernel(struct sigmodel *m, int signo, sigbits_t caught,
			sigbits_t ignored, uint64_t now, char *msg, size_t len);

/* If a delivery of SIGNO now falls on a default disposition that
 * terminates, dumps core or stops, fill F (kind, effect, cause and its
 * times, exec window, detail) and return true. */
bool model_explain_default(const struct sigmodel *m, int signo, uint64_t now,
			   struct ev_finding *f);

/* The audit: signals operators send that are still SIG_DFL (terminate). */
sigbits_t model_dangerous_defaults(const struct sigmodel *m);
/* Handlers with one-shot (SysV) semantics: SA_RESETHAND or SA_NODEFER. */
sigbits_t model_oneshot_handlers(const struct sigmodel *m);

#endif
