/* SPDX-License-Identifier: MIT */
/* Unit tests of the sender observer: the framework's joining of sends to
 * deliveries (with a scripted back end), parent chains, the tracefs line
 * parser, the table of recent processes and the /proc reader. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "sender_priv.h"

#define USR1 10
#define HUP 1
#define SEC 1000000000ull
/* Pids above the kernel's PID_MAX_LIMIT: /proc never has them. */
#define NOPID 4200000

/* --- a scripted back end: sends and processes set by the test --- */

static struct sender_info script[8];
static size_t nscript;
static struct sender_ident known[8];
static size_t nknown;

static int fake_open(struct sender_backend *b, char *why, size_t len)
{
	return 0;
}

static void fake_close(struct sender_backend *b)
{
}

static int fake_drain(struct sender_backend *b)
{
	size_t n = nscript;

	for (size_t i = 0; i < nscript; i++)
		sender_record(b->obs, &script[i]);
	nscript = 0;
	return (int)n;
}

static bool fake_process(struct sender_backend *b, pid_t pid, uint64_t at,
			 struct sender_ident *out)
{
	for (size_t i = 0; i < nknown; i++) {
		if (known[i].pid == pid && known[i].start_ns <= at) {
			*out = known[i];
			return true;
		}
	}
	return false;
}

static const struct sender_backend_ops fake_ops = {
	.name = "fake",
	.kind = SENDER_TRACEFS,
	.sees_sends = true,
	.open = fake_open,
	.close = fake_close,
	.drain = fake_drain,
	.process = fake_process,
};

static struct sender_info send_of(int sig, pid_t from, pid_t to,
				  uint64_t at, enum sender_result res)
{
	struct sender_info s;

	memset(&s, 0, sizeof(s));
	s.signo = sig;
	s.has_result = true;
	s.result = res;
	s.sent_ns = at;
	s.target_tid = to;
	s.target_tgid = to;
	s.group = true;
	s.tid = from;
	s.who.pid = from;
	snprintf(s.who.comm, sizeof(s.who.comm), "p%d", (int)from);
	s.source = "fake";
	return s;
}

static struct sender_ident proc_of(pid_t pid, pid_t ppid, const char *comm,
				   uint64_t start)
{
	struct sender_ident id;

	memset(&id, 0, sizeof(id));
	id.pid = pid;
	id.ppid = ppid;
	id.start_ns = start;
	snprintf(id.comm, sizeof(id.comm), "%s", comm);
	id.cmdline.len = strlen(comm) + 1;
	memcpy(id.cmdline.buf, comm, id.cmdline.len);
	id.source = "fake";
	return id;
}

static struct sender_observer *open_ops(const struct sender_backend_ops *ops)
{
	pid_t watched = 100;
	char why[128];
	struct sender_observer *o;

	nscript = 0;
	nknown = 0;
	o = sender_open_backend(ops, &watched, 1, why, sizeof(why));
	assert_non_null(o);
	return o;
}

static struct sender_observer *open_fake(void)
{
	return open_ops(&fake_ops);
}

static struct sender_query delivery(int sig, pid_t tgid, pid_t tid,
				    pid_t from, uint64_t at)
{
	struct sender_query q = { .signo = sig, .tgid = tgid, .tid = tid,
				  .from_pid = from, .at_ns = at };
	return q;
}

static void test_names(void **state)
{
	enum sender_kind k;

	(void)state;
	for (int i = 0; i < SENDER__COUNT; i++) {
		assert_int_equal(sender_kind_parse(sender_kind_name(i), &k), 0);
		assert_int_equal(k, i);
	}
	assert_int_equal(sender_kind_parse("ebpf", &k), -EINVAL);
	assert_string_equal(sender_result_name(SENDER_RES_ALREADY_PENDING),
			    "already_pending");
	assert_string_equal(sender_result_name(SENDER_RES__COUNT), "?");
	assert_string_equal(sender_chain_end_name(SENDER_CHAIN_LONG_LIVED),
			    "long_lived");
}

