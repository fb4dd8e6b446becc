/* SPDX-License-Identifier: MIT */
/*
 * sink_text.c - the human log: one strace-like line per event.
 *
 *   22:44:01.123456 1234 (tar) --- SIGUSR1 {si_code=SI_USER, ...} ... ---
 *
 * Every string another process chose (comm, command line, path, symbol)
 * goes through escape_text (the pieces of text_parts.c), so the log can
 * be read on a terminal without the traced program driving that
 * terminal.  Colour, when asked for, comes only from fixed sequences
 * (text_priv.h), never from the data.  Each line is built whole and
 * written with one write(2).
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "evwalk.h"
#include "origin.h"
#include "severity.h"
#include "sigtab.h"
#include "sink.h"
#include "strbuf.h"
#include "text_priv.h"
#include "xmalloc.h"

/* The state of one text sink (sink_open()). */
struct text_state {
	struct strbuf sb;
	bool have_prev;
	uint64_t prev_mono_ns;	/* TIME_REL: the last event printed */
	time_t clock_sec;	/* the second CLOCK spells (ISO, clock) */
	char clock[40];
};


/* ---- one printer per event type; false: not shown at this level ---- */

typedef bool (*text_printer)(struct text_ctx *c, const struct event *e);

static bool text_trace_start(struct text_ctx *c, const struct event *e)
{
	const struct ev_trace_start *t = &e->u.start;
	size_t n = ev_start_npids(t);

	sb_adds(c->sb, "sigtrace ");
	text_plain(c, t->version, sizeof(t->version));
	if (t->attach) {
		sb_adds(c->sb, n ? ": attached to pid " :
			": waiting for a process to attach to");
		for (size_t i = 0; i < n; i++)
			sb_printf(c->sb, "%s%d", i ? "," : "",
				  (int)t->pids[i]);
	} else {
		sb_adds(c->sb, ": tracing ");
		if (t->argv.len > 0) {
			text_quoted(c, t->argv.buf,
				    strnlen(t->argv.buf, t->argv.len));
			sb_addc(c->sb, ' ');
		}
		text_argv(c, &t->argv);
	}
	/* sigtrace 0.1.0: attached to pid 7; senders: tracefs (bpf: ...) */
	if (t->senders[0]) {
		sb_adds(c->sb, "; senders: ");
		text_plain(c, t->senders, sizeof(t->senders));
		if (t->senders_note[0]) {
			sb_adds(c->sb, " (");
			text_plain(c, t->senders_note, sizeof(t->senders_note));
			sb_addc(c->sb, ')');
		}
	}
	return true;
}

static bool text_fork(struct text_ctx *c, const struct event *e)
{
	const struct ev_fork *f = &e->u.fork;

	if (f->thread)
		sb_printf(c->sb, "+++ thread %d +++", (int)f->child);
	else
		sb_printf(c->sb, "+++ %s: child %d +++",
			  f->vfork ? "vfork" : "fork", (int)f->child);
	return true;
}

static bool text_exec(struct text_ctx *c, const struct event *e)
{
	const struct ev_exec *x = &e->u.exec;

	sb_adds(c->sb, "+++ exec ");
	text_quoted_fixed(c, x->path, sizeof(x->path));
	sb_addc(c->sb, ' ');
	text_argv(c, &x->argv);
	if (x->former_tid)
		sb_printf(c->sb, " (by thread %d)", (int)x->former_tid);
	sb_adds(c->sb, " +++");
	return true;
}

