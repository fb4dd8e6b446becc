/* SPDX-License-Identifier: MIT */
/*
 * xlat.c - lookups in {value, name} tables (xlat.h).
 *
 * Linear scans: the longest table (errno names) has about 140 entries
 * and a lookup is made per event at most, next to a ptrace stop that
 * costs a hundred microseconds.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "xlat.h"

const char *xlat_name(const struct xlat *tab, uint64_t val)
{
	for (; tab->name; tab++)
		if (tab->val == val)
			return tab->name;
	return NULL;
}

int xlat_value(const struct xlat *tab, const char *name, uint64_t *val)
{
	if (!name)
		return -1;
	for (; tab->name; tab++) {
		if (strcmp(tab->name, name) == 0) {
			*val = tab->val;
			return 0;
		}
	}
	return -1;
}

/* Does NAME spell ENTRY, in any case, with or without PREFIX? */
static int loose_match(const char *entry, const char *name,
		       const char *prefix, size_t plen)
{
	if (strcasecmp(entry, name) == 0)
		return 1;
	return plen && strncasecmp(entry, prefix, plen) == 0 &&
	       strcasecmp(entry + plen, name) == 0;
}

int xlat_value_loose(const struct xlat *tab, const char *name,
		     const char *prefix, uint64_t *val)
{
	size_t plen = prefix ? strlen(prefix) : 0;

	if (!name)
		return -1;
	for (; tab->name; tab++) {
		if (loose_match(tab->name, name, prefix, plen)) {
			*val = tab->val;
			return 0;
		}
	}
	return -1;
}

size_t xlat_flags(const struct xlat *tab, uint64_t flags, const char *names[],
		  size_t max, uint64_t *unknown)
{
	uint64_t rest = flags;
	size_t n = 0;

	for (; tab->name && n < max; tab++) {
		if (tab->val && (flags & tab->val) == tab->val) {
			names[n++] = tab->name;
			rest &= ~tab->val;
		}
	}
	if (unknown)
		*unknown = rest;
	return n;
}

/* Append S to BUF (LEN bytes) at *POS, truncating like snprintf. */
static void buf_add(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos + 1 >= len)
		return;
	if (n > len - 1 - *pos)
		n = len - 1 - *pos;
	memcpy(buf + *pos, s, n);
	*pos += n;
	buf[*pos] = '\0';
}

const char *xlat_flags_format(const struct xlat *tab, uint64_t flags,
			      char *buf, size_t len)
{
	uint64_t rest = flags;
	size_t pos = 0;
	char hex[24];

	if (!buf || len == 0)
		return "";
	buf[0] = '\0';
	if (flags == 0) {
		buf_add(buf, len, &pos, "0");
		return buf;
	}
	for (; tab->name; tab++) {
		if (!tab->val || (flags & tab->val) != tab->val)
			continue;
		if (rest != flags)
			buf_add(buf, len, &pos, "|");
		buf_add(buf, len, &pos, tab->name);
		rest &= ~tab->val;
	}
	if (rest) {
		/* Whatever no name covers, as one hex number. */
		snprintf(hex, sizeof(hex), "%s0x%llx", rest != flags ? "|" : "",
			 (unsigned long long)rest);
		buf_add(buf, len, &pos, hex);
	}
	return buf;
}
