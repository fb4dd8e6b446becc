/* SPDX-License-Identifier: MIT */
/*
 * test_reader.c - the JSON Lines reader: every event type written by the
 * JSON sink reads back with the fields the log carries; malformed,
 * foreign, binary, truncated and oversized logs give one clear error
 * naming the line (or, for a last line cut short, a warning).
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "event.h"
#include "reader.h"
#include "sigtab.h"
#include "sink.h"

#define SA_RESTART_K 0x10000000ULL
#define SA_RESETHAND_K 0x80000000ULL
#define SA_RESTORER_K 0x04000000ULL

static void base(struct event *e, enum event_type type)
{
	event_init(e, type);
	e->real_sec = 1700000000;
	e->real_nsec = 123456789;
	e->mono_ns = 5000000000ULL;
	e->pid = 1234;
	e->tid = 1235;
	strcpy(e->comm, "tar_race");
}

/* The JSON line the sink writes for E (no newline). */
static char *to_json(const struct event *e)
{
	struct sink s;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int fd[2];
	ssize_t n;

	memset(&s, 0, sizeof(s));
	assert_int_equal(pipe(fd), 0);
	s.fd = fd[1];
	s.ops = &sink_json_ops;
	s.cfg.signals = ~(sigbits_t)0;
	assert_int_equal(sink_json_ops.write(&s, e), 0);
	s.owns_fd = true;
	assert_int_equal(sink_close(&s), 0);	/* written out, closed */
	mem = open_memstream(&buf, &len);
	for (;;) {
		char chunk[4096];

		n = read(fd[0], chunk, sizeof(chunk));
		if (n <= 0)
			break;
		fwrite(chunk, 1, (size_t)n, mem);
	}
	fclose(mem);
	close(fd[0]);
	assert_true(len > 0 && buf[len - 1] == '\n');
	buf[len - 1] = '\0';
	return buf;
}

static void round_trip(const struct event *in, struct event *out,
		       struct reader *r)
{
	char *line = to_json(in);

	if (reader_parse(r, line, strlen(line), out) != 0)
		fail_msg("%s\n%s", reader_error(r), line);
	free(line);
	assert_int_equal(out->type, in->type);
	assert_int_equal(out->pid, in->pid);
	assert_int_equal(out->tid, in->tid);
	assert_true(out->mono_ns == in->mono_ns);
	assert_true(out->real_sec == in->real_sec);
	assert_int_equal(out->real_nsec, in->real_nsec);
	assert_string_equal(out->comm, in->comm);
}

static void test_signal(void **state)
{
	struct reader *r = reader_new("test", NULL);
	struct event in, out;
	struct ev_signal *s = &in.u.sig;

	base(&in, EV_SIGNAL);
	s->signo = SIGUSR1;
	s->code = SI_USER;
	s->has_sender = true;
	s->sender.pid = 99;
	s->sender.uid = 1000;
	s->sender.known = true;
	s->sender.gone = true;
	strcpy(s->sender.comm, "kill");
	cmdline_from_argv(&s->sender.cmdline,
			  (char *[]){ "/bin/kill", "-USR1", "1234", NULL });
	s->sender_chain.count = 2;
	s->sender_chain.link[0].pid = 98;
	strcpy(s->sender_chain.link[0].comm, "sh");
	s->sender_chain.link[1].pid = 97;
	strcpy(s->sender_chain.link[1].comm, "logrotate");
	s->disposition.kind = DISP_HANDLER;
	s->disposition.handler = 0x401136;
	s->disposition.flags_known = true;
	s->disposition.flags = SA_RESTART_K | SA_RESTORER_K | 0x4000000000ULL;
	strcpy(s->disposition.symbol, "on_usr1");
	s->syscall = 0;
	s->syscall_ret = -K_ERESTARTSYS;
	round_trip(&in, &out, r);
	assert_int_equal(out.u.sig.signo, SIGUSR1);
	assert_int_equal(out.u.sig.code, SI_USER);
	assert_true(out.u.sig.has_sender);
	assert_int_equal(out.u.sig.sender.pid, 99);
	assert_int_equal(out.u.sig.sender.uid, 1000);
	assert_true(out.u.sig.sender.gone && out.u.sig.sender.known);
	assert_string_equal(out.u.sig.sender.comm, "kill");
	assert_int_equal(out.u.sig.sender.cmdline.len, s->sender.cmdline.len);
	assert_memory_equal(out.u.sig.sender.cmdline.buf, s->sender.cmdline.buf,
			    s->sender.cmdline.len);
	assert_int_equal(out.u.sig.sender_chain.count, 2);
	assert_string_equal(out.u.sig.sender_chain.link[1].comm, "logrotate");
	assert_int_equal(out.u.sig.disposition.kind, DISP_HANDLER);
	assert_true(out.u.sig.disposition.handler == 0x401136);
	assert_true(out.u.sig.disposition.flags == s->disposition.flags);
	assert_true(out.u.sig.disposition.flags_known);
	assert_string_equal(out.u.sig.disposition.symbol, "on_usr1");
	assert_int_equal(out.u.sig.syscall, 0);
	assert_int_equal(out.u.sig.syscall_ret, -K_ERESTARTSYS);
	/* Not in a syscall, SIGCHLD status as a signal name. */
	base(&in, EV_SIGNAL);
	s->signo = SIGCHLD;
	s->code = CLD_KILLED;
	s->has_status = true;
	s->status = SIGUSR1;
	s->disposition.kind = DISP_DEFAULT;
	round_trip(&in, &out, r);
	assert_int_equal(out.u.sig.syscall, -1);
	assert_true(out.u.sig.has_status);
	assert_int_equal(out.u.sig.status, SIGUSR1);
	assert_int_equal(out.u.sig.code, CLD_KILLED);
	assert_false(out.u.sig.disposition.flags_known);
	reader_close(r);
}

