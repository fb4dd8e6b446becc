/* SPDX-License-Identifier: MIT */
/*
 * maps.c - /proc/PID/maps, parsed and cached per process.
 *
 * A line is "start-end perms offset major:minor inode [path]", the path
 * running to the end of the line (it may hold spaces; the kernel escapes
 * a newline as \012) and ending in " (deleted)" when the file was
 * removed or replaced after it was mapped.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "maps.h"
#include "strbuf.h"
#include "xmalloc.h"

#define DELETED_SUFFIX " (deleted)"
#define CACHE_BUCKETS 256

/* ---- parsing ---- */

static bool parse_hex(const char **pp, const char *end, uint64_t *v)
{
	const char *p = *pp;
	uint64_t x = 0;
	int digits = 0;

	for (; p < end; p++, digits++) {
		unsigned d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (*p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (*p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			break;
		if (digits >= 16)
			return false;
		x = x << 4 | d;
	}
	if (digits == 0)
		return false;
	*pp = p;
	*v = x;
	return true;
}

static bool parse_dec(const char **pp, const char *end, uint64_t *v)
{
	const char *p = *pp;
	uint64_t x = 0;

	if (p >= end || *p < '0' || *p > '9')
		return false;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (x > (UINT64_MAX - 9) / 10)
			return false;
		x = x * 10 + (uint64_t)(*p - '0');
	}
	*pp = p;
	*v = x;
	return true;
}

static bool expect(const char **pp, const char *end, char c)
{
	if (*pp >= end || **pp != c)
		return false;
	(*pp)++;
	return true;
}

static void skip_spaces(const char **pp, const char *end)
{
	while (*pp < end && (**pp == ' ' || **pp == '\t'))
		(*pp)++;
}

/* One line into E; the path as [*path, *path + *plen). */
static bool parse_line(const char *p, const char *end, struct map_entry *e,
		       const char **path, size_t *plen)
{
	uint64_t major, minor;
	const char *perms;

	memset(e, 0, sizeof(*e));
	if (!parse_hex(&p, end, &e->start) || !expect(&p, end, '-') ||
	    !parse_hex(&p, end, &e->end) || !expect(&p, end, ' ') ||
	    e->end <= e->start)
		return false;
	if (end - p < 5)
		return false;
	perms = p;
	if (perms[0] == 'r')
		e->prot |= MAP_PROT_R;
	if (perms[1] == 'w')
		e->prot |= MAP_PROT_W;
	if (perms[2] == 'x')
		e->prot |= MAP_PROT_X;
	e->shared = perms[3] == 's';
	p += 4;
	if (!expect(&p, end, ' ') || !parse_hex(&p, end, &e->offset) ||
	    !expect(&p, end, ' ') || !parse_hex(&p, end, &major) ||
	    !expect(&p, end, ':') || !parse_hex(&p, end, &minor) ||
	    !expect(&p, end, ' ') || !parse_dec(&p, end, &e->inode))
		return false;
	e->dev_major = (unsigned)major;
	e->dev_minor = (unsigned)minor;
	skip_spaces(&p, end);
	*path = p;
	*plen = (size_t)(end - p);
	if (*plen >= sizeof(DELETED_SUFFIX) - 1 &&
	    memcmp(p + *plen - (sizeof(DELETED_SUFFIX) - 1), DELETED_SUFFIX,
		   sizeof(DELETED_SUFFIX) - 1) == 0) {
		e->deleted = true;
		*plen -= sizeof(DELETED_SUFFIX) - 1;
	}
	return true;
}

static int cmp_start(const void *a, const void *b)
{
	const struct map_entry *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static bool same_file(const struct map_entry *a, const struct map_entry *b)
{
	return a->inode == b->inode && a->dev_major == b->dev_major &&
	       a->dev_minor == b->dev_minor && strcmp(a->path, b->path) == 0;
}

bool map_is_file(const struct map_entry *e)
{
	return e->path[0] == '/';
}

/* The load base of each file mapping: that of the closest earlier
 * mapping of the same file (anonymous mappings, its .bss, may sit in
 * between), or its own start minus its offset when it is the first. */
static void compute_bases(struct maps *m)
{
	for (size_t i = 0; i < m->count; i++) {
		struct map_entry *e = &m->entries[i];

		e->base = e->start - e->offset;
		if (!map_is_file(e))
			continue;
		for (size_t j = i; j-- > 0;) {
			const struct map_entry *prev = &m->entries[j];

			if (!map_is_file(prev))
				continue;
			if (same_file(prev, e) && prev->base <= e->start)
				e->base = prev->base;
			break;
		}
	}
}

void maps_free(struct maps *m)
{
	free(m->entries);
	free(m->strings);
	m->entries = NULL;
	m->strings = NULL;
	m->count = 0;
}

void maps_parse(struct maps *m, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	size_t cap = 0, pool_len = 0, pool_cap = 0;
	struct map_entry *v = NULL;
	size_t *offs = NULL;	/* path offsets into the pool, per entry */
	char *pool = NULL;
	size_t n = 0;
	bool sorted = true;

	maps_free(m);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *path;
		size_t plen;
		struct map_entry e;

		if (parse_line(p, eol, &e, &path, &plen)) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xrealloc(v, cap * sizeof(*v));
				offs = xrealloc(offs, cap * sizeof(*offs));
			}
			if (pool_len + plen + 1 > pool_cap) {
				pool_cap = pool_cap ? pool_cap : 1024;
				while (pool_cap < pool_len + plen + 1)
					pool_cap *= 2;
				pool = xrealloc(pool, pool_cap);
			}
			memcpy(pool + pool_len, path, plen);
			pool[pool_len + plen] = '\0';
			offs[n] = pool_len;
			pool_len += plen + 1;
			if (n > 0 && e.start < v[n - 1].start)
				sorted = false;
			v[n++] = e;
		}
		p = eol + 1;
	}
	if (!pool)
		pool = xcalloc(1, 1);
	for (size_t i = 0; i < n; i++)
		v[i].path = pool + offs[i];
	free(offs);
	if (!sorted)
		qsort(v, n, sizeof(*v), cmp_start);
	m->entries = v;
	m->strings = pool;
	m->count = n;
	compute_bases(m);
}

