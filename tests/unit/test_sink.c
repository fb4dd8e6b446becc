/* SPDX-License-Identifier: MIT */
/*
 * test_sink.c - the JSON Lines and text sinks: every event type gives
 * one line with the documented fields, hostile strings from other
 * processes neither break the framing nor reach a terminal raw, and the
 * -e signal=SET filter and verbosity decide what is shown.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>

#include "arch.h"
#include "event.h"
#include "sigtab.h"
#include "sink.h"

#define SA_RESTART_K 0x10000000ULL
#define SA_RESTORER_K 0x04000000ULL

/* A hostile command line: terminal escapes, a newline with a fake event
 * after it, quotes, an invalid UTF-8 byte and markup. */
static const char evil_cmdline[] =
	"tar_race\0\x1b[2J\n{\"type\":\"fake\"}\0\xff<script>alert(1)</script>";
static const char evil_comm[] = "ev\x1b]0;pwn\x07il\n";

/* ---- helpers ---- */

static void set_cmdline(struct cmdline *c, const char *buf, size_t len)
{
	memcpy(c->buf, buf, len);
	c->len = len;
}

static void base(struct event *e, enum event_type type)
{
	event_init(e, type);
	e->real_sec = 1700000000;	/* 2023-11-14T22:13:20Z */
	e->real_nsec = 123456789;
	e->mono_ns = 5000000000ULL;
	e->pid = 1234;
	e->tid = 1234;
	strcpy(e->comm, "tar_race");
}

static void sender(struct proc_ident *p, struct ancestry *chain)
{
	p->pid = 1233;
	p->uid = 0;
	p->known = true;
	strcpy(p->comm, "tar_race");
	set_cmdline(&p->cmdline, "tar_race\0parent", 16);
	chain->count = 2;
	chain->link[0].pid = 1200;
	strcpy(chain->link[0].comm, "sh");
	chain->link[1].pid = 1100;
	strcpy(chain->link[1].comm, "logrotate");
}

static void signal_event(struct event *e, int signo)
{
	base(e, EV_SIGNAL);
	e->u.sig.signo = signo;
	e->u.sig.code = SI_USER;
	e->u.sig.has_sender = true;
	sender(&e->u.sig.sender, &e->u.sig.sender_chain);
	e->u.sig.disposition.kind = DISP_DEFAULT;
	e->u.sig.syscall = arch_syscall_number("read");
	e->u.sig.syscall_ret = -K_ERESTARTSYS;
}

static void handler_disp(struct disposition *d)
{
	d->kind = DISP_HANDLER;
	d->handler = 0x401136;
	d->flags = SA_RESTART_K | SA_RESTORER_K;
	d->flags_known = true;
	strcpy(d->symbol, "on_usr1");
}

static void syscall_event(struct event *e, enum event_type type)
{
	base(e, type);
	e->u.sc.syscall = arch_syscall_number("read");
	e->u.sc.syscall_name = "read";
	e->u.sc.code = -K_ERESTARTSYS;
	e->u.sc.signo = SIGALRM;
	handler_disp(&e->u.sc.handler);
	e->u.sc.handler.flags = SA_RESTORER_K;
	strcpy(e->u.sc.handler.symbol, "on_alrm");
}

static struct sink_config default_cfg(void)
{
	struct sink_config cfg = {
		.time_format = TIME_NONE,
		.time_digits = 6,
		.signals = ~(sigbits_t)0,
	};
	return cfg;
}

/* Run events E[0..N) through a sink writing to a temp file; return what
 * it wrote (malloc'd, NUL-terminated; the bytes may include NULs). */
static char *run_sink(const struct sink_ops *ops,
		      const struct sink_config *cfg,
		      const struct event *e, size_t n, size_t *lenp)
{
	char path[] = "/tmp/test_sink.XXXXXX";
	struct sink s = { .ops = ops, .path = path, .cfg = *cfg };
	char *out = calloc(1, 65536);
	ssize_t len;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	unlink(path);
	s.fd = fd;
	sink_open(&s, NULL);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ops->write(&s, &e[i]), 0);
	assert_int_equal(sink_close(&s), 0);
	assert_non_null(out);
	len = pread(fd, out, 65535, 0);
	assert_true(len >= 0);
	close(fd);
	if (lenp)
		*lenp = (size_t)len;
	return out;
}

static char *text_of(const struct sink_config *cfg, const struct event *e)
{
	return run_sink(&sink_text_ops, cfg, e, 1, NULL);
}

static void expect_text(const struct sink_config *cfg, const struct event *e,
			const char *want)
{
	char *out = text_of(cfg, e);

	assert_string_equal(out, want);
	free(out);
}

/* One event as JSON: exactly one line, no raw ESC, parses, and carries
 * the common fields with the values base() set. */
static json_t *json_of(const struct event *e)
{
	struct sink_config cfg = default_cfg();
	json_error_t err;
	size_t len;
	char *out = run_sink(&sink_json_ops, &cfg, e, 1, &len);
	json_t *j;

	assert_true(len > 2);
	assert_int_equal(out[len - 1], '\n');
	assert_ptr_equal(memchr(out, '\n', len), out + len - 1);
	assert_null(memchr(out, 0x1b, len));
	j = json_loads(out, 0, &err);
	if (!j)
		fail_msg("bad JSON (%s): %s", err.text, out);
	free(out);
	assert_int_equal(json_integer_value(json_object_get(j, "v")), 1);
	assert_string_equal(json_string_value(json_object_get(j, "type")),
			    event_type_name(e->type));
	assert_string_equal(json_string_value(json_object_get(j, "time")),
			    "2023-11-14T22:13:20.123456789Z");
	assert_int_equal(json_integer_value(json_object_get(j, "mono_ns")),
			 e->mono_ns);
	assert_int_equal(json_integer_value(json_object_get(j, "pid")), e->pid);
	assert_int_equal(json_integer_value(json_object_get(j, "tid")), e->tid);
	assert_non_null(json_string_value(json_object_get(j, "comm")));
	return j;
}