/* {si_code=SI_USER, si_pid=1233, si_uid=0, ...} */
static void text_siginfo(struct text_ctx *c, const struct ev_signal *s)
{
	char buf[NAME_BUF];

	sb_adds(c->sb, " {si_code=");
	sb_adds(c->sb, si_code_name(s->signo, s->code, buf, sizeof(buf)));
	if (s->err)
		sb_printf(c->sb, ", si_errno=%d", s->err);
	if (s->has_sender) {
		sb_adds(c->sb, ", si_pid=");
		sb_add_int(c->sb, s->sender.ns_pid ? s->sender.ns_pid :
			   s->sender.pid);
		sb_adds(c->sb, ", si_uid=");
		sb_add_int(c->sb, (unsigned)s->sender.uid);
	}
	if (s->has_addr) {
		sb_adds(c->sb, ", si_addr=");
		sb_add_hex(c->sb, s->addr);
	}
	if (s->has_status) {
		const char *name = s->code == CLD_EXITED ? NULL :
				   sig_name(s->status, buf, sizeof(buf));

		if (name)
			sb_printf(c->sb, ", si_status=%s", name);
		else
			sb_printf(c->sb, ", si_status=%d", s->status);
	}
	if (s->has_value)
		sb_printf(c->sb, ", si_value=%" PRId64, s->value);
	if (s->has_band)
		sb_printf(c->sb, ", si_band=%" PRId64 ", si_fd=%d", s->band,
			  s->fd);
	sb_addc(c->sb, '}');
}

/* from 1233 "kill" [...] <- sh(1200), or from the terminal (^C); a
 * re-raise names the sender of the signal whose handler ran. */
static void text_origin(struct text_ctx *c, const struct ev_signal *s)
{
	struct strbuf phrase = STRBUF_INIT;

	if (origin_phrase(&phrase, s)) {
		sb_adds(c->sb, " from ");
		text_plain(c, phrase.buf, phrase.len + 1);
	} else if (s->has_sender) {
		text_sender(c, &s->sender, &s->sender_chain);
	}
	sb_free(&phrase);
	if (s->origin == FROM_RERAISE) {
		sb_adds(c->sb, " (re-raised after its handler ran for the one");
		if (s->reraise.has_sender)
			text_sender(c, &s->reraise.sender,
				    &s->reraise.sender_chain);
		else if (s->reraise.term != TERM_NONE)
			sb_adds(c->sb, " from the terminal");
		else
			sb_adds(c->sb, " from the kernel");
		sb_addc(c->sb, ')');
	}
	if (s->group.id)
		sb_printf(c->sb, " [group signal #%u to process group %d]",
			  s->group.id, (int)s->group.pgid);
}

static bool text_signal(struct text_ctx *c, const struct event *e)
{
	const struct ev_signal *s = &e->u.sig;
	char buf[NAME_BUF];

	if (s->disposition.kind == DISP_HANDLER)
		text_color_on(c, COLOR_HANDLED);
	sb_adds(c->sb, "--- ");
	text_signame(c, s->signo);
	text_siginfo(c, s);
	text_origin(c, s);
	if (s->syscall >= 0) {
		sb_printf(c->sb, " in %s()",
			  syscall_label(s->syscall_name, s->syscall, buf,
				        sizeof(buf)));
		if (sig_ret_is_interrupt(s->syscall_ret) &&
		    errno_code_name(s->syscall_ret))
			sb_printf(c->sb, " [%s]",
				  errno_code_name(s->syscall_ret));
	}
	sb_adds(c->sb, " => ");
	text_disp_short(c, s->signo, &s->disposition);
	if (s->dropped != DROP_NONE)
		sb_adds(c->sb, ", dropped by the kernel (an init gets no "
			"signal it has not asked for)");
	sb_adds(c->sb, " ---");
	return true;
}

/* A change seen between two polls of /proc (attach mode). */
/* Sent, never delivered: a sigwaitinfo or a signalfd took it (no
 * delivery stops a tracee then), seen at the call or by the observer. */
static bool text_consumed(struct text_ctx *c, const struct event *e)
{
	const struct ev_signal *s = &e->u.sig;
	char buf[NAME_BUF];

	sb_adds(c->sb, "--- ");
	text_signame(c, s->signo);
	if (strcmp(s->sender_unknown, "no_siginfo") == 0) {
		sb_adds(c->sb, " (sender unknown: the call asked for no siginfo and the signal came while it waited)");
	} else if (s->sender_unknown[0]) {
		sb_adds(c->sb, " (sender unknown: its siginfo could not be read)");
	} else {
		text_siginfo(c, s);
	}
	if (s->has_sender)
		text_sender(c, &s->sender, &s->sender_chain);
	sb_adds(c->sb, " => consumed");
	if (s->consumed_by[0]) {
		sb_adds(c->sb, " by ");
		text_plain(c, s->consumed_by, sizeof(s->consumed_by));
		if (s->consumed_fd >= 0)
			sb_printf(c->sb, " (fd %d)", s->consumed_fd);
	}
	if (s->syscall >= 0)
		sb_printf(c->sb, " in %s()",
			  syscall_label(s->syscall_name, s->syscall, buf,
					sizeof(buf)));
	sb_adds(c->sb, ", never delivered ---");
	return true;
}

