/* SPDX-License-Identifier: MIT */
/*
 * targets.c - from a pidfile, a name, a cgroup or a systemd unit to the
 * processes it means, now and as they appear.  Membership of a cgroup is
 * read from the cgroup's own member lists (cgroup.procs, the directory
 * and every one below), which is exact on cgroup v1 and v2 alike; a unit
 * is found by its directory name in the systemd hierarchy, and a process
 * that just appeared is in it when a component of its /proc/PID/cgroup
 * path is the unit (so it works before the unit's directory exists).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc.h"
#include "strbuf.h"
#include "targets.h"
#include "xmalloc.h"

/* systemd's own test that it runs the machine (sd_booted). */
#define SYSTEMD_RUN_DIR "/run/systemd/system"
#define WALK_DEPTH 8

struct target {
	const struct target_spec *spec;
	regex_t re;		/* name */
	bool has_re;
	char *dir;		/* cgroup; unit: once found */
	char unit[256];		/* unit: the full name */
	const char *file_name;	/* pidfile: its name in its directory */
	int wd;			/* pidfile: inotify watch, or -1 */
};

struct targets {
	struct target t[TARGETS_MAX];
	size_t n;
	int inotify_fd;
	struct strbuf sb;	/* scratch for every read */
	pid_t *set;		/* a cgroup's members, read once per check */
	size_t nset, capset;
	int64_t btime;		/* boot time (s since the epoch), once read */
};

static const char *const kind_names[TARGET__COUNT] = {
	[TARGET_PID] = "pid",
	[TARGET_PIDFILE] = "pidfile",
	[TARGET_NAME] = "name",
	[TARGET_CGROUP] = "cgroup",
	[TARGET_UNIT] = "unit",
};

const char *target_kind_name(enum target_kind kind)
{
	return (unsigned)kind < TARGET__COUNT ? kind_names[kind] : "?";
}

/* ---- pure parsers ---- */

int target_parse_pidfile(const char *buf, size_t len, pid_t *pid)
{
	size_t i = 0;
	long long v = 0;

	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n'))
		i++;
	if (i == len || buf[i] < '0' || buf[i] > '9')
		return -1;
	for (; i < len && buf[i] >= '0' && buf[i] <= '9'; i++) {
		v = v * 10 + (buf[i] - '0');
		if (v > INT_MAX)
			return -1;
	}
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n'))
		i++;
	if (i != len || v <= 0)
		return -1;
	*pid = (pid_t)v;
	return 0;
}

/* Is UNIT one of the '/'-separated components of PATH[0..LEN)? */
static bool path_has_component(const char *path, size_t len, const char *unit)
{
	size_t ulen = strlen(unit), i = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && path[j] != '/')
			j++;
		if (j - i == ulen && memcmp(path + i, unit, ulen) == 0)
			return true;
		i = j + 1;
	}
	return false;
}

bool target_cgroup_has_unit(const char *buf, size_t len, const char *unit)
{
	size_t i = 0;

	/* Lines "ID:CONTROLLERS:PATH"; the path is after the second ':'. */
	while (i < len) {
		const char *line = buf + i;
		const char *nl = memchr(line, '\n', len - i);
		size_t llen = nl ? (size_t)(nl - line) : len - i;
		const char *c1 = memchr(line, ':', llen);
		const char *c2 = c1 ? memchr(c1 + 1, ':', llen - (size_t)(c1 + 1 - line)) : NULL;

		if (c2 && path_has_component(c2 + 1,
					     llen - (size_t)(c2 + 1 - line), unit))
			return true;
		i += llen + 1;
	}
	return false;
}

void target_unit_name(const char *unit, char *out, size_t len)
{
	static const char *const types[] = {
		"service", "socket", "scope", "slice", "mount", "swap",
		"target", "timer", "path", "device", "automount",
	};
	const char *dot = strrchr(unit, '.');

	if (dot)
		for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (strcmp(dot + 1, types[i]) == 0) {
				snprintf(out, len, "%s", unit);
				return;
			}
	snprintf(out, len, "%s.service", unit);
}