/* Member KEY of J, which must exist and have type T. */
static json_t *jtyped(json_t *j, const char *key, json_type t)
{
	json_t *v = json_object_get(j, key);

	if (!v || json_typeof(v) != t)
		fail_msg("\"%s\" missing or of the wrong type", key);
	return v;
}

#define jstr(j, key) json_string_value(jtyped(j, key, JSON_STRING))
/* Element I of the array KEY, a string. */
#define jat(j, key, i) \
	json_string_value(json_array_get(jtyped(j, key, JSON_ARRAY), i))

/* ---- shared: filter and write ---- */

static void test_selected(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e;

	cfg.signals = SIGBIT(SIGUSR1);
	signal_event(&e, SIGUSR1);
	assert_true(sink_event_selected(&cfg, &e));
	signal_event(&e, SIGUSR2);
	assert_false(sink_event_selected(&cfg, &e));
	syscall_event(&e, EV_EINTR);
	assert_false(sink_event_selected(&cfg, &e));
	e.u.sc.signo = SIGUSR1;
	assert_true(sink_event_selected(&cfg, &e));
	base(&e, EV_FINDING);
	e.u.finding.signo = SIGTERM;
	assert_false(sink_event_selected(&cfg, &e));
	e.u.finding.kind = FINDING_DANGEROUS_DEFAULTS;
	e.u.finding.signo = 0;
	e.u.finding.signals = SIGBIT(SIGHUP) | SIGBIT(SIGUSR1);
	assert_true(sink_event_selected(&cfg, &e));
	e.u.finding.signals = SIGBIT(SIGHUP);
	assert_false(sink_event_selected(&cfg, &e));
	base(&e, EV_SIGACTION);
	e.u.sa.signo = 0;	/* rt_sigaction(0, ...) = -EINVAL */
	assert_true(sink_event_selected(&cfg, &e));
	cfg.signals = 0;
	base(&e, EV_FORK);
	assert_true(sink_event_selected(&cfg, &e));
	base(&e, EV_EXIT);
	e.u.exit.signaled = true;
	e.u.exit.signo = SIGKILL;
	assert_true(sink_event_selected(&cfg, &e));
}

static void test_write_all(void **state)
{
	const struct sink_ops *ops[] = { &sink_json_ops, &sink_text_ops };
	struct event e;
	int p[2];
	char buf[8] = "";

	assert_int_equal(pipe(p), 0);
	assert_int_equal(sink_write_all(p[1], "hello", 5), 0);
	assert_int_equal(read(p[0], buf, sizeof(buf)), 5);
	assert_memory_equal(buf, "hello", 5);
	close(p[0]);
	close(p[1]);
	assert_int_equal(sink_write_all(-1, "x", 1), -EBADF);
	assert_int_equal(sink_write_all(-1, "", 0), 0);

	/* In a sink: held until the flush, then returned as -errno,
	 * remembered, and sticky. */
	base(&e, EV_DETACH);
	for (size_t i = 0; i < 2; i++) {
		struct sink s = { .ops = ops[i], .cfg = default_cfg() };

		s.fd = open("/dev/null", O_RDONLY);
		s.owns_fd = true;
		assert_true(s.fd >= 0);
		sink_open(&s, NULL);
		assert_int_equal(s.ops->write(&s, &e), 0);
		assert_true(sink_pending(&s));
		assert_int_equal(sink_flush(&s), -EBADF);
		assert_int_equal(s.error, EBADF);
		assert_int_equal(s.ops->write(&s, &e), -EBADF);
		assert_int_equal(sink_flush(&s), -EBADF);
		assert_int_equal(sink_close(&s), -EBADF);
		assert_int_equal(s.fd, -1);	/* closed all the same */
		assert_int_equal(sink_close(&s), -EBADF);	/* harmless */
	}
}

/* A sink holds its lines: nothing reaches the file before a flush, unless
 * SINK_BUF_MAX bytes wait; the close writes out the rest, in order. */
static void test_held_output(void **state)
{
	char path[] = "/tmp/test_sink.XXXXXX";
	struct sink s = { .ops = &sink_json_ops, .path = path,
			  .cfg = default_cfg() };
	struct event e;
	struct stat sb;
	size_t n = 0;
	off_t line;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	unlink(path);
	s.fd = fd;
	sink_open(&s, NULL);
	base(&e, EV_DETACH);
	assert_int_equal(s.ops->write(&s, &e), 0);
	assert_int_equal(fstat(fd, &sb), 0);
	assert_int_equal(sb.st_size, 0);
	assert_int_equal(sink_flush(&s), 0);
	assert_false(sink_pending(&s));
	assert_int_equal(fstat(fd, &sb), 0);
	line = sb.st_size;	/* one event, one line */
	assert_true(line > 0);
	/* past the bound, the sink writes out by itself */
	while (fstat(fd, &sb) == 0 && (size_t)sb.st_size < SINK_BUF_MAX) {
		assert_int_equal(s.ops->write(&s, &e), 0);
		assert_true(++n < SINK_BUF_MAX);
	}
	assert_true(s.out.len < SINK_BUF_MAX);
	assert_int_equal(s.ops->write(&s, &e), 0);
	assert_int_equal(sink_close(&s), 0);
	assert_int_equal(fstat(fd, &sb), 0);
	assert_int_equal(sb.st_size, (off_t)(n + 2) * line);	/* all, once */
	close(fd);
}

