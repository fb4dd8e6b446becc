/* SPDX-License-Identifier: MIT */
/*
 * test_targets.c - what production attach resolves and hears: pidfiles,
 * a unit in /proc/PID/cgroup, unit names, the walk that finds a unit's
 * directory, the checks of the command line, scans and checks against
 * a directory laid out like a cgroup, pidfile change notices, the
 * process-events datagrams, and the target a dispositions event names
 * in both logs and back through the reader.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <limits.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "event.h"
#include "procevents.h"
#include "reader.h"
#include "sink.h"
#include "targets.h"

/* ---- pure parsers ---- */

static void test_pidfile(void **state)
{
	pid_t pid = 0;

	(void)state;
	assert_int_equal(target_parse_pidfile("1234\n", 5, &pid), 0);
	assert_int_equal(pid, 1234);
	assert_int_equal(target_parse_pidfile("  42  \n\n", 8, &pid), 0);
	assert_int_equal(pid, 42);
	assert_int_equal(target_parse_pidfile("", 0, &pid), -1);
	assert_int_equal(target_parse_pidfile("\n", 1, &pid), -1);
	assert_int_equal(target_parse_pidfile("0\n", 2, &pid), -1);
	assert_int_equal(target_parse_pidfile("-5\n", 3, &pid), -1);
	assert_int_equal(target_parse_pidfile("12 34\n", 6, &pid), -1);
	assert_int_equal(target_parse_pidfile("12abc", 5, &pid), -1);
	assert_int_equal(target_parse_pidfile("99999999999", 11, &pid), -1);
	/* Only LEN bytes count: the digits after them are not read. */
	assert_int_equal(target_parse_pidfile("77123", 2, &pid), 0);
	assert_int_equal(pid, 77);
	/* Booted at 1000 s, 100 ticks a second: a process started at
	 * 1050 s wrote a pidfile at 1050 or later; one started at 1100
	 * has a pid reused since a pidfile written at 1050. */
	assert_true(target_pidfile_current(1050, 1000, 5000, 100));
	assert_true(target_pidfile_current(1051, 1000, 5000, 100));
	assert_true(target_pidfile_current(1049, 1000, 5000, 100));
	assert_false(target_pidfile_current(1050, 1000, 10000, 100));
	/* Unknown boot time: trust the file. */
	assert_true(target_pidfile_current(1050, 0, 10000, 100));
}

static void test_cgroup_unit(void **state)
{
	static const char v2[] = "0::/system.slice/nginx.service\n";
	static const char hybrid[] =
		"12:pids:/system.slice/nginx.service\n"
		"1:name=systemd:/system.slice/nginx.service/worker\n"
		"0::/system.slice/nginx.service\n";
	static const char user[] = "0::/user.slice/user-0.slice/session-3.scope\n";

	(void)state;
	assert_true(target_cgroup_has_unit(v2, strlen(v2), "nginx.service"));
	assert_true(target_cgroup_has_unit(hybrid, strlen(hybrid),
					   "nginx.service"));
	assert_true(target_cgroup_has_unit(v2, strlen(v2), "system.slice"));
	assert_false(target_cgroup_has_unit(v2, strlen(v2), "nginx"));
	assert_false(target_cgroup_has_unit(v2, strlen(v2), "x.service"));
	assert_false(target_cgroup_has_unit(user, strlen(user),
					    "nginx.service"));
	assert_true(target_cgroup_has_unit(user, strlen(user),
					   "session-3.scope"));
	/* A component, not a prefix or a suffix of one. */
	assert_false(target_cgroup_has_unit("0::/a/nginx.servicex\n", 21,
					    "nginx.service"));
	assert_false(target_cgroup_has_unit("0::/a/xnginx.service\n", 21,
					    "nginx.service"));
	/* Not in the controller list, only in the path. */
	assert_false(target_cgroup_has_unit("3:nginx.service:/\n", 18,
					    "nginx.service"));
	assert_false(target_cgroup_has_unit("", 0, "nginx.service"));
}

