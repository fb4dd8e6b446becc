/* SPDX-License-Identifier: MIT */
/*
 * report_common.c - what every renderer says the same way: the verdict
 * of a process, the title and details of a finding.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "report.h"

#define NAME_BUF 32

void report_esc_text(struct strbuf *sb, const char *s)
{
	while (*s) {
		size_t n = strcspn(s, "\"\\");

		escape_text(sb, s, n);
		s += n;
		if (*s)
			sb_addc(sb, *s++);
	}
}

const char *report_sev_name(enum severity sev)
{
	static const char *const names[SEV__COUNT] = {
		"critical", "high", "medium", "low", "info",
	};

	return (unsigned)sev < SEV__COUNT ? names[sev] : "info";
}

const char *report_coalescing_note(void)
{
	return "coalescing of signals sent with kill() is not measured: sigtrace does not trace sends, and a standard signal (1-31) sent again while pending is delivered once; only SIGCHLD (child exits against deliveries) is measured";
}

void report_trace_title(const struct analyzer *a, struct strbuf *sb)
{
	const struct an_trace *t = &a->trace;

	if (!t->started) {
		sb_adds(sb, "(no trace_start event)");
		return;
	}
	if (t->attach) {
		sb_adds(sb, "attach to");
		for (size_t i = 0; i < t->npids; i++)
			sb_printf(sb, " %d", (int)t->pids[i]);
		return;
	}
	an_desc_args(sb, &t->argv);
}

bool report_disp_listed(const struct an_proc *p, int signo)
{
	const struct an_sigstate *s = an_sig(p, signo);

	if (p->delivered & SIGBIT(signo))
		return true;
	return s->start.kind != DISP_DEFAULT || s->cur.kind != DISP_DEFAULT;
}

/* ---- findings ---- */

static const char *const cause_texts[CAUSE__COUNT] = {
	[CAUSE_NEVER_INSTALLED] = "no handler had been installed yet",
	[CAUSE_INSTALLED_LATER] = "the handler was installed only after the delivery",
	[CAUSE_RESETHAND] = "SA_RESETHAND had reset the handler at an earlier delivery",
	[CAUSE_EXEC_RESET] = "execve had reset the handler to the default",
	[CAUSE_REMOVED] = "the program had removed its handler",
	[CAUSE_UNKNOWN_BEFORE_ATTACH] = "the disposition was never changed since sigtrace attached",
	[CAUSE_RERAISE] = "its handler ran, then it re-raised the signal to exit with the default action (the normal clean-exit idiom)",
};

const char *report_cause_text(unsigned cause)
{
	return cause < CAUSE__COUNT ? cause_texts[cause] : NULL;
}

static const char *const cause_fix[CAUSE__COUNT] = {
	[CAUSE_NEVER_INSTALLED] = "fix: install the handler first thing (block the signal until then), or make the sender wait until the program is ready",
	[CAUSE_INSTALLED_LATER] = "fix: install the handler before the program can be signalled (block the signal until then), or make the sender wait for readiness",
	[CAUSE_RESETHAND] = "fix: drop SA_RESETHAND (signal() with SysV semantics sets it): install the handler with sigaction() without it",
	[CAUSE_EXEC_RESET] = "fix: handlers do not survive execve; the new program must install its own (SIG_IGN does survive)",
	[CAUSE_REMOVED] = "fix: keep a handler (or SIG_IGN) while anything may still send the signal, e.g. a logrotate postrotate script",
	[CAUSE_UNKNOWN_BEFORE_ATTACH] = "fix: if the program should survive this signal, handle or ignore it",
};

/* The origins whose name is the story, whatever the cause. */
static const char *const origin_texts[FROM__COUNT] = {
	[FROM_RERAISE] = "its handler ran, then it re-raised the signal to exit with the default action (the normal clean-exit idiom)",
	[FROM_TERMINAL] = "it came from the terminal",
	[FROM_PIPE] = "a write to a pipe or socket whose reader had gone",
	[FROM_FAULT] = "a fault (a crash)",
	[FROM_SECCOMP] = "a seccomp filter refused a system call",
	[FROM_LIMIT] = "a resource limit was reached",
};

