/* SPDX-License-Identifier: MIT */
/*
 * report_order.c - which processes a report names first.  A reader
 * handed a report of a run with sixty processes wants the one that died
 * on the first screen, not after fifty-nine "exited 0" rows: processes
 * killed or stopped by a signal come first, then those with anything
 * else to say, and the quiet rest is only counted (HTML keeps them
 * behind a <details>, the JSON report lists them all).
 */
#include "report.h"

enum report_proc_class report_proc_class(const struct an_proc *p)
{
	if (p->verdict == VERDICT_KILLED ||
	    (an_proc_fatal(p)->known &&
	     an_proc_fatal(p)->action == SIG_ACT_STOP))
		return PROC_DIED;
	if (p->verdict != VERDICT_EXITED || p->exit_code != 0 ||
	    p->nfindings > 0 || p->eintrs > 0)
		return PROC_NOTABLE;
	return PROC_QUIET;
}

uint32_t report_proc_count(const struct analyzer *a,
			   enum report_proc_class cls)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < a->nprocs; i++)
		n += report_proc_class(a->procs[i]) == cls;
	return n;
}

void report_quiet_line(const struct analyzer *a, struct strbuf *sb)
{
	uint32_t quiet = report_proc_count(a, PROC_QUIET);

	sb_printf(sb, "%u %sprocess%s exited 0", quiet,
		  quiet < a->nprocs ? "other " : "", quiet == 1 ? "" : "es");
}