static bool text_sigaction_observed(struct text_ctx *c,
				    const struct event *e)
{
	const struct ev_sigaction *a = &e->u.sa;
	uint64_t d = 0;

	if (e->mono_ns > a->window_start_mono_ns)
		d = e->mono_ns - a->window_start_mono_ns;
	sb_adds(c->sb, "--- ");
	text_signame(c, a->signo);
	sb_adds(c->sb, " disposition changed: ");
	if (a->has_old)
		text_disp_struct(c, &a->old_disp);
	else
		sb_addc(c->sb, '?');
	sb_adds(c->sb, " -> ");
	if (a->has_new)
		text_disp_struct(c, &a->new_disp);
	else
		sb_addc(c->sb, '?');
	sb_printf(c->sb, " (seen in /proc, within the last %" PRIu64
		  ".%06" PRIu64 " s) ---", d / 1000000000u,
		  d % 1000000000u / 1000u);
	return true;
}

static bool text_sigaction(struct text_ctx *c, const struct event *e)
{
	const struct ev_sigaction *a = &e->u.sa;
	const char *err;

	if (a->observed)
		return text_sigaction_observed(c, e);
	sb_adds(c->sb, a->syscall ? a->syscall : "rt_sigaction");
	sb_addc(c->sb, '(');
	text_signame(c, a->signo);
	sb_adds(c->sb, ", ");
	if (a->has_new)
		text_disp_struct(c, &a->new_disp);
	else
		sb_adds(c->sb, "NULL");
	sb_adds(c->sb, ", old=");
	if (a->has_old)
		text_disp_struct(c, &a->old_disp);
	else
		sb_addc(c->sb, '?');
	sb_addc(c->sb, ')');
	if (a->result == 0) {
		sb_adds(c->sb, " = 0");
		return true;
	}
	err = errno_code_name(a->result);
	if (err)
		sb_printf(c->sb, " = -1 %s", err);
	else
		sb_printf(c->sb, " = -1 errno %d", a->result);
	return true;
}

static bool text_interrupted(struct text_ctx *c, const struct event *e)
{
	const struct ev_syscall_sig *sc = &e->u.sc;
	char buf[NAME_BUF];
	const char *code = errno_code_name(sc->code);

	sb_printf(c->sb, "--- %s() interrupted by ",
		  syscall_label(sc->syscall_name, sc->syscall, buf,
			        sizeof(buf)));
	text_signame(c, sc->signo);
	if (code)
		sb_printf(c->sb, " [%s]", code);
	sb_adds(c->sb, " ---");
	return true;
}