/* ---- JSON ---- */

static void test_json_hostile_sender(void **state)
{
	struct event e;
	json_t *j, *snd, *chain;

	signal_event(&e, SIGUSR1);
	strcpy(e.comm, evil_comm);
	strcpy(e.u.sig.sender.comm, evil_comm);
	set_cmdline(&e.u.sig.sender.cmdline, evil_cmdline,
		    sizeof(evil_cmdline) - 1);
	strcpy(e.u.sig.sender_chain.link[0].comm, "sh\"\\");
	j = json_of(&e);
	assert_string_equal(jstr(j, "comm"), evil_comm);
	snd = jtyped(j, "sender", JSON_OBJECT);
	assert_string_equal(jstr(snd, "comm"), evil_comm);
	assert_int_equal(json_array_size(jtyped(snd, "cmdline", JSON_ARRAY)), 3);
	assert_string_equal(jat(snd, "cmdline", 0), "tar_race");
	assert_string_equal(jat(snd, "cmdline", 1),
			    "\x1b[2J\n{\"type\":\"fake\"}");
	assert_string_equal(jat(snd, "cmdline", 2),
			    "\xef\xbf\xbd<script>alert(1)</script>");
	chain = jtyped(j, "sender_chain", JSON_ARRAY);
	assert_int_equal(json_array_size(chain), 2);
	assert_string_equal(jstr(json_array_get(chain, 0), "comm"), "sh\"\\");
	json_decref(j);
}

/*
 * Check event E's JSON against TMPL, a JSON object written with ' for "
 * for legibility: each of its members must be in the output with an
 * equal value (objects and arrays compared whole), and a member whose
 * value is null must be absent (at the top level only: nested values
 * are compared whole).
 */
static void expect_json(const struct event *e, const char *tmpl)
{
	char *text = strdup(tmpl);
	json_t *j = json_of(e), *t, *v;
	json_error_t err;
	const char *key;

	for (char *p = text; *p; p++)
		if (*p == '\'')
			*p = '"';
	t = json_loads(text, 0, &err);
	if (!t)
		fail_msg("bad template (%s): %s", err.text, text);
	json_object_foreach(t, key, v) {
		json_t *got = json_object_get(j, key);
		char *dump = got ? json_dumps(got, JSON_ENCODE_ANY) : NULL;

		if (json_is_null(v) ? got != NULL : !json_equal(v, got))
			fail_msg("\"%s\": got %s, want %s", key,
				 dump ? dump : "nothing", text);
		free(dump);
	}
	json_decref(t);
	json_decref(j);
	free(text);
}

static void test_json_signal(void **state)
{
	struct event e;

	signal_event(&e, SIGUSR1);
	handler_disp(&e.u.sig.disposition);
	e.u.sig.disposition.flags |= 0x100;	/* no name */
	e.u.sig.disposition.mask = SIGBIT(SIGINT) | SIGBIT(SIGTERM);
	e.u.sig.err = 5;
	expect_json(&e, "{'signal':'SIGUSR1','signo':10,'code':'SI_USER',"
		    "'errno':5,'syscall':'read','syscall_ret':'ERESTARTSYS',"
		    "'disposition':{'kind':'handler','handler':'0x401136',"
		    "'symbol':'on_usr1',"
		    "'flags':['SA_RESTART','SA_RESTORER','0x100'],"
		    "'mask':['SIGINT','SIGTERM']},"
		    "'addr':null,'status':null,'value':null,'band':null}");
}

static void test_json_signal_variants(void **state)
{
	struct event e;

	/* SIGCHLD from a killed child: status is a signal name. */
	signal_event(&e, SIGCHLD);
	e.u.sig.code = CLD_KILLED;
	e.u.sig.has_status = true;
	e.u.sig.status = SIGKILL;
	e.u.sig.disposition.kind = DISP_IGNORED;
	e.u.sig.syscall = -1;
	expect_json(&e, "{'code':'CLD_KILLED','status':'SIGKILL',"
		    "'disposition':{'kind':'ignored'},'syscall':null}");
	e.u.sig.code = CLD_EXITED;
	e.u.sig.status = 3;
	expect_json(&e, "{'code':'CLD_EXITED','status':3}");

	/* A fault: address, no sender, default action core. */
	signal_event(&e, SIGSEGV);
	e.u.sig.code = 1;	/* SEGV_MAPERR */
	e.u.sig.has_sender = false;
	e.u.sig.has_addr = true;
	e.u.sig.addr = 0xdead;
	e.u.sig.syscall_ret = 3;	/* a count, not an errno */
	expect_json(&e, "{'code':'SEGV_MAPERR','addr':'0xdead','sender':null,"
		    "'syscall_ret':3,"
		    "'disposition':{'kind':'default','action':'core'}}");

	/* sigqueue: a value; the sender has gone; disposition unknown. */
	signal_event(&e, SIGRTMIN + 1);
	e.u.sig.code = SI_QUEUE;
	e.u.sig.has_value = true;
	e.u.sig.value = 42;
	e.u.sig.sender.gone = true;
	e.u.sig.sender.comm[0] = '\0';	/* unknown: not traced */
	e.u.sig.sender_chain.count = 0;
	e.u.sig.disposition.kind = DISP_UNKNOWN;
	expect_json(&e, "{'code':'SI_QUEUE','value':42,"
		    "'sender':{'pid':1233,'uid':0,'gone':true,'chain':[]},"
		    "'sender_chain':null,'disposition':{'kind':'unknown'}}");

	/* SIGIO: band and fd. */
	signal_event(&e, SIGIO);
	e.u.sig.code = 1;	/* POLL_IN */
	e.u.sig.has_sender = false;
	e.u.sig.has_band = true;
	e.u.sig.band = 1;
	e.u.sig.fd = 7;
	expect_json(&e, "{'code':'POLL_IN','band':1,'fd':7}");
}