/* The explanation (docs/explanations.md) comes back as it went out. */
static void test_signal_origin(void **state)
{
	struct reader *r = reader_new("test", NULL);
	struct event in, out;
	struct ev_signal *s = &in.u.sig;

	base(&in, EV_SIGNAL);
	s->signo = SIGTERM;
	s->code = SI_TKILL;
	s->has_sender = true;
	s->sender.pid = 1234;
	s->sender.known = true;
	strcpy(s->sender.comm, "sort");
	s->disposition.kind = DISP_DEFAULT;
	s->origin = FROM_RERAISE;
	s->reraise.present = true;
	s->reraise.mono_ns = 77;
	s->reraise.tid = 1234;
	s->reraise.code = SI_USER;
	s->reraise.origin = FROM_PROCESS;
	s->reraise.has_sender = true;
	s->reraise.sender.pid = 99;
	s->reraise.sender.ns_pid = 1;
	s->reraise.sender.known = true;
	strcpy(s->reraise.sender.comm, "bash");
	s->reraise.in_handler = 0;
	s->group.id = 3;
	s->group.pgid = 1230;
	s->group.first = true;
	s->group.how = GROUP_KILL_ZERO;
	round_trip(&in, &out, r);
	assert_int_equal(out.u.sig.origin, FROM_RERAISE);
	assert_true(out.u.sig.reraise.present);
	assert_true(out.u.sig.reraise.mono_ns == 77);
	assert_int_equal(out.u.sig.reraise.code, SI_USER);
	assert_int_equal(out.u.sig.reraise.origin, FROM_PROCESS);
	assert_int_equal(out.u.sig.reraise.sender.pid, 99);
	assert_int_equal(out.u.sig.reraise.sender.ns_pid, 1);
	assert_string_equal(out.u.sig.reraise.sender.comm, "bash");
	assert_int_equal(out.u.sig.reraise.in_handler, 0);
	assert_int_equal(out.u.sig.group.id, 3);
	assert_int_equal(out.u.sig.group.pgid, 1230);
	assert_true(out.u.sig.group.first);
	assert_int_equal(out.u.sig.group.how, GROUP_KILL_ZERO);

	base(&in, EV_SIGNAL);
	s->signo = SIGPIPE;
	s->code = SI_USER;
	s->disposition.kind = DISP_DEFAULT;
	s->origin = FROM_PIPE;
	strcpy(s->epipe.syscall, "write");
	s->epipe.fd = 1;
	strcpy(s->epipe.file, "pipe:[12]");
	s->epipe.kind = FILE_PIPE;
	s->epipe.has_reader = true;
	s->epipe.reader.pid = 7;
	s->epipe.reader.known = true;
	strcpy(s->epipe.reader.comm, "head");
	s->dropped = DROP_NS_INIT;
	round_trip(&in, &out, r);
	assert_int_equal(out.u.sig.origin, FROM_PIPE);
	assert_string_equal(out.u.sig.epipe.syscall, "write");
	assert_int_equal(out.u.sig.epipe.fd, 1);
	assert_string_equal(out.u.sig.epipe.file, "pipe:[12]");
	assert_int_equal(out.u.sig.epipe.kind, FILE_PIPE);
	assert_true(out.u.sig.epipe.has_reader);
	assert_string_equal(out.u.sig.epipe.reader.comm, "head");
	assert_int_equal(out.u.sig.dropped, DROP_NS_INIT);

	base(&in, EV_SIGNAL);
	s->signo = SIGINT;
	s->code = SI_KERNEL;
	s->disposition.kind = DISP_DEFAULT;
	s->origin = FROM_TERMINAL;
	s->term = TERM_INTR;
	strcpy(s->tty, "/dev/pts/3");
	round_trip(&in, &out, r);
	assert_int_equal(out.u.sig.origin, FROM_TERMINAL);
	assert_int_equal(out.u.sig.term, TERM_INTR);
	assert_string_equal(out.u.sig.tty, "/dev/pts/3");
	assert_int_equal(out.u.sig.epipe.fd, -1);
	reader_close(r);
}