static bool text_eintr(struct text_ctx *c, const struct event *e)
{
	const struct ev_syscall_sig *sc = &e->u.sc;
	const struct disposition *h = &sc->handler;
	bool handler = h->kind == DISP_HANDLER;
	bool restart = handler && h->flags_known && (h->flags & K_SA_RESTART);
	char buf[NAME_BUF];
	const char *name = syscall_label(sc->syscall_name, sc->syscall, buf,
					sizeof(buf));

	if (syscall_class(name) == CALL_SIGNAL_WAIT) {
		/* pause() and friends exist to be interrupted. */
		if (!c->cfg->verbose)
			return false;
		sb_printf(c->sb, "--- %s() returned EINTR after ", name);
		text_signame(c, sc->signo);
		sb_adds(c->sb, " (it waits for signals: expected) ---");
		return true;
	}
	if (sc->unseen) {
		sb_printf(c->sb, "--- %s() was to fail with EINTR after ", name);
		text_signame(c, sc->signo);
		sb_adds(c->sb, ", but a pending signal ended the thread "
			"first ---");
		return true;
	}
	if (syscall_class(name) == CALL_EVENT_WAIT) {
		/* An event loop's wait: it is simply called again. */
		sb_printf(c->sb, "--- %s() returned EINTR after ", name);
		text_signame(c, sc->signo);
		sb_adds(c->sb, " (an event loop's wait: normal) ---");
		return true;
	}
	text_color_on(c, COLOR_EINTR);
	if (sc->never_restarted && restart) {
		sb_printf(c->sb, "!!! EINTR despite SA_RESTART: %s is never "
			  "restarted (", name);
		text_signame(c, sc->signo);
		sb_adds(c->sb, ") !!!");
		return true;
	}
	sb_printf(c->sb, "!!! EINTR: %s() failed with EINTR after ", name);
	text_signame(c, sc->signo);
	if (handler) {
		sb_adds(c->sb, " (handler ");
		text_handler(c, h);
		/* SA_RESTART is no cure for a call never restarted. */
		if (h->flags_known && !sc->never_restarted)
			sb_adds(c->sb, restart ? " with SA_RESTART" :
				" without SA_RESTART");
		sb_addc(c->sb, ')');
	}
	if (sc->never_restarted && !restart)
		sb_adds(c->sb, " (never restarted, whatever SA_RESTART says)");
	if (sc->tracing_induced)
		sb_adds(c->sb, " (only because it is traced: untraced this ignored signal would not have woken the call)");
	sb_adds(c->sb, " !!!");
	return true;
}

static bool text_restarted(struct text_ctx *c, const struct event *e)
{
	const struct ev_syscall_sig *sc = &e->u.sc;
	char buf[NAME_BUF];

	sb_printf(c->sb, "--- %s() restarted after ",
		  syscall_label(sc->syscall_name, sc->syscall, buf,
			        sizeof(buf)));
	text_signame(c, sc->signo);
	if (sc->by_tracer)
		sb_adds(c->sb, " by sigtrace (the signal is ignored: untraced it would not have woken the call)");
	sb_adds(c->sb, " ---");
	return true;
}

/* Whether a core was written is the exit event's to say. */
static const char *const origin_text[TSIG_ORIGIN__COUNT] = {
	[TSIG_DIRECT] = "sent to sigtrace alone",
	[TSIG_GROUP] = "sent to the process group: the command got it too",
	[TSIG_TRACED] = "sent by a traced process",
	[TSIG_KERNEL] = "from the kernel (a terminal, a limit)",
};

static const char *const action_text[TSIG_ACTION__COUNT] = {
	[TSIG_NOTED] = "tracing goes on",
	[TSIG_FIRST_STOP] = "the same again within a second stops sigtrace",
	[TSIG_STOP] = "sigtrace stops",
	[TSIG_DETACH] = "sigtrace detaches",
};

/* --- sigtrace got SIGUSR1 {si_code=SI_USER} from 12 "pkill" [...]
 * (sent to sigtrace alone): tracing goes on --- */
static bool text_tracer_signal(struct text_ctx *c, const struct event *e)
{
	const struct ev_tracer_signal *t = &e->u.tsig;
	char buf[NAME_BUF];

	sb_adds(c->sb, "--- sigtrace got ");
	text_signame(c, t->signo);
	sb_printf(c->sb, " {si_code=%s}",
		  si_code_name(t->signo, t->code, buf, sizeof(buf)));
	if (t->has_sender)
		text_sender(c, &t->sender, &t->sender_chain);
	sb_printf(c->sb, " (%s): %s ---",
		  (unsigned)t->origin < TSIG_ORIGIN__COUNT ?
		  origin_text[t->origin] : "?",
		  (unsigned)t->action < TSIG_ACTION__COUNT ?
		  action_text[t->action] : "?");
	return true;
}

static const char *const effect_text[EFFECT__COUNT] = {
	[EFFECT_KILLED] = "killed the process",
	[EFFECT_CORE] = "killed the process (default action: core dump)",
	[EFFECT_STOPPED] = "stopped the process",
};