static void test_json_sigaction(void **state)
{
	struct event e;

	base(&e, EV_SIGACTION);
	e.u.sa.signo = SIGUSR1;
	e.u.sa.syscall = "rt_sigaction";
	e.u.sa.has_old = true;
	e.u.sa.old_disp.kind = DISP_DEFAULT;
	e.u.sa.old_disp.flags_known = true;
	e.u.sa.has_new = true;
	handler_disp(&e.u.sa.new_disp);
	expect_json(&e, "{'signal':'SIGUSR1','signo':10,"
		    "'syscall':'rt_sigaction','result':0,"
		    "'old':{'kind':'default','action':'term','flags':[],"
		    "'mask':[]},'new':{'kind':'handler','handler':'0x401136',"
		    "'symbol':'on_usr1','flags':['SA_RESTART','SA_RESTORER'],"
		    "'mask':[]}}");

	e.u.sa.signo = SIGKILL;
	e.u.sa.has_new = false;
	e.u.sa.result = EINVAL;
	expect_json(&e, "{'signal':'SIGKILL','new':null,'result':'EINVAL'}");
	e.u.sa.signo = 0;
	expect_json(&e, "{'signal':'0','signo':0,"
		    "'old':{'kind':'default','flags':[],'mask':[]}}");
}

static void test_json_syscall_sig(void **state)
{
	static const enum event_type types[] = {
		EV_INTERRUPTED, EV_EINTR, EV_RESTARTED
	};
	struct event e;

	for (size_t i = 0; i < 3; i++) {
		syscall_event(&e, types[i]);
		e.u.sc.never_restarted = i == 1;
		expect_json(&e, i == 1 ?
			    "{'never_restarted':true}" :
			    "{'never_restarted':false}");
		expect_json(&e, "{'syscall':'read','syscall_nr':0,"
			    "'code':'ERESTARTSYS','signal':'SIGALRM',"
			    "'signo':14,'handler':{'kind':'handler',"
			    "'handler':'0x401136','symbol':'on_alrm',"
			    "'flags':['SA_RESTORER'],'mask':[]}}");
	}
	e.u.sc.handler.kind = DISP_DEFAULT;
	e.u.sc.syscall_name = NULL;
	e.u.sc.code = -4;	/* EINTR */
	expect_json(&e, "{'syscall':'read','code':'EINTR','handler':null}");
}

static void test_json_finding(void **state)
{
	struct event e;
	struct ev_finding *f = &e.u.finding;

	base(&e, EV_FINDING);
	f->kind = FINDING_DEFAULT_DISPOSITION;
	f->signo = SIGUSR1;
	f->code = SI_USER;
	f->effect = EFFECT_KILLED;
	f->cause = CAUSE_INSTALLED_LATER;
	f->has_sender = true;
	sender(&f->sender, &f->sender_chain);
	f->sender.gone = true;
	f->sender.comm[0] = '\0';
	f->has_cause_time = true;
	f->cause_mono_ns = 100;
	f->has_install_time = true;
	f->install_mono_ns = 200;
	f->has_exec_time = true;
	f->exec_mono_ns = 50;
	strcpy(f->exec_path, "/usr/bin/tar");
	strcpy(f->detail, "SIGUSR1 arrived 1.2 ms after exec");
	expect_json(&e, "{'kind':'default_disposition','signal':'SIGUSR1',"
		    "'signo':10,'code':'SI_USER','effect':'killed',"
		    "'cause':'installed_later',"
		    "'sender':{'pid':1233,'uid':0,'gone':true,"
		    "'chain':[{'pid':1200,'comm':'sh'},"
		    "{'pid':1100,'comm':'logrotate'}]},"
		    "'sender_chain':[{'pid':1200,'comm':'sh'},"
		    "{'pid':1100,'comm':'logrotate'}],"
		    "'cause_mono_ns':100,'install_mono_ns':200,"
		    "'exec_mono_ns':50,'exec_path':'/usr/bin/tar',"
		    "'detail':'SIGUSR1 arrived 1.2 ms after exec',"
		    "'handler':null,'signals':null}");
}

static void test_json_trace_start(void **state)
{
	struct event e;

	base(&e, EV_TRACE_START);
	cmdline_from_argv(&e.u.start.argv, (char *[]){ "tar", "-x", NULL });
	e.u.start.tracer_pid = 99;
	strcpy(e.u.start.version, "1.0");
	expect_json(&e, "{'mode':'spawn','argv':['tar','-x'],"
		    "'tracer_pid':99,'version':'1.0','pids':null}");
	e.u.start.attach = true;
	e.u.start.npids = 2;
	e.u.start.pids[0] = 7;
	e.u.start.pids[1] = 8;
	expect_json(&e, "{'mode':'attach','pids':[7,8],'argv':null}");
}

