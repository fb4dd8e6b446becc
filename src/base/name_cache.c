/* SPDX-License-Identifier: MIT */
/*
 * name_cache.c - a direct-mapped cache in front of a name lookup: FNV-1a
 * of the name and its context picks one slot; a hit is one memcmp.
 */
#include <string.h>

#include "name_cache.h"

void name_cache_init(struct name_cache *c, name_lookup_fn lookup)
{
	memset(c, 0, sizeof(*c));
	c->lookup = lookup;
}

static unsigned slot_of(const char *name, size_t len, int ctx)
{
	uint32_t h = 2166136261u ^ (uint32_t)ctx;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)name[i]) * 16777619u;
	return h & (NAME_CACHE_SLOTS - 1);
}

int name_cache_lookup(struct name_cache *c, const char *name, size_t len,
		      int ctx, long *out)
{
	struct name_cache_slot *s;
	char big[NAME_LONG_MAX + 1];

	if (len > NAME_CACHE_LEN) {
		/* no table has such names: asked, not kept */
		c->misses++;
		if (len > NAME_LONG_MAX)
			return -1;
		memcpy(big, name, len);
		big[len] = '\0';
		return c->lookup(big, ctx, out);
	}
	s = &c->slot[slot_of(name, len, ctx)];
	if (s->used && s->len == len && s->ctx == ctx &&
	    memcmp(s->name, name, len) == 0) {
		c->hits++;
		if (s->rc == 0)
			*out = s->value;
		return s->rc;
	}
	c->misses++;
	s->used = true;
	s->len = (unsigned char)len;
	s->ctx = ctx;
	memcpy(s->name, name, len);
	s->name[len] = '\0';
	s->value = 0;
	s->rc = c->lookup(s->name, ctx, &s->value);
	if (s->rc == 0)
		*out = s->value;
	return s->rc;
}
