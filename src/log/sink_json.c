/* SPDX-License-Identifier: MIT */
/*
 * sink_json.c - the JSON Lines log (docs/events.md, schema version 1).
 *
 * One event becomes one JSON object on one line, built whole in a strbuf
 * and handed to a single write(2): a log cut short by a crash loses at
 * most its last line, and concurrent readers (tail -f | jq) never see
 * half an object.  One printer per event type, in a table indexed by the
 * event type, writes the fields that follow the common ones.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "evwalk.h"
#include "jsonw.h"
#include "origin.h"
#include "severity.h"
#include "sigtab.h"
#include "sink.h"
#include "strbuf.h"

/* Long enough for any signal or si_code name, or a number. */
#define NAME_BUF 32

static const char *const disp_kind_names[] = {
	[DISP_UNKNOWN] = "unknown",
	[DISP_DEFAULT] = "default",
	[DISP_IGNORED] = "ignored",
	[DISP_HANDLER] = "handler",
};

/* "SIGUSR1"; the number as a string for one outside 1..64 (what a
 * failing rt_sigaction may carry), as docs/events.md does for codes. */
static void jw_ksignal(struct jsonw *w, int signo)
{
	char buf[NAME_BUF];

	jw_kstring(w, "signal", sig_label(signo, "", buf, sizeof(buf)));
	jw_kint(w, "signo", signo);
}

static void jw_kcode(struct jsonw *w, int signo, int code)
{
	char buf[NAME_BUF];

	jw_kstring(w, "code", si_code_name(signo, code, buf, sizeof(buf)));
}

/* A positive errno by name when it has one, else by number. */
static void jw_kerrno(struct jsonw *w, const char *key, long err)
{
	const char *name = err > 0 ? errno_code_name(err) : NULL;

	if (name)
		jw_kstring(w, key, name);
	else
		jw_kint(w, key, err);
}

/* A syscall's pending return: -ERESTARTSYS by name, a count (a read()
 * that completed just before the signal) as the number it is. */
static void jw_kret(struct jsonw *w, const char *key, long ret)
{
	const char *name = ret < 0 ? errno_code_name(ret) : NULL;

	if (name)
		jw_kstring(w, key, name);
	else
		jw_kint(w, key, ret);
}

/* Command lines as /proc gives them: arguments separated by NULs.  A
 * final argument without its NUL was cut by the reader: keep it. */
static void jw_cmdline(struct jsonw *w, const struct cmdline *c)
{
	const char *arg;
	size_t len, pos = 0;

	jw_array_begin(w);
	while (cmdline_next(c, &pos, &arg, &len))
		jw_string_len(w, arg, len);
	jw_array_end(w);
}

/* comm-sized fields may be filled by strncpy: never read past them. */
static void jw_kfixed(struct jsonw *w, const char *key, const char *s,
		      size_t size)
{
	jw_key(w, key);
	jw_string_len(w, s, strnlen(s, size));
}

/* A name or a command line that is not known is left out, never
 * written empty as if it were. */
static void jw_process_fields(struct jsonw *w, const struct proc_ident *p)
{
	if (p->pid > 0)
		jw_kint(w, "pid", p->pid);
	if (p->ns_pid > 0)
		jw_kint(w, "ns_pid", p->ns_pid);
	jw_kuint(w, "uid", p->uid);
	jw_kbool(w, "gone", p->gone);
	if (p->zombie)
		jw_kbool(w, "zombie", true);
	if (p->known && p->comm[0]) {
		jw_kfixed(w, "comm", p->comm, sizeof(p->comm));
		if (p->cmdline.len > 0) {
			jw_key(w, "cmdline");
			jw_cmdline(w, &p->cmdline);
			if (p->cmdline.truncated)
				jw_kbool(w, "cmdline_truncated", true);
		}
	}
	if (p->source[0])
		jw_kfixed(w, "source", p->source, sizeof(p->source));
}

static void jw_process(struct jsonw *w, const struct proc_ident *p)
{
	jw_object_begin(w);
	jw_process_fields(w, p);
	jw_object_end(w);
}

