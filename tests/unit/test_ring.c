/* SPDX-License-Identifier: MIT */
/*
 * test_ring.c - the sink wrappers: the flight recorder (ring.c) writes
 * nothing for a quiet run, the rings (merged in order, with a note of
 * what fell out and the pinned exec) at an incident or a trigger, then
 * what the process does until it ends; rotation (rotate.c) cuts a log
 * between events, keeps a bounded number of old files, each a valid log
 * that starts with the run's trace_start.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#include "event.h"
#include "sink.h"

static uint64_t clock_ns;

static struct event ev(enum event_type type, pid_t pid)
{
	struct event e;

	event_init(&e, type);
	e.real_sec = 1700000000;
	e.mono_ns = ++clock_ns;
	e.pid = e.tid = pid;
	snprintf(e.comm, sizeof(e.comm), "p%d", (int)pid);
	return e;
}

static struct event sig(pid_t pid, int signo, int64_t value)
{
	struct event e = ev(EV_SIGNAL, pid);

	e.u.sig.signo = signo;
	e.u.sig.syscall = -1;
	e.u.sig.disposition.kind = DISP_HANDLER;
	e.u.sig.has_value = true;
	e.u.sig.value = value;
	return e;
}

static struct event finding(pid_t pid)
{
	struct event e = ev(EV_FINDING, pid);

	e.u.finding.kind = FINDING_DEFAULT_DISPOSITION;
	e.u.finding.signo = SIGTERM;
	return e;
}

static struct event death(pid_t pid, int signo)
{
	struct event e = ev(EV_EXIT, pid);

	e.u.exit.signaled = signo != 0;
	e.u.exit.signo = signo;
	return e;
}

/* A log sink on a new file, and the sinks wrapped around it. */
struct logfile {
	char dir[64];
	char path[PATH_MAX];
	struct sink inner, wrap[2], *top;
};

static void log_open(struct logfile *l, const struct sink_ops *ops)
{
	strcpy(l->dir, "/tmp/test_ring.XXXXXX");
	assert_non_null(mkdtemp(l->dir));
	snprintf(l->path, sizeof(l->path), "%s/log", l->dir);
	memset(&l->inner, 0, sizeof(l->inner));
	l->inner.ops = ops;
	l->inner.fd = open(l->path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(l->inner.fd >= 0);
	l->inner.owns_fd = true;
	l->inner.path = l->path;
	l->inner.cfg.signals = ~(sigbits_t)0;
	l->inner.cfg.time_format = TIME_NONE;
	sink_open(&l->inner, NULL);
	l->top = &l->inner;
}

static void put(struct logfile *l, struct event e)
{
	assert_int_equal(l->top->ops->write(l->top, &e), 0);
}

static void log_close(struct logfile *l)
{
	assert_int_equal(sink_close(l->top), 0);
}

static void log_remove(struct logfile *l)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", l->dir);
	assert_int_equal(system(cmd), 0);
}

static char *slurp(const char *path, size_t *len)
{
	char *buf = calloc(1, 1 << 20);
	int fd = open(path, O_RDONLY);
	ssize_t n;

	assert_non_null(buf);
	assert_true(fd >= 0);
	n = read(fd, buf, (1 << 20) - 1);
	assert_true(n >= 0);
	close(fd);
	if (len)
		*len = (size_t)n;
	return buf;
}

/* The events of a JSON log in short: "type/pid" each, a signal's value
 * after a colon, a warning's first number in brackets, space-separated.
 * Every line must be one JSON object. */