static void test_join_by_sender_pid(void **state)
{
	struct sender_observer *o = open_fake();
	struct sender_info s;
	struct sender_query q;

	(void)state;
	script[nscript++] = send_of(USR1, 200, 100, 1 * SEC,
				    SENDER_RES_DELIVERED);
	script[nscript++] = send_of(USR1, 300, 100, 2 * SEC,
				    SENDER_RES_DELIVERED);
	/* si_pid says 300: not the older send from 200 */
	q = delivery(USR1, 100, 100, 300, 3 * SEC);
	assert_true(sender_lookup(o, &q, &s));
	assert_int_equal(s.who.pid, 300);
	assert_string_equal(s.source, "fake");
	/* no si_pid: the oldest unclaimed */
	q = delivery(USR1, 100, 100, 0, 3 * SEC);
	assert_true(sender_lookup(o, &q, &s));
	assert_int_equal(s.who.pid, 200);
	/* each send joins one delivery only */
	assert_false(sender_lookup(o, &q, &s));
	sender_close(o);
}

static void test_join_rules(void **state)
{
	struct sender_observer *o = open_fake();
	struct sender_info s;
	struct sender_query q;
	struct sender_stats st;

	(void)state;
	script[nscript++] = send_of(HUP, 200, 100, 1 * SEC,
				    SENDER_RES_DELIVERED);
	script[nscript++] = send_of(USR1, 201, 100, 1 * SEC,
				    SENDER_RES_IGNORED);
	script[nscript++] = send_of(USR1, 202, 100, 5 * SEC,
				    SENDER_RES_DELIVERED);
	/* thread-directed: the target is a thread */
	script[nscript++] = send_of(USR1, 203, 101, 1 * SEC,
				    SENDER_RES_DELIVERED);
	script[nscript - 1].target_tgid = 0;
	script[nscript - 1].group = false;
	/* an ignored send is never a delivery; a later one is not either */
	q = delivery(USR1, 100, 100, 0, 2 * SEC);
	assert_false(sender_lookup(o, &q, &s));
	q = delivery(USR1, 100, 101, 0, 2 * SEC);
	assert_true(sender_lookup(o, &q, &s));
	assert_int_equal(s.who.pid, 203);
	assert_false(s.group);
	/* unclaimed, before 3 s, oldest first: the HUP, the ignored USR1 */
	assert_true(sender_next_unmatched(o, 3 * SEC, NULL, NULL, &s));
	assert_int_equal(s.signo, HUP);
	assert_true(sender_next_unmatched(o, 3 * SEC, NULL, NULL, &s));
	assert_int_equal(s.result, SENDER_RES_IGNORED);
	assert_false(sender_next_unmatched(o, 3 * SEC, NULL, NULL, &s));
	assert_true(sender_next_unmatched(o, 6 * SEC, NULL, NULL, &s));
	assert_int_equal(s.who.pid, 202);
	sender_get_stats(o, &st);
	assert_int_equal(st.observed, 4);
	assert_int_equal(st.matched, 1);
	sender_close(o);
}

/* A traced sender's delivery claims its send without a drain: before
 * the send is read, or after. */
static bool keep_hup(void *ctx, const struct sender_info *s)
{
	(void)ctx;
	return s->signo == HUP;
}

static void test_claims(void **state)
{
	struct sender_observer *o = open_fake();
	struct sender_query q = delivery(USR1, 100, 100, 200, 2 * SEC);
	struct sender_info s;

	(void)state;
	sender_claim(o, &q);		/* nothing read yet */
	script[nscript++] = send_of(USR1, 200, 100, 1 * SEC,
				    SENDER_RES_DELIVERED);
	script[nscript++] = send_of(USR1, 300, 100, 1 * SEC,
				    SENDER_RES_DELIVERED);
	script[nscript++] = send_of(HUP, 300, 100, 1 * SEC,
				    SENDER_RES_DELIVERED);
	sender_drain(o);
	q.from_pid = 300;
	sender_claim(o, &q);		/* read already */
	/* both USR1 claimed; the HUP kept while the caller says so */
	assert_false(sender_next_unmatched(o, 3 * SEC, keep_hup, NULL, &s));
	assert_true(sender_next_unmatched(o, 3 * SEC, NULL, NULL, &s));
	assert_int_equal(s.signo, HUP);
	sender_close(o);
}

