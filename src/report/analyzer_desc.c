/* SPDX-License-Identifier: MIT */
/*
 * analyzer_desc.c - one-line descriptions of events, dispositions,
 * senders and processes, shared by the timeline and the renderers.
 *
 * The text is plain UTF-8 as the JSON log would carry it (an_clean):
 * it may hold anything a traced process chose as its name, so every
 * renderer escapes it for its format.  Command lines are written as a
 * JSON array of JSON strings, so an argument cannot pose as two.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "analyzer.h"
#include "escape.h"
#include "evwalk.h"

#define NAME_BUF 32

const char *an_signame(int signo, char *buf, size_t len)
{
	return sig_label(signo, "signal ", buf, len);
}

void an_desc_ms(struct strbuf *sb, uint64_t ns)
{
	if (ns >= 10000000000ull)
		sb_printf(sb, "%.1f s", (double)ns / 1e9);
	else if (ns >= 1000000000ull)
		sb_printf(sb, "%.3f s", (double)ns / 1e9);
	else
		sb_printf(sb, "%.3f ms", (double)ns / 1e6);
}

void an_desc_rel(const struct analyzer *a, struct strbuf *sb, uint64_t ns)
{
	if (ns < a->trace.t0) {
		sb_adds(sb, "-");
		an_desc_ms(sb, a->trace.t0 - ns);
		return;
	}
	sb_adds(sb, "+");
	an_desc_ms(sb, ns - a->trace.t0);
}

void an_desc_args(struct strbuf *sb, const struct an_args *args)
{
	size_t i = 0;

	sb_addc(sb, '[');
	while (i < args->len) {
		size_t n = strnlen(args->buf + i, args->len - i);

		if (i > 0)
			sb_addc(sb, ',');
		sb_addc(sb, '"');
		escape_json(sb, args->buf + i, n);
		sb_addc(sb, '"');
		i += n + 1;
	}
	if (args->truncated)
		sb_adds(sb, i > 0 ? ",..." : "...");
	sb_addc(sb, ']');
}

/* SA_* names without SA_RESTORER, which every libc sets. */
static void an_desc_flags(struct strbuf *sb, uint64_t flags)
{
	char buf[256];

	sa_flags_format(flags & ~K_SA_RESTORER, buf, sizeof(buf));
	sb_adds(sb, buf);
}

void an_desc_disp(const struct analyzer *a, struct strbuf *sb, int signo,
		  const struct an_disp *d, bool flags)
{
	const char *sym;

	switch (d->kind) {
	case DISP_DEFAULT:
		sb_printf(sb, "default (%s)",
			  sig_action_name(sig_default_action(signo)));
		return;
	case DISP_IGNORED:
		sb_adds(sb, "ignored");
		return;
	case DISP_HANDLER:
		break;
	default:
		sb_adds(sb, "unknown");
		return;
	}
	sym = an_pool_str(a, d->symbol);
	sb_adds(sb, "handler");
	if (*sym)
		sb_printf(sb, " %s", sym);
	if (d->handler)
		sb_printf(sb, *sym ? " (0x%llx)" : " 0x%llx",
			  (unsigned long long)d->handler);
	if (flags && d->flags_known &&
	    (d->flags & ~K_SA_RESTORER)) {
		sb_adds(sb, " [");
		an_desc_flags(sb, d->flags);
		sb_addc(sb, ']');
	}
}

void an_desc_sender(struct strbuf *sb, const struct an_sender *s, bool chain)
{
	if (!s->present)
		return;
	if (s->pid > 0)
		sb_printf(sb, "%d", (int)s->pid);
	else
		sb_adds(sb, "a process");
	if (s->ns_pid > 0)
		sb_printf(sb, " (pid %d in its namespace)", (int)s->ns_pid);
	if (s->named) {
		sb_printf(sb, " %s ", s->comm);
		an_desc_args(sb, &s->cmdline);
	}
	if (s->gone && !s->named)
		sb_adds(sb, " (gone)");
	if (!chain)
		return;
	for (unsigned i = 0; i < s->nchain; i++)
		sb_printf(sb, " <- %s(%d)", s->chain[i].comm,
			  (int)s->chain[i].pid);
}

void an_desc_proc(struct strbuf *sb, const struct an_proc *p)
{
	sb_printf(sb, "%d %s", (int)p->pid, p->comm[0] ? p->comm : "?");
}

/* ---- events ---- */

static void desc_exec(struct strbuf *sb, const struct event *e)
{
	char path[AN_STR];
	struct an_args args;

	an_clean(path, sizeof(path), e->u.exec.path,
		 strnlen(e->u.exec.path, sizeof(e->u.exec.path)));
	an_args_from(&args, &e->u.exec.argv);
	sb_printf(sb, "exec %s ", path);
	an_desc_args(sb, &args);
}

/* SIGUSR1 (SI_USER) from 12 kill */
static void desc_sig_from(struct strbuf *sb, const struct ev_signal *s)
{
	struct an_sender snd;
	char buf[NAME_BUF], nbuf[NAME_BUF];

	sb_printf(sb, "%s (%s)", an_signame(s->signo, buf, sizeof(buf)),
		  si_code_name(s->signo, s->code, nbuf, sizeof(nbuf)));
	an_sender_from(&snd, s->has_sender, &s->sender, &s->sender_chain);
	if (snd.present) {
		sb_adds(sb, " from ");
		an_desc_sender(sb, &snd, false);
	}
}