/* -k: a backtrace, with a source line and an inlined frame, comes back
 * frame by frame; a declined one keeps its reason; a bad one is an
 * error naming the line. */
static void test_stack(void **state)
{
	struct reader *r = reader_new("test", NULL);
	struct stack *st = calloc(1, sizeof(*st) + 2 * sizeof(st->frames[0]));
	struct stack none = { .unavailable = "a 32-bit (i386) process" };
	struct event in, out;
	const struct stack *got;

	st->count = 2;
	st->frames[0].ip = 0x55d0c0a01265;
	strcpy(st->frames[0].symbol, "poke");
	strcpy(st->frames[0].file, "cxx_handler.cc");
	st->frames[0].line = 46;
	st->frames[0].inlined = true;
	st->frames[1].ip = 0x55d0c0a01265;
	st->frames[1].module_offset = 0x1265;
	st->frames[1].symbol_offset = 0x15;
	strcpy(st->frames[1].module, "/usr/bin/prog");
	strcpy(st->frames[1].symbol, "svc::Reloader::reload()");
	base(&in, EV_SIGNAL);
	in.u.sig.signo = SIGHUP;
	in.u.sig.stack = st;
	round_trip(&in, &out, r);
	got = out.u.sig.stack;
	assert_non_null(got);
	assert_int_equal(got->count, 2);
	assert_null(got->unavailable);
	assert_true(got->frames[0].inlined && !got->frames[1].inlined);
	assert_string_equal(got->frames[0].file, "cxx_handler.cc");
	assert_int_equal(got->frames[0].line, 46);
	assert_string_equal(got->frames[1].symbol, "svc::Reloader::reload()");
	assert_string_equal(got->frames[1].module, "/usr/bin/prog");
	assert_true(got->frames[1].module_offset == 0x1265);
	assert_true(got->frames[1].symbol_offset == 0x15);
	assert_true(got->frames[1].ip == 0x55d0c0a01265);
	base(&in, EV_SIGACTION);
	in.u.sa.signo = SIGHUP;
	in.u.sa.stack = &none;
	round_trip(&in, &out, r);
	assert_non_null(out.u.sa.stack);
	assert_int_equal(out.u.sa.stack->count, 0);
	assert_string_equal(out.u.sa.stack->unavailable, none.unavailable);
	free(st);
	reader_close(r);
}