/* A storm of one signal: deliveries claimed before their sends are read
 * pair with them in order, the oldest first, and none is left over. */
static void test_claims_in_order(void **state)
{
	struct sender_observer *o = open_fake();
	struct sender_query q;
	struct sender_info s;

	(void)state;
	for (int i = 0; i < 3; i++) {
		q = delivery(USR1, 100, 100, 100, (uint64_t)(2 * i + 2) * SEC);
		sender_claim(o, &q);
		script[nscript++] = send_of(USR1, 100, 100,
					    (uint64_t)(2 * i + 1) * SEC,
					    SENDER_RES_DELIVERED);
	}
	sender_drain(o);
	assert_false(sender_next_unmatched(o, 10 * SEC, NULL, NULL, &s));
	sender_close(o);
}

/* The fake, its sends read at no cost (as bpf's mapped ring). */
static struct sender_observer *open_free(void)
{
	static struct sender_backend_ops ops;

	ops = fake_ops;
	ops.free_drain = true;
	return open_ops(&ops);
}

/* N merged sends of SIGUSR1 from FROM to TO, straight into the ring. */
static void storm(struct sender_observer *o, pid_t from, pid_t to, int n)
{
	struct sender_info s = send_of(USR1, from, to, 4 * SEC,
				       SENDER_RES_ALREADY_PENDING);

	while (n-- > 0)
		sender_record(o, &s);
}

/* Unclaimed sends pushed out of the ring still count, by kind: a storm
 * of merged ones to one process says nothing of another; too many
 * kinds, and nothing can be said. */
static void test_sent_elsewhere_evicted(void **state)
{
	struct sender_observer *o = open_free();

	(void)state;
	storm(o, 500, 100, SENDER_RING_LEN + 1);
	assert_false(sender_sent_elsewhere(o, USR1, 500, 100));
	storm(o, 600, 101, 1);
	storm(o, 500, 100, SENDER_RING_LEN);
	assert_true(sender_sent_elsewhere(o, USR1, 600, 100));
	assert_false(sender_sent_elsewhere(o, USR1, 500, 100));
	for (int i = 0; i < SENDER_EVICTED_MAX; i++)
		storm(o, 700 + i, 100, 1);
	storm(o, 500, 100, SENDER_RING_LEN);
	assert_true(sender_sent_elsewhere(o, USR1, 500, 100));
	sender_close(o);
}

/* A signal to a process group is a send to each member: while one to
 * another process is unclaimed, a delivery may be one of a group.  Only
 * a back end that reads every send at no cost can say no. */
static void test_sent_elsewhere(void **state)
{
	/* kill(-PGID) by 300 to 100 and 101; 200 to 100 alone; a HUP. */
	static const int sends[][3] = {
		{ USR1, 300, 100 }, { USR1, 300, 101 }, { USR1, 200, 100 },
		{ HUP, 200, 101 },
	};
	struct sender_observer *o = open_fake();
	struct sender_query q;

	(void)state;
	assert_true(sender_sent_elsewhere(o, USR1, 200, 100));
	sender_close(o);

	o = open_free();
	for (size_t i = 0; i < sizeof(sends) / sizeof(sends[0]); i++)
		script[nscript++] = send_of(sends[i][0], sends[i][1],
					    sends[i][2], 1 * SEC,
					    SENDER_RES_DELIVERED);
	q = delivery(USR1, 100, 100, 300, 2 * SEC);
	sender_claim(o, &q);
	assert_true(sender_sent_elsewhere(o, USR1, 300, 100));
	q = delivery(USR1, 101, 101, 300, 2 * SEC);
	sender_claim(o, &q);
	assert_false(sender_sent_elsewhere(o, USR1, 300, 101));
	q = delivery(USR1, 100, 100, 200, 2 * SEC);
	sender_claim(o, &q);
	assert_false(sender_sent_elsewhere(o, USR1, 200, 100));
	/* Not read yet: drained first. */
	script[nscript++] = send_of(USR1, 200, 102, 3 * SEC,
				    SENDER_RES_IGNORED);
	assert_true(sender_sent_elsewhere(o, USR1, 200, 100));
	/* A send lost: nobody can say no any more. */
	sender_count_lost(o, 1);
	assert_true(sender_sent_elsewhere(o, USR1, 400, 100));
	sender_close(o);
}