static void title_default(const struct analyzer *a, const struct an_finding *f,
			  struct strbuf *sb)
{
	char buf[NAME_BUF];

	sb_printf(sb, "%s %s %d %s", an_signame(f->signo, buf, sizeof(buf)),
		  f->effect == EFFECT_STOPPED ? "stopped" : "killed",
		  (int)f->pid, f->comm[0] ? f->comm : "?");
	if (f->effect == EFFECT_CORE)
		sb_adds(sb, " (default action: core dump)");
	/* Where it came from says more than why no handler caught it. */
	if (f->origin < FROM__COUNT && origin_texts[f->origin])
		sb_printf(sb, ": %s", origin_texts[f->origin]);
	else if (f->cause < CAUSE__COUNT)
		sb_printf(sb, " under its default disposition: %s",
			  cause_texts[f->cause]);
}

static void details_default(const struct analyzer *a,
			    const struct an_finding *f, struct strbuf *sb)
{
	char buf[NAME_BUF];

	if (f->has_exec && f->delivery_ns >= f->exec_ns) {
		sb_adds(sb, "window: exec -> delivery ");
		an_desc_ms(sb, f->delivery_ns - f->exec_ns);
		if (f->has_install && f->install_ns >= f->exec_ns) {
			sb_adds(sb, ", exec -> handler installed ");
			an_desc_ms(sb, f->install_ns - f->exec_ns);
		} else if (f->cause == CAUSE_NEVER_INSTALLED) {
			sb_adds(sb, ", exec -> handler installed: never");
		}
		sb_addc(sb, '\n');
	}
	if (f->has_cause && f->delivery_ns >= f->cause_ns) {
		sb_adds(sb, "the cause came ");
		an_desc_ms(sb, f->delivery_ns - f->cause_ns);
		sb_adds(sb, " before the delivery\n");
	}
	if (f->sender.present) {
		sb_adds(sb, "sent by ");
		an_desc_sender(sb, &f->sender, true);
		sb_printf(sb, " (%s)\n", si_code_name(f->signo, f->code, buf,
						       sizeof(buf)));
	}
	if (f->detail[0])
		sb_printf(sb, "%s\n", f->detail);
	/* A fix only for what the program could have changed. */
	if (f->cause < CAUSE__COUNT && cause_fix[f->cause] &&
	    f->severity != SEV_INFO &&
	    !(f->origin < FROM__COUNT && origin_texts[f->origin]))
		sb_printf(sb, "%s\n", cause_fix[f->cause]);
}

static void also_in(const struct an_finding *f, struct strbuf *sb)
{
	size_t shown = f->count - 1;

	if (f->count < 2)
		return;
	if (shown > sizeof(f->more_pids) / sizeof(f->more_pids[0]))
		shown = sizeof(f->more_pids) / sizeof(f->more_pids[0]);
	sb_printf(sb, "also in %u more process%s of the same name:",
		  f->count - 1, f->count > 2 ? "es" : "");
	for (size_t i = 0; i < shown; i++)
		sb_printf(sb, " %d", (int)f->more_pids[i]);
	if (shown < f->count - 1)
		sb_adds(sb, " ...");
	sb_addc(sb, '\n');
}

static void title_finding(const struct analyzer *a,
			  const struct an_finding *f, struct strbuf *sb)
{
	char buf[1024];

	switch (f->kind) {
	case FINDING_DEFAULT_DISPOSITION:
		title_default(a, f, sb);
		break;
	case FINDING_DANGEROUS_DEFAULTS:
		sb_printf(sb, "%s still terminate %d %s (default action)",
			  sigset_format(f->signals, buf, sizeof(buf)),
			  (int)f->pid, f->comm);
		break;
	case FINDING_ONESHOT_HANDLER:
		sb_printf(sb, "one-shot handler for %s in %d %s: ",
			  an_signame(f->signo, buf, sizeof(buf)), (int)f->pid,
			  f->comm);
		an_desc_disp(a, sb, f->signo, &f->handler, true);
		break;
	default:
		sb_printf(sb, "model and kernel disagreed about %s in %d %s",
			  an_signame(f->signo, buf, sizeof(buf)), (int)f->pid,
			  f->comm);
		break;
	}
}

