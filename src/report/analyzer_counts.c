/* SPDX-License-Identifier: MIT */
/*
 * analyzer_counts.c - per signal, what the -c table shows beyond the
 * delivery counts of analyzer_stats.c: EINTRs caused, distinct senders,
 * findings.  Senders are counted exactly up to AN_SENDER_SET (signal,
 * sender) pairs, then shown as "at least".  Memory is taken at the
 * first signal, so a log without any costs nothing.
 */
#include <stdlib.h>

#include "analyzer.h"
#include "xmalloc.h"

static struct an_counts *counts(struct analyzer *a)
{
	if (!a->counts)
		a->counts = xcalloc(1, sizeof(*a->counts));
	return a->counts;
}

/* true when (SIGNO, PID) was not seen before. */
static bool sender_new(struct an_counts *c, int signo, pid_t pid,
		       bool *full)
{
	/* pid 0: the kernel (or an unnamed origin), one sender. */
	uint64_t key = ((uint64_t)signo << 32 | (uint32_t)pid) + 1;
	uint32_t h = (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> 40);

	for (uint32_t i = 0; i < AN_SENDER_SET; i++) {
		uint64_t *slot = &c->seen[(h + i) % AN_SENDER_SET];

		if (*slot == key)
			return false;
		if (*slot)
			continue;
		if (c->nseen >= AN_SENDER_SET / 2) {
			*full = true;
			return false;
		}
		*slot = key;
		c->nseen++;
		return true;
	}
	*full = true;
	return false;
}

static bool signo_ok(int signo)
{
	return signo >= 1 && signo <= SIG_MAX;
}

void an_counts_event(struct analyzer *a, const struct event *e)
{
	struct an_sigcount *sc;
	bool full = false;
	int signo;

	switch (e->type) {
	case EV_SIGNAL:
		signo = e->u.sig.signo;
		if (!signo_ok(signo))
			return;
		sc = &counts(a)->sig[signo];
		if (sender_new(a->counts, signo, e->u.sig.has_sender ?
			       e->u.sig.sender.pid : 0, &full))
			sc->senders++;
		sc->senders_more |= full;
		break;
	case EV_EINTR:
		if (signo_ok(e->u.sc.signo))
			counts(a)->sig[e->u.sc.signo].eintr++;
		break;
	case EV_FINDING:
		if (signo_ok(e->u.finding.signo) &&
		    e->u.finding.kind != FINDING_DANGEROUS_DEFAULTS)
			counts(a)->sig[e->u.finding.signo].findings++;
		break;
	default:
		break;
	}
}