static char *summary(const char *path)
{
	char *text = slurp(path, NULL), *out = calloc(1, 8192), *line;
	char *save = NULL;

	assert_non_null(out);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_error_t err;
		json_t *j = json_loads(line, 0, &err);
		const char *type;
		size_t n = strlen(out);

		if (!j || !json_is_object(j))
			fail_msg("not one JSON object: %s", line);
		type = json_string_value(json_object_get(j, "type"));
		snprintf(out + n, 8192 - n, "%s%s", n ? " " : "", type);
		n = strlen(out);
		if (strcmp(type, "trace_start") && strcmp(type, "trace_end"))
			snprintf(out + n, 8192 - n, "/%lld", (long long)
				 json_integer_value(json_object_get(j, "pid")));
		n = strlen(out);
		if (json_object_get(j, "value"))
			snprintf(out + n, 8192 - n, ":%lld", (long long)
				 json_integer_value(json_object_get(j, "value")));
		if (strcmp(type, "warning") == 0)
			snprintf(out + n, 8192 - n, "[%d]", atoi(strpbrk(
				json_string_value(json_object_get(j, "message")),
				"0123456789")));
		json_decref(j);
	}
	free(text);
	return out;
}

static void expect_log(const char *path, const char *want)
{
	char *got = summary(path);

	assert_string_equal(got, want);
	free(got);
}

/* ---- the flight recorder ---- */

static void test_ring_quiet(void **state)
{
	struct logfile l;
	struct stat st;

	(void)state;
	log_open(&l, &sink_json_ops);
	l.top = sink_ring_wrap(&l.wrap[0], &l.inner, 4);
	put(&l, ev(EV_TRACE_START, 1));
	put(&l, ev(EV_EXEC, 1));
	for (int i = 0; i < 10; i++)
		put(&l, sig(1, SIGUSR1, i));
	put(&l, death(1, 0));
	put(&l, ev(EV_TRACE_END, 1));
	log_close(&l);
	assert_int_equal(stat(l.path, &st), 0);
	assert_int_equal(st.st_size, 0);
	log_remove(&l);
}

static void test_ring_incident(void **state)
{
	struct logfile l;

	(void)state;
	log_open(&l, &sink_json_ops);
	l.top = sink_ring_wrap(&l.wrap[0], &l.inner, 3);
	put(&l, ev(EV_TRACE_START, 1));
	put(&l, ev(EV_EXEC, 1));
	for (int i = 1; i <= 6; i++)
		put(&l, sig(1, SIGUSR1, i));
	put(&l, finding(1));
	put(&l, sig(1, SIGTERM, 7));
	put(&l, death(1, SIGTERM));
	put(&l, ev(EV_TRACE_END, 1));
	log_close(&l);
	/* The exec is pinned; signals 1 to 4 fell out. */
	expect_log(l.path, "trace_start exec/1 warning/1[4] signal/1:5 "
		   "signal/1:6 finding/1 signal/1:7 exit/1 trace_end");
	log_remove(&l);
}

static void test_ring_context(void **state)
{
	struct logfile l;

	(void)state;
	log_open(&l, &sink_json_ops);
	l.top = sink_ring_wrap(&l.wrap[0], &l.inner, 10);
	put(&l, ev(EV_TRACE_START, 1));
	put(&l, ev(EV_EXEC, 1));
	put(&l, ev(EV_EXEC, 2));
	put(&l, sig(1, SIGUSR1, 1));
	put(&l, sig(2, SIGUSR1, 2));
	put(&l, death(2, SIGKILL));	/* a death by signal is one too */
	put(&l, sig(1, SIGUSR1, 3));	/* 1 is quiet: kept back */
	put(&l, ev(EV_EXEC, 3));
	put(&l, death(1, 0));		/* ... and taken away */
	put(&l, finding(3));		/* 1's ring is gone */
	put(&l, ev(EV_TRACE_END, 1));
	log_close(&l);
	expect_log(l.path, "trace_start exec/1 exec/2 signal/1:1 signal/2:2 "
		   "exit/2 exec/3 finding/3 trace_end");
	log_remove(&l);
}

