/* SPDX-License-Identifier: MIT */
/*
 * iso_time.c - sink_json.c's UTC time stamps parsed by hand: fixed-width
 * fields and a days-from-civil count (Howard Hinnant's algorithm), which
 * is what timegm() computes for them, at a fraction of strptime's cost.
 */
#include "iso_time.h"

/* N digits at S as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days from 1970-01-01 to Y-M-1 (proleptic Gregorian), plus D - 1. */
static int64_t days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;		/* y >= 1969: no negative eras */
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int64_t)era * 146097 + doe - 719468;
}

int iso_time_parse(const char *s, size_t len, int64_t *sec, long *nsec)
{
	int y, mo, d, h, mi, se, ndig = 0;
	size_t p = 19;
	long ns = 0;

	if (len < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':')
		return -1;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	h = digits(s + 11, 2);
	mi = digits(s + 14, 2);
	se = digits(s + 17, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 ||
	    h > 23 || mi < 0 || mi > 59 || se < 0 || se > 61)
		return -1;
	if (s[p] == '.') {
		for (p++; p < len && s[p] >= '0' && s[p] <= '9'; p++, ndig++)
			if (ndig < 9)
				ns = ns * 10 + (s[p] - '0');
		for (; ndig < 9; ndig++)
			ns *= 10;
	}
	if (p + 1 != len || s[p] != 'Z')
		return -1;
	*sec = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
	*nsec = ns;
	return 0;
}