static int find_dir(const char *root, const char *name, char *out,
		    size_t len, int depth)
{
	DIR *d = opendir(root);
	struct dirent *de;
	int rc = -ENOENT;

	if (!d)
		return -ENOENT;
	while (rc < 0 && (de = readdir(d)) != NULL) {
		char sub[PATH_MAX];

		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", root,
				     de->d_name) >= sizeof(sub))
			continue;
		if (strcmp(de->d_name, name) == 0) {
			snprintf(out, len, "%s", sub);
			rc = 0;
		} else if (depth > 1) {
			rc = find_dir(sub, name, out, len, depth - 1);
		}
	}
	closedir(d);
	return rc;
}

int target_find_dir(const char *root, const char *name, char *out, size_t len)
{
	return find_dir(root, name, out, len, WALK_DEPTH);
}

/* ---- the command line's check ---- */

static bool unit_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || strchr(":_.\\@-", c);
}

int target_spec_check(enum target_kind kind, const char *arg, char *err,
		      size_t errlen)
{
	const char *opt[TARGET__COUNT] = {
		"-p", "--pidfile", "--name", "--cgroup", "--unit"
	};
	char why[128];
	regex_t re;
	int rc;

	if (!arg[0]) {
		snprintf(err, errlen, "%s: expected a value, not an empty string",
			 opt[kind]);
		return -1;
	}
	if (kind == TARGET_NAME) {
		rc = regcomp(&re, arg, REG_EXTENDED | REG_NOSUB);
		if (rc != 0) {
			regerror(rc, &re, why, sizeof(why));
			snprintf(err, errlen, "--name '%s': not a regular expression: %s",
				 arg, why);
			return -1;
		}
		regfree(&re);
	}
	if (kind == TARGET_UNIT) {
		for (const char *p = arg; *p; p++)
			if (!unit_char(*p)) {
				snprintf(err, errlen, "--unit '%s': not a unit name (letters, digits and :_.\\@- only)",
					 arg);
				return -1;
			}
		if (strlen(arg) > 240) {
			snprintf(err, errlen, "--unit: a unit name is at most 240 characters");
			return -1;
		}
	}
	return 0;
}

/* ---- resolving ---- */

static void set_add(struct targets *tg, pid_t pid)
{
	if (tg->nset == tg->capset) {
		tg->capset = tg->capset ? 2 * tg->capset : 64;
		tg->set = xrealloc(tg->set, tg->capset * sizeof(*tg->set));
	}
	tg->set[tg->nset++] = pid;
}

/* The members of DIR and of every cgroup below it, added to tg->set. */
static void read_members(struct targets *tg, const char *dir, int depth)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "%s/cgroup.procs", dir);
	if (sb_read_file(&tg->sb, path) == 0) {
		char *p = tg->sb.buf, *end;

		for (;;) {
			long v = strtol(p, &end, 10);

			if (end == p)
				break;
			if (v > 0 && v <= INT_MAX)
				set_add(tg, (pid_t)v);
			p = end;
		}
	}
	if (depth <= 0 || !(d = opendir(dir)))
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir,
				     de->d_name) < sizeof(path))
			read_members(tg, path, depth - 1);
	}
	closedir(d);
}

/* Where systemd keeps its units: the v2 hierarchy, or the v1 one of
 * name=systemd on a hybrid machine. */
static int unit_find(struct target *t)
{
	static const char *const roots[] = {
		"/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd",
		"/sys/fs/cgroup",
	};
	char dir[PATH_MAX];

	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
		if (target_find_dir(roots[i], t->unit, dir, sizeof(dir)) == 0) {
			free(t->dir);
			t->dir = xstrdup(dir);
			return 0;
		}
	return -ENOENT;
}

bool target_pidfile_current(int64_t mtime, int64_t btime,
			    uint64_t start_ticks, long hz)
{
	/* Whole seconds on both sides: a second of slack. */
	return hz <= 0 || btime <= 0 ||
		btime + (int64_t)(start_ticks / (uint64_t)hz) <= mtime + 1;
}

/* The boot time, from /proc/stat's btime; 0 when unknown. */
static int64_t boot_time(struct targets *tg)
{
	const char *p;

	if (tg->btime == 0 && sb_read_file(&tg->sb, "/proc/stat") == 0 &&
	    (p = strstr(tg->sb.buf, "\nbtime ")) != NULL)
		tg->btime = strtoll(p + 7, NULL, 10);
	return tg->btime;
}