static void title_eintr(const struct analyzer *a, const struct an_eintr *r,
			struct strbuf *sb)
{
	char buf[NAME_BUF];

	sb_printf(sb, "%s() failed with EINTR %llu time%s in %d %s after %s",
		  an_pool_str(a, r->syscall), (unsigned long long)r->eintr,
		  r->eintr == 1 ? "" : "s", (int)r->pid, r->comm,
		  an_signame(r->signo, buf, sizeof(buf)));
}

static void details_eintr(const struct analyzer *a, const struct an_eintr *r,
			  struct strbuf *sb)
{
	sb_printf(sb, "interrupted %llu, EINTR %llu, restarted %llu; the disposition: ",
		  (unsigned long long)r->interrupted,
		  (unsigned long long)r->eintr,
		  (unsigned long long)r->restarted);
	an_desc_disp(a, sb, r->signo, &r->handler, true);
	sb_addc(sb, '\n');
	if (r->never_restarted)
		sb_printf(sb, "%s() is never restarted after a handler, whatever SA_RESTART says (signal(7)): the caller must retry on EINTR\n",
			  an_pool_str(a, r->syscall));
	else if (r->sa_restart == 0)
		sb_adds(sb, "the handler was installed without SA_RESTART: add it, or retry the call on EINTR\n");
	else if (r->sa_restart < 0)
		sb_adds(sb, "the handler's flags are unknown (seen after attach): with SA_RESTART the call would have been restarted\n");
}

void report_item_title(const struct analyzer *a, const struct an_item *it,
		       struct strbuf *sb)
{
	const struct an_proc *p;
	const struct an_warning *w;

	switch (it->kind) {
	case ITEM_FINDING:
		title_finding(a, &a->findings[it->ref], sb);
		break;
	case ITEM_EINTR:
		title_eintr(a, &a->eintr[it->ref], sb);
		break;
	case ITEM_COALESCED:
		p = a->procs[it->ref];
		sb_printf(sb, "SIGCHLD coalesced: %u children of %d %s ended, %u SIGCHLD%s reached its handler",
			  p->child_exits, (int)p->pid, p->comm,
			  p->sigchld_handled,
			  p->sigchld_handled == 1 ? "" : "s");
		break;
	default:
		w = &a->warnings[it->ref];
		sb_printf(sb, "warning about %d %s: %s", (int)w->pid, w->comm,
			  w->message);
		break;
	}
}

void report_item_details(const struct analyzer *a, const struct an_item *it,
			 struct strbuf *sb)
{
	const struct an_finding *f;

	switch (it->kind) {
	case ITEM_FINDING:
		f = &a->findings[it->ref];
		if (f->kind == FINDING_DEFAULT_DISPOSITION) {
			details_default(a, f, sb);
			break;
		}
		if (f->detail[0])
			sb_printf(sb, "%s\n", f->detail);
		if (f->kind == FINDING_DANGEROUS_DEFAULTS)
			sb_adds(sb, "fix: ignore (SIG_IGN) or handle at startup those that nothing should kill the program with\n");
		also_in(f, sb);
		break;
	case ITEM_EINTR:
		details_eintr(a, &a->eintr[it->ref], sb);
		break;
	case ITEM_COALESCED:
		sb_adds(sb, "standard signals do not queue: one SIGCHLD may stand for several children (or one was still pending, or consumed by sigwait/signalfd); reap in a loop with waitpid(-1, &status, WNOHANG)\n");
		break;
	default:
		sb_adds(sb, "an uncertain or degraded observation: findings about this process may be less certain\n");
		break;
	}
}