static void test_sigaction(void **state)
{
	struct reader *r = reader_new("test", NULL);
	struct event in, out;
	struct ev_sigaction *a = &in.u.sa;

	base(&in, EV_SIGACTION);
	a->signo = SIGHUP;
	a->has_old = true;
	a->old_disp.kind = DISP_DEFAULT;
	a->old_disp.flags_known = true;
	a->has_new = true;
	a->new_disp.kind = DISP_HANDLER;
	a->new_disp.handler = 0x1000;
	a->new_disp.flags_known = true;
	a->new_disp.flags = SA_RESETHAND_K;
	a->new_disp.mask = SIGBIT(SIGTERM) | SIGBIT(40);
	a->syscall = "rt_sigaction";
	round_trip(&in, &out, r);
	assert_int_equal(out.u.sa.signo, SIGHUP);
	assert_true(out.u.sa.has_old && out.u.sa.has_new);
	assert_int_equal(out.u.sa.old_disp.kind, DISP_DEFAULT);
	assert_true(out.u.sa.new_disp.flags == SA_RESETHAND_K);
	assert_true(out.u.sa.new_disp.mask == a->new_disp.mask);
	assert_string_equal(out.u.sa.syscall, "rt_sigaction");
	assert_int_equal(out.u.sa.result, 0);
	/* A failing query. */
	a->has_new = false;
	a->result = EINVAL;
	round_trip(&in, &out, r);
	assert_false(out.u.sa.has_new);
	assert_int_equal(out.u.sa.result, EINVAL);
	/* A change seen in /proc. */
	a->has_new = true;
	a->observed = true;
	a->window_start_mono_ns = 4000;
	round_trip(&in, &out, r);
	assert_true(out.u.sa.observed);
	assert_true(out.u.sa.window_start_mono_ns == 4000);
	reader_close(r);
}

static void test_syscall_events(void **state)
{
	static const enum event_type types[] = { EV_INTERRUPTED, EV_EINTR,
						 EV_RESTARTED };
	struct reader *r = reader_new("test", NULL);
	struct event in, out;

	for (size_t i = 0; i < 3; i++) {
		base(&in, types[i]);
		in.u.sc.syscall = 232;
		in.u.sc.syscall_name = "epoll_wait";
		in.u.sc.code = -EINTR;
		in.u.sc.signo = SIGALRM;
		in.u.sc.handler.kind = DISP_HANDLER;
		in.u.sc.handler.handler = 0x42;
		in.u.sc.never_restarted = true;
		round_trip(&in, &out, r);
		assert_int_equal(out.u.sc.syscall, 232);
		assert_string_equal(out.u.sc.syscall_name, "epoll_wait");
		assert_int_equal(out.u.sc.code, -EINTR);
		assert_int_equal(out.u.sc.signo, SIGALRM);
		assert_int_equal(out.u.sc.handler.kind, DISP_HANDLER);
		assert_true(out.u.sc.never_restarted);
	}
	reader_close(r);
}

static void test_findings(void **state)
{
	struct reader *r = reader_new("test", NULL);
	struct event in, out;
	struct ev_finding *f = &in.u.finding;

	base(&in, EV_FINDING);
	f->kind = FINDING_DEFAULT_DISPOSITION;
	f->signo = SIGUSR1;
	f->code = SI_USER;
	f->effect = EFFECT_CORE;
	f->cause = CAUSE_INSTALLED_LATER;
	f->delivery_mono_ns = 10;
	f->has_install_time = true;
	f->install_mono_ns = 20;
	f->has_exec_time = true;
	f->exec_mono_ns = 5;
	strcpy(f->exec_path, "/usr/bin/tar");
	strcpy(f->detail, "too early");
	round_trip(&in, &out, r);
	assert_int_equal(out.u.finding.kind, FINDING_DEFAULT_DISPOSITION);
	assert_int_equal(out.u.finding.effect, EFFECT_CORE);
	assert_int_equal(out.u.finding.cause, CAUSE_INSTALLED_LATER);
	assert_true(out.u.finding.has_install_time && out.u.finding.has_exec_time);
	assert_false(out.u.finding.has_cause_time);
	assert_true(out.u.finding.install_mono_ns == 20);
	assert_string_equal(out.u.finding.exec_path, "/usr/bin/tar");
	assert_string_equal(out.u.finding.detail, "too early");
	assert_false(out.u.finding.has_severity);	/* none was given */
	f->has_severity = true;
	f->severity = SEV_INFO;
	f->origin = FROM_TERMINAL;
	round_trip(&in, &out, r);
	assert_true(out.u.finding.has_severity);
	assert_int_equal(out.u.finding.severity, SEV_INFO);
	assert_int_equal(out.u.finding.origin, FROM_TERMINAL);
	base(&in, EV_FINDING);
	f->kind = FINDING_DANGEROUS_DEFAULTS;
	f->signals = SIGBIT(SIGHUP) | SIGBIT(SIGUSR2);
	round_trip(&in, &out, r);
	assert_int_equal(out.u.finding.kind, FINDING_DANGEROUS_DEFAULTS);
	assert_int_equal(out.u.finding.signo, 0);
	assert_true(out.u.finding.signals == f->signals);
	reader_close(r);
}

