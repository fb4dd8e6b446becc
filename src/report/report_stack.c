/* SPDX-License-Identifier: MIT */
/*
 * report_stack.c - the -k backtraces in the reports, said the same way
 * by every renderer: a frame is its function (demangled), where in the
 * source when debug information said so, else where in its module:
 *
 *   #1 svc::Reloader::reload()+0x15 at cxx_handler.cc:51 (cxx_handler)
 *   #0 read+0x12 (libc.so.6+0x10e1d2)
 *
 * Plain UTF-8 text, escaped by the renderer that prints it.
 */
#include <string.h>

#include "report.h"

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* "svc::Reloader::reload()+0x15 at cxx_handler.cc:51 (cxx_handler)" */
static void report_frame(const struct analyzer *a,
			 const struct an_frame *f, struct strbuf *sb)
{
	const char *module = base_name(an_pool_str(a, f->module));

	if (f->symbol) {
		sb_adds(sb, an_pool_str(a, f->symbol));
		if (!f->inlined)
			sb_printf(sb, "+0x%llx", (unsigned long long)f->offset);
	} else {
		sb_printf(sb, "0x%llx", (unsigned long long)f->ip);
	}
	if (f->inlined)
		sb_adds(sb, " [inlined]");
	if (f->file) {
		sb_printf(sb, " at %s", an_pool_str(a, f->file));
		if (f->line)
			sb_printf(sb, ":%u", f->line);
	}
	if (!*module)
		return;
	if (f->symbol)
		sb_printf(sb, " (%s)", module);
	else
		sb_printf(sb, " (%s+0x%llx)", module,
			  (unsigned long long)f->offset);
}

/* One line per frame, "#N frame\n", each after INDENT. */
static void report_stack_lines(const struct analyzer *a,
			       const struct an_stack *st, const char *indent,
			       struct strbuf *sb)
{
	if (st->unavailable) {
		sb_printf(sb, "%s(no backtrace: %s)\n", indent,
			  an_pool_str(a, st->unavailable));
		return;
	}
	for (uint8_t i = 0; i < st->n; i++) {
		sb_printf(sb, "%s#%u ", indent, i);
		report_frame(a, &st->f[i], sb);
		sb_addc(sb, '\n');
	}
	if (st->total > st->n)
		sb_printf(sb, "%s... %u more frames (the JSON log has them all)\n",
			  indent, st->total - st->n);
}

void report_stack_oneline(const struct analyzer *a, const struct an_stack *st,
			  struct strbuf *sb)
{
	if (st->unavailable) {
		sb_printf(sb, "(no backtrace: %s)", an_pool_str(a, st->unavailable));
		return;
	}
	for (uint8_t i = 0; i < st->n; i++) {
		sb_adds(sb, i ? " <- " : "");
		report_frame(a, &st->f[i], sb);
	}
	if (st->total > st->n)
		sb_adds(sb, " <- ...");
}

void report_item_stacks(const struct analyzer *a, const struct an_item *it,
			struct strbuf *sb)
{
	const struct an_stack *st;
	char buf[32];

	if (it->kind != ITEM_FINDING)
		return;
	st = an_stack_delivery(a, it->ref);
	if (st) {
		sb_adds(sb, "stack at the delivery:\n");
		report_stack_lines(a, st, "  ", sb);
	}
	st = an_stack_finding_sigaction(a, it->ref);
	if (st) {
		sb_printf(sb, "stack of the last sigaction of %s before it:\n",
			  an_signame(a->findings[it->ref].signo, buf,
				     sizeof(buf)));
		report_stack_lines(a, st, "  ", sb);
	}
}