/* SIGUSR1 killed the process under its default disposition (cause: x) */
static void finding_harm(struct text_ctx *c, const struct ev_finding *f)
{
	text_signame(c, f->signo);
	sb_printf(c->sb, " %s under its default disposition (cause: %s",
		  (unsigned)f->effect < EFFECT__COUNT ?
		  effect_text[f->effect] : "acted",
		  finding_cause_name(f->cause));
	if (f->has_severity)
		sb_printf(c->sb, ", %s", severity_name(f->severity));
	sb_addc(c->sb, ')');
}

/* [SIGHUP SIGUSR1] left at their default disposition */
static void finding_danger(struct text_ctx *c, const struct ev_finding *f)
{
	text_mask(c, f->signals);
	sb_adds(c->sb, " left at a default disposition that terminates");
}

/* SIGUSR1 handler 0x401136 <h> [SA_RESETHAND] is one-shot */
static void finding_oneshot(struct text_ctx *c, const struct ev_finding *f)
{
	text_signame(c, f->signo);
	sb_adds(c->sb, " ");
	text_disp_short(c, f->signo, &f->handler);
	sb_adds(c->sb, " is one-shot");
}

static void finding_mismatch(struct text_ctx *c, const struct ev_finding *f)
{
	text_signame(c, f->signo);
	sb_adds(c->sb, ": the model and the kernel disagree");
}

static void (*const finding_heads[FINDING__COUNT])(struct text_ctx *c,
					const struct ev_finding *f) = {
	[FINDING_DEFAULT_DISPOSITION] = finding_harm,
	[FINDING_DANGEROUS_DEFAULTS] = finding_danger,
	[FINDING_ONESHOT_HANDLER] = finding_oneshot,
	[FINDING_MODEL_MISMATCH] = finding_mismatch,
};

static bool text_finding(struct text_ctx *c, const struct event *e)
{
	const struct ev_finding *f = &e->u.finding;
	bool audit = f->kind == FINDING_DANGEROUS_DEFAULTS ||
		     f->kind == FINDING_ONESHOT_HANDLER;

	/* The audit is advice about the future, not harm done, and a
	 * death that is no defect (^C, a pipeline's end, a re-raise) is
	 * the story, not an alarm: plain. */
	if (audit || (f->has_severity && f->severity == SEV_INFO)) {
		sb_adds(c->sb, audit ? "--- audit: " : "--- ");
		finding_heads[f->kind](c, f);
		if (f->detail[0]) {
			sb_adds(c->sb, " -- ");
			text_plain(c, f->detail, sizeof(f->detail));
		}
		sb_adds(c->sb, " ---");
		return true;
	}
	text_color_on(c, COLOR_FINDING);
	sb_adds(c->sb, "!!! FINDING: ");
	if ((unsigned)f->kind < FINDING__COUNT && finding_heads[f->kind])
		finding_heads[f->kind](c, f);
	else
		sb_adds(c->sb, finding_kind_name(f->kind));
	if (f->detail[0]) {
		sb_adds(c->sb, " -- ");
		text_plain(c, f->detail, sizeof(f->detail));
	}
	if (f->has_sender) {
		sb_adds(c->sb, " --");
		text_sender(c, &f->sender, &f->sender_chain);
	}
	sb_adds(c->sb, " !!!");
	return true;
}

static bool text_warning(struct text_ctx *c, const struct event *e)
{
	sb_adds(c->sb, "sigtrace: warning: ");
	text_plain(c, e->u.warning.message, sizeof(e->u.warning.message));
	return true;
}

static bool text_exit(struct text_ctx *c, const struct event *e)
{
	const struct ev_exit *x = &e->u.exit;

	if (x->thread && !c->cfg->verbose)
		return false;
	sb_adds(c->sb, x->thread ? "+++ thread " : "+++ ");
	if (!x->signaled) {
		sb_printf(c->sb, "exited with %d +++", x->code);
		return true;
	}
	sb_adds(c->sb, "killed by ");
	text_signame(c, x->signo);
	if (x->core)
		sb_adds(c->sb, " (core dumped)");
	/* SIGKILL: what is knowable about it, since ptrace shows none */
	if (strcmp(x->kill_cause, "oom_killer") == 0)
		sb_adds(c->sb, " (the OOM killer)");
	else if (strcmp(x->kill_cause, "unknown") == 0)
		sb_adds(c->sb, " (sender unknown: SIGKILL is never shown to a tracer)");
	if (x->has_sender)
		text_sender(c, &x->sender, &x->sender_chain);
	sb_adds(c->sb, " +++");
	return true;
}

