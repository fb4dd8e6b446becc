/* SPDX-License-Identifier: MIT */
/*
 * maps.h - the memory map of a traced process (/proc/PID/maps), parsed
 * once and kept: which module (file) an address belongs to, and where.
 *
 * The parser (maps_parse) works on text, so it can be unit-tested; the
 * per-process cache (maps_lookup) reads /proc once per process, is
 * dropped on exec and exit (maps_forget), and is read again at most once
 * per "epoch" (one backtrace, one symbol) when an address is not in a
 * mapping that can hold code: a library loaded since the last read.
 */
#ifndef SIGTRACE_MAPS_H
#define SIGTRACE_MAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MAP_PROT_R 1u
#define MAP_PROT_W 2u
#define MAP_PROT_X 4u

struct map_entry {
	uint64_t start;		/* [start, end) */
	uint64_t end;
	uint64_t offset;	/* file offset mapped at start */
	uint64_t base;		/* the module's load base: where its file
				 * offset 0 is (its first mapping's start
				 * minus that mapping's offset) */
	uint64_t inode;
	unsigned dev_major;
	unsigned dev_minor;
	unsigned prot;		/* MAP_PROT_* */
	bool shared;		/* 's' rather than 'p' */
	bool deleted;		/* the path ended in " (deleted)" (removed) */
	const char *path;	/* "" anonymous, "[stack]", "/usr/lib/..." */
};

struct maps {
	size_t count;
	struct map_entry *entries;	/* sorted by start, not overlapping */
	char *strings;			/* the paths */
};

#define MAPS_INIT { 0, NULL, NULL }

/* Parse the text of a /proc/PID/maps file into M (emptied first).
 * Malformed lines are skipped. */
void maps_parse(struct maps *m, const char *text, size_t len);

/* Read and parse /proc/PID/maps.  0, or -errno (ESRCH: gone). */
int maps_read(struct maps *m, pid_t pid);

/* The mapping that holds ADDR, or NULL. */
const struct map_entry *maps_find(const struct maps *m, uint64_t addr);

void maps_free(struct maps *m);

/* A mapping of a file (a path starting with '/'), not "[heap]"... */
bool map_is_file(const struct map_entry *e);

/* ---- the per-process cache ---- */

/* Where ADDR is in process PID, from the cached map.  When ADDR is not
 * in any mapping (or, with CODE, not in an executable one) and the map
 * was not read during EPOCH yet, it is read again.  *CHANGED (when not
 * NULL) tells whether a map read before was read again: code may have
 * moved (the first read of a process's map is no change).
 * The entry is valid until the next maps_lookup or maps_forget. */
const struct map_entry *maps_lookup(pid_t pid, uint64_t addr, bool code,
				    unsigned epoch, bool *changed);

/* Drop the cached map of PID (exec, exit). */
void maps_forget(pid_t pid);

#endif
