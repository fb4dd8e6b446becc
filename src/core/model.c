/* SPDX-License-Identifier: MIT */
/*
 * model.c - dispositions and their history, per set of signal handlers.
 *
 * The model only records; it never calls ptrace or reads /proc.  The
 * tracer feeds it what it saw and asks it why a default was in effect;
 * the report's analyzer feeds it the same events read from the log, so
 * the rules (execve, SA_RESETHAND, what SigCgt/SigIgn mean) are written
 * once, here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "xmalloc.h"

static void set_kind(struct sig_state *s, enum disp_kind kind)
{
	memset(&s->disp, 0, sizeof(s->disp));
	s->disp.kind = kind;
	s->disp.flags_known = kind != DISP_HANDLER;
}

enum disp_kind model_kernel_kind(int signo, sigbits_t caught,
				 sigbits_t ignored)
{
	/* The kernel lists a signal in one set at most (its handler is
	 * SIG_IGN or a function): the order only settles bad input. */
	if (caught & SIGBIT(signo))
		return DISP_HANDLER;
	if (ignored & SIGBIT(signo))
		return DISP_IGNORED;
	return DISP_DEFAULT;
}

enum { INIT_DEFAULT, INIT_IGNORED, INIT_CAUGHT, INIT_UNKNOWN,
       INIT_KINDS };

/* The state of a signal as found at the start, one per kind: the same
 * for every model (since_ns 0: since the start), so none holds them. */
static const struct sig_state *initial_of_kind(int k)
{
	static const enum disp_kind kinds[INIT_KINDS] = {
		[INIT_DEFAULT] = DISP_DEFAULT, [INIT_IGNORED] = DISP_IGNORED,
		[INIT_CAUGHT] = DISP_HANDLER, [INIT_UNKNOWN] = DISP_UNKNOWN,
	};
	static struct sig_state initial[INIT_KINDS];
	static bool made;

	if (!made) {
		for (int i = 0; i < INIT_KINDS; i++) {
			set_kind(&initial[i], kinds[i]);
			initial[i].origin = ORIGIN_INITIAL;
			initial[i].had_handler = i == INIT_CAUGHT;
		}
		made = true;
	}
	return &initial[k];
}

/* Which of the initial states SIGNO is in while M has no table. */
static const struct sig_state *initial_state(const struct sigmodel *m,
					     int signo)
{
	int k = INIT_DEFAULT;

	if (m->all_unknown)
		k = INIT_UNKNOWN;
	else if (m->init_caught & SIGBIT(signo))
		k = INIT_CAUGHT;
	else if (m->init_ignored & SIGBIT(signo))
		k = INIT_IGNORED;
	return initial_of_kind(k);
}

/* PATH (an exec's), kept once for the whole run: a fork tree or a
 * build execs few programs many times, and a model only points here. */
#define PATH_BUCKETS 256
static const char *path_kept(const char *path)
{
	static struct kept_path {
		struct kept_path *next;
		char path[];
	} *bucket[PATH_BUCKETS];
	size_t len = strnlen(path, PATH_MAX_EV - 1);
	unsigned h = 5381;
	struct kept_path *k;

	for (size_t i = 0; i < len; i++)
		h = h * 33 + (unsigned char)path[i];
	h %= PATH_BUCKETS;
	for (k = bucket[h]; k; k = k->next)
		if (strncmp(k->path, path, len) == 0 && !k->path[len])
			return k->path;
	k = xmalloc(sizeof(*k) + len + 1);
	memcpy(k->path, path, len);
	k->path[len] = '\0';
	k->next = bucket[h];
	bucket[h] = k;
	return k->path;
}

static void times_put(struct sig_times *t)
{
	if (t && --t->refs == 0)
		free(t);
}

/* M's delivery times, to change: its own block, made (empty, or from
 * the one it shares) when it has none. */
static struct sig_times *times_mut(struct sigmodel *m)
{
	struct sig_times *t = m->times;

	if (!t) {
		t = xcalloc(1, sizeof(*t));
	} else if (t->refs > 1) {
		t->refs--;
		t = xmalloc(sizeof(*t));
		*t = *m->times;
	} else {
		return t;
	}
	t->refs = 1;
	m->times = t;
	return t;
}

void model_init(struct sigmodel *m, bool unknown_start, sigbits_t ignored,
		sigbits_t caught, uint64_t now)
{
	memset(m, 0, sizeof(*m));
	m->refs = 1;
	m->unknown_start = unknown_start;
	m->start_ns = now;
	/* The kernel lists a signal in one set at most: caught wins, as
	 * in model_kernel_kind(). */
	m->init_caught = caught;
	m->init_ignored = ignored & ~caught;
}

void model_init_unknown(struct sigmodel *m, uint64_t now)
{
	model_init(m, true, 0, 0, now);
	m->all_unknown = true;
}