static void desc_signal(const struct analyzer *a, struct strbuf *sb,
			const struct event *e)
{
	const struct ev_signal *s = &e->u.sig;
	struct an_disp d;
	char buf[NAME_BUF];

	desc_sig_from(sb, s);
	if (s->syscall >= 0)
		sb_printf(sb, " in %s()",
			  an_syscall_name(s->syscall, s->syscall_name, buf, sizeof(buf)));
	/* The analyzer's pool is only read here: an_disp_from would
	 * intern the symbol, so describe the raw disposition instead. */
	memset(&d, 0, sizeof(d));
	d.kind = (unsigned)s->disposition.kind <= DISP_HANDLER ?
		s->disposition.kind : DISP_UNKNOWN;
	sb_adds(sb, " -> ");
	if (d.kind == DISP_HANDLER) {
		char sym[SYMBOL_MAX];

		an_clean(sym, sizeof(sym) - 3, s->disposition.symbol,
			 strnlen(s->disposition.symbol, SYMBOL_MAX));
		sb_adds(sb, "handler");
		if (sym[0])
			sb_printf(sb, " %s", sym);
		else if (s->disposition.handler)
			sb_printf(sb, " 0x%llx",
				  (unsigned long long)s->disposition.handler);
	} else {
		an_desc_disp(a, sb, s->signo, &d, false);
	}
}

/* SIGHUP (SI_USER) from 12 kill, consumed by signalfd; without a
 * siginfo: SIGHUP, sender unknown (no_siginfo), consumed by ... */
static void desc_consumed(struct strbuf *sb, const struct event *e)
{
	const struct ev_signal *s = &e->u.sig;
	char by[SOURCE_MAX], buf[NAME_BUF];

	if (s->sender_unknown[0]) {
		an_clean(by, sizeof(by), s->sender_unknown,
			 strnlen(s->sender_unknown, sizeof(s->sender_unknown)));
		sb_printf(sb, "%s, sender unknown (%s),",
			  an_signame(s->signo, buf, sizeof(buf)), by);
	} else {
		desc_sig_from(sb, s);
	}
	an_clean(by, sizeof(by), s->consumed_by,
		 strnlen(s->consumed_by, sizeof(s->consumed_by)));
	sb_printf(sb, " consumed%s%s, never delivered", by[0] ? " by " : "",
		  by);
}

static void desc_sigaction(const struct analyzer *a, struct strbuf *sb,
			   const struct event *e)
{
	const struct ev_sigaction *sa = &e->u.sa;
	char buf[NAME_BUF];
	const char *sig = an_signame(sa->signo, buf, sizeof(buf));
	struct an_disp d;

	if (sa->observed) {
		sb_printf(sb, "%s changed (seen in /proc)", sig);
	} else {
		char name[NAME_BUF];

		an_clean(name, sizeof(name), sa->syscall ? sa->syscall :
			 "rt_sigaction", strlen(sa->syscall ? sa->syscall :
						 "rt_sigaction"));
		sb_printf(sb, "%s(%s)", name, sig);
		if (sa->result != 0) {
			const char *en = errno_code_name(sa->result);

			if (en)
				sb_printf(sb, " failed: %s", en);
			else
				sb_printf(sb, " failed: %d", sa->result);
			return;
		}
	}
	if (!sa->has_new) {
		sb_adds(sb, " (query)");
		return;
	}
	memset(&d, 0, sizeof(d));
	d.kind = (unsigned)sa->new_disp.kind <= DISP_HANDLER ?
		sa->new_disp.kind : DISP_UNKNOWN;
	d.handler = d.kind == DISP_HANDLER ? sa->new_disp.handler : 0;
	d.flags_known = d.kind != DISP_UNKNOWN && sa->new_disp.flags_known;
	d.flags = d.flags_known ? sa->new_disp.flags : 0;
	sb_adds(sb, " -> ");
	an_desc_disp(a, sb, sa->signo, &d, true);
}

static void desc_syscall(struct strbuf *sb, const struct event *e)
{
	const struct ev_syscall_sig *c = &e->u.sc;
	char buf[NAME_BUF], sbuf[NAME_BUF];
	const char *name = an_syscall_name(c->syscall, c->syscall_name, buf,
					   sizeof(buf));
	const char *code = errno_code_name(c->code);
	const char *sig = an_signame(c->signo, sbuf, sizeof(sbuf));

	if (e->type == EV_INTERRUPTED) {
		sb_printf(sb, "%s() interrupted by %s", name, sig);
		if (code)
			sb_printf(sb, " (%s)", code);
		return;
	}
	if (e->type == EV_RESTARTED) {
		sb_printf(sb, "%s() restarted after %s", name, sig);
		return;
	}
	sb_printf(sb, "%s() failed with EINTR after %s", name, sig);
	if (c->never_restarted)
		sb_adds(sb, " (never restarted, whatever SA_RESTART says)");
	else if (c->handler.kind == DISP_HANDLER && c->handler.flags_known &&
		 !(c->handler.flags & K_SA_RESTART))
		sb_adds(sb, " (the handler has no SA_RESTART)");
}