static bool text_detach(struct text_ctx *c, const struct event *e)
{
	sb_adds(c->sb, "--- detached ---");
	return true;
}

static bool text_trace_end(struct text_ctx *c, const struct event *e)
{
	const struct ev_trace_end *t = &e->u.end;

	sb_printf(c->sb, "sigtrace: done, exit status %d, %" PRIu64
		  " stops (%" PRIu64 " syscall stops), %" PRIu64
		  " deliveries", t->exit_status, t->stops, t->syscall_stops,
		  t->deliveries);
	if (t->has_sends && !t->sends_seen)
		sb_printf(c->sb, "; sent, never delivered: %" PRIu64
			  " consumed", t->consumed);
	else if (t->has_sends)
		sb_printf(c->sb, "; sent, never delivered: %" PRIu64
			  " consumed, %" PRIu64 " ignored, %" PRIu64
			  " already pending, %" PRIu64 " dropped; %" PRIu64
			  " sends lost by the observer", t->consumed,
			  t->ignored, t->merged, t->dropped, t->lost);
	return true;
}

/* --- signal table: caught=[SIGUSR1] ignored=[SIGPIPE] ... --- */
static bool text_dispositions(struct text_ctx *c, const struct event *e)
{
	const struct ev_dispositions *t = &e->u.table;

	sb_adds(c->sb, "--- signal table");
	if (t->target_kind[0] && strcmp(t->target_kind, "pid") != 0) {
		sb_adds(c->sb, " (attached: --");
		text_plain(c, t->target_kind, sizeof(t->target_kind));
		sb_addc(c->sb, ' ');
		text_quoted_fixed(c, t->target, sizeof(t->target));
		sb_addc(c->sb, ')');
	}
	sb_adds(c->sb, ": caught=");
	text_mask(c, t->caught);
	sb_adds(c->sb, " ignored=");
	text_mask(c, t->ignored);
	sb_adds(c->sb, " blocked=");
	text_mask(c, t->blocked);
	sb_adds(c->sb, " pending=");
	text_mask(c, t->pending);
	sb_printf(c->sb, " threads=%d ---", t->threads);
	return true;
}

static const struct {
	text_printer print;
	bool verbose_only;	/* shown with -v only */
	bool no_task;		/* about sigtrace, not a task: no pid/comm */
	bool chatter;		/* hidden by -q */
} text_printers[EV__COUNT] = {
	[EV_TRACE_START] = { text_trace_start, false, true, true },
	[EV_FORK] = { text_fork, false, false },
	[EV_EXEC] = { text_exec, false, false },
	[EV_SIGNAL] = { text_signal, false, false },
	[EV_SIGACTION] = { text_sigaction, false, false },
	[EV_INTERRUPTED] = { text_interrupted, true, false },
	[EV_EINTR] = { text_eintr, false, false },
	[EV_RESTARTED] = { text_restarted, true, false },
	[EV_FINDING] = { text_finding, false, false },
	[EV_WARNING] = { text_warning, false, false },
	[EV_EXIT] = { text_exit, false, false },
	[EV_DETACH] = { text_detach, false, false, true },
	[EV_TRACE_END] = { text_trace_end, true, true },
	[EV_DISPOSITIONS] = { text_dispositions, false, false, true },
	[EV_CONSUMED] = { text_consumed, false, false },
	[EV_TRACER_SIGNAL] = { text_tracer_signal, false, true },
};

/* ---- the prefix: time, pid/tid, comm ---- */

/* NSEC as DIGITS fractional digits (0: none, as strace -t; 1..9;
 * anything else means 6). */
static void text_frac(struct strbuf *sb, long nsec, int digits)
{
	long div = 1;

	if (digits == 0)
		return;
	if (digits < 1 || digits > 9)
		digits = 6;
	for (int i = digits; i < 9; i++)
		div *= 10;
	sb_addc(sb, '.');
	sb_add_digits(sb, (unsigned long long)(nsec / div), digits);
}