static void test_other_types(void **state)
{
	struct reader *r = reader_new("test", NULL);
	struct event in, out;

	base(&in, EV_EXIT);
	in.u.exit.signaled = true;
	in.u.exit.signo = SIGSEGV;
	in.u.exit.core = true;
	round_trip(&in, &out, r);
	assert_true(out.u.exit.signaled && out.u.exit.core);
	assert_int_equal(out.u.exit.signo, SIGSEGV);
	base(&in, EV_EXIT);
	in.u.exit.code = 3;
	in.u.exit.thread = true;
	round_trip(&in, &out, r);
	assert_false(out.u.exit.signaled);
	assert_int_equal(out.u.exit.code, 3);
	assert_true(out.u.exit.thread);
	base(&in, EV_TRACE_START);
	in.u.start.attach = true;
	in.u.start.npids = 2;
	in.u.start.pids[0] = 10;
	in.u.start.pids[1] = 11;
	round_trip(&in, &out, r);
	assert_true(out.u.start.attach);
	assert_int_equal(out.u.start.npids, 2);
	assert_int_equal(out.u.start.pids[1], 11);
	base(&in, EV_DISPOSITIONS);
	in.u.table.caught = SIGBIT(SIGUSR1) | SIGBIT(SIGRTMIN + 3);
	in.u.table.ignored = SIGBIT(SIGPIPE);
	in.u.table.threads = 4;
	round_trip(&in, &out, r);
	assert_true(out.u.table.caught == in.u.table.caught);
	assert_true(out.u.table.ignored == in.u.table.ignored);
	assert_int_equal(out.u.table.threads, 4);
	base(&in, EV_FORK);
	in.u.fork.child = 77;
	in.u.fork.thread = true;
	round_trip(&in, &out, r);
	assert_int_equal(out.u.fork.child, 77);
	assert_true(out.u.fork.thread);
	base(&in, EV_TRACE_END);
	in.u.end.exit_status = 138;
	in.u.end.stops = 5;
	round_trip(&in, &out, r);
	assert_int_equal(out.u.end.exit_status, 138);
	assert_true(out.u.end.stops == 5);
	reader_close(r);
}

/* reader_parse() on a bad line: -1 and an error mentioning WANT. */
static void expect_error(const char *line, const char *want)
{
	struct reader *r = reader_new("log.jsonl", NULL);
	struct event e;

	if (reader_parse(r, line, strlen(line), &e) != -1)
		fail_msg("accepted: %s", line);
	if (!strstr(reader_error(r), want))
		fail_msg("error '%s' does not say '%s'", reader_error(r), want);
	reader_close(r);
}

#define COMMON "\"time\":\"2026-11-23T22:44:01.123456789Z\",\"mono_ns\":1,\"pid\":1,\"tid\":1,\"comm\":\"x\""