int maps_read(struct maps *m, pid_t pid)
{
	struct strbuf sb = STRBUF_INIT;
	char path[64];
	int rc;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	rc = sb_read_file(&sb, path);
	if (rc == -ENOENT)
		rc = -ESRCH;
	if (rc == 0)
		maps_parse(m, sb.buf, sb.len);
	sb_free(&sb);
	return rc;
}

const struct map_entry *maps_find(const struct maps *m, uint64_t addr)
{
	size_t lo = 0, hi = m->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct map_entry *e = &m->entries[mid];

		if (addr < e->start)
			hi = mid;
		else if (addr >= e->end)
			lo = mid + 1;
		else
			return e;
	}
	return NULL;
}

/* ---- the per-process cache ---- */

struct proc_maps {
	struct proc_maps *next;
	pid_t pid;
	bool loaded;
	unsigned read_epoch;	/* the epoch of the last read */
	struct maps maps;
};

static struct proc_maps *cache[CACHE_BUCKETS];

static struct proc_maps **slot(pid_t pid)
{
	struct proc_maps **pp = &cache[(unsigned)pid % CACHE_BUCKETS];

	while (*pp && (*pp)->pid != pid)
		pp = &(*pp)->next;
	return pp;
}

/* Read PID's map again; keep the old one when that fails (a process
 * on its way out): it is all there is. */
static bool reload(struct proc_maps *pm, unsigned epoch)
{
	struct maps fresh = MAPS_INIT;

	pm->read_epoch = epoch;
	pm->loaded = true;
	if (maps_read(&fresh, pm->pid) < 0)
		return false;
	maps_free(&pm->maps);
	pm->maps = fresh;
	return true;
}

static bool usable(const struct map_entry *e, bool code)
{
	return e && (!code || (e->prot & MAP_PROT_X));
}

const struct map_entry *maps_lookup(pid_t pid, uint64_t addr, bool code,
				    unsigned epoch, bool *changed)
{
	struct proc_maps **pp = slot(pid), *pm = *pp;
	const struct map_entry *e;
	bool reread = false;

	if (!pm) {
		pm = xcalloc(1, sizeof(*pm));
		pm->pid = pid;
		*pp = pm;
	}
	if (!pm->loaded)
		reload(pm, epoch);
	e = maps_find(&pm->maps, addr);
	if (!usable(e, code) && pm->read_epoch != epoch) {
		if (reload(pm, epoch))
			reread = true;
		e = maps_find(&pm->maps, addr);
	}
	if (changed)
		*changed = reread;
	return e;
}

void maps_forget(pid_t pid)
{
	struct proc_maps **pp = slot(pid), *pm = *pp;

	if (!pm)
		return;
	*pp = pm->next;
	maps_free(&pm->maps);
	free(pm);
}