static void text_time(struct text_ctx *c, struct text_state *st,
		      const struct event *e)
{
	time_t t = (time_t)e->real_sec;
	long nsec = e->real_nsec >= 0 && e->real_nsec < 1000000000 ?
		    e->real_nsec : 0;
	uint64_t d = 0;
	struct tm tm;

	switch (c->cfg->time_format) {
	case TIME_CLOCK:
	case TIME_ISO:
		/* One strftime per second of events, not per event. */
		if (!st->clock[0] || st->clock_sec != t) {
			if (c->cfg->time_format == TIME_CLOCK ?
			    !localtime_r(&t, &tm) : !gmtime_r(&t, &tm))
				memset(&tm, 0, sizeof(tm));
			strftime(st->clock, sizeof(st->clock),
				 c->cfg->time_format == TIME_CLOCK ?
				 "%H:%M:%S" : "%Y-%m-%dT%H:%M:%S", &tm);
			st->clock_sec = t;
		}
		sb_adds(c->sb, st->clock);
		text_frac(c->sb, nsec, c->cfg->time_digits);
		if (c->cfg->time_format == TIME_ISO)
			sb_addc(c->sb, 'Z');
		break;
	case TIME_UNIX:
		sb_printf(c->sb, "%lld", (long long)e->real_sec);
		text_frac(c->sb, nsec, c->cfg->time_digits);
		break;
	case TIME_REL:
		if (st->have_prev && e->mono_ns > st->prev_mono_ns)
			d = e->mono_ns - st->prev_mono_ns;
		sb_printf(c->sb, "+%" PRIu64, d / 1000000000u);
		text_frac(c->sb, (long)(d % 1000000000u), c->cfg->time_digits);
		break;
	default:
		return;		/* TIME_NONE: and no separator */
	}
	sb_addc(c->sb, ' ');
}

static void text_prefix(struct text_ctx *c, struct text_state *st,
			const struct event *e, bool no_task)
{
	text_time(c, st, e);
	if (no_task || (e->pid == 0 && e->tid == 0))
		return;
	sb_add_int(c->sb, e->pid);
	if (e->tid && e->tid != e->pid) {
		sb_addc(c->sb, '/');
		sb_add_int(c->sb, e->tid);
	}
	sb_adds(c->sb, " (");
	text_plain(c, e->comm, sizeof(e->comm));
	sb_adds(c->sb, ") ");
}

static void *text_open(struct sink *s, void *arg)
{
	return xcalloc(1, sizeof(struct text_state));
}

static bool text_format(struct sink *s, const struct event *e,
			struct strbuf *out)
{
	struct text_state *st = s->data;
	struct text_ctx c = { .cfg = &s->cfg, .sb = out };

	if ((unsigned)e->type >= EV__COUNT || !text_printers[e->type].print)
		return false;
	if (text_printers[e->type].verbose_only && !s->cfg.verbose)
		return false;
	if (text_printers[e->type].chatter && s->cfg.quiet)
		return false;
	if (e->type == EV_EXIT && s->cfg.quiet_exit)
		return false;
	if (!sink_event_selected(&s->cfg, e))
		return false;
	text_prefix(&c, st, e, text_printers[e->type].no_task);
	if (!text_printers[e->type].print(&c, e))
		return false;
	if (c.colored)
		sb_adds(c.sb, COLOR_RESET);
	sb_addc(c.sb, '\n');
	text_stack(&c, e);
	st->have_prev = true;
	st->prev_mono_ns = e->mono_ns;
	return true;
}

static int text_write(struct sink *s, const struct event *e)
{
	struct text_state *st = s->data;

	if (s->error)
		return -s->error;
	sb_reset(&st->sb);
	return text_format(s, e, &st->sb) ?
		sink_put(s, st->sb.buf, st->sb.len) : 0;
}

static int text_close(struct sink *s)
{
	struct text_state *st = s->data;

	sb_free(&st->sb);
	free(st);
	return 0;
}

const struct sink_ops sink_text_ops = {
	.name = "text",
	.open = text_open,
	.write = text_write,
	.close = text_close,
	.format = text_format,
};