static void jw_ancestry(struct jsonw *w, const struct ancestry *a)
{
	size_t n = a->count < ANCESTRY_MAX ? a->count : ANCESTRY_MAX;

	jw_array_begin(w);
	for (size_t i = 0; i < n; i++) {
		jw_object_begin(w);
		jw_kint(w, "pid", a->link[i].pid);
		jw_kfixed(w, "comm", a->link[i].comm, sizeof(a->link[i].comm));
		jw_object_end(w);
	}
	jw_array_end(w);
}

/* The sender with its chain inside; sender_chain, the same chain, is
 * kept for readers of the first logs. */
static void jw_sender(struct jsonw *w, const struct proc_ident *p,
		      const struct ancestry *chain)
{
	jw_key(w, "sender");
	jw_object_begin(w);
	jw_process_fields(w, p);
	jw_key(w, "chain");
	jw_ancestry(w, chain);
	if (chain->end[0])
		jw_kfixed(w, "chain_end", chain->end, sizeof(chain->end));
	jw_object_end(w);
	if (chain->count > 0) {
		jw_key(w, "sender_chain");
		jw_ancestry(w, chain);
	}
}

static void jw_flags(struct jsonw *w, uint64_t flags)
{
	const char *names[64];
	uint64_t unknown;
	size_t n = sa_flags_names(flags, names, 64, &unknown);
	char hex[24];

	jw_array_begin(w);
	for (size_t i = 0; i < n; i++)
		jw_string(w, names[i]);
	/* One string per unknown bit, so each parses back on its own. */
	for (int bit = 0; bit < 64; bit++) {
		if (!(unknown & ((uint64_t)1 << bit)))
			continue;
		snprintf(hex, sizeof(hex), "0x%llx", 1ULL << bit);
		jw_string(w, hex);
	}
	jw_array_end(w);
}

static void jw_mask(struct jsonw *w, sigbits_t mask)
{
	char buf[NAME_BUF];

	jw_array_begin(w);
	for (int signo = 1; signo <= SIG_MAX; signo++)
		if (mask & SIGBIT(signo))
			jw_string(w, sig_name(signo, buf, sizeof(buf)));
	jw_array_end(w);
}

static void jw_disposition(struct jsonw *w, int signo,
			   const struct disposition *d)
{
	unsigned kind = d->kind;

	if (kind >= sizeof(disp_kind_names) / sizeof(disp_kind_names[0]))
		kind = DISP_UNKNOWN;
	jw_object_begin(w);
	jw_kstring(w, "kind", disp_kind_names[kind]);
	if (kind == DISP_DEFAULT && signo >= 1 && signo <= SIG_MAX)
		jw_kstring(w, "action",
			   sig_action_name(sig_default_action(signo)));
	if (kind == DISP_HANDLER) {
		/* 0 is SIG_DFL, never a handler: the address is unknown
		 * (a handler seen in /proc SigCgt, not in a call). */
		if (d->handler)
			jw_khex(w, "handler", d->handler);
		if (d->symbol[0])
			jw_kfixed(w, "symbol", d->symbol, sizeof(d->symbol));
		if (d->module[0]) {
			jw_kfixed(w, "module", d->module, sizeof(d->module));
			jw_khex(w, "module_offset", d->module_offset);
		}
	}
	if (kind != DISP_UNKNOWN && d->flags_known) {
		jw_key(w, "flags");
		jw_flags(w, d->flags);
		jw_key(w, "mask");
		jw_mask(w, d->mask);
		if (d->restorer)
			jw_khex(w, "restorer", d->restorer);
	}
	jw_object_end(w);
}

/* -k: "stack": [{"ip", "module", "module_offset", "symbol",
 * "symbol_offset", "file", "line", "inlined"}...], innermost first;
 * unknown parts left out.  No backtrace to give: "stack": [] and
 * "stack_unavailable": why. */