/* The pid in the pidfile, if the process that has it now could have
 * written it: a pidfile left behind by a dead daemon names a pid that
 * the kernel may have given to an unrelated process since, which
 * started after the file was written. */
static int pidfile_read(struct targets *tg, const struct target *t,
			pid_t *pid)
{
	struct proc_stat ps;
	struct stat st;

	if (stat(t->spec->arg, &st) < 0 ||
	    sb_read_file(&tg->sb, t->spec->arg) < 0 ||
	    target_parse_pidfile(tg->sb.buf, tg->sb.len, pid) < 0 ||
	    proc_read_stat(*pid, &ps) < 0)
		return -1;
	return target_pidfile_current(st.st_mtime, boot_time(tg),
				      ps.start_time, sysconf(_SC_CLK_TCK)) ?
		0 : -1;
}

static bool name_matches(const struct target *t, pid_t pid)
{
	char comm[COMM_MAX];
	struct cmdline argv;
	const char *slash;

	if (pid == getpid())
		return false;
	if (proc_read_comm(pid, comm, sizeof(comm)) == 0 &&
	    regexec(&t->re, comm, 0, NULL, 0) == 0)
		return true;
	if (proc_read_cmdline(pid, &argv) < 0 || argv.len == 0)
		return false;
	argv.buf[argv.len < CMDLINE_MAX ? argv.len : CMDLINE_MAX - 1] = '\0';
	if (regexec(&t->re, argv.buf, 0, NULL, 0) == 0)
		return true;
	slash = strrchr(argv.buf, '/');
	return slash && regexec(&t->re, slash + 1, 0, NULL, 0) == 0;
}

static bool in_unit(struct targets *tg, const struct target *t, pid_t pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/cgroup", pid);
	return sb_read_file(&tg->sb, path) == 0 &&
		target_cgroup_has_unit(tg->sb.buf, tg->sb.len, t->unit);
}

static void scan_names(const struct target *t, target_found_fn fn,
		       void *ctx)
{
	DIR *d = opendir("/proc");
	struct dirent *de;

	if (!d)
		return;
	while ((de = readdir(d)) != NULL) {
		pid_t pid = (pid_t)atoi(de->d_name);

		if (pid > 0 && name_matches(t, pid))
			fn(ctx, pid, t->spec);
	}
	closedir(d);
}

void targets_scan(struct targets *tg, bool full, target_found_fn fn,
		  void *ctx)
{
	for (size_t i = 0; i < tg->n; i++) {
		struct target *t = &tg->t[i];
		pid_t pid;

		switch (t->spec->kind) {
		case TARGET_PIDFILE:
			if (pidfile_read(tg, t, &pid) == 0)
				fn(ctx, pid, t->spec);
			break;
		case TARGET_NAME:
			if (full)
				scan_names(t, fn, ctx);
			break;
		case TARGET_UNIT:
			if (!t->dir && (!full || unit_find(t) < 0))
				break;
			/* fall through */
		case TARGET_CGROUP:
			tg->nset = 0;
			read_members(tg, t->dir, WALK_DEPTH);
			for (size_t k = 0; k < tg->nset; k++)
				fn(ctx, tg->set[k], t->spec);
			break;
		default:
			break;
		}
	}
}

/* Does target T match PID?  tg->set holds T's members when a cgroup. */
static bool check_one(struct targets *tg, const struct target *t,
		      pid_t pid, pid_t pidfile_pid)
{
	switch (t->spec->kind) {
	case TARGET_PIDFILE:
		return pid == pidfile_pid;
	case TARGET_NAME:
		return name_matches(t, pid);
	case TARGET_UNIT:
		return in_unit(tg, t, pid);
	case TARGET_CGROUP:
		for (size_t k = 0; k < tg->nset; k++)
			if (tg->set[k] == pid)
				return true;
		return false;
	default:
		return false;
	}
}

void targets_check(struct targets *tg, const pid_t *pids, size_t n,
		   target_found_fn fn, void *ctx)
{
	bool *done = xcalloc(n ? n : 1, sizeof(*done));

	for (size_t i = 0; i < tg->n; i++) {
		struct target *t = &tg->t[i];
		pid_t pidfile_pid = 0;

		/* One read per target for the whole batch. */
		if (t->spec->kind == TARGET_PIDFILE &&
		    pidfile_read(tg, t, &pidfile_pid) < 0)
			continue;
		if (t->spec->kind == TARGET_CGROUP) {
			tg->nset = 0;
			read_members(tg, t->dir, WALK_DEPTH);
		}
		for (size_t k = 0; k < n; k++) {
			if (done[k] || !check_one(tg, t, pids[k], pidfile_pid))
				continue;
			done[k] = true;
			fn(ctx, pids[k], t->spec);
		}
	}
	free(done);
}