static void test_json_task_events(void **state)
{
	struct event e;

	base(&e, EV_FORK);
	e.u.fork.child = 1235;
	e.u.fork.thread = true;
	expect_json(&e, "{'child':1235,'thread':true,'vfork':false}");

	base(&e, EV_EXEC);
	strcpy(e.u.exec.path, "/usr/bin/tar");
	cmdline_from_argv(&e.u.exec.argv, (char *[]){ "tar", NULL });
	e.u.exec.former_tid = 1240;
	expect_json(&e, "{'path':'/usr/bin/tar','argv':['tar'],"
		    "'former_tid':1240}");

	base(&e, EV_WARNING);
	strcpy(e.u.warning.message, "SigCgt disagrees\n");
	expect_json(&e, "{'message':'SigCgt disagrees\\n'}");

	base(&e, EV_EXIT);
	e.u.exit.code = 3;
	expect_json(&e, "{'code':3,'signal':null,'thread':false}");
	e.u.exit.signaled = true;
	e.u.exit.signo = SIGSEGV;
	e.u.exit.core = true;
	expect_json(&e, "{'signal':'SIGSEGV','signo':11,'core':true,"
		    "'code':null}");

	base(&e, EV_DETACH);
	expect_json(&e, "{'v':1,'type':'detach','pid':1234,'tid':1234,"
		    "'comm':'tar_race'}");

	base(&e, EV_TRACE_END);
	e.u.end.exit_status = 1;
	e.u.end.stops = 10;
	e.u.end.syscall_stops = 4;
	e.u.end.deliveries = 3;
	expect_json(&e, "{'exit_status':1,'stops':10,'syscall_stops':4,"
		    "'deliveries':3}");
}

/* Attach-mode and audit events: a /proc signal table, a change seen
 * between polls, and the findings that are not about one delivery. */
static void test_json_audit(void **state)
{
	struct event e;

	base(&e, EV_DISPOSITIONS);
	e.u.table.caught = SIGBIT(SIGUSR1) | SIGBIT(SIGTERM);
	e.u.table.ignored = SIGBIT(SIGPIPE);
	e.u.table.threads = 3;
	expect_json(&e, "{'caught':['SIGUSR1','SIGTERM'],"
		    "'ignored':['SIGPIPE'],'blocked':[],'pending':[],"
		    "'threads':3,'argv':[]}");

	base(&e, EV_SIGACTION);
	e.u.sa.signo = SIGUSR1;
	e.u.sa.observed = true;
	e.u.sa.window_start_mono_ns = 42;
	e.u.sa.has_new = true;
	e.u.sa.new_disp.kind = DISP_HANDLER;
	expect_json(&e, "{'observed':true,'window_start_mono_ns':42,"
		    "'result':null,'new':{'kind':'handler'}}");

	base(&e, EV_FINDING);
	e.u.finding.kind = FINDING_DANGEROUS_DEFAULTS;
	e.u.finding.signals = SIGBIT(SIGHUP) | SIGBIT(SIGUSR1);
	expect_json(&e, "{'kind':'dangerous_defaults',"
		    "'signals':['SIGHUP','SIGUSR1'],'signal':null,"
		    "'effect':null,'cause':null}");

	base(&e, EV_FINDING);
	e.u.finding.kind = FINDING_ONESHOT_HANDLER;
	e.u.finding.signo = SIGUSR2;
	handler_disp(&e.u.finding.handler);
	expect_json(&e, "{'kind':'oneshot_handler','signal':'SIGUSR2',"
		    "'handler':{'kind':'handler','handler':'0x401136',"
		    "'symbol':'on_usr1','flags':['SA_RESTART','SA_RESTORER'],"
		    "'mask':[]},'cause':null}");
}

static void test_json_filter(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e[2];
	char *out;

	cfg.signals = SIGBIT(SIGUSR1);
	signal_event(&e[0], SIGUSR2);
	signal_event(&e[1], SIGUSR1);
	out = run_sink(&sink_json_ops, &cfg, e, 2, NULL);
	assert_null(strstr(out, "SIGUSR2"));
	assert_non_null(strstr(out, "\"signal\":\"SIGUSR1\""));
	free(out);
}

/* ---- text ---- */

static void test_text_signal(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e;

	signal_event(&e, SIGUSR1);
	expect_text(&cfg, &e, "1234 (tar_race) --- SIGUSR1 {si_code=SI_USER, "
		    "si_pid=1233, si_uid=0} from 1233 \"tar_race\" "
		    "[\"tar_race\",\"parent\"] <- sh(1200) <- logrotate(1100) "
		    "in read() [ERESTARTSYS] => default (term) ---\n");

	/* A handled delivery, dim when colour is on. */
	handler_disp(&e.u.sig.disposition);
	e.u.sig.sender.gone = true;
	e.u.sig.sender.comm[0] = '\0';
	e.u.sig.sender_chain.count = 0;
	e.u.sig.syscall = -1;
	e.tid = 1236;
	cfg.color = true;
	expect_text(&cfg, &e, "1234/1236 (tar_race) \033[2m--- SIGUSR1 "
		    "{si_code=SI_USER, si_pid=1233, si_uid=0} from 1233 (gone) "
		    "=> handler 0x401136 <on_usr1> [SA_RESTART|SA_RESTORER] "
		    "---\033[0m\n");

	cfg.color = false;
	signal_event(&e, SIGCHLD);
	e.u.sig.code = CLD_KILLED;
	e.u.sig.has_sender = false;
	e.u.sig.has_status = true;
	e.u.sig.status = SIGKILL;
	e.u.sig.disposition.kind = DISP_IGNORED;
	e.u.sig.syscall = -1;
	expect_text(&cfg, &e, "1234 (tar_race) --- SIGCHLD {si_code=CLD_KILLED, "
		    "si_status=SIGKILL} => ignored ---\n");

	signal_event(&e, SIGSEGV);
	e.u.sig.code = 1;
	e.u.sig.has_sender = false;
	e.u.sig.has_addr = true;
	e.u.sig.addr = 0xdead;
	e.u.sig.syscall = -1;
	expect_text(&cfg, &e, "1234 (tar_race) --- SIGSEGV {si_code=SEGV_MAPERR, "
		    "si_addr=0xdead} => default (core) ---\n");
}