static void jw_stack(struct jsonw *w, const struct stack *s)
{
	if (!s)
		return;
	jw_key(w, "stack");
	jw_array_begin(w);
	for (size_t i = 0; i < s->count; i++) {
		const struct stack_frame *f = &s->frames[i];

		jw_object_begin(w);
		jw_khex(w, "ip", f->ip);
		if (f->module[0]) {
			jw_kfixed(w, "module", f->module, sizeof(f->module));
			jw_khex(w, "module_offset", f->module_offset);
		}
		if (f->symbol[0]) {
			jw_kfixed(w, "symbol", f->symbol, sizeof(f->symbol));
			jw_khex(w, "symbol_offset", f->symbol_offset);
		}
		if (f->file[0]) {
			jw_kfixed(w, "file", f->file, sizeof(f->file));
			if (f->line)
				jw_kuint(w, "line", f->line);
		}
		if (f->inlined)
			jw_kbool(w, "inlined", true);
		jw_object_end(w);
	}
	jw_array_end(w);
	if (s->unavailable)
		jw_kstring(w, "stack_unavailable", s->unavailable);
}

/* The name of syscall NR, and the number too: the name alone cannot be
 * mapped back when this architecture's table has none. */
static void jw_syscall(struct jsonw *w, const char *name, long nr)
{
	char buf[NAME_BUF];

	jw_kstring(w, "syscall", syscall_label(name, nr, buf, sizeof(buf)));
	jw_kint(w, "syscall_nr", nr);
}

/* ---- one printer per event type ---- */

static void json_trace_start(struct jsonw *w, const struct event *e)
{
	const struct ev_trace_start *t = &e->u.start;
	size_t n = ev_start_npids(t);

	jw_kstring(w, "mode", t->attach ? "attach" : "spawn");
	if (t->attach) {
		jw_key(w, "pids");
		jw_array_begin(w);
		for (size_t i = 0; i < n; i++)
			jw_int(w, t->pids[i]);
		jw_array_end(w);
	} else {
		jw_key(w, "argv");
		jw_cmdline(w, &t->argv);
		if (t->argv.truncated)
			jw_kbool(w, "argv_truncated", true);
	}
	jw_kint(w, "tracer_pid", t->tracer_pid);
	jw_kfixed(w, "version", t->version, sizeof(t->version));
	if (t->senders[0]) {
		jw_kfixed(w, "senders", t->senders, sizeof(t->senders));
		if (t->senders_note[0])
			jw_kfixed(w, "senders_note", t->senders_note,
				  sizeof(t->senders_note));
	}
}

static void json_fork(struct jsonw *w, const struct event *e)
{
	jw_kint(w, "child", e->u.fork.child);
	jw_kbool(w, "thread", e->u.fork.thread);
	jw_kbool(w, "vfork", e->u.fork.vfork);
}

static void json_exec(struct jsonw *w, const struct event *e)
{
	const struct ev_exec *x = &e->u.exec;

	jw_kfixed(w, "path", x->path, sizeof(x->path));
	jw_key(w, "argv");
	jw_cmdline(w, &x->argv);
	if (x->argv.truncated)
		jw_kbool(w, "argv_truncated", true);
	if (x->former_tid)
		jw_kint(w, "former_tid", x->former_tid);
}

/* SIGCHLD's si_status: an exit code for CLD_EXITED, else a signal. */
static void jw_kstatus(struct jsonw *w, int code, int status)
{
	char buf[NAME_BUF];
	const char *name = NULL;

	if (code != CLD_EXITED)
		name = sig_name(status, buf, sizeof(buf));
	if (name)
		jw_kstring(w, "status", name);
	else
		jw_kint(w, "status", status);
}

/* SIGPIPE's (and SIGXFSZ's) system call and the file behind its fd. */
static void jw_epipe(struct jsonw *w, const struct ev_epipe *ep)
{
	if (ep->syscall[0])
		jw_kfixed(w, "syscall", ep->syscall, sizeof(ep->syscall));
	if (ep->fd >= 0)
		jw_kint(w, "fd", ep->fd);
	if (ep->file[0])
		jw_kfixed(w, "file", ep->file, sizeof(ep->file));
	if (ep->kind != FILE_UNKNOWN)
		jw_kstring(w, "kind", file_kind_name(ep->kind));
	if (ep->has_reader) {
		jw_key(w, "reader");
		jw_process(w, &ep->reader);
	}
}