static void test_unit_name(void **state)
{
	char out[64];

	(void)state;
	target_unit_name("nginx", out, sizeof(out));
	assert_string_equal(out, "nginx.service");
	target_unit_name("nginx.service", out, sizeof(out));
	assert_string_equal(out, "nginx.service");
	target_unit_name("session-3.scope", out, sizeof(out));
	assert_string_equal(out, "session-3.scope");
	target_unit_name("getty@tty1", out, sizeof(out));
	assert_string_equal(out, "getty@tty1.service");
	target_unit_name("my.app", out, sizeof(out));
	assert_string_equal(out, "my.app.service");
}

/* ---- directories laid out like a cgroup tree ---- */

static void put_file(const char *dir, const char *name, const char *text)
{
	char path[PATH_MAX];
	FILE *f;

	assert_true((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) <
		    sizeof(path));
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void sub(char *out, size_t len, const char *dir, const char *name)
{
	assert_true((size_t)snprintf(out, len, "%s/%s", dir, name) < len);
	assert_int_equal(mkdir(out, 0755), 0);
}

static void rm_tree(const char *dir)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_find_dir(void **state)
{
	char root[] = "/tmp/test_targets.XXXXXX", a[PATH_MAX], b[PATH_MAX];
	char c[PATH_MAX], out[PATH_MAX];

	(void)state;
	assert_non_null(mkdtemp(root));
	sub(a, sizeof(a), root, "system.slice");
	sub(b, sizeof(b), a, "other.service");
	sub(c, sizeof(c), a, "web.slice");
	sub(b, sizeof(b), c, "nginx.service");
	assert_int_equal(target_find_dir(root, "nginx.service", out,
					 sizeof(out)), 0);
	assert_string_equal(out, b);
	assert_int_equal(target_find_dir(root, "gone.service", out,
					 sizeof(out)), -ENOENT);
	assert_int_equal(target_find_dir("/nonexistent-dir", "x", out,
					 sizeof(out)), -ENOENT);
	rm_tree(root);
}

/* What a scan or a check found, in order. */
struct hits {
	pid_t pid[16];
	const struct target_spec *why[16];
	size_t n;
};

static void hit(void *ctx, pid_t pid, const struct target_spec *why)
{
	struct hits *h = ctx;

	assert_true(h->n < 16);
	h->pid[h->n] = pid;
	h->why[h->n++] = why;
}

static void test_cgroup_members(void **state)
{
	char root[] = "/tmp/test_targets.XXXXXX", child[PATH_MAX];
	char err[256];
	struct target_spec spec = { TARGET_CGROUP, root };
	const pid_t appeared[] = { 999, 456, 1, 789 };
	struct targets *tg;
	struct hits h = { .n = 0 };

	(void)state;
	assert_non_null(mkdtemp(root));
	put_file(root, "cgroup.procs", "123\n456\n");
	sub(child, sizeof(child), root, "worker");
	put_file(child, "cgroup.procs", "789\n");
	tg = targets_new(&spec, 1, err, sizeof(err));
	assert_non_null(tg);
	targets_scan(tg, false, hit, &h);
	assert_int_equal(h.n, 3);
	assert_int_equal(h.pid[0] + h.pid[1] + h.pid[2], 123 + 456 + 789);
	assert_ptr_equal(h.why[0], &spec);
	h.n = 0;
	targets_check(tg, appeared, 4, hit, &h);
	assert_int_equal(h.n, 2);
	assert_int_equal(h.pid[0], 456);
	assert_int_equal(h.pid[1], 789);
	/* The list is read again at every check: a process that joined. */
	put_file(root, "cgroup.procs", "123\n456\n999\n");
	h.n = 0;
	targets_check(tg, appeared, 1, hit, &h);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.pid[0], 999);
	targets_free(tg);
	rm_tree(root);
}