static void test_text_sigaction(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e;

	base(&e, EV_SIGACTION);
	e.u.sa.signo = SIGUSR1;
	e.u.sa.has_new = true;
	handler_disp(&e.u.sa.new_disp);
	e.u.sa.has_old = true;
	e.u.sa.old_disp.kind = DISP_DEFAULT;
	e.u.sa.old_disp.flags_known = true;
	expect_text(&cfg, &e, "1234 (tar_race) rt_sigaction(SIGUSR1, "
		    "{handler=0x401136 <on_usr1>, flags=SA_RESTART|SA_RESTORER, "
		    "mask=[]}, old={SIG_DFL}) = 0\n");

	e.u.sa.signo = SIGKILL;
	e.u.sa.syscall = "signal";
	e.u.sa.new_disp.kind = DISP_IGNORED;
	e.u.sa.new_disp.flags = 0;
	e.u.sa.new_disp.mask = SIGBIT(SIGINT) | SIGBIT(SIGHUP);
	e.u.sa.has_old = false;
	e.u.sa.result = EINVAL;
	expect_text(&cfg, &e, "1234 (tar_race) signal(SIGKILL, {SIG_IGN, "
		    "flags=0, mask=[SIGHUP SIGINT]}, old=?) = -1 EINVAL\n");

	e.u.sa.new_disp.mask = ~(SIGBIT(32) | SIGBIT(33));
	expect_text(&cfg, &e, "1234 (tar_race) signal(SIGKILL, {SIG_IGN, "
		    "flags=0, mask=~[SIGRTMIN SIGRTMIN+1]}, old=?) = -1 EINVAL\n");
	e.u.sa.has_new = false;
	e.u.sa.result = 0;
	expect_text(&cfg, &e, "1234 (tar_race) signal(SIGKILL, NULL, old=?) = 0\n");
}

static void test_text_task_events(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e;

	base(&e, EV_FORK);
	e.u.fork.child = 1235;
	expect_text(&cfg, &e, "1234 (tar_race) +++ fork: child 1235 +++\n");
	e.u.fork.vfork = true;
	expect_text(&cfg, &e, "1234 (tar_race) +++ vfork: child 1235 +++\n");
	e.u.fork.thread = true;
	expect_text(&cfg, &e, "1234 (tar_race) +++ thread 1235 +++\n");

	base(&e, EV_EXEC);
	strcpy(e.u.exec.path, "/usr/bin/tar");
	cmdline_from_argv(&e.u.exec.argv,
			  (char *[]){ "tar", "-xpf", "a.tar", NULL });
	expect_text(&cfg, &e, "1234 (tar_race) +++ exec \"/usr/bin/tar\" "
		    "[\"tar\",\"-xpf\",\"a.tar\"] +++\n");

	base(&e, EV_EXIT);
	expect_text(&cfg, &e, "1234 (tar_race) +++ exited with 0 +++\n");
	e.u.exit.signaled = true;
	e.u.exit.signo = SIGUSR1;
	expect_text(&cfg, &e, "1234 (tar_race) +++ killed by SIGUSR1 +++\n");
	e.u.exit.signo = SIGSEGV;
	e.u.exit.core = true;
	expect_text(&cfg, &e,
		    "1234 (tar_race) +++ killed by SIGSEGV (core dumped) +++\n");
	base(&e, EV_EXIT);
	e.u.exit.thread = true;
	expect_text(&cfg, &e, "");
	cfg.verbose = true;
	expect_text(&cfg, &e, "1234 (tar_race) +++ thread exited with 0 +++\n");

	base(&e, EV_DETACH);
	expect_text(&cfg, &e, "1234 (tar_race) --- detached ---\n");
	base(&e, EV_WARNING);
	strcpy(e.u.warning.message, "lost track\n");
	expect_text(&cfg, &e,
		    "1234 (tar_race) sigtrace: warning: lost track\\n\n");

	base(&e, EV_TRACE_START);
	strcpy(e.u.start.version, "1.0");
	cmdline_from_argv(&e.u.start.argv, (char *[]){ "tar", "-x", NULL });
	expect_text(&cfg, &e, "sigtrace 1.0: tracing \"tar\" [\"tar\",\"-x\"]\n");
	e.u.start.attach = true;
	e.u.start.npids = 2;
	e.u.start.pids[0] = 1;
	e.u.start.pids[1] = 2;
	expect_text(&cfg, &e, "sigtrace 1.0: attached to pid 1,2\n");
}

static void test_text_verbose_only(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e[3];
	char *out;

	syscall_event(&e[0], EV_INTERRUPTED);
	syscall_event(&e[1], EV_RESTARTED);
	base(&e[2], EV_TRACE_END);
	e[2].u.end.stops = 10;
	e[2].u.end.syscall_stops = 4;
	e[2].u.end.deliveries = 3;
	out = run_sink(&sink_text_ops, &cfg, e, 3, NULL);
	assert_string_equal(out, "");
	free(out);
	cfg.verbose = true;
	out = run_sink(&sink_text_ops, &cfg, e, 3, NULL);
	assert_string_equal(out,
		"1234 (tar_race) --- read() interrupted by SIGALRM "
		"[ERESTARTSYS] ---\n"
		"1234 (tar_race) --- read() restarted after SIGALRM ---\n"
		"sigtrace: done, exit status 0, 10 stops (4 syscall stops), "
		"3 deliveries\n");
	free(out);
}