static void jw_reraise(struct jsonw *w, int signo, const struct ev_reraise *r)
{
	jw_key(w, "reraise_of");
	jw_object_begin(w);
	jw_kuint(w, "mono_ns", r->mono_ns);
	jw_kint(w, "tid", r->tid);
	jw_kcode(w, signo, r->code);
	jw_kstring(w, "origin", origin_name(r->origin));
	if (r->term != TERM_NONE) {
		jw_key(w, "terminal");
		jw_object_begin(w);
		jw_kstring(w, "event", term_event_name(r->term));
		jw_object_end(w);
	}
	if (r->pipe_kind != FILE_UNKNOWN) {
		jw_key(w, "epipe");
		jw_object_begin(w);
		jw_kstring(w, "kind", file_kind_name(r->pipe_kind));
		jw_object_end(w);
	}
	if (r->has_sender)
		jw_sender(w, &r->sender, &r->sender_chain);
	if (r->in_handler >= 0)
		jw_kbool(w, "in_handler", r->in_handler);
	jw_object_end(w);
}

/* Where the signal came from (docs/explanations.md). */
static void jw_origin(struct jsonw *w, const struct ev_signal *s)
{
	if (s->origin == FROM_NONE)
		return;
	jw_kstring(w, "origin", origin_name(s->origin));
	if (s->send_syscall)
		jw_kstring(w, "send_syscall", s->send_syscall);
	if (s->origin == FROM_PIPE) {
		jw_key(w, "epipe");
		jw_object_begin(w);
		jw_epipe(w, &s->epipe);
		jw_object_end(w);
	}
	if (s->limit != LIMIT_NONE) {
		jw_key(w, "limit");
		jw_object_begin(w);
		jw_kstring(w, "resource", limit_name(s->limit));
		jw_epipe(w, &s->epipe);
		jw_object_end(w);
	}
	if (s->term != TERM_NONE) {
		jw_key(w, "terminal");
		jw_object_begin(w);
		jw_kstring(w, "event", term_event_name(s->term));
		if (s->tty[0])
			jw_kfixed(w, "tty", s->tty, sizeof(s->tty));
		jw_object_end(w);
	}
	if (s->timer != TIMER_NONE) {
		jw_key(w, "timer");
		jw_object_begin(w);
		jw_kstring(w, "kind", timer_kind_name(s->timer));
		jw_object_end(w);
	}
	if (s->group.id) {
		jw_key(w, "group");
		jw_object_begin(w);
		jw_kuint(w, "id", s->group.id);
		jw_kint(w, "pgid", s->group.pgid);
		jw_kbool(w, "first", s->group.first);
		jw_kstring(w, "how", group_how_name(s->group.how));
		jw_object_end(w);
	}
	if (s->dropped != DROP_NONE)
		jw_kstring(w, "dropped", dropped_name(s->dropped));
	if (s->has_sender_uid)
		jw_kuint(w, "sender_uid", s->sender_uid);
	if (s->reraise.present)
		jw_reraise(w, s->signo, &s->reraise);
}

static void json_signal(struct jsonw *w, const struct event *e)
{
	const struct ev_signal *s = &e->u.sig;

	jw_ksignal(w, s->signo);
	jw_kcode(w, s->signo, s->code);
	if (s->err)
		jw_kint(w, "errno", s->err);
	if (s->has_sender)
		jw_sender(w, &s->sender, &s->sender_chain);
	if (s->has_addr)
		jw_khex(w, "addr", s->addr);
	if (s->has_status)
		jw_kstatus(w, s->code, s->status);
	if (s->has_value)
		jw_kint(w, "value", s->value);
	if (s->has_band) {
		jw_kint(w, "band", s->band);
		jw_kint(w, "fd", s->fd);
	}
	jw_key(w, "disposition");
	jw_disposition(w, s->signo, &s->disposition);
	if (s->syscall >= 0) {
		jw_syscall(w, s->syscall_name, s->syscall);
		jw_kret(w, "syscall_ret", s->syscall_ret);
	}
	jw_origin(w, s);
	if (s->has_argv) {
		jw_key(w, "argv");
		jw_cmdline(w, &s->argv);
	}
	jw_stack(w, s->stack);
}