/* ---- setting up ---- */

static void watch_pidfile(struct targets *tg, struct target *t)
{
	const char *path = t->spec->arg, *slash = strrchr(path, '/');
	char dir[PATH_MAX];

	t->file_name = slash ? slash + 1 : path;
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (tg->inotify_fd < 0)
		tg->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	/* No inotify, or no such directory yet: the ticks re-read it. */
	t->wd = tg->inotify_fd < 0 ? -1 :
		inotify_add_watch(tg->inotify_fd, dir,
				  IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE);
}

static int setup_one(struct targets *tg, struct target *t, char *err,
		     size_t errlen)
{
	const char *arg = t->spec->arg;
	char path[PATH_MAX], real[PATH_MAX];

	switch (t->spec->kind) {
	case TARGET_NAME:
		t->has_re = regcomp(&t->re, arg, REG_EXTENDED | REG_NOSUB) == 0;
		if (!t->has_re)
			return target_spec_check(TARGET_NAME, arg, err, errlen);
		return 0;
	case TARGET_PIDFILE:
		watch_pidfile(tg, t);
		return 0;
	case TARGET_CGROUP:
		snprintf(path, sizeof(path), "%s/cgroup.procs", arg);
		if (!realpath(arg, real) || access(path, R_OK) < 0) {
			snprintf(err, errlen, "--cgroup %s: not a cgroup directory (no readable cgroup.procs in it): %s",
				 arg, strerror(errno));
			return -1;
		}
		t->dir = xstrdup(real);
		return 0;
	case TARGET_UNIT:
		if (access(SYSTEMD_RUN_DIR, F_OK) < 0) {
			snprintf(err, errlen, "--unit %s: systemd does not run this machine (no %s); name the service's cgroup with --cgroup DIR or its pidfile with --pidfile FILE",
				 arg, SYSTEMD_RUN_DIR);
			return -1;
		}
		target_unit_name(arg, t->unit, sizeof(t->unit));
		unit_find(t);	/* not running yet: found when it starts */
		return 0;
	default:
		return 0;
	}
}

struct targets *targets_new(const struct target_spec *specs, size_t n,
			    char *err, size_t errlen)
{
	struct targets *tg = xcalloc(1, sizeof(*tg));

	tg->inotify_fd = -1;
	for (size_t i = 0; i < n && i < TARGETS_MAX; i++) {
		struct target *t = &tg->t[tg->n++];

		t->spec = &specs[i];
		t->wd = -1;
		if (setup_one(tg, t, err, errlen) < 0) {
			targets_free(tg);
			return NULL;
		}
	}
	return tg;
}

void targets_free(struct targets *tg)
{
	if (!tg)
		return;
	for (size_t i = 0; i < tg->n; i++) {
		if (tg->t[i].has_re)
			regfree(&tg->t[i].re);
		free(tg->t[i].dir);
	}
	if (tg->inotify_fd >= 0)
		close(tg->inotify_fd);
	sb_free(&tg->sb);
	free(tg->set);
	free(tg);
}

int targets_notify_fd(const struct targets *tg)
{
	return tg->inotify_fd;
}

bool targets_by_name(const struct targets *tg)
{
	for (size_t i = 0; i < tg->n; i++)
		if (tg->t[i].spec->kind == TARGET_NAME)
			return true;
	return false;
}

bool targets_notified(struct targets *tg)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool changed = false;
	ssize_t n;

	if (tg->inotify_fd < 0)
		return false;
	while ((n = read(tg->inotify_fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const void *)p;

			for (size_t i = 0; i < tg->n; i++)
				if (tg->t[i].wd == ev->wd && ev->len &&
				    strcmp(ev->name, tg->t[i].file_name) == 0)
					changed = true;
			/* Events dropped: look anyway. */
			if (ev->mask & IN_Q_OVERFLOW)
				changed = true;
			p += sizeof(*ev) + ev->len;
		}
	}
	return changed;
}
