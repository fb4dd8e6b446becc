/* SPDX-License-Identifier: MIT */
/*
 * targets.h - what to attach to besides a fixed pid: the pid in a
 * pidfile, the processes whose name matches a regex, the members of a
 * cgroup or of a systemd unit.  Each target resolves to the processes it
 * matches now (a scan) and says whether a process that just appeared is
 * one of them (a check), so that sigtrace attaches at the start and as
 * processes come (watch.c).
 */
#ifndef SIGTRACE_TARGETS_H
#define SIGTRACE_TARGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define TARGETS_MAX 8

enum target_kind {
	TARGET_PID,		/* -p: a process that never comes back */
	TARGET_PIDFILE,		/* --pidfile FILE */
	TARGET_NAME,		/* --name REGEX: comm or argv[0] */
	TARGET_CGROUP,		/* --cgroup DIR, and every cgroup below */
	TARGET_UNIT,		/* --unit NAME: the unit's cgroup */
	TARGET__COUNT
};

struct target_spec {
	enum target_kind kind;
	const char *arg;	/* as given (a pid in decimal for -p) */
};

/* "pid", "pidfile", "name", "cgroup", "unit": the JSON names. */
const char *target_kind_name(enum target_kind kind);

/* Can ARG name a target of KIND (a regex that compiles, a unit name)?
 * 0, or -1 with one line in ERR.  Looks at nothing outside ARG. */
int target_spec_check(enum target_kind kind, const char *arg, char *err,
		      size_t errlen);

struct targets;

/* Ready SPECS (which must outlive the result) for resolving.  NULL with
 * one line in ERR when one cannot be used: no systemd for a unit, a
 * cgroup directory that is not one. */
struct targets *targets_new(const struct target_spec *specs, size_t n,
			    char *err, size_t errlen);
void targets_free(struct targets *tg);

/* A process PID that target WHY matches. */
typedef void (*target_found_fn)(void *ctx, pid_t pid,
				const struct target_spec *why);

/* Every process the targets match now.  FULL also walks /proc (names)
 * and the cgroup tree (a unit not found yet); without it, only the
 * cheap reads (pidfiles, known cgroups' member lists). */
void targets_scan(struct targets *tg, bool full, target_found_fn fn,
		  void *ctx);
/* Which of PIDS, processes that just appeared, a target matches: FN
 * once for each, with the first target that does. */
void targets_check(struct targets *tg, const pid_t *pids, size_t n,
		   target_found_fn fn, void *ctx);

/* An inotify descriptor that becomes readable when a pidfile may have
 * changed, or -1 (no pidfile, or no inotify: ticks re-read them). */
int targets_notify_fd(const struct targets *tg);
/* Empty that descriptor; true when a pidfile was written or replaced. */
bool targets_notified(struct targets *tg);
/* Do the names need checking when a process renames itself? */
bool targets_by_name(const struct targets *tg);

/* ---- pure parsers, unit-tested ---- */

/* A pidfile: a positive decimal pid, blanks around it.  0 or -1. */
int target_parse_pidfile(const char *buf, size_t len, pid_t *pid);
/* Could a process started START_TICKS (clock ticks of HZ) after boot
 * (at BTIME) have written a pidfile last written at MTIME (seconds
 * since the epoch)?  Not when it started after: its pid was reused. */
bool target_pidfile_current(int64_t mtime, int64_t btime,
			    uint64_t start_ticks, long hz);
/* Does a /proc/PID/cgroup text put the process in UNIT (a path
 * component of one of its lines equal to UNIT)? */
bool target_cgroup_has_unit(const char *buf, size_t len, const char *unit);
/* UNIT with ".service" added when it names no unit type. */
void target_unit_name(const char *unit, char *out, size_t len);
/* The first directory called NAME under ROOT (at most 8 levels down),
 * into OUT.  0, or -ENOENT. */
int target_find_dir(const char *root, const char *name, char *out,
		    size_t len);

#endif