static void test_ring_overflow(void **state)
{
	struct sender_observer *o = open_fake();
	struct sender_stats st;
	struct sender_info s;
	struct sender_query q;

	(void)state;
	for (int i = 0; i < 300; i++) {
		script[0] = send_of(USR1, 1000 + i, 100, (uint64_t)i + 1,
				    SENDER_RES_DELIVERED);
		nscript = 1;
		sender_drain(o);
	}
	sender_get_stats(o, &st);
	assert_int_equal(st.observed, 300);
	assert_int_equal(st.lost, 300 - 256);
	/* the oldest kept is the 45th */
	q = delivery(USR1, 100, 100, 0, SEC);
	assert_true(sender_lookup(o, &q, &s));
	assert_int_equal(s.who.pid, 1000 + 300 - 256);
	sender_close(o);
}

/* A send that carries no command line (tracefs) is completed from the
 * back end's memory of processes, with the parents up to a long-lived
 * one. */
static void test_complete_and_chain(void **state)
{
	struct sender_observer *o = open_fake();
	struct sender_info s;
	struct sender_query q;

	(void)state;
	script[nscript++] = send_of(USR1, 400, 100, 100 * SEC,
				    SENDER_RES_DELIVERED);
	known[nknown++] = proc_of(400, 399, "kill", 99 * SEC);
	known[nknown++] = proc_of(399, 398, "sh", 99 * SEC);
	known[nknown++] = proc_of(398, 397, "logrotate", 98 * SEC);
	known[nknown++] = proc_of(397, 1, "cron", 10 * SEC);
	known[nknown++] = proc_of(1, 0, "init", 1 * SEC);
	q = delivery(USR1, 100, 100, 400, 101 * SEC);
	assert_true(sender_lookup(o, &q, &s));
	/* the process known by pid and start time names it, not the
	 * send's comm (tracefs's comm cache can be stale) */
	assert_string_equal(s.who.comm, "kill");
	assert_string_equal(s.who.cmdline.buf, "kill");
	assert_int_equal(s.chain_len, 3);
	assert_string_equal(s.chain[0].comm, "sh");
	assert_string_equal(s.chain[1].comm, "logrotate");
	assert_string_equal(s.chain[2].comm, "cron");
	assert_int_equal(s.chain_end, SENDER_CHAIN_LONG_LIVED);
	/* nothing seen sent: named by pid alone, same chain */
	q.from_pid = 399;
	assert_true(sender_lookup(o, &q, &s));
	assert_string_equal(s.who.comm, "sh");
	assert_int_equal(s.tid, 0);
	assert_false(s.has_result);
	assert_int_equal(s.chain_len, 2);
	/* a pid that started after the delivery is a later process */
	known[nknown++] = proc_of(NOPID, 1, "later", 200 * SEC);
	q.from_pid = NOPID;
	assert_false(sender_lookup(o, &q, &s));
	sender_close(o);
}

static void test_chain_finish(void **state)
{
	struct sender_info s;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.sent_ns = 100 * SEC;
	for (int i = 0; i < SENDER_CHAIN_LEN; i++) {
		s.chain[i].pid = 50 - i;
		s.chain[i].start_ns = 99 * SEC;
	}
	s.chain_len = SENDER_CHAIN_LEN;
	sender_chain_finish(&s, 0);
	assert_int_equal(s.chain_end, SENDER_CHAIN_MAX);
	/* the observer and above are not the story */
	sender_chain_finish(&s, 48);
	assert_int_equal(s.chain_len, 2);
	assert_int_equal(s.chain_end, SENDER_CHAIN_OBSERVER);
	s.chain[1].pid = 1;
	sender_chain_finish(&s, 0);
	assert_int_equal(s.chain_len, 2);
	assert_int_equal(s.chain_end, SENDER_CHAIN_INIT);
	s.chain[0].start_ns = 80 * SEC;
	sender_chain_finish(&s, 0);
	assert_int_equal(s.chain_len, 1);
	assert_int_equal(s.chain_end, SENDER_CHAIN_LONG_LIVED);
}

