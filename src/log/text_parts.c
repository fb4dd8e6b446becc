/* SPDX-License-Identifier: MIT */
/*
 * text_parts.c - the pieces of a text-log line.  Every string another
 * process chose (comm, command line, path, symbol) goes through
 * escape_text, so the log can be read on a terminal without the traced
 * program driving that terminal; colour comes only from fixed sequences.
 */
#include <inttypes.h>
#include <string.h>

#include "escape.h"
#include "evwalk.h"
#include "text_priv.h"

/* ---- building blocks ---- */

void text_color_on(struct text_ctx *c, const char *seq)
{
	if (!c->cfg->color)
		return;
	sb_adds(c->sb, seq);
	c->colored = true;
}

/* Untrusted bytes, escaped, in quotes; cut at strsize bytes with "..."
 * after the quote, as strace does, without splitting a UTF-8 sequence. */
void text_quoted(struct text_ctx *c, const char *s, size_t len)
{
	size_t max = c->cfg->strsize;
	bool cut = max && len > max;

	if (cut) {
		len = max;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80 &&
		       max - len < 3)
			len--;
	}
	sb_addc(c->sb, '"');
	escape_text(c->sb, s, len);
	sb_addc(c->sb, '"');
	if (cut)
		sb_adds(c->sb, "...");
}

void text_quoted_fixed(struct text_ctx *c, const char *s, size_t size)
{
	text_quoted(c, s, strnlen(s, size));
}

/* Escaped but unquoted: comm in the prefix and ancestry, sentences. */
void text_plain(struct text_ctx *c, const char *s, size_t size)
{
	escape_text(c->sb, s, strnlen(s, size));
}

void text_argv(struct text_ctx *c, const struct cmdline *cl)
{
	const char *arg;
	size_t len, pos = 0;
	bool first = true;

	sb_addc(c->sb, '[');
	while (cmdline_next(cl, &pos, &arg, &len)) {
		if (!first)
			sb_addc(c->sb, ',');
		text_quoted(c, arg, len);
		first = false;
	}
	if (cl->truncated)
		sb_adds(c->sb, first ? "..." : ",...");
	sb_addc(c->sb, ']');
}

void text_signame(struct text_ctx *c, int signo)
{
	char buf[NAME_BUF];

	sb_adds(c->sb, sig_label(signo, "", buf, sizeof(buf)));
}

/* [SIGHUP SIGUSR1]; a set of more than half the signals (a shell blocks
 * all but a few in its handlers) as its complement, strace's ~[...]. */
void text_mask(struct text_ctx *c, sigbits_t mask)
{
	bool first = true;

	if (!c->cfg->verbose && __builtin_popcountll(mask) > SIG_MAX / 2) {
		sb_addc(c->sb, '~');
		mask = ~mask;
	}
	sb_addc(c->sb, '[');
	for (int signo = 1; signo <= SIG_MAX; signo++) {
		if (!(mask & SIGBIT(signo)))
			continue;
		if (!first)
			sb_addc(c->sb, ' ');
		text_signame(c, signo);
		first = false;
	}
	sb_addc(c->sb, ']');
}

static void text_flags(struct text_ctx *c, uint64_t flags)
{
	char buf[256];

	sb_adds(c->sb, sa_flags_format(flags, buf, sizeof(buf)));
}

/* " (/usr/bin/prog+0x1136)": where an address is in its module. */
static void text_module(struct text_ctx *c, const char *module,
			size_t size, uint64_t offset)
{
	if (!module[0])
		return;
	sb_adds(c->sb, " (");
	text_plain(c, module, size);
	sb_addc(c->sb, '+');
	sb_add_hex(c->sb, offset);
	sb_addc(c->sb, ')');
}

/* 0x401136 <on_usr1> (/usr/bin/prog+0x1136); "?" when only /proc's
 * SigCgt told us. */
void text_handler(struct text_ctx *c, const struct disposition *d)
{
	if (d->handler)
		sb_add_hex(c->sb, d->handler);
	else
		sb_addc(c->sb, '?');
	if (d->symbol[0]) {
		sb_adds(c->sb, " <");
		text_plain(c, d->symbol, sizeof(d->symbol));
		sb_addc(c->sb, '>');
	}
	if (d->handler)
		text_module(c, d->module, sizeof(d->module), d->module_offset);
}

/* -k: one indented line per frame after the event's line,
 *     #0 0x7f3a9c0421b7 kill+0x7 (/usr/lib/x86_64-linux-gnu/libc.so.6+0x3c1b7)
 *     #1 0x55d0c0a01350 svc::Reloader::arm() [inlined] at reload.cc:42
 * or why there is none. */