struct sigmodel *model_new(bool unknown_start, sigbits_t ignored,
			   sigbits_t caught, uint64_t now)
{
	struct sigmodel *m = xmalloc(sizeof(*m));

	model_init(m, unknown_start, ignored, caught, now);
	return m;
}

void model_release(struct sigmodel *m)
{
	if (m->table && --m->table->refs == 0)
		free(m->table);
	m->table = NULL;
	times_put(m->times);
	m->times = NULL;
}

void model_unref(struct sigmodel *m)
{
	if (m && --m->refs == 0) {
		model_release(m);
		free(m);
	}
}

void model_copy_into(struct sigmodel *dst, const struct sigmodel *m)
{
	*dst = *m;
	dst->refs = 1;
	if (dst->table)
		dst->table->refs++;
	if (dst->times)
		dst->times->refs++;
}

struct sigmodel *model_copy(const struct sigmodel *m)
{
	struct sigmodel *c = xmalloc(sizeof(*c));

	model_copy_into(c, m);
	return c;
}

const struct sig_state *model_get(const struct sigmodel *m, int signo)
{
	if (signo < 1 || signo > SIG_MAX)
		return NULL;
	return m->table ? &m->table->sig[signo] : initial_state(m, signo);
}

/* SIGNO's state, to change: M's own table, made (from the initial
 * states, or from the table it shares) when it has none. */
static struct sig_state *state_mut(struct sigmodel *m, int signo)
{
	struct sig_table *t = m->table;

	if (!t || t->refs > 1) {
		struct sig_table *own = xmalloc(sizeof(*own));

		own->refs = 1;
		for (int sig = 1; sig <= SIG_MAX; sig++)
			own->sig[sig] = *model_get(m, sig);
		memset(&own->sig[0], 0, sizeof(own->sig[0]));
		if (t)
			t->refs--;
		m->table = own;
	}
	return &m->table->sig[signo];
}

void model_set(struct sigmodel *m, int signo, const struct disposition *d,
	       uint64_t now)
{
	struct sig_state *s;

	if (signo < 1 || signo > SIG_MAX)
		return;
	s = state_mut(m, signo);
	if (s->disp.kind == DISP_HANDLER)
		s->had_handler = true;
	if (d->kind == DISP_HANDLER && !s->handler_ns)
		s->handler_ns = now;
	s->disp = *d;
	s->origin = ORIGIN_SIGACTION;
	s->since_ns = now;
}

/* A handler learnt by observation (attach): what its delivery or its
 * restart teaches may fill in; a sigaction seen whole already said it. */
static struct sig_state *observed_handler(struct sigmodel *m, int signo)
{
	if (signo < 1 || signo > SIG_MAX)
		return NULL;
	if (model_get(m, signo)->disp.kind != DISP_HANDLER ||
	    model_get(m, signo)->disp.flags_known)
		return NULL;
	return state_mut(m, signo);
}

void model_learn_handler(struct sigmodel *m, int signo, uint64_t addr)
{
	struct sig_state *s = observed_handler(m, signo);

	if (s)
		s->disp.handler = addr;
}

void model_learn_restart(struct sigmodel *m, int signo, bool restarted)
{
	struct sig_state *s = observed_handler(m, signo);

	if (!s)
		return;
	if (restarted)
		s->disp.flags |= K_SA_RESTART;
	else
		s->disp.flags &= ~K_SA_RESTART;
}

void model_exec(struct sigmodel *m, const char *path, uint64_t now)
{
	times_put(m->times);
	m->times = NULL;
	m->exec_path = path_kept(path ? path : "");
	m->exec_ns = now;
	for (int sig = 1; sig <= SIG_MAX; sig++) {
		const struct sig_state *was = model_get(m, sig);
		struct sig_state *s;

		if (was->disp.kind != DISP_HANDLER) {
			/* Defaults and SIG_IGN survive execve untouched, but
			 * the new program has installed nothing yet. */
			if (!was->had_handler && !was->handler_ns &&
			    was->origin == ORIGIN_INITIAL)
				continue;	/* nothing to change */
			s = state_mut(m, sig);
			s->handler_ns = 0;
			s->had_handler = false;
			if (s->origin != ORIGIN_INITIAL) {
				s->origin = ORIGIN_INITIAL;
				s->since_ns = now;
			}
			continue;
		}
		s = state_mut(m, sig);
		s->handler_ns = 0;
		set_kind(s, DISP_DEFAULT);
		s->origin = ORIGIN_EXEC;
		s->since_ns = now;
		s->had_handler = true;
	}
}