static void test_tracefs_parse(void **state)
{
	struct sender_info s;
	uint64_t lost = 0;

	(void)state;
	assert_int_equal(sender_tracefs_parse(
		"              sh-2043    (   2040) [001] d..1.   403.798770: "
		"signal_generate: sig=10 errno=0 code=0 comm=bash pid=2042 "
		"grp=1 res=2", &s, &lost), TRACEFS_LINE_SIGNAL);
	assert_string_equal(s.who.comm, "sh");
	assert_int_equal(s.tid, 2043);
	assert_int_equal(s.who.pid, 2040);
	assert_int_equal(s.signo, 10);
	assert_int_equal(s.target_tid, 2042);
	assert_int_equal(s.target_tgid, 2042);
	assert_true(s.group);
	assert_int_equal(s.result, SENDER_RES_ALREADY_PENDING);
	assert_true(s.sent_ns == 403798770000ull);
	/* comm with dashes, parentheses and spaces; a target comm that
	 * pretends to end the line; no record-tgid */
	assert_int_equal(sender_tracefs_parse(
		"   my-(x) [y]-77-9 [000] .... 1.000001: signal_generate: "
		"sig=15 errno=0 code=-6 comm=a pid=1 grp=0 res=0 pid=31 "
		"grp=0 res=1", &s, &lost), TRACEFS_LINE_SIGNAL);
	assert_string_equal(s.who.comm, "my-(x) [y]-77");
	assert_int_equal(s.tid, 9);
	assert_int_equal(s.who.pid, 9);
	assert_int_equal(s.code, -6);
	assert_int_equal(s.target_tid, 31);
	assert_int_equal(s.target_tgid, 0);
	assert_int_equal(s.result, SENDER_RES_IGNORED);
	/* the comm cache lost it; tgid unknown */
	assert_int_equal(sender_tracefs_parse(
		"           <...>-12     (-------) [003] d..2. 5.5: "
		"signal_generate: sig=1 errno=0 code=0 comm=x pid=4 grp=1 "
		"res=0", &s, &lost), TRACEFS_LINE_SIGNAL);
	assert_string_equal(s.who.comm, "");
	assert_int_equal(s.who.pid, 12);
	assert_int_equal(sender_tracefs_parse("CPU:1 [LOST 42 EVENTS]", &s,
					      &lost), TRACEFS_LINE_LOST);
	assert_int_equal(lost, 42);
	assert_int_equal(sender_tracefs_parse(
		"  a-1 [000] .... 1.0: signal_deliver: sig=10 errno=0 code=0 "
		"sa_handler=0 sa_flags=0", &s, &lost), TRACEFS_LINE_OTHER);
	assert_int_equal(sender_tracefs_parse(
		"garbage: signal_generate: sig=x", &s, &lost),
		TRACEFS_LINE_OTHER);
}

static void test_pidtab(void **state)
{
	struct pidtab *t = pidtab_new();
	struct sender_ident id;

	(void)state;
	pidtab_fork(t, NOPID + 11, NOPID + 10, 10);
	assert_true(pidtab_find(t, NOPID + 11, 20, &id));
	assert_int_equal(id.ppid, NOPID + 10);
	assert_false(pidtab_find(t, NOPID + 11, 5, &id));	/* not born yet */
	pidtab_comm(t, NOPID + 11, "sigsender");
	pidtab_exit(t, NOPID + 11, 14);
	/* its child inherits the name */
	pidtab_fork(t, NOPID + 13, NOPID + 11, 13);
	assert_true(pidtab_find(t, NOPID + 11, 100, &id));
	assert_string_equal(id.comm, "sigsender");
	assert_true(id.exited);
	assert_true(id.exit_ns == 14);
	assert_true(pidtab_find(t, NOPID + 13, 100, &id));
	assert_string_equal(id.comm, "sigsender");
	/* the pid reused: the moment asked about decides */
	pidtab_fork(t, NOPID + 11, 1, 50);
	assert_true(pidtab_find(t, NOPID + 11, 100, &id));
	assert_int_equal(id.ppid, 1);
	assert_true(pidtab_find(t, NOPID + 11, 20, &id));
	assert_int_equal(id.ppid, NOPID + 10);
	pidtab_free(t);
}

