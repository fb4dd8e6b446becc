/* SPDX-License-Identifier: MIT */
/*
 * oomkill.h - whether the OOM killer killed a process: its memory
 * cgroup's oom_kill counter (or the machine's) before and after.
 */
#ifndef SIGTRACE_OOMKILL_H
#define SIGTRACE_OOMKILL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct oom_mark {
	const char *events;	/* the cgroup's counter file (kept by
				 * oomkill.c for the whole run) */
	uint64_t cgroup;	/* its oom_kill then */
	uint64_t vmstat;	/* /proc/vmstat's oom_kill then */
	bool has_cgroup, has_vmstat;
};

/* The counters as they are now, for PID's cgroup. */
void oom_mark(pid_t pid, struct oom_mark *m);
/* At an exec: mark again only if PID moved to another cgroup (one read
 * when it did not). */
void oom_remark(pid_t pid, struct oom_mark *m);
/* Did the OOM killer kill anything in that cgroup (without one: on the
 * machine) since M? */
bool oom_happened(const struct oom_mark *m);

#endif
