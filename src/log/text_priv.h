/* SPDX-License-Identifier: MIT */
/*
 * text_priv.h - what the text log's printers (sink_text.c) build their
 * lines from (text_parts.c): escaped names, command lines, signal sets,
 * flags, handlers, dispositions, senders, backtraces.
 */
#ifndef SIGTRACE_TEXT_PRIV_H
#define SIGTRACE_TEXT_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include "sigtab.h"
#include "sink.h"
#include "strbuf.h"

#define NAME_BUF 32

#define COLOR_RESET "\033[0m"
#define COLOR_FINDING "\033[1;31m"	/* red, bold */
#define COLOR_HANDLED "\033[2m"		/* dim */
#define COLOR_EINTR "\033[33m"		/* yellow */

/* What a printer needs while it builds one line. */
struct text_ctx {
	struct strbuf *sb;
	const struct sink_config *cfg;
	bool colored;		/* a colour was started: reset at the end */
};

/* Start colour SEQ when colour is on (reset at the end of the line). */
void text_color_on(struct text_ctx *c, const char *seq);
/* Untrusted text: "quoted" and escaped (LEN bytes, or up to SIZE's NUL),
 * or escaped alone (text_plain). */
void text_quoted(struct text_ctx *c, const char *s, size_t len);
void text_quoted_fixed(struct text_ctx *c, const char *s, size_t size);
void text_plain(struct text_ctx *c, const char *s, size_t size);
/* ["arg0","arg1"], as -s cuts it. */
void text_argv(struct text_ctx *c, const struct cmdline *cl);
void text_signame(struct text_ctx *c, int signo);
/* [SIGHUP SIGUSR1] */
void text_mask(struct text_ctx *c, sigbits_t mask);
/* 0x401136 <on_usr1> (/usr/bin/prog+0x1136) */
void text_handler(struct text_ctx *c, const struct disposition *d);
/* -k: the backtrace of E, one frame a line after it. */
void text_stack(struct text_ctx *c, const struct event *e);
/* "handler 0x... [SA_RESTART]", "default (term)" */
void text_disp_short(struct text_ctx *c, int signo,
		     const struct disposition *d);
/* {handler=..., flags=..., mask=[...]} as strace writes a sigaction */
void text_disp_struct(struct text_ctx *c, const struct disposition *d);
/* " from 1233 "tar_race" [...] <- sh(1200)" */
void text_sender(struct text_ctx *c, const struct proc_ident *p,
		 const struct ancestry *chain);

#endif