static void test_bad_targets(void **state)
{
	char dir[] = "/tmp/test_targets.XXXXXX", err[512];
	struct target_spec cg = { TARGET_CGROUP, dir };
	struct target_spec unit = { TARGET_UNIT, "nginx" };
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_null(targets_new(&cg, 1, err, sizeof(err)));
	assert_non_null(strstr(err, "not a cgroup directory"));
	if (stat("/run/systemd/system", &st) < 0) {
		assert_null(targets_new(&unit, 1, err, sizeof(err)));
		assert_non_null(strstr(err, "systemd does not run"));
		assert_non_null(strstr(err, "--cgroup"));
	}
	assert_int_equal(target_spec_check(TARGET_NAME, "(x", err,
					   sizeof(err)), -1);
	assert_non_null(strstr(err, "not a regular expression"));
	assert_int_equal(target_spec_check(TARGET_NAME, "^ng(inx|x)$", err,
					   sizeof(err)), 0);
	assert_int_equal(target_spec_check(TARGET_UNIT, "a/b", err,
					   sizeof(err)), -1);
	assert_int_equal(target_spec_check(TARGET_UNIT, "getty@tty1.service",
					   err, sizeof(err)), 0);
	assert_int_equal(target_spec_check(TARGET_PIDFILE, "", err,
					   sizeof(err)), -1);
	assert_string_equal(target_kind_name(TARGET_PIDFILE), "pidfile");
	assert_string_equal(target_kind_name(TARGET_UNIT), "unit");
	rmdir(dir);
}

static void test_pidfile_target(void **state)
{
	char dir[] = "/tmp/test_targets.XXXXXX", path[PATH_MAX], err[256];
	struct target_spec spec = { TARGET_PIDFILE, path };
	pid_t appeared[] = { 4321, 0 };
	char pidtext[32];
	struct targets *tg;
	struct hits h = { .n = 0 };

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/app.pid", dir);
	tg = targets_new(&spec, 1, err, sizeof(err));
	assert_non_null(tg);
	/* No file yet: nothing, and no error. */
	targets_scan(tg, true, hit, &h);
	assert_int_equal(h.n, 0);
	assert_false(targets_notified(tg));
	put_file(dir, "other.pid", "99\n");
	assert_true(targets_notify_fd(tg) >= 0);
	assert_false(targets_notified(tg));
	snprintf(pidtext, sizeof(pidtext), "%d\n", (int)getpid());
	put_file(dir, "app.pid", pidtext);
	assert_true(targets_notified(tg));
	assert_false(targets_notified(tg));
	targets_scan(tg, false, hit, &h);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.pid[0], getpid());
	appeared[1] = getpid();
	h.n = 0;
	targets_check(tg, appeared, 2, hit, &h);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.pid[0], getpid());
	/* A file older than the process it names: its pid was reused. */
	assert_int_equal(utimes(path, (const struct timeval[2]){ { 1, 0 }, { 1, 0 } }), 0);
	h.n = 0;
	targets_scan(tg, false, hit, &h);
	assert_int_equal(h.n, 0);
	targets_free(tg);
	rm_tree(dir);
}