bool model_delivered(struct sigmodel *m, int signo, uint64_t now)
{
	struct sig_state *s;

	if (signo < 1 || signo > SIG_MAX)
		return false;
	times_mut(m)->handled_ns[signo] = now;
	s = (struct sig_state *)model_get(m, signo);
	if (s->disp.kind != DISP_HANDLER || !s->disp.flags_known ||
	    !(s->disp.flags & K_SA_RESETHAND))
		return false;
	s = state_mut(m, signo);
	set_kind(s, DISP_DEFAULT);
	s->origin = ORIGIN_RESETHAND;
	s->since_ns = now;
	s->had_handler = true;
	return true;
}

void model_note_delivery(struct sigmodel *m, int signo, uint64_t now)
{
	if (signo >= 1 && signo <= SIG_MAX)
		times_mut(m)->last_ns[signo] = now;
}

void model_forked(struct sigmodel *m)
{
	times_put(m->times);
	m->times = NULL;
}

uint64_t model_reraise_of(const struct sigmodel *m, int signo)
{
	const struct sig_state *s = model_get(m, signo);
	const struct sig_times *t = m->times;

	if (!s || !t || s->disp.kind != DISP_DEFAULT || !t->handled_ns[signo] ||
	    t->handled_ns[signo] != t->last_ns[signo] ||
	    s->since_ns < t->handled_ns[signo])
		return 0;
	/* An execve in between would have cleared handled_ns; a default
	 * the program did not set itself is no re-raise. */
	if (s->origin != ORIGIN_SIGACTION && s->origin != ORIGIN_RESETHAND &&
	    s->origin != ORIGIN_KERNEL)
		return 0;
	return t->handled_ns[signo];
}

/* The same disposition, as far as two observations of it can tell: a
 * handler seen without its address may be the one with it. */
static bool same_disp(const struct disposition *x,
		      const struct disposition *y)
{
	if (x->kind != y->kind)
		return false;
	return x->kind != DISP_HANDLER || !x->handler || !y->handler ||
	       x->handler == y->handler;
}

bool model_learn(struct sigmodel *m, int signo, const struct disposition *d)
{
	struct sig_state *s, now_s;
	struct disposition was;

	if (signo < 1 || signo > SIG_MAX || d->kind == DISP_UNKNOWN ||
	    (unsigned)d->kind > DISP_HANDLER)
		return false;
	/* Worked out on a copy: most of what is learnt is known already,
	 * and a model shares or has no table until something changes. */
	now_s = *model_get(m, signo);
	s = &now_s;
	was = s->disp;
	s->disp = *d;
	if (!same_disp(&was, d)) {
		*state_mut(m, signo) = now_s;
		return true;
	}
	/* Keep what D does not say of it. */
	if (!d->handler)
		s->disp.handler = was.handler;
	if (!d->symbol[0])
		memcpy(s->disp.symbol, was.symbol, sizeof(was.symbol));
	if (!d->module[0]) {
		memcpy(s->disp.module, was.module, sizeof(was.module));
		s->disp.module_offset = was.module_offset;
	}
	if (!d->flags_known && was.flags_known) {
		s->disp.flags_known = true;
		s->disp.flags = was.flags;
		s->disp.mask = was.mask;
		s->disp.restorer = was.restorer;
	}
	if (memcmp(&now_s, model_get(m, signo), sizeof(now_s)) != 0)
		*state_mut(m, signo) = now_s;
	return false;
}

static const char *kind_word(enum disp_kind k)
{
	switch (k) {
	case DISP_DEFAULT:
		return "default";
	case DISP_IGNORED:
		return "ignored";
	case DISP_HANDLER:
		return "a handler";
	default:
		return "unknown";
	}
}

bool model_check_kernel(struct sigmodel *m, int signo, sigbits_t caught,
			sigbits_t ignored, uint64_t now, char *msg, size_t len)
{
	struct sig_state *s;
	enum disp_kind kernel;
	char name[16];

	if (signo < 1 || signo > SIG_MAX)
		return false;
	kernel = model_kernel_kind(signo, caught, ignored);
	if (model_get(m, signo)->disp.kind == kernel)
		return false;
	s = state_mut(m, signo);
	if (s->disp.kind == DISP_UNKNOWN || (m->unknown_start &&
					      s->origin == ORIGIN_INITIAL)) {
		/* Nothing was claimed: learning is not a disagreement. */
		set_kind(s, kernel);
		return false;
	}
	snprintf(msg, len,
		 "disposition model disagrees with the kernel for %s: model says %s, /proc says %s; using the kernel's",
		 sig_name(signo, name, sizeof(name)), kind_word(s->disp.kind),
		 kind_word(kernel));
	if (s->disp.kind == DISP_HANDLER)
		s->had_handler = true;
	set_kind(s, kernel);
	s->origin = ORIGIN_KERNEL;
	s->since_ns = now;
	return true;
}

static enum finding_effect effect_of(enum sig_action a)
{
	switch (a) {
	case SIG_ACT_CORE:
		return EFFECT_CORE;
	case SIG_ACT_STOP:
		return EFFECT_STOPPED;
	default:
		return EFFECT_KILLED;
	}
}