static void test_ring_trigger(void **state)
{
	struct logfile l;

	(void)state;
	log_open(&l, &sink_json_ops);
	l.top = sink_ring_wrap(&l.wrap[0], &l.inner, 10);
	put(&l, ev(EV_TRACE_START, 1));
	put(&l, ev(EV_DISPOSITIONS, 1));
	put(&l, sig(1, SIGUSR1, 1));
	sink_trigger(l.top);		/* the operator's SIGUSR1 */
	put(&l, sig(1, SIGUSR1, 2));	/* 1 is written as it comes */
	put(&l, ev(EV_EXEC, 2));	/* a later process is kept back */
	put(&l, ev(EV_DETACH, 1));
	put(&l, ev(EV_DETACH, 2));
	put(&l, ev(EV_TRACE_END, 1));
	log_close(&l);
	expect_log(l.path, "trace_start dispositions/1 signal/1:1 "
		   "signal/1:2 detach/1 trace_end");
	log_remove(&l);
}

/* A second incident writes what came since the first, not twice. */
static void test_ring_twice(void **state)
{
	struct logfile l;

	(void)state;
	log_open(&l, &sink_json_ops);
	l.top = sink_ring_wrap(&l.wrap[0], &l.inner, 2);
	put(&l, ev(EV_TRACE_START, 1));
	put(&l, ev(EV_EXEC, 1));
	put(&l, ev(EV_EXEC, 2));
	put(&l, sig(2, SIGUSR1, 1));
	put(&l, death(1, SIGHUP));
	put(&l, sig(2, SIGUSR1, 2));
	put(&l, sig(2, SIGUSR1, 3));
	put(&l, sig(2, SIGUSR1, 4));
	put(&l, death(2, SIGTERM));
	put(&l, ev(EV_TRACE_END, 1));
	log_close(&l);
	expect_log(l.path, "trace_start exec/1 exec/2 signal/2:1 exit/1 "
		   "warning/2[2] signal/2:4 exit/2 trace_end");
	log_remove(&l);
}

static void test_ring_text(void **state)
{
	struct logfile l;
	char *text;

	(void)state;
	log_open(&l, &sink_text_ops);
	l.top = sink_ring_wrap(&l.wrap[0], &l.inner, 5);
	put(&l, ev(EV_TRACE_START, 1));
	put(&l, sig(1, SIGUSR1, 1));
	put(&l, finding(1));
	/* The summary at the end is not held back. */
	assert_int_equal(sink_put(l.top, "summary\n", 8), 0);
	log_close(&l);
	text = slurp(l.path, NULL);
	assert_non_null(strstr(text, "1 (p1) --- SIGUSR1"));
	assert_non_null(strstr(text, "1 (p1) !!! FINDING: SIGTERM"));
	assert_non_null(strstr(text, "FINDING: SIGTERM killed the process under its default disposition"));
	assert_non_null(strstr(text, "!!!\nsummary\n"));
	free(text);
	log_remove(&l);
}

/* ---- rotation ---- */

/* FILE's lines: each one JSON object, the first a trace_start; the
 * values of its signals appended to VALUES.  Its size is returned. */
static size_t check_file(const char *path, int64_t *values, size_t *n)
{
	size_t len;
	char *text = slurp(path, &len), *save = NULL, *line;
	bool first = true;

	assert_true(len > 0);
	assert_int_equal(text[len - 1], '\n');
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_error_t err;
		json_t *j = json_loads(line, 0, &err);
		const char *type;

		if (!j || !json_is_object(j))
			fail_msg("%s: not one JSON object: %s", path, line);
		type = json_string_value(json_object_get(j, "type"));
		if (first)
			assert_string_equal(type, "trace_start");
		first = false;
		if (strcmp(type, "signal") == 0)
			values[(*n)++] = json_integer_value(
				json_object_get(j, "value"));
		json_decref(j);
	}
	free(text);
	return len;
}