static void desc_finding(struct strbuf *sb, const struct event *e)
{
	const struct ev_finding *f = &e->u.finding;
	char buf[NAME_BUF], detail[DETAIL_MAX];

	sb_printf(sb, "FINDING %s", finding_kind_name(f->kind));
	if (f->kind == FINDING_DEFAULT_DISPOSITION)
		sb_printf(sb, ": %s %s the process (%s)",
			  an_signame(f->signo, buf, sizeof(buf)),
			  f->effect == EFFECT_STOPPED ? "stopped" :
			  "killed", finding_cause_name(f->cause));
	else if (f->signo >= 1 && f->signo <= SIG_MAX)
		sb_printf(sb, ": %s", an_signame(f->signo, buf, sizeof(buf)));
	an_clean(detail, sizeof(detail) - 3, f->detail,
		 strnlen(f->detail, sizeof(f->detail)));
	if (detail[0])
		sb_printf(sb, " - %s", detail);
}

static void desc_exit(struct strbuf *sb, const struct event *e)
{
	const struct ev_exit *x = &e->u.exit;
	char buf[NAME_BUF];

	if (x->thread)
		sb_adds(sb, "thread ");
	if (x->signaled)
		sb_printf(sb, "killed by %s%s",
			  an_signame(x->signo, buf, sizeof(buf)),
			  x->core ? " (core dumped)" : "");
	else
		sb_printf(sb, "exited with %d", x->code);
}

/* A signal to sigtrace itself: "sigtrace got SIGUSR1 (direct): noted" */
static void desc_tracer_signal(struct strbuf *sb,
			       const struct ev_tracer_signal *t)
{
	char name[NAME_BUF];

	sb_printf(sb, "sigtrace got %s (%s): %s",
		  an_signame(t->signo, name, sizeof(name)),
		  tsig_origin_name(t->origin), tsig_action_name(t->action));
}

static void desc_table(struct strbuf *sb, const struct event *e)
{
	char buf[1024];

	sb_printf(sb, "signal table: caught %s",
		  sigset_format(e->u.table.caught, buf, sizeof(buf)));
	sb_printf(sb, ", ignored %s",
		  sigset_format(e->u.table.ignored, buf, sizeof(buf)));
	if (e->u.table.blocked)
		sb_printf(sb, ", blocked %s",
			  sigset_format(e->u.table.blocked, buf, sizeof(buf)));
}

static void desc_start(struct strbuf *sb, const struct event *e)
{
	struct an_args args;

	if (e->u.start.attach) {
		size_t n = ev_start_npids(&e->u.start);

		sb_adds(sb, "trace started: attach to");
		for (size_t i = 0; i < n; i++)
			sb_printf(sb, " %d", (int)e->u.start.pids[i]);
		return;
	}
	an_args_from(&args, &e->u.start.argv);
	sb_adds(sb, "trace started: ");
	an_desc_args(sb, &args);
}

void an_desc_event(const struct analyzer *a, struct strbuf *sb,
		   const struct event *e)
{
	char msg[DETAIL_MAX];

	switch (e->type) {
	case EV_TRACE_START:
		desc_start(sb, e);
		break;
	case EV_FORK:
		if (e->u.fork.thread)
			sb_printf(sb, "new thread %d", (int)e->u.fork.child);
		else
			sb_printf(sb, "%s: child %d",
				  e->u.fork.vfork ? "vfork" : "fork",
				  (int)e->u.fork.child);
		break;
	case EV_EXEC:
		desc_exec(sb, e);
		break;
	case EV_SIGNAL:
		desc_signal(a, sb, e);
		break;
	case EV_SIGACTION:
		desc_sigaction(a, sb, e);
		break;
	case EV_INTERRUPTED:
	case EV_EINTR:
	case EV_RESTARTED:
		desc_syscall(sb, e);
		break;
	case EV_FINDING:
		desc_finding(sb, e);
		break;
	case EV_WARNING:
		an_clean(msg, sizeof(msg) - 3, e->u.warning.message,
			 strnlen(e->u.warning.message, DETAIL_MAX));
		sb_printf(sb, "WARNING: %s", msg);
		break;
	case EV_EXIT:
		desc_exit(sb, e);
		break;
	case EV_DETACH:
		sb_adds(sb, "detached");
		break;
	case EV_DISPOSITIONS:
		desc_table(sb, e);
		break;
	case EV_CONSUMED:
		desc_consumed(sb, e);
		break;
	case EV_TRACE_END:
		sb_printf(sb, "trace ended: sigtrace exit status %d, %llu ptrace stops",
			  e->u.end.exit_status,
			  (unsigned long long)e->u.end.stops);
		break;
	case EV_TRACER_SIGNAL:
		desc_tracer_signal(sb, &e->u.tsig);
		break;
	default:
		sb_adds(sb, event_type_name(e->type));
		break;
	}
}