static void test_text_eintr(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e;

	syscall_event(&e, EV_EINTR);
	expect_text(&cfg, &e, "1234 (tar_race) !!! EINTR: read() failed with "
		    "EINTR after SIGALRM (handler 0x401136 <on_alrm> without "
		    "SA_RESTART) !!!\n");
	e.u.sc.syscall_name = "nanosleep";
	e.u.sc.never_restarted = true;
	e.u.sc.handler.flags |= SA_RESTART_K;
	cfg.color = true;
	expect_text(&cfg, &e, "1234 (tar_race) \033[33m!!! EINTR despite "
		    "SA_RESTART: nanosleep is never restarted (SIGALRM) "
		    "!!!\033[0m\n");
	/* An event loop's wait: logged, no alarm. */
	e.u.sc.syscall_name = "epoll_wait";
	expect_text(&cfg, &e, "1234 (tar_race) --- epoll_wait() returned "
		    "EINTR after SIGALRM (an event loop's wait: normal) ---\n");
	/* The thread died of a pending signal before it could see it. */
	e.u.sc.syscall_name = "read";
	e.u.sc.unseen = true;
	expect_text(&cfg, &e, "1234 (tar_race) --- read() was to fail with "
		    "EINTR after SIGALRM, but a pending signal ended the thread "
		    "first ---\n");
}

static void test_text_finding(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e;

	base(&e, EV_FINDING);
	e.u.finding.signo = SIGUSR1;
	e.u.finding.effect = EFFECT_KILLED;
	e.u.finding.cause = CAUSE_INSTALLED_LATER;
	strcpy(e.u.finding.detail, "the handler came 2 ms later");
	e.u.finding.has_sender = true;
	sender(&e.u.finding.sender, &e.u.finding.sender_chain);
	e.u.finding.sender_chain.count = 1;
	cfg.color = true;
	expect_text(&cfg, &e, "1234 (tar_race) \033[1;31m!!! FINDING: SIGUSR1 "
		    "killed the process under its default disposition "
		    "(cause: installed_later) -- the handler came 2 ms later "
		    "-- from 1233 \"tar_race\" [\"tar_race\",\"parent\"] "
		    "<- sh(1200) !!!\033[0m\n");
}

/* Every event type with hostile strings everywhere a process chooses. */
static size_t hostile_events(struct event *e)
{
	size_t n = 0;

	for (int t = 0; t < EV__COUNT; t++, n++) {
		base(&e[n], (enum event_type)t);
		strcpy(e[n].comm, evil_comm);
	}
	signal_event(&e[EV_SIGNAL], SIGUSR1);
	strcpy(e[EV_SIGNAL].comm, evil_comm);
	strcpy(e[EV_SIGNAL].u.sig.sender.comm, evil_comm);
	set_cmdline(&e[EV_SIGNAL].u.sig.sender.cmdline, evil_cmdline,
		    sizeof(evil_cmdline) - 1);
	strcpy(e[EV_SIGNAL].u.sig.sender_chain.link[0].comm, evil_comm);
	handler_disp(&e[EV_SIGNAL].u.sig.disposition);
	strcpy(e[EV_SIGNAL].u.sig.disposition.symbol, evil_comm);
	e[EV_FINDING].u.finding.signo = SIGUSR1;
	e[EV_FINDING].u.finding.has_sender = true;
	e[EV_FINDING].u.finding.sender = e[EV_SIGNAL].u.sig.sender;
	strcpy(e[EV_FINDING].u.finding.detail, evil_comm);
	set_cmdline(&e[EV_EXEC].u.exec.argv, evil_cmdline,
		    sizeof(evil_cmdline) - 1);
	strcpy(e[EV_EXEC].u.exec.path, evil_comm);
	set_cmdline(&e[EV_TRACE_START].u.start.argv, evil_cmdline,
		    sizeof(evil_cmdline) - 1);
	strcpy(e[EV_WARNING].u.warning.message, evil_comm);
	syscall_event(&e[EV_EINTR], EV_EINTR);
	strcpy(e[EV_EINTR].u.sc.handler.symbol, evil_comm);
	return n;
}

static void test_text_hostile(void **state)
{
	static const char *const ours[] = {
		"\033[0m", "\033[1;31m", "\033[2m", "\033[33m"
	};
	struct sink_config cfg = default_cfg();
	struct event e[EV__COUNT];
	size_t n = hostile_events(e), len, lines = 0;
	char *out;

	cfg.verbose = true;
	out = run_sink(&sink_text_ops, &cfg, e, n, &len);
	assert_null(memchr(out, 0x1b, len));
	assert_null(memchr(out, 0x07, len));
	assert_null(memchr(out, '\r', len));
	assert_null(strstr(out, "\xc2\x9b"));
	for (size_t i = 0; i < len; i++)
		lines += out[i] == '\n';
	assert_int_equal(lines, n);
	free(out);

	/* With colour, every ESC is one of the sink's own sequences. */
	cfg.color = true;
	out = run_sink(&sink_text_ops, &cfg, e, n, &len);
	for (char *p = memchr(out, 0x1b, len); p;
	     p = memchr(p + 1, 0x1b, len - (size_t)(p + 1 - out))) {
		size_t k;

		for (k = 0; k < 4; k++)
			if (strncmp(p, ours[k], strlen(ours[k])) == 0)
				break;
		assert_true(k < 4);
	}
	free(out);

	/* And every type as JSON: one valid line each. */
	for (size_t i = 0; i < n; i++)
		json_decref(json_of(&e[i]));
}

