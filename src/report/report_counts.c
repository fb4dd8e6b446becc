/* SPDX-License-Identifier: MIT */
/*
 * report_counts.c - the -c table, like strace -c's but per signal: how
 * many deliveries, what they met (handler, SIG_IGN, the default, and of
 * those how many killed or stopped), the EINTRs they caused, how many
 * distinct senders, how many findings; sorted by a column (-S), with a
 * total.  8675 SIGRTMIN+3 deliveries then say which signal they were.
 */
#define _GNU_SOURCE	/* qsort_r */
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define NAME_BUF 32

enum sort_col {
	SORT_DELIVERED,		/* the default: 0 */
	SORT_HANDLED,
	SORT_IGNORED,
	SORT_DEFAULT,
	SORT_EINTR,
	SORT_SENDERS,
	SORT_FINDINGS,
	SORT_SIGNAL,
	SORT_NOTHING,
};

static const struct {
	const char *name;
	enum sort_col col;
} sort_names[] = {
	{ "delivered", SORT_DELIVERED }, { "handled", SORT_HANDLED },
	{ "ignored", SORT_IGNORED }, { "default", SORT_DEFAULT },
	{ "eintr", SORT_EINTR }, { "senders", SORT_SENDERS },
	{ "findings", SORT_FINDINGS }, { "signal", SORT_SIGNAL },
	{ "nothing", SORT_NOTHING },
	/* strace -S's names, for its users: */
	{ "calls", SORT_DELIVERED }, { "count", SORT_DELIVERED },
	{ "name", SORT_SIGNAL }, { "errors", SORT_EINTR },
	{ "none", SORT_NOTHING },
};

int report_counts_sort(const char *name)
{
	for (size_t i = 0; i < sizeof(sort_names) / sizeof(sort_names[0]); i++)
		if (strcmp(sort_names[i].name, name) == 0)
			return (int)sort_names[i].col;
	return -1;
}

const char *report_counts_sort_help(void)
{
	return "expected delivered, handled, ignored, default, eintr, senders, findings, signal or nothing (strace's calls, name and errors also work)";
}

struct row {
	int signo;
	uint64_t v[SORT_SIGNAL];	/* the numeric columns */
	bool senders_more;
};

static void row_fill(const struct analyzer *a, int signo, struct row *r)
{
	const struct an_sigstat *st = &a->sigs[signo];
	const struct an_sigcount *sc = a->counts ? &a->counts->sig[signo] :
		NULL;

	memset(r, 0, sizeof(*r));
	r->signo = signo;
	r->v[SORT_DELIVERED] = st->delivered;
	r->v[SORT_HANDLED] = st->handled;
	r->v[SORT_IGNORED] = st->ignored;
	r->v[SORT_DEFAULT] = st->deflt;
	if (sc) {
		r->v[SORT_EINTR] = sc->eintr;
		r->v[SORT_SENDERS] = sc->senders;
		r->v[SORT_FINDINGS] = sc->findings;
		r->senders_more = sc->senders_more;
	}
}

static int row_cmp(const void *x, const void *y, void *arg)
{
	const struct row *a = x, *b = y;
	enum sort_col sort_by = *(const enum sort_col *)arg;

	if (sort_by < SORT_SIGNAL && a->v[sort_by] != b->v[sort_by])
		return a->v[sort_by] > b->v[sort_by] ? -1 : 1;
	return a->signo - b->signo;
}

static void row_print(struct report_ctx *c, const char *name,
		      const struct row *r, uint64_t fatal, uint64_t stopped)
{
	sb_printf(c->out, "%-14s %9llu %8llu %8llu %8llu %6llu %7llu %7llu %7llu%s %8llu\n",
		  name, (unsigned long long)r->v[SORT_DELIVERED],
		  (unsigned long long)r->v[SORT_HANDLED],
		  (unsigned long long)r->v[SORT_IGNORED],
		  (unsigned long long)r->v[SORT_DEFAULT],
		  (unsigned long long)fatal, (unsigned long long)stopped,
		  (unsigned long long)r->v[SORT_EINTR],
		  (unsigned long long)r->v[SORT_SENDERS],
		  r->senders_more ? "+" : " ",
		  (unsigned long long)r->v[SORT_FINDINGS]);
}

static const char rule[] =
	"-------------- --------- -------- -------- -------- ------ ------- ------- -------- --------\n";

static void counts_table(struct report_ctx *c)
{
	const struct analyzer *a = c->a;
	struct row rows[SIG_MAX], total = { 0 };
	uint64_t fatal = 0, stopped = 0;
	enum sort_col sort_by = (enum sort_col)c->opts->count_sort;
	char buf[NAME_BUF];
	size_t n = 0;

	for (int s = 1; s <= SIG_MAX; s++)
		if (a->sigs[s].delivered)
			row_fill(a, s, &rows[n++]);
	if (sort_by != SORT_NOTHING)
		qsort_r(rows, n, sizeof(rows[0]), row_cmp, &sort_by);
	sb_adds(c->out, "signal         delivered  handled  ignored  default  fatal stopped   EINTR  senders findings\n");
	sb_adds(c->out, rule);
	for (size_t i = 0; i < n; i++) {
		const struct an_sigstat *st = &a->sigs[rows[i].signo];

		row_print(c, an_signame(rows[i].signo, buf, sizeof(buf)),
			  &rows[i], st->fatal, st->stopped);
		for (int k = 0; k < SORT_SIGNAL; k++)
			total.v[k] += rows[i].v[k];
		total.senders_more |= rows[i].senders_more;
		fatal += st->fatal;
		stopped += st->stopped;
	}
	if (!n)
		sb_adds(c->out, "(no signal was delivered)\n");
	sb_adds(c->out, rule);
	row_print(c, "total", &total, fatal, stopped);
}

const struct report_ops report_counts_ops = {
	.name = "counts",
	.signals = counts_table,
};