static enum finding_cause cause_of(const struct sigmodel *m,
				   const struct sig_state *s)
{
	switch (s->origin) {
	case ORIGIN_RESETHAND:
		return CAUSE_RESETHAND;
	case ORIGIN_EXEC:
		return CAUSE_EXEC_RESET;
	case ORIGIN_SIGACTION:
	case ORIGIN_KERNEL:
		return s->had_handler ? CAUSE_REMOVED : CAUSE_NEVER_INSTALLED;
	case ORIGIN_INITIAL:
	default:
		return m->unknown_start ? CAUSE_UNKNOWN_BEFORE_ATTACH
					: CAUSE_NEVER_INSTALLED;
	}
}

static double ms(uint64_t ns)
{
	return (double)ns / 1e6;
}

static void explain(const struct sigmodel *m, const struct sig_state *s,
		    struct ev_finding *f, uint64_t now)
{
	char name[16];
	const char *sig = sig_name(f->signo, name, sizeof(name));

	switch (f->cause) {
	case CAUSE_RESETHAND:
		snprintf(f->detail, sizeof(f->detail),
			 "the handler had SA_RESETHAND, so the delivery %.3f ms earlier reset %s to SIG_DFL",
			 ms(now - s->since_ns), sig);
		break;
	case CAUSE_EXEC_RESET:
		snprintf(f->detail, sizeof(f->detail),
			 "execve %.3f ms earlier reset the handler to SIG_DFL and the new program had not installed one",
			 ms(now - s->since_ns));
		break;
	case CAUSE_REMOVED:
		snprintf(f->detail, sizeof(f->detail),
			 "the program removed its %s handler (sigaction SIG_DFL) %.3f ms before this delivery",
			 sig, ms(now - s->since_ns));
		break;
	case CAUSE_UNKNOWN_BEFORE_ATTACH:
		snprintf(f->detail, sizeof(f->detail),
			 "%s was already SIG_DFL when sigtrace attached; why is unknown",
			 sig);
		break;
	case CAUSE_INSTALLED_LATER:
	case CAUSE_NEVER_INSTALLED:
	default:
		if (m->exec_ns)
			snprintf(f->detail, sizeof(f->detail),
				 "%s arrived %.3f ms after the program started (execve) and it had not installed a handler for it yet",
				 sig, ms(now - m->exec_ns));
		else
			snprintf(f->detail, sizeof(f->detail),
				 "%s arrived and no handler for it had been installed",
				 sig);
		break;
	}
}

bool model_explain_default(const struct sigmodel *m, int signo, uint64_t now,
			   struct ev_finding *f)
{
	const struct sig_state *s = model_get(m, signo);
	enum sig_action a;

	/* SIGKILL and SIGSTOP cannot be caught: their action is no
	 * program's mistake, so nothing to explain. */
	if (!s || s->disp.kind != DISP_DEFAULT || signo == K_SIGKILL ||
	    signo == K_SIGSTOP)
		return false;
	a = sig_default_action(signo);
	if (a == SIG_ACT_IGN || a == SIG_ACT_CONT)
		return false;
	f->kind = FINDING_DEFAULT_DISPOSITION;
	f->signo = signo;
	f->effect = effect_of(a);
	f->cause = cause_of(m, s);
	f->delivery_mono_ns = now;
	f->has_cause_time = f->cause == CAUSE_RESETHAND ||
			    f->cause == CAUSE_EXEC_RESET ||
			    f->cause == CAUSE_REMOVED;
	f->cause_mono_ns = s->since_ns;
	if (m->exec_ns) {
		f->has_exec_time = true;
		f->exec_mono_ns = m->exec_ns;
		snprintf(f->exec_path, sizeof(f->exec_path), "%s",
			 m->exec_path ? m->exec_path : "");
	}
	explain(m, s, f, now);
	return true;
}

sigbits_t model_dangerous_defaults(const struct sigmodel *m)
{
	sigbits_t danger = sig_dangerous_defaults(), out = 0;

	for (int sig = 1; sig <= SIG_MAX; sig++)
		if ((danger & SIGBIT(sig)) &&
		    model_get(m, sig)->disp.kind == DISP_DEFAULT)
			out |= SIGBIT(sig);
	return out;
}

sigbits_t model_oneshot_handlers(const struct sigmodel *m)
{
	sigbits_t out = 0;

	for (int sig = 1; sig <= SIG_MAX; sig++) {
		const struct disposition *d = &model_get(m, sig)->disp;

		if (d->kind == DISP_HANDLER && d->flags_known &&
		    (d->flags & (K_SA_RESETHAND | K_SA_NODEFER)))
			out |= SIGBIT(sig);
	}
	return out;
}