static void test_name_target(void **state)
{
	struct target_spec self = { TARGET_NAME, "^test_targets$" };
	struct target_spec spec = { TARGET_NAME, NULL };
	char err[256], name[16], re[32];
	struct targets *tg;
	struct hits h = { .n = 0 };
	int ready[2];
	pid_t child;
	char c;

	(void)state;
	assert_int_equal(pipe(ready), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		snprintf(name, sizeof(name), "tt-%d", (int)getpid());
		prctl(PR_SET_NAME, name);
		(void)!write(ready[1], "x", 1);
		pause();
		_exit(0);
	}
	assert_int_equal(read(ready[0], &c, 1), 1);
	snprintf(re, sizeof(re), "^tt-%d$", (int)child);
	spec.arg = re;
	tg = targets_new(&spec, 1, err, sizeof(err));
	assert_non_null(tg);
	assert_true(targets_by_name(tg));
	targets_scan(tg, true, hit, &h);
	assert_int_equal(h.n, 1);
	assert_int_equal(h.pid[0], child);
	h.n = 0;
	targets_check(tg, &child, 1, hit, &h);
	assert_int_equal(h.n, 1);
	/* The cheap scan does not walk /proc. */
	h.n = 0;
	targets_scan(tg, false, hit, &h);
	assert_int_equal(h.n, 0);
	targets_free(tg);
	/* Never sigtrace itself (here: the test, by its own name). */
	tg = targets_new(&self, 1, err, sizeof(err));
	assert_non_null(tg);
	targets_scan(tg, true, hit, &h);
	for (size_t i = 0; i < h.n; i++)
		assert_int_not_equal(h.pid[i], getpid());
	targets_free(tg);
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(ready[0]);
	close(ready[1]);
}

/* ---- process events ---- */

struct seen {
	char log[512];
};

static void note(struct seen *s, const char *fmt, ...)
{
	size_t n = strlen(s->log);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->log + n, sizeof(s->log) - n, fmt, ap);
	va_end(ap);
}

static void ev_fork(void *ctx, pid_t ptgid, pid_t cpid, pid_t ctgid)
{
	note(ctx, "fork %d %d %d;", ptgid, cpid, ctgid);
}

static void ev_exec(void *ctx, pid_t pid, pid_t tgid)
{
	note(ctx, "exec %d %d;", pid, tgid);
}

static void ev_comm(void *ctx, pid_t pid, pid_t tgid, const char *name)
{
	note(ctx, "comm %d %d %s;", pid, tgid, name);
}

static void ev_exit(void *ctx, pid_t pid, pid_t tgid, int status)
{
	note(ctx, "exit %d %d %d;", pid, tgid, status);
}

static void ev_ack(void *ctx, int err)
{
	note(ctx, "ack %d;", err);
}

static void ev_when(void *ctx, uint64_t mono_ns)
{
	note(ctx, "when %llu;", (unsigned long long)mono_ns);
}

/* One message as the kernel sends it, appended to BUF at *LEN. */
static void put_event(char *buf, size_t *len, const struct proc_event *ev,
		      unsigned idx)
{
	struct nlmsghdr *nh = (struct nlmsghdr *)(buf + *len);
	struct cn_msg *cm = NLMSG_DATA(nh);

	memset(nh, 0, NLMSG_SPACE(sizeof(*cm) + sizeof(*ev)));
	nh->nlmsg_len = NLMSG_LENGTH(sizeof(*cm) + sizeof(*ev));
	nh->nlmsg_type = NLMSG_DONE;
	cm->id.idx = idx;
	cm->id.val = CN_VAL_PROC;
	cm->len = sizeof(*ev);
	memcpy(cm->data, ev, sizeof(*ev));
	*len += NLMSG_ALIGN(nh->nlmsg_len);
}