/* Sent to a traced process, never delivered: taken by sigwaitinfo or a
 * signalfd (seen by ptrace at the call's exit in spawn mode, with the
 * call; else by the kernel sender observer). */
static void json_consumed(struct jsonw *w, const struct event *e)
{
	const struct ev_signal *s = &e->u.sig;

	jw_ksignal(w, s->signo);
	if (s->sender_unknown[0])	/* no siginfo: no code either */
		jw_kfixed(w, "sender_unknown", s->sender_unknown,
			  sizeof(s->sender_unknown));
	else
		jw_kcode(w, s->signo, s->code);
	if (s->has_sender)
		jw_sender(w, &s->sender, &s->sender_chain);
	if (s->sent_mono_ns)
		jw_kuint(w, "sent_mono_ns", s->sent_mono_ns);
	if (s->consumed_by[0])
		jw_kfixed(w, "by", s->consumed_by, sizeof(s->consumed_by));
	if (s->consumed_fd >= 0)
		jw_kint(w, "fd", s->consumed_fd);
	if (s->syscall >= 0)
		jw_syscall(w, s->syscall_name, s->syscall);
}

static void json_sigaction(struct jsonw *w, const struct event *e)
{
	const struct ev_sigaction *a = &e->u.sa;

	jw_ksignal(w, a->signo);
	jw_kstring(w, "syscall", a->syscall ? a->syscall : "rt_sigaction");
	if (a->has_old) {
		jw_key(w, "old");
		jw_disposition(w, a->signo, &a->old_disp);
	}
	if (a->has_new) {
		jw_key(w, "new");
		jw_disposition(w, a->signo, &a->new_disp);
	}
	if (a->observed) {
		/* A change seen in /proc between two polls: no call, so
		 * no result, and only a window for when it happened. */
		jw_kbool(w, "observed", true);
		jw_kuint(w, "window_start_mono_ns", a->window_start_mono_ns);
	} else if (a->result == 0) {
		jw_kint(w, "result", 0);
	} else {
		jw_kerrno(w, "result", a->result);
	}
	jw_stack(w, a->stack);
}

/* interrupted, eintr and restarted share their fields. */
static void json_syscall_sig(struct jsonw *w, const struct event *e)
{
	const struct ev_syscall_sig *c = &e->u.sc;

	char buf[NAME_BUF];

	jw_syscall(w, c->syscall_name, c->syscall);
	jw_kret(w, "code", c->code);
	jw_ksignal(w, c->signo);
	if (c->handler.kind == DISP_HANDLER) {
		jw_key(w, "handler");
		jw_disposition(w, c->signo, &c->handler);
	}
	jw_kbool(w, "never_restarted", c->never_restarted);
	jw_kstring(w, "call_class", call_class_name(syscall_class(
		syscall_label(c->syscall_name, c->syscall, buf, sizeof(buf)))));
	if (c->unseen)
		jw_kbool(w, "seen", false);
	if (c->by_tracer)
		jw_kbool(w, "by_tracer", true);
	if (c->tracing_induced)
		jw_kbool(w, "tracing_induced", true);
}

/*
 * Fields by presence rather than by kind: default_disposition names a
 * signal with an effect and a cause, dangerous_defaults a set of
 * signals, oneshot_handler a signal and its handler, model_mismatch a
 * signal; each gets exactly what it carries.
 */