static void test_text_audit(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e;

	base(&e, EV_DISPOSITIONS);
	e.u.table.caught = SIGBIT(SIGUSR1) | SIGBIT(SIGTERM);
	e.u.table.ignored = SIGBIT(SIGPIPE);
	e.u.table.threads = 3;
	expect_text(&cfg, &e, "1234 (tar_race) --- signal table: "
		    "caught=[SIGUSR1 SIGTERM] ignored=[SIGPIPE] blocked=[] "
		    "pending=[] threads=3 ---\n");

	base(&e, EV_SIGACTION);
	e.u.sa.signo = SIGUSR1;
	e.u.sa.observed = true;
	e.u.sa.window_start_mono_ns = e.mono_ns - 250000000;
	e.u.sa.has_old = true;
	e.u.sa.old_disp.kind = DISP_DEFAULT;
	e.u.sa.has_new = true;
	e.u.sa.new_disp.kind = DISP_HANDLER;
	expect_text(&cfg, &e, "1234 (tar_race) --- SIGUSR1 disposition "
		    "changed: {SIG_DFL} -> {handler=?} (seen in /proc, within "
		    "the last 0.250000 s) ---\n");

	base(&e, EV_FINDING);
	e.u.finding.kind = FINDING_DANGEROUS_DEFAULTS;
	e.u.finding.signals = SIGBIT(SIGHUP) | SIGBIT(SIGUSR1);
	expect_text(&cfg, &e, "1234 (tar_race) --- audit: [SIGHUP SIGUSR1] "
		    "left at a default disposition that terminates ---\n");
	base(&e, EV_FINDING);
	e.u.finding.kind = FINDING_ONESHOT_HANDLER;
	e.u.finding.signo = SIGUSR2;
	handler_disp(&e.u.finding.handler);
	e.u.finding.handler.flags = 0x80000000;	/* SA_RESETHAND */
	expect_text(&cfg, &e, "1234 (tar_race) --- audit: SIGUSR2 handler "
		    "0x401136 <on_usr1> [SA_RESETHAND] is one-shot ---\n");
	e.u.finding.kind = FINDING_MODEL_MISMATCH;
	strcpy(e.u.finding.detail, "SigCgt says caught");
	expect_text(&cfg, &e, "1234 (tar_race) !!! FINDING: SIGUSR2: the model "
		    "and the kernel disagree -- SigCgt says caught !!!\n");
}

static void test_text_filter(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e;

	cfg.signals = SIGBIT(SIGUSR1);
	signal_event(&e, SIGUSR2);
	expect_text(&cfg, &e, "");
	syscall_event(&e, EV_EINTR);
	expect_text(&cfg, &e, "");
	base(&e, EV_DETACH);
	expect_text(&cfg, &e, "1234 (tar_race) --- detached ---\n");
}

static void test_text_time(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e[3];
	char *out;

	base(&e[0], EV_DETACH);
	cfg.time_format = TIME_ISO;
	cfg.time_digits = 9;
	expect_text(&cfg, &e[0], "2023-11-14T22:13:20.123456789Z 1234 "
		    "(tar_race) --- detached ---\n");
	cfg.time_format = TIME_UNIX;
	cfg.time_digits = 6;
	expect_text(&cfg, &e[0],
		    "1700000000.123456 1234 (tar_race) --- detached ---\n");
	setenv("TZ", "UTC", 1);
	tzset();
	cfg.time_format = TIME_CLOCK;
	expect_text(&cfg, &e[0],
		    "22:13:20.123456 1234 (tar_race) --- detached ---\n");

	/* Relative: since the previous line this sink printed. */
	base(&e[1], EV_FORK);
	e[1].mono_ns = e[0].mono_ns + 1500000;
	signal_event(&e[2], SIGUSR2);
	e[2].mono_ns = e[0].mono_ns + 2000000000;
	cfg.time_format = TIME_REL;
	cfg.signals = SIGBIT(SIGUSR1);
	out = run_sink(&sink_text_ops, &cfg, e, 3, NULL);
	assert_string_equal(out,
			    "+0.000000 1234 (tar_race) --- detached ---\n"
			    "+0.001500 1234 (tar_race) +++ fork: child 0 +++\n");
	free(out);
}

static void test_text_strsize(void **state)
{
	struct sink_config cfg = default_cfg();
	struct event e;

	base(&e, EV_EXEC);
	strcpy(e.u.exec.path, "/bin/abcdefgh");
	set_cmdline(&e.u.exec.argv, "ab\xc3\xa9" "cd\0x", 8);
	e.u.exec.argv.truncated = true;
	cfg.strsize = 3;
	/* Cut before the 2-byte character rather than through it. */
	expect_text(&cfg, &e, "1234 (tar_race) +++ exec \"/bi\"... "
		    "[\"ab\"...,\"x\",...] +++\n");
}

#define TEXT_TESTS \
	cmocka_unit_test(test_text_signal), \
	cmocka_unit_test(test_text_sigaction), \
	cmocka_unit_test(test_text_task_events), \
	cmocka_unit_test(test_text_verbose_only), \
	cmocka_unit_test(test_text_eintr), \
	cmocka_unit_test(test_text_finding), \
	cmocka_unit_test(test_text_hostile), \
	cmocka_unit_test(test_text_audit), \
	cmocka_unit_test(test_text_filter), \
	cmocka_unit_test(test_text_time), \
	cmocka_unit_test(test_text_strsize),

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_selected),
		cmocka_unit_test(test_write_all),
		cmocka_unit_test(test_held_output),
		cmocka_unit_test(test_json_hostile_sender),
		cmocka_unit_test(test_json_signal),
		cmocka_unit_test(test_json_signal_variants),
		cmocka_unit_test(test_json_sigaction),
		cmocka_unit_test(test_json_syscall_sig),
		cmocka_unit_test(test_json_finding),
		cmocka_unit_test(test_json_trace_start),
		cmocka_unit_test(test_json_task_events),
		cmocka_unit_test(test_json_audit),
		cmocka_unit_test(test_json_filter),
		TEXT_TESTS
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