static void test_procevents_parse(void **state)
{
	const struct procevents_ops ops = {
		.fork = ev_fork, .exec = ev_exec, .comm = ev_comm,
		.exit = ev_exit, .ack = ev_ack,
	};
	uint64_t buf[1024];
	struct proc_event ev;
	struct seen s = { "" };
	size_t len = 0;

	(void)state;
	memset(&ev, 0, sizeof(ev));
	ev.what = PROC_EVENT_FORK;
	ev.timestamp_ns = 7;
	ev.event_data.fork.parent_tgid = 10;
	ev.event_data.fork.child_pid = 11;
	ev.event_data.fork.child_tgid = 11;
	put_event((char *)buf, &len, &ev, CN_IDX_PROC);
	memset(&ev, 0, sizeof(ev));
	ev.what = PROC_EVENT_EXEC;
	ev.event_data.exec.process_pid = 12;
	ev.event_data.exec.process_tgid = 11;
	put_event((char *)buf, &len, &ev, CN_IDX_PROC);
	/* Another connector's message is not ours. */
	put_event((char *)buf, &len, &ev, CN_IDX_PROC + 1);
	memset(&ev, 0, sizeof(ev));
	ev.what = PROC_EVENT_COMM;
	ev.event_data.comm.process_pid = 11;
	ev.event_data.comm.process_tgid = 11;
	/* all 16 bytes used: the name is cut there */
	memcpy(ev.event_data.comm.comm, "sixteen-byte-nam", 16);
	put_event((char *)buf, &len, &ev, CN_IDX_PROC);
	memset(&ev, 0, sizeof(ev));
	ev.what = PROC_EVENT_EXIT;
	ev.event_data.exit.process_pid = 11;
	ev.event_data.exit.process_tgid = 11;
	ev.event_data.exit.exit_code = 9;
	put_event((char *)buf, &len, &ev, CN_IDX_PROC);
	memset(&ev, 0, sizeof(ev));
	ev.what = PROC_EVENT_NONE;
	ev.event_data.ack.err = EPERM;
	put_event((char *)buf, &len, &ev, CN_IDX_PROC);
	procevents_parse(buf, len, &ops, &s);
	assert_string_equal(s.log, "fork 10 11 11;exec 12 11;"
			    "comm 11 11 sixteen-byte-nam;exit 11 11 9;ack 1;");
	/* Cut short: the message that does not fit is not read. */
	s.log[0] = '\0';
	procevents_parse(buf, len - 8, &ops, &s);
	assert_string_equal(s.log, "fork 10 11 11;exec 12 11;"
			    "comm 11 11 sixteen-byte-nam;exit 11 11 9;");
	/* No hooks: nothing called, nothing breaks. */
	procevents_parse(buf, len, &(const struct procevents_ops){ 0 }, &s);
	/* Each event's kernel time, before its hook. */
	s.log[0] = '\0';
	procevents_parse(buf, len,
			 &(const struct procevents_ops){ .when = ev_when }, &s);
	assert_string_equal(s.log, "when 7;when 0;when 0;when 0;when 0;");
}

/* What a socket filtered to WANT lets through of a stream of events,
 * one datagram each, as the kernel sends them. */