static void json_finding(struct jsonw *w, const struct event *e)
{
	const struct ev_finding *f = &e->u.finding;
	bool harm = f->kind == FINDING_DEFAULT_DISPOSITION;

	jw_kstring(w, "kind", finding_kind_name(f->kind));
	if (f->has_severity)
		jw_kstring(w, "severity", severity_name(f->severity));
	if (harm || (f->signo >= 1 && f->signo <= SIG_MAX))
		jw_ksignal(w, f->signo);
	if (f->signals) {
		jw_key(w, "signals");
		jw_mask(w, f->signals);
	}
	if (harm) {
		jw_kcode(w, f->signo, f->code);
		jw_kstring(w, "effect", finding_effect_name(f->effect));
		jw_kstring(w, "cause", finding_cause_name(f->cause));
		if (f->origin != FROM_NONE)
			jw_kstring(w, "origin", origin_name(f->origin));
	}
	if (f->handler.kind != DISP_UNKNOWN) {
		jw_key(w, "handler");
		jw_disposition(w, f->signo, &f->handler);
	}
	if (f->has_sender)
		jw_sender(w, &f->sender, &f->sender_chain);
	if (f->delivery_mono_ns)
		jw_kuint(w, "delivery_mono_ns", f->delivery_mono_ns);
	if (f->has_cause_time)
		jw_kuint(w, "cause_mono_ns", f->cause_mono_ns);
	if (f->has_install_time)
		jw_kuint(w, "install_mono_ns", f->install_mono_ns);
	if (f->has_exec_time) {
		jw_kuint(w, "exec_mono_ns", f->exec_mono_ns);
		if (f->exec_path[0])
			jw_kfixed(w, "exec_path", f->exec_path,
				  sizeof(f->exec_path));
	}
	if (f->detail[0])
		jw_kfixed(w, "detail", f->detail, sizeof(f->detail));
}

static void json_warning(struct jsonw *w, const struct event *e)
{
	jw_kfixed(w, "message", e->u.warning.message,
		  sizeof(e->u.warning.message));
}

static void json_exit(struct jsonw *w, const struct event *e)
{
	const struct ev_exit *x = &e->u.exit;

	if (x->signaled) {
		jw_ksignal(w, x->signo);
		jw_kbool(w, "core", x->core);
	} else {
		jw_kint(w, "code", x->code);
	}
	jw_kbool(w, "thread", x->thread);
	if (x->kill_cause[0])
		jw_kfixed(w, "kill_cause", x->kill_cause,
			  sizeof(x->kill_cause));
	if (x->has_sender)
		jw_sender(w, &x->sender, &x->sender_chain);
}

static void json_nothing(struct jsonw *w, const struct event *e)
{
}

static void json_trace_end(struct jsonw *w, const struct event *e)
{
	jw_kint(w, "exit_status", e->u.end.exit_status);
	jw_kuint(w, "stops", e->u.end.stops);
	jw_kuint(w, "syscall_stops", e->u.end.syscall_stops);
	jw_kuint(w, "deliveries", e->u.end.deliveries);
	if (!e->u.end.has_sends)
		return;
	jw_key(w, "sends");
	jw_object_begin(w);
	jw_kuint(w, "consumed", e->u.end.consumed);
	if (!e->u.end.sends_seen) {	/* no kernel observer: no more known */
		jw_object_end(w);
		return;
	}
	jw_kuint(w, "ignored", e->u.end.ignored);
	jw_kuint(w, "already_pending", e->u.end.merged);
	jw_kuint(w, "dropped", e->u.end.dropped);
	jw_kuint(w, "lost", e->u.end.lost);
	jw_object_end(w);
}

/* A process's signal table as /proc/PID/status has it (psig-like). */
static void json_dispositions(struct jsonw *w, const struct event *e)
{
	const struct ev_dispositions *t = &e->u.table;

	jw_key(w, "caught");
	jw_mask(w, t->caught);
	jw_key(w, "ignored");
	jw_mask(w, t->ignored);
	jw_key(w, "blocked");
	jw_mask(w, t->blocked);
	jw_key(w, "pending");
	jw_mask(w, t->pending);
	jw_kint(w, "threads", t->threads);
	jw_key(w, "argv");
	jw_cmdline(w, &t->argv);
	if (t->argv.truncated)
		jw_kbool(w, "argv_truncated", true);
	if (t->target_kind[0]) {
		jw_key(w, "target");
		jw_object_begin(w);
		jw_kfixed(w, "kind", t->target_kind, sizeof(t->target_kind));
		jw_kfixed(w, "value", t->target, sizeof(t->target));
		jw_object_end(w);
	}
}