void text_stack(struct text_ctx *c, const struct event *e)
{
	const struct stack *s = NULL;

	if (e->type == EV_SIGNAL)
		s = e->u.sig.stack;
	else if (e->type == EV_SIGACTION)
		s = e->u.sa.stack;
	if (!s)
		return;
	if (s->unavailable)
		sb_printf(c->sb, "    (no backtrace: %s)\n", s->unavailable);
	for (size_t i = 0; i < s->count; i++) {
		const struct stack_frame *f = &s->frames[i];

		sb_printf(c->sb, "    #%zu 0x%" PRIx64, i, f->ip);
		if (f->symbol[0]) {
			sb_addc(c->sb, ' ');
			text_plain(c, f->symbol, sizeof(f->symbol));
			if (!f->inlined)
				sb_printf(c->sb, "+0x%" PRIx64,
					  f->symbol_offset);
		}
		if (f->inlined)
			sb_adds(c->sb, " [inlined]");
		if (f->file[0]) {
			sb_adds(c->sb, " at ");
			text_plain(c, f->file, sizeof(f->file));
			if (f->line)
				sb_printf(c->sb, ":%u", f->line);
		}
		text_module(c, f->module, sizeof(f->module), f->module_offset);
		sb_addc(c->sb, '\n');
	}
}

/* The disposition at a delivery: default (term), ignored, handler... */
void text_disp_short(struct text_ctx *c, int signo,
			    const struct disposition *d)
{
	switch (d->kind) {
	case DISP_DEFAULT:
		sb_adds(c->sb, "default");
		if (signo >= 1 && signo <= SIG_MAX) {
			sb_adds(c->sb, " (");
			sb_adds(c->sb,
				sig_action_name(sig_default_action(signo)));
			sb_addc(c->sb, ')');
		}
		break;
	case DISP_IGNORED:
		sb_adds(c->sb, "ignored");
		break;
	case DISP_HANDLER:
		sb_adds(c->sb, "handler ");
		text_handler(c, d);
		if (d->flags_known && d->flags) {
			sb_adds(c->sb, " [");
			text_flags(c, d->flags);
			sb_addc(c->sb, ']');
		}
		break;
	default:
		sb_adds(c->sb, "unknown");
	}
}

/* The disposition as rt_sigaction passes it: {SIG_DFL}, {handler=...} */
void text_disp_struct(struct text_ctx *c, const struct disposition *d)
{
	bool details = d->flags_known &&
		       (d->kind == DISP_HANDLER || d->flags || d->mask);

	sb_addc(c->sb, '{');
	switch (d->kind) {
	case DISP_DEFAULT:
		sb_adds(c->sb, "SIG_DFL");
		break;
	case DISP_IGNORED:
		sb_adds(c->sb, "SIG_IGN");
		break;
	case DISP_HANDLER:
		sb_adds(c->sb, "handler=");
		text_handler(c, d);
		break;
	default:
		sb_addc(c->sb, '?');
		details = false;
	}
	if (details) {
		sb_adds(c->sb, ", flags=");
		text_flags(c, d->flags);
		sb_adds(c->sb, ", mask=");
		text_mask(c, d->mask);
	}
	sb_addc(c->sb, '}');
}

/* from 1233 "tar_race" ["tar_race","parent"] <- sh(1200) <- init(1) */
void text_sender(struct text_ctx *c, const struct proc_ident *p,
			const struct ancestry *chain)
{
	size_t n = chain->count < ANCESTRY_MAX ? chain->count : ANCESTRY_MAX;

	if (p->pid > 0) {
		sb_adds(c->sb, " from ");
		sb_add_int(c->sb, p->pid);
	} else
		sb_adds(c->sb, " from a process");
	if (p->ns_pid > 0)
		sb_printf(c->sb, " (pid %d in its namespace)", (int)p->ns_pid);
	/* A gone sender still has a name when sigtrace traced it. */
	if (p->known && p->comm[0]) {
		sb_addc(c->sb, ' ');
		text_quoted_fixed(c, p->comm, sizeof(p->comm));
		sb_addc(c->sb, ' ');
		text_argv(c, &p->cmdline);
	}
	if (p->gone)
		sb_adds(c->sb, " (gone)");
	for (size_t i = 0; i < n; i++) {
		sb_adds(c->sb, " <- ");
		text_plain(c, chain->link[i].comm, sizeof(chain->link[i].comm));
		sb_addc(c->sb, '(');
		sb_add_int(c->sb, chain->link[i].pid);
		sb_addc(c->sb, ')');
	}
	if (c->cfg->verbose && p->source[0]) {
		sb_adds(c->sb, " [named by ");
		text_plain(c, p->source, sizeof(p->source));
		sb_addc(c->sb, ']');
	}
}

