/* SPDX-License-Identifier: MIT */
/*
 * outfile.c - opening what sigtrace writes, safely for the user who runs
 * it (root, often): never through a link planted in a shared directory,
 * never into another user's file, never readable by others; and never
 * two outputs into one file (docs/safety.md, "Output files").
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "outfile.h"

/* A path that names a descriptor: /dev/fd/N and /proc/self/fd/N. */
static int fd_in_path(const char *path, const char *prefix)
{
	size_t len = strlen(prefix);
	char *end;
	long n;

	if (strncmp(path, prefix, len) != 0 || path[len] < '0' ||
	    path[len] > '9')
		return -1;
	n = strtol(path + len, &end, 10);
	return *end || n > INT_MAX ? -1 : (int)n;
}

int outfile_named_fd(const char *path)
{
	int fd;

	if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	fd = fd_in_path(path, "/dev/fd/");
	return fd >= 0 ? fd : fd_in_path(path, "/proc/self/fd/");
}

static void id_from_stat(struct outfile_id *id, const struct stat *st)
{
	id->exists = true;
	id->dev = st->st_dev;
	id->ino = st->st_ino;
	id->mode = st->st_mode;
	id->rdev = st->st_rdev;
}

/* A file that does not exist yet: its directory resolved, so that two
 * spellings of one new path compare equal. */
static int identify_new(const char *path, struct outfile_id *id)
{
	char copy[PATH_MAX], dir[PATH_MAX];
	const char *in = ".", *base;
	char *slash;

	if (snprintf(copy, sizeof(copy), "%s", path) >= (int)sizeof(copy))
		return -ENAMETOOLONG;
	slash = strrchr(copy, '/');
	base = slash ? slash + 1 : copy;
	if (slash == copy) {
		in = "/";
	} else if (slash) {
		*slash = '\0';
		in = copy;
	}
	if (!realpath(in, dir))
		return -errno;
	if (snprintf(id->path, sizeof(id->path), "%s/%s",
		     strcmp(dir, "/") == 0 ? "" : dir, base) >=
	    (int)sizeof(id->path))
		return -ENAMETOOLONG;
	return 0;
}

int outfile_identify(const char *path, struct outfile_id *id)
{
	struct stat st;
	int fd = path ? outfile_named_fd(path) : 2;

	memset(id, 0, sizeof(*id));
	if (fd >= 0) {
		if (fstat(fd, &st) < 0)
			return -errno;
		id_from_stat(id, &st);
		return 0;
	}
	if (stat(path, &st) == 0) {
		id_from_stat(id, &st);
		return 0;
	}
	if (errno != ENOENT)
		return -errno;
	return identify_new(path, id);
}

bool outfile_same_file(const struct outfile_id *a, const struct outfile_id *b)
{
	if (a->exists != b->exists)
		return false;
	if (!a->exists)
		return a->path[0] && strcmp(a->path, b->path) == 0;
	return a->dev == b->dev && a->ino == b->ino && S_ISREG(a->mode);
}

bool outfile_same_stream(const struct outfile_id *a,
			 const struct outfile_id *b)
{
	if (!a->exists || !b->exists || a->dev != b->dev || a->ino != b->ino)
		return outfile_same_file(a, b);
	/* Major 1: /dev/null, /dev/zero, /dev/full: nobody reads them. */
	return !(S_ISCHR(a->mode) && major(a->rdev) == 1);
}

bool outfile_link_safe(mode_t dir_mode, uid_t dir_uid, uid_t link_uid,
		       uid_t euid)
{
	bool shared = (dir_mode & S_ISVTX) && (dir_mode & S_IWOTH);

	return !shared || link_uid == euid || link_uid == dir_uid;
}

__attribute__((format(printf, 3, 4)))
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* May the link PATH (lstat LS) be followed?  Its directory decides. */
static bool link_followable(const char *path, const struct stat *ls)
{
	char copy[PATH_MAX];
	struct stat dir;

	snprintf(copy, sizeof(copy), "%s", path);
	if (stat(dirname(copy), &dir) < 0)
		return false;
	return outfile_link_safe(dir.st_mode, dir.st_uid, ls->st_uid,
				 geteuid());
}

/* The descriptor a path like /dev/fd/N names, duplicated. */
static int dup_named(int n, char *err, size_t errlen)
{
	int flags = fcntl(n, F_GETFL), fd;

	if (flags < 0)
		return fail(err, errlen, "descriptor %d is not open", n);
	if ((flags & O_ACCMODE) == O_RDONLY)
		return fail(err, errlen, "descriptor %d is open for reading only",
			    n);
	/* Close-on-exec: the traced command must not inherit it. */
	fd = fcntl(n, F_DUPFD_CLOEXEC, 3);
	if (fd < 0)
		return fail(err, errlen, "%s", strerror(errno));
	return fd;
}

/* One try at opening PATH; -1 with errno EAGAIN when it changed under
 * us (appeared, vanished, became a link): look again. */
static int open_once(const char *path, bool append, char *err,
		     size_t errlen)
{
	const int wr = O_WRONLY | O_CLOEXEC | O_NOCTTY |
		(append ? O_APPEND : 0);
	struct stat ls;
	int fd;

	if (lstat(path, &ls) < 0) {
		if (errno != ENOENT)
			return -1;
		/* New: made by us, not through a link planted meanwhile. */
		fd = open(path, wr | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
		if (fd < 0 && errno == EEXIST)
			errno = EAGAIN;
		return fd;
	}
	if (S_ISLNK(ls.st_mode)) {
		if (!link_followable(path, &ls)) {
			fail(err, errlen, "it is a symbolic link in a shared directory (sticky, world-writable) that belongs to uid %u: it may have been planted there, and sigtrace does not follow it; choose another path",
			     (unsigned)ls.st_uid);
			errno = 0;
			return -1;
		}
		return open(path, wr | O_CREAT, 0600);
	}
	fd = open(path, wr | O_NOFOLLOW);
	if (fd < 0 && (errno == ENOENT || errno == ELOOP))
		errno = EAGAIN;
	return fd;
}

/* A regular file we write: ours only, emptied (unless APPEND), 0600. */
static int claim(int fd, const char *path, bool append, char *err,
		 size_t errlen)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return fail(err, errlen, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return 0;
	if (st.st_uid != geteuid())
		return fail(err, errlen, "it belongs to uid %u: sigtrace writes its logs only into files of its own user (they hold every traced command line); remove it or choose another path",
			    (unsigned)st.st_uid);
	if ((!append && ftruncate(fd, 0) < 0) || fchmod(fd, 0600) < 0)
		return fail(err, errlen, "%s", strerror(errno));
	return 0;
}

int outfile_open(const char *path, char *err, size_t errlen)
{
	return outfile_open_mode(path, false, err, errlen);
}

int outfile_open_mode(const char *path, bool append, char *err,
		      size_t errlen)
{
	int n = outfile_named_fd(path), fd = -1;

	if (n >= 0)
		return dup_named(n, err, errlen);
	err[0] = '\0';
	for (int tries = 0; tries < 8; tries++) {
		fd = open_once(path, append, err, errlen);
		if (fd >= 0 || errno != EAGAIN)
			break;
	}
	if (fd < 0) {
		if (!err[0])
			fail(err, errlen, "%s", strerror(errno ? errno : EAGAIN));
		return -1;
	}
	if (claim(fd, path, append, err, errlen) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}