/* A signal to sigtrace itself: who sent it, and what sigtrace did. */
static void json_tracer_signal(struct jsonw *w, const struct event *e)
{
	const struct ev_tracer_signal *t = &e->u.tsig;

	jw_ksignal(w, t->signo);
	jw_kcode(w, t->signo, t->code);
	if (t->has_sender)
		jw_sender(w, &t->sender, &t->sender_chain);
	jw_kstring(w, "origin", tsig_origin_name(t->origin));
	jw_kstring(w, "action", tsig_action_name(t->action));
}

typedef void (*json_printer)(struct jsonw *w, const struct event *e);

static const json_printer json_printers[EV__COUNT] = {
	[EV_TRACE_START] = json_trace_start,
	[EV_FORK] = json_fork,
	[EV_EXEC] = json_exec,
	[EV_SIGNAL] = json_signal,
	[EV_SIGACTION] = json_sigaction,
	[EV_INTERRUPTED] = json_syscall_sig,
	[EV_EINTR] = json_syscall_sig,
	[EV_RESTARTED] = json_syscall_sig,
	[EV_FINDING] = json_finding,
	[EV_WARNING] = json_warning,
	[EV_EXIT] = json_exit,
	[EV_DETACH] = json_nothing,
	[EV_TRACE_END] = json_trace_end,
	[EV_DISPOSITIONS] = json_dispositions,
	[EV_CONSUMED] = json_consumed,
	[EV_TRACER_SIGNAL] = json_tracer_signal,
};

/* 2026-11-23T22:44:01.123456789Z */
static void jw_ktime(struct jsonw *w, int64_t sec, long nsec)
{
	char buf[64];
	struct tm tm;
	time_t t = (time_t)sec;
	size_t n = 0;

	if (nsec < 0 || nsec > 999999999)
		nsec = 0;
	if (gmtime_r(&t, &tm))
		n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	if (n == 0)
		n = (size_t)snprintf(buf, sizeof(buf), "@%lld",
				     (long long)sec);
	snprintf(buf + n, sizeof(buf) - n, ".%09ldZ", nsec);
	jw_kstring(w, "time", buf);
}

static void json_format(struct strbuf *sb, const struct event *e)
{
	struct jsonw w;

	jw_init(&w, sb);
	jw_object_begin(&w);
	jw_kint(&w, "v", EVENT_SCHEMA_VERSION);
	jw_kstring(&w, "type", event_type_name(e->type));
	jw_ktime(&w, e->real_sec, e->real_nsec);
	jw_kuint(&w, "mono_ns", e->mono_ns);
	jw_kint(&w, "pid", e->pid);
	jw_kint(&w, "tid", e->tid);
	jw_kfixed(&w, "comm", e->comm, sizeof(e->comm));
	if ((unsigned)e->type < EV__COUNT && json_printers[e->type])
		json_printers[e->type](&w, e);
	jw_object_end(&w);
	sb_addc(sb, '\n');
}

static bool json_format_op(struct sink *s, const struct event *e,
			   struct strbuf *out)
{
	if (!sink_event_selected(&s->cfg, e))
		return false;
	json_format(out, e);
	return true;
}

static int json_write(struct sink *s, const struct event *e)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	/* After a failed write the file may end in half a line: adding
	 * more would only glue the next object onto it. */
	if (s->error)
		return -s->error;
	ret = json_format_op(s, e, &sb) ? sink_put(s, sb.buf, sb.len) : 0;
	sb_free(&sb);
	return ret;
}

const struct sink_ops sink_json_ops = {
	.name = "json",
	.write = json_write,
	.format = json_format_op,
};
