/* SPDX-License-Identifier: MIT */
/*
 * iso_time.h - the time stamps of sigtrace's JSON log
 * ("2026-11-18T07:46:40.123456789Z", UTC) back into seconds and
 * nanoseconds, without strptime and timegm: the offline report reads one
 * per event.
 */
#ifndef SIGTRACE_ISO_TIME_H
#define SIGTRACE_ISO_TIME_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse S (LEN bytes): YYYY-MM-DDTHH:MM:SS, then optionally '.' and
 * digits (the first nine count), then 'Z', the form sink_json.c writes.
 * Years 1970 to 9999; the fields in the ranges strptime(3) accepts (a
 * 31st of any month, second 60 and 61 included) and normalised as
 * timegm(3) does.  Returns 0 with *SEC and *NSEC set, or -1 for anything
 * else: a caller that must judge other spellings exactly as before (the
 * log reader) hands those to strptime.
 */
int iso_time_parse(const char *s, size_t len, int64_t *sec, long *nsec);

#endif