static void test_rotate(void **state)
{
	struct logfile l;
	char name[PATH_MAX + 8], *last;
	int64_t values[200];
	size_t n = 0;
	struct stat st;

	(void)state;
	log_open(&l, &sink_json_ops);
	l.top = sink_rotate_wrap(&l.wrap[0], &l.inner, l.path, 1024, 2);
	put(&l, ev(EV_TRACE_START, 1));
	for (int i = 0; i < 60; i++)
		put(&l, sig(1, SIGUSR1, i));
	put(&l, ev(EV_TRACE_END, 1));
	log_close(&l);
	/* Oldest first: FILE.2, FILE.1, FILE; no FILE.3. */
	for (int k = 2; k >= 0; k--) {
		if (k)
			snprintf(name, sizeof(name), "%s.%d", l.path, k);
		else
			snprintf(name, sizeof(name), "%s", l.path);
		assert_true(check_file(name, values, &n) <= 1024);
	}
	snprintf(name, sizeof(name), "%s.3", l.path);
	assert_int_equal(stat(name, &st), -1);
	/* What is kept is the end of the run, every event whole, in order. */
	assert_true(n >= 3);
	assert_int_equal(values[n - 1], 59);
	for (size_t i = 1; i < n; i++)
		assert_int_equal(values[i], values[i - 1] + 1);
	last = summary(l.path);
	assert_non_null(strstr(last, "trace_end"));
	free(last);
	log_remove(&l);
}

/* An event larger than the cap gets a file of its own, whole. */
static void test_rotate_big_event(void **state)
{
	struct logfile l;
	struct event big;
	char name[PATH_MAX + 8];

	(void)state;
	log_open(&l, &sink_json_ops);
	l.top = sink_rotate_wrap(&l.wrap[0], &l.inner, l.path, 1024, 3);
	put(&l, ev(EV_TRACE_START, 1));
	put(&l, sig(1, SIGUSR1, 1));
	big = ev(EV_EXEC, 1);
	memset(big.u.exec.argv.buf, 'a', 1000);
	big.u.exec.argv.len = 1000;
	put(&l, big);
	put(&l, sig(1, SIGUSR1, 2));
	log_close(&l);
	snprintf(name, sizeof(name), "%s.2", l.path);
	expect_log(name, "trace_start signal/1:1");
	snprintf(name, sizeof(name), "%s.1", l.path);
	expect_log(name, "trace_start exec/1");
	expect_log(l.path, "trace_start signal/1:2");
	log_remove(&l);
}

/* The flight recorder over a rotated log. */
static void test_ring_over_rotate(void **state)
{
	struct logfile l;
	char name[PATH_MAX + 8];
	int64_t values[200];
	size_t n = 0;

	(void)state;
	log_open(&l, &sink_json_ops);
	l.top = sink_rotate_wrap(&l.wrap[0], &l.inner, l.path, 1024, 5);
	l.top = sink_ring_wrap(&l.wrap[1], l.top, 8);
	put(&l, ev(EV_TRACE_START, 1));
	for (int i = 0; i < 100; i++)
		put(&l, sig(1, SIGUSR1, i));
	put(&l, death(1, SIGSEGV));
	log_close(&l);
	for (int k = 5; k >= 0; k--) {
		struct stat st;

		if (k)
			snprintf(name, sizeof(name), "%s.%d", l.path, k);
		else
			snprintf(name, sizeof(name), "%s", l.path);
		if (stat(name, &st) == 0)
			check_file(name, values, &n);
	}
	/* The ring held 7 signals and the death. */
	assert_int_equal(n, 7);
	assert_int_equal(values[0], 93);
	assert_int_equal(values[6], 99);
	log_remove(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ring_quiet),
		cmocka_unit_test(test_ring_incident),
		cmocka_unit_test(test_ring_context),
		cmocka_unit_test(test_ring_trigger),
		cmocka_unit_test(test_ring_twice),
		cmocka_unit_test(test_ring_text),
		cmocka_unit_test(test_rotate),
		cmocka_unit_test(test_rotate_big_event),
		cmocka_unit_test(test_ring_over_rotate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
