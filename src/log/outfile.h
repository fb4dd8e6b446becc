/* SPDX-License-Identifier: MIT */
/*
 * outfile.h - how sigtrace opens what it writes (-o, --json, --report,
 * `sigtrace report -o`), and how it tells that two of them are one file.
 * The logs hold every traced command line: docs/safety.md, "Output
 * files", is the policy.
 */
#ifndef SIGTRACE_OUTFILE_H
#define SIGTRACE_OUTFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What an output names: the file it is now, or the path a new one
 * would get. */
struct outfile_id {
	bool exists;
	dev_t dev;
	ino_t ino;
	mode_t mode;
	dev_t rdev;
	char path[PATH_MAX];	/* a new file: its directory resolved */
};

/* The descriptor that PATH names by itself: 1 for "-" and /dev/stdout,
 * 2 for /dev/stderr, N for /dev/fd/N and /proc/self/fd/N; -1 for any
 * other path.  Such a path means the descriptor the caller gave, not a
 * file to open again (which would start at offset 0). */
int outfile_named_fd(const char *path);

/* What PATH names (NULL: standard error, where the text log goes by
 * default).  0, or -errno when it cannot be told. */
int outfile_identify(const char *path, struct outfile_id *id);

/* Are A and B one regular file, or one new file?  Writing both from two
 * offsets would overwrite each other.  Devices, pipes and sockets have
 * no offset: they may be shared. */
bool outfile_same_file(const struct outfile_id *a, const struct outfile_id *b);

/* Are A and B one stream, where lines of two writers would mix (one
 * file, pipe, socket or terminal; /dev/null and its kin excepted)? */
bool outfile_same_stream(const struct outfile_id *a,
			 const struct outfile_id *b);

/* May a symbolic link owned by LINK_UID, in a directory of mode DIR_MODE
 * owned by DIR_UID, be followed by EUID?  Not when it may have been
 * planted: in a sticky, world-writable directory, owned by neither EUID
 * nor the directory's owner (the kernel's fs.protected_symlinks rule). */
bool outfile_link_safe(mode_t dir_mode, uid_t dir_uid, uid_t link_uid,
		       uid_t euid);

/* Open PATH to write a log into, close-on-exec: a descriptor PATH names
 * (see outfile_named_fd) is duplicated as it is; a regular file must be
 * ours, and is emptied and made 0600 (new ones are created so).  The
 * descriptor, or -1 with why in ERR (the reason: the caller names the
 * output and the path). */
int outfile_open(const char *path, char *err, size_t errlen);
/* The same, and APPEND: a file that exists keeps what it holds and is
 * written at its end (strace -A, and -ff's file of a pid seen again). */
int outfile_open_mode(const char *path, bool append, char *err,
		      size_t errlen);

#endif