static void filtered(unsigned want, struct seen *s)
{
	const struct procevents_ops ops = {
		.fork = ev_fork, .exec = ev_exec, .comm = ev_comm,
		.exit = ev_exit, .ack = ev_ack,
	};
	static const struct { unsigned what; pid_t pid, tgid; } sent[] = {
		{ PROC_EVENT_FORK, 11, 11 }, { PROC_EVENT_FORK, 12, 11 },
		{ PROC_EVENT_EXEC, 11, 11 }, { PROC_EVENT_UID, 11, 11 },
		{ PROC_EVENT_COMM, 11, 11 }, { PROC_EVENT_COMM, 12, 11 },
		{ PROC_EVENT_EXIT, 12, 11 }, { PROC_EVENT_EXIT, 11, 11 },
		{ PROC_EVENT_NONE, 0, 0 },
	};
	uint64_t buf[128];
	int sv[2];
	ssize_t n;

	s->log[0] = '\0';
	assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	assert_int_equal(procevents_filter(sv[1], want), 0);
	for (size_t i = 0; i < sizeof(sent) / sizeof(sent[0]); i++) {
		struct proc_event ev;
		size_t len = 0;

		memset(&ev, 0, sizeof(ev));
		ev.what = sent[i].what;
		if (ev.what == PROC_EVENT_FORK) {
			ev.event_data.fork.parent_tgid = 10;
			ev.event_data.fork.child_pid = sent[i].pid;
			ev.event_data.fork.child_tgid = sent[i].tgid;
		} else {
			/* exec, uid, comm and exit name their task alike */
			ev.event_data.exit.process_pid = sent[i].pid;
			ev.event_data.exit.process_tgid = sent[i].tgid;
		}
		put_event((char *)buf, &len, &ev, CN_IDX_PROC);
		assert_int_equal(send(sv[0], buf, len, 0), (ssize_t)len);
	}
	while ((n = recv(sv[1], buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		procevents_parse(buf, (size_t)n, &ops, s);
	close(sv[0]);
	close(sv[1]);
}

/* The kernel drops what a listener did not ask for: other kinds of
 * events, and those of threads. */
static void test_procevents_filter(void **state)
{
	struct seen s;

	(void)state;
	filtered(PROCEVENTS_FORK | PROCEVENTS_EXIT, &s);
	assert_string_equal(s.log, "fork 10 11 11;exit 11 11 0;ack 0;");
	filtered(PROCEVENTS_EXEC | PROCEVENTS_COMM, &s);
	assert_string_equal(s.log, "exec 11 11;comm 11 11 ;ack 0;");
	filtered(PROCEVENTS_FORK | PROCEVENTS_EXEC | PROCEVENTS_COMM |
		 PROCEVENTS_EXIT, &s);
	assert_string_equal(s.log, "fork 10 11 11;exec 11 11;comm 11 11 ;"
			    "exit 11 11 0;ack 0;");
}

/* ---- the target in the logs and back ---- */

static void table_event(struct event *e)
{
	event_init(e, EV_DISPOSITIONS);
	e->real_sec = 1700000000;
	e->pid = e->tid = 4321;
	strcpy(e->comm, "daemon");
	e->u.table.threads = 1;
	strcpy(e->u.table.target_kind, "pidfile");
	strcpy(e->u.table.target, "/run/d\x1b[2J.pid");
}

static void format_with(const struct sink_ops *ops, const struct event *e,
			struct strbuf *out)
{
	struct sink s;

	memset(&s, 0, sizeof(s));
	s.ops = ops;
	s.fd = -1;
	s.cfg.signals = ~(sigbits_t)0;
	s.cfg.time_format = TIME_NONE;
	sink_open(&s, NULL);
	assert_true(ops->format(&s, e, out));
	sink_close(&s);
}

static void test_target_in_logs(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct reader *r;
	struct event e, back;

	(void)state;
	table_event(&e);
	format_with(&sink_text_ops, &e, &sb);
	assert_string_equal(sb.buf, "4321 (daemon) --- signal table (attached: "
			    "--pidfile \"/run/d\\x1b[2J.pid\"): caught=[] "
			    "ignored=[] blocked=[] pending=[] threads=1 ---\n");
	sb_reset(&sb);
	format_with(&sink_json_ops, &e, &sb);
	assert_non_null(strstr(sb.buf, ",\"target\":{\"kind\":\"pidfile\","
			       "\"value\":\"/run/d\\u001b[2J.pid\"}}"));
	r = reader_new("test", NULL);
	assert_int_equal(reader_parse(r, sb.buf, sb.len - 1, &back), 0);
	assert_string_equal(back.u.table.target_kind, "pidfile");
	assert_string_equal(back.u.table.target, e.u.table.target);
	reader_close(r);
	/* -p: the JSON says so, the text line stays as it was. */
	strcpy(e.u.table.target_kind, "pid");
	strcpy(e.u.table.target, "4321");
	sb_reset(&sb);
	format_with(&sink_text_ops, &e, &sb);
	assert_non_null(strstr(sb.buf, "--- signal table: caught"));
	sb_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pidfile),
		cmocka_unit_test(test_cgroup_unit),
		cmocka_unit_test(test_unit_name),
		cmocka_unit_test(test_find_dir),
		cmocka_unit_test(test_cgroup_members),
		cmocka_unit_test(test_bad_targets),
		cmocka_unit_test(test_pidfile_target),
		cmocka_unit_test(test_name_target),
		cmocka_unit_test(test_procevents_parse),
		cmocka_unit_test(test_procevents_filter),
		cmocka_unit_test(test_target_in_logs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