static void test_bad_lines(void **state)
{
	struct reader *r = reader_new("log.jsonl", NULL);
	struct event e;
	const char *unknown = "{\"v\":1,\"type\":\"teleport\"," COMMON "}";

	expect_error("{\"v\":1,", "not JSON");
	expect_error("[1,2]", "not a JSON object");
	expect_error("{\"type\":\"exit\"}", "no \"v\"");
	expect_error("{\"v\":2,\"type\":\"exit\"," COMMON "}",
		     "schema version 2");
	expect_error("{\"v\":1,\"type\":\"exit\",\"time\":\"x\"}",
		     "\"mono_ns\" field is missing");
	expect_error("{\"v\":1,\"type\":\"exit\",\"time\":\"2026-11-23T22:44:01Z\",\"mono_ns\":1,\"pid\":\"1\",\"tid\":1}",
		     "\"pid\" should be an integer");
	expect_error("{\"v\":1,\"type\":\"signal\"," COMMON ",\"signal\":\"SIGNOPE\"}",
		     "unknown signal");
	expect_error("{\"v\":1,\"type\":\"signal\"," COMMON ",\"signal\":\"SIGHUP\",\"stack\":{}}",
		     "\"stack\" is not an array of frames");
	expect_error("{\"v\":1,\"type\":\"signal\"," COMMON ",\"signal\":\"SIGHUP\",\"stack\":[1]}",
		     "frame is not an object");
	expect_error("{\"v\":1,\"type\":\"exit\",\"time\":\"yesterday\",\"mono_ns\":1,\"pid\":1,\"tid\":1}",
		     "ISO 8601");
	/* Unknown event types (a later sigtrace) are skipped. */
	assert_int_equal(reader_parse(r, unknown, strlen(unknown), &e), 1);
	reader_close(r);
}

/* Run a reader over CONTENT: returns the events read, or -1. */
static int read_all(const char *content, size_t len, char *err, size_t errlen,
		    char *warn, size_t warnlen)
{
	FILE *fp = fmemopen((void *)content, len, "r");
	struct reader *r = reader_new("log.jsonl", fp);
	struct event e;
	int n = 0, rc;

	while ((rc = reader_next(r, &e)) > 0)
		n++;
	snprintf(err, errlen, "%s", rc < 0 ? reader_error(r) : "");
	snprintf(warn, warnlen, "%s", reader_warning(r) ? reader_warning(r) : "");
	reader_close(r);
	fclose(fp);
	return rc < 0 ? -1 : n;
}

#define LINE "{\"v\":1,\"type\":\"detach\"," COMMON "}\n"

static void test_files(void **state)
{
	char err[1024], warn[1024];
	char *big;
	size_t n = 2 * 1024 * 1024;

	/* Empty. */
	assert_int_equal(read_all("", 0, err, sizeof(err), warn, sizeof(warn)), -1);
	assert_non_null(strstr(err, "empty"));
	/* Two events and blank lines. */
	assert_int_equal(read_all(LINE "\n" LINE, strlen(LINE "\n" LINE), err,
				  sizeof(err), warn, sizeof(warn)), 2);
	/* A trace killed mid-write: the last line cut short. */
	assert_int_equal(read_all(LINE LINE "{\"v\":1,\"ty", strlen(LINE LINE) + 10,
				  err, sizeof(err), warn, sizeof(warn)), 2);
	assert_non_null(strstr(warn, "log.jsonl:3: the last line is incomplete"));
	/* A cut line in the middle is corruption. */
	assert_int_equal(read_all(LINE "{\"v\":1,\"ty\n" LINE,
				  strlen(LINE "{\"v\":1,\"ty\n" LINE), err,
				  sizeof(err), warn, sizeof(warn)), -1);
	assert_non_null(strstr(err, "log.jsonl:2: not JSON"));
	/* Binary. */
	assert_int_equal(read_all("\x7f" "ELF\x02\x01\x01\0\0\0\n", 11, err,
				  sizeof(err), warn, sizeof(warn)), -1);
	assert_non_null(strstr(err, "log.jsonl:1: binary data"));
	/* One huge line. */
	big = malloc(n);
	memset(big, 'a', n);
	assert_int_equal(read_all(big, n, err, sizeof(err), warn, sizeof(warn)), -1);
	assert_non_null(strstr(err, "log.jsonl:1: a line longer than"));
	free(big);
	/* Only unknown types. */
	assert_int_equal(read_all("{\"v\":1,\"type\":\"teleport\"," COMMON "}\n",
				  strlen("{\"v\":1,\"type\":\"teleport\"," COMMON "}\n"),
				  err, sizeof(err), warn, sizeof(warn)), -1);
	assert_non_null(strstr(err, "no event this sigtrace knows"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signal),
		cmocka_unit_test(test_signal_origin),
		cmocka_unit_test(test_sigaction),
		cmocka_unit_test(test_stack),
		cmocka_unit_test(test_syscall_events),
		cmocka_unit_test(test_findings),
		cmocka_unit_test(test_other_types),
		cmocka_unit_test(test_bad_lines),
		cmocka_unit_test(test_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