static void test_pidtab_exec_and_bound(void **state)
{
	struct pidtab *t = pidtab_new();
	struct sender_ident id;

	(void)state;
	/* an exec of a live process: read from /proc at once */
	pidtab_exec(t, getpid(), 1);
	assert_true(pidtab_find(t, getpid(), 0, &id));
	assert_int_equal(id.ppid, getppid());
	assert_string_equal(id.cmdline.buf, program_invocation_name);
	/* an exec after a fork that was seen: the parent and the start are
	 * the fork's, the program (command line, comm) read at once */
	pidtab_fork(t, getpid(), NOPID + 1, 5);
	pidtab_exec(t, getpid(), 6);
	assert_true(pidtab_find(t, getpid(), 10, &id));	/* this one */
	assert_int_equal(id.ppid, NOPID + 1);
	assert_true(id.start_ns == 5);
	assert_string_equal(id.cmdline.buf, program_invocation_name);
	assert_string_equal(id.comm, program_invocation_short_name);
	/* bounded: thousands of newer processes push it out */
	for (pid_t p = 0; p < 5000; p++)
		pidtab_fork(t, NOPID + 100 + p, 1, 2);
	assert_false(pidtab_find(t, getpid(), 0, &id));
	assert_false(pidtab_find(t, NOPID + 100, 0, &id));
	assert_true(pidtab_find(t, NOPID + 100 + 4999, 0, &id));
	pidtab_free(t);
}

static void test_proc_read(void **state)
{
	struct sender_ident id;
	siginfo_t si;
	pid_t child;

	(void)state;
	assert_int_equal(sender_proc_read(getpid(), &id), 0);
	assert_int_equal(id.pid, getpid());
	assert_int_equal(id.ppid, getppid());
	assert_false(id.zombie);
	assert_true(id.start_ns > 0 && id.start_ns <= sender_mono_now());
	assert_string_equal(id.cmdline.buf, program_invocation_name);
	/* a zombie keeps its name and parent, not its command line */
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		prctl(PR_SET_NAME, "zombie (z)", 0, 0, 0);
		_exit(0);
	}
	assert_int_equal(waitid(P_PID, (id_t)child, &si, WEXITED | WNOWAIT),
			 0);
	assert_int_equal(sender_proc_read(child, &id), 0);
	assert_true(id.zombie);
	assert_string_equal(id.comm, "zombie (z)");
	assert_int_equal(id.ppid, getpid());
	assert_int_equal(id.cmdline.len, 0);
	assert_int_equal(waitpid(child, NULL, 0), child);
	assert_int_equal(sender_proc_read(child, &id), -ENOENT);
}

/* The proc back end names a live process, not one asked about before
 * it started (its pid was someone else's then). */
static void test_proc_backend(void **state)
{
	char note[256];
	struct sender_observer *o = sender_open(SENDER_PROC, NULL, 0, note,
						sizeof(note));
	struct sender_ident id;

	(void)state;
	assert_non_null(o);
	assert_string_equal(sender_backend(o), "proc");
	assert_int_equal(sender_fd(o), -1);
	assert_true(sender_process(o, getpid(), sender_mono_now(), &id));
	assert_string_equal(id.source, "proc");
	assert_false(sender_process(o, getpid(), 1, &id));
	sender_close(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_join_by_sender_pid),
		cmocka_unit_test(test_join_rules),
		cmocka_unit_test(test_claims),
		cmocka_unit_test(test_claims_in_order),
		cmocka_unit_test(test_sent_elsewhere),
		cmocka_unit_test(test_sent_elsewhere_evicted),
		cmocka_unit_test(test_ring_overflow),
		cmocka_unit_test(test_complete_and_chain),
		cmocka_unit_test(test_chain_finish),
		cmocka_unit_test(test_tracefs_parse),
		cmocka_unit_test(test_pidtab),
		cmocka_unit_test(test_pidtab_exec_and_bound),
		cmocka_unit_test(test_proc_read),
		cmocka_unit_test(test_proc_backend),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
