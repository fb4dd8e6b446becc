/* SPDX-License-Identifier: MIT */
/*
 * oomkill.c - was a SIGKILL the OOM killer's?  ptrace never shows a
 * SIGKILL, but the kernel counts OOM kills: per memory cgroup (v2
 * memory.events, v1 memory.oom_control, "oom_kill N") and for the whole
 * machine (/proc/vmstat).  A counter that rose between a process's mark
 * and its death says so (measured: both move for an OOM kill, neither
 * for kill -9).  v1 counts only the cgroup's own kills, so the mark is
 * taken again when an exec finds the process in another cgroup (it may
 * have been moved into a small one before its exec).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "oomkill.h"
#include "strbuf.h"
#include "xmalloc.h"

/* The value of KEY ("oom_kill") in a "key value" file; false when the
 * file or the key is missing. */
static bool read_counter(const char *path, const char *key, uint64_t *v)
{
	struct strbuf sb = STRBUF_INIT;
	size_t klen = strlen(key);
	bool found = false;

	if (sb_read_file(&sb, path) == 0) {
		for (const char *l = sb.buf; l && *l; l = strchr(l, '\n')) {
			if (*l == '\n')
				l++;
			if (strncmp(l, key, klen) == 0 && l[klen] == ' ') {
				found = sscanf(l + klen, " %" SCNu64, v) == 1;
				break;
			}
		}
	}
	sb_free(&sb);
	return found;
}

/* The memory cgroup's counter file of PID, from /proc/PID/cgroup. */
static bool cgroup_file(pid_t pid, char *out, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	char path[64];
	bool found = false;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	if (sb_read_file(&sb, path) < 0)
		return false;
	for (char *l = sb.buf, *nl; l && *l && !found; l = nl) {
		char *rel;

		nl = strchr(l, '\n');
		if (nl)
			*nl++ = '\0';
		if (strncmp(l, "0::", 3) == 0) {
			rel = l + 3;
			snprintf(out, len, "/sys/fs/cgroup%s%smemory.events", rel,
				 strcmp(rel, "/") ? "/" : "");
			found = true;
		} else if ((rel = strstr(l, ":memory:"))) {
			rel += 8;
			snprintf(out, len, "/sys/fs/cgroup/memory%s%smemory.oom_control",
				 rel, strcmp(rel, "/") ? "/" : "");
			found = true;
		}
	}
	sb_free(&sb);
	return found;
}

/* PATH, kept once for the whole run: a trace meets few cgroups and
 * many processes, which point at their cgroup's path here. */
static const char *path_kept(const char *path)
{
	static struct kept {
		struct kept *next;
		char path[];
	} *kept;
	struct kept *k;

	for (k = kept; k; k = k->next)
		if (strcmp(k->path, path) == 0)
			return k->path;
	k = xmalloc(sizeof(*k) + strlen(path) + 1);
	strcpy(k->path, path);
	k->next = kept;
	kept = k;
	return k->path;
}

void oom_mark(pid_t pid, struct oom_mark *m)
{
	char events[256];

	memset(m, 0, sizeof(*m));
	if (cgroup_file(pid, events, sizeof(events))) {
		m->events = path_kept(events);
		m->has_cgroup = read_counter(m->events, "oom_kill",
					     &m->cgroup);
	}
	m->has_vmstat = read_counter("/proc/vmstat", "oom_kill", &m->vmstat);
}

void oom_remark(pid_t pid, struct oom_mark *m)
{
	char events[256];

	if (!cgroup_file(pid, events, sizeof(events)) || !m->events ||
	    strcmp(events, m->events) != 0)
		oom_mark(pid, m);
}

bool oom_happened(const struct oom_mark *m)
{
	uint64_t v;

	if (m->has_cgroup)
		return read_counter(m->events, "oom_kill", &v) && v > m->cgroup;
	return m->has_vmstat && read_counter("/proc/vmstat", "oom_kill", &v) &&
		v > m->vmstat;
}
