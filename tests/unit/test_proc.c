/* SPDX-License-Identifier: MIT */
/*
 * test_proc.c - the /proc parsers of proc.c on buffers (status, stat,
 * cmdline), and the readers on this test's own process; the cache of a
 * sender's name and title (identcache.c), on this process too.
 *
 * Every parser is given a heap copy of exactly LEN bytes, without a
 * NUL after them: the /proc text is not a C string, and a parser that
 * reads past it fails here under the sanitizers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "identcache.h"
#include "proc.h"
#include "strbuf.h"

static char *exact(const char *text, size_t len)
{
	char *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, text, len);
	return p;
}

static void parse_status(const char *text, size_t len, struct proc_status *st)
{
	char *buf = exact(text, len);

	proc_parse_status(buf, len, st);
	free(buf);
}

/* The first lines of a status, up to Groups: (which $2 fills). */
#define STATUS_HEAD(name) \
	"Name:\t" name "\n" \
	"Umask:\t0022\n" \
	"State:\tS (sleeping)\n" \
	"Tgid:\t4242\n" \
	"Ngid:\t0\n" \
	"Pid:\t4243\n" \
	"PPid:\t17\n" \
	"TracerPid:\t99\n" \
	"Uid:\t1000\t1001\t1002\t1003\n" \
	"Gid:\t100\t100\t100\t100\n" \
	"FDSize:\t64\n"

#define STATUS_TAIL \
	"NStgid:\t4242\n" \
	"NSpid:\t4243\n" \
	"Kthread:\t0\n" \
	"VmSize:\t    3060 kB\n" \
	"Threads:\t3\n" \
	"SigQ:\t4/96365\n" \
	"SigPnd:\t0000000000000100\n" \
	"ShdPnd:\t8000000000000001\n" \
	"SigBlk:\t0000000000010000\n" \
	"SigIgn:\t0000000000001000\n" \
	"SigCgt:\t0000000180004a02\n" \
	"CapInh:\t0000000000000000\n" \
	"Cpus_allowed_list:\t0-1\n"

static void assert_tail(const struct proc_status *st)
{
	assert_int_equal(st->state, 'S');
	assert_int_equal(st->tgid, 4242);
	assert_int_equal(st->ppid, 17);
	assert_int_equal(st->tracer, 99);
	assert_int_equal(st->uid, 1000);	/* the real uid */
	assert_int_equal(st->euid, 1001);	/* the effective one */
	assert_int_equal(st->egid, 100);
	assert_int_equal(st->ns_tgid, 4242);	/* one pid namespace */
	assert_int_equal(st->ns_depth, 1);
	assert_int_equal(st->threads, 3);
	assert_true(st->pending == 0x100);	/* SIGSEGV */
	assert_true(st->shared_pending == 0x8000000000000001ull);
	assert_true(st->blocked == 0x10000);	/* SIGCHLD */
	assert_true(st->ignored == 0x1000);	/* SIGPIPE */
	assert_true(st->caught == 0x180004a02ull);
	assert_false(st->kernel_thread);
}

static void check_status(const char *text, size_t len, const char *name)
{
	struct proc_status st;

	parse_status(text, len, &st);
	assert_string_equal(st.name, name);
	assert_tail(&st);
}

#define CHECK_STATUS(text, name) check_status(text, sizeof(text) - 1, name)

static void test_status(void **state)
{
	(void)state;
	CHECK_STATUS(STATUS_HEAD("sleep") "Groups:\t4 24 27\n" STATUS_TAIL,
		     "sleep");
	/* The kernel escapes a newline and a backslash in Name: (and a
	 * tab there is no separator): the name is kept as shown. */
	CHECK_STATUS(STATUS_HEAD("a\\nb\\\\c: d\te") STATUS_TAIL,
		     "a\\nb\\\\c: d\te");
}

/* ~1000 supplementary groups put the signal masks beyond 4 KiB. */
static void test_status_big(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	sb_adds(&sb, STATUS_HEAD("many") "Groups:\t");
	for (int g = 0; g < 1000; g++)
		sb_printf(&sb, "%d ", 100000 + g);
	sb_adds(&sb, "\n" STATUS_TAIL);
	assert_true(sb.len > 6 * 1024);
	check_status(sb.buf, sb.len, "many");
	sb_free(&sb);
}

/* The last line needs no newline; a line cut anywhere is not read past. */
/* A process in a pid namespace: its tgid in each, the last its own. */
static void test_status_nested(void **state)
{
	static const char text[] = "Tgid:\t868\nNStgid:\t868\t40\t1\n";
	struct proc_status st;

	(void)state;
	parse_status(text, sizeof(text) - 1, &st);
	assert_int_equal(st.tgid, 868);
	assert_int_equal(st.ns_depth, 3);
	assert_int_equal(st.ns_tgid, 1);
}

static void test_status_cut(void **state)
{
	static const char text[] = "Tgid:\t12\nSigCgt:\t0000000000000003";
	struct proc_status st;

	(void)state;
	parse_status(text, strlen(text), &st);
	assert_int_equal(st.tgid, 12);
	assert_true(st.caught == 3);
	for (size_t len = 0; len <= strlen(text); len++)
		parse_status(text, len, &st);
	parse_status(text, 5, &st);
	assert_int_equal(st.tgid, 0);
	parse_status(text, 7, &st);
	assert_int_equal(st.tgid, 1);
}

static void test_status_kernel_thread(void **state)
{
	static const char old_kthread[] = "Name:\tkworker/0:1\nThreads:\t1\n";
	static const char new_kthread[] =
		"Name:\tkworker/0:1\nKthread:\t1\nThreads:\t1\n";
	static const char zombie[] = "Name:\tdone\nState:\tZ (zombie)\n"
		"Kthread:\t0\nThreads:\t1\n";
	struct proc_status st;

	(void)state;
	parse_status(old_kthread, strlen(old_kthread), &st);
	assert_true(st.kernel_thread);
	parse_status(new_kthread, strlen(new_kthread), &st);
	assert_true(st.kernel_thread);
	parse_status(zombie, strlen(zombie), &st);
	assert_false(st.kernel_thread);
	assert_int_equal(st.state, 'Z');
}

static int parse_stat(const char *text, struct proc_stat *st)
{
	size_t len = strlen(text);
	char *buf = exact(text, len);
	int rc = proc_parse_stat(buf, len, st);

	free(buf);
	return rc;
}

/* Fields 3 to 22 after "pid (comm)"; starttime last. */
#define STAT_FIELDS(state, ppid, start) \
	" " state " " ppid " 20186 17267 0 -1 4194304 100 0 0 0 0 0 0 0 20" \
	" -5 1 0 " start " 3133440 418 18446744073709551615 0\n"

static void test_stat(void **state)
{
	struct proc_stat st;

	(void)state;
	assert_int_equal(parse_stat("20191 (cat)" STAT_FIELDS("R", "20186",
							      "58181"), &st), 0);
	assert_int_equal(st.state, 'R');
	assert_int_equal(st.ppid, 20186);
	assert_true(st.start_time == 58181);
	assert_string_equal(st.comm, "cat");
	assert_int_equal(st.pgrp, 20186);
	assert_int_equal(st.tty_nr, 0);
	assert_int_equal(parse_stat("5 (vi) S 4 5 4 34816 5 4194304 1 0 0 0 0 0"
				    " 0 0 20 0 1 0 77", &st), 0);
	assert_int_equal(st.pgrp, 5);
	assert_int_equal(st.tty_nr, 34816);	/* /dev/pts/0 */

	/* A comm with spaces and ')' (and what looks like fields). */
	assert_int_equal(parse_stat("7 (a) S 1 2 (b c))" STAT_FIELDS("T", "1",
								     "18446744073709551615"),
				    &st), 0);
	assert_int_equal(st.state, 'T');
	assert_int_equal(st.ppid, 1);
	assert_true(st.start_time == UINT64_MAX);
	assert_string_equal(st.comm, "a) S 1 2 (b c)");

	/* Not a stat line, or one cut before starttime. */
	assert_int_equal(parse_stat("", &st), -EINVAL);
	assert_int_equal(parse_stat("7 (cat", &st), -EINVAL);
	assert_int_equal(parse_stat("7 (cat)", &st), -EINVAL);
	assert_int_equal(parse_stat("7 (cat) R", &st), -EINVAL);
	assert_int_equal(parse_stat("7 (cat) R 1 2 3 4 5 6 7 8 9 10 11 12 13"
				    " 14 15 16 17 18", &st), -EINVAL);
	assert_int_equal(parse_stat("7 (cat) R 1 2 3 4 5 6 7 8 9 10 11 12 13"
				    " 14 15 16 17 18 x", &st), -EINVAL);
	assert_int_equal(parse_stat("7 (cat) R 1 2 3 4 5 6 7 8 9 10 11 12 13"
				    " 14 15 16 17 18 42", &st), 0);
	assert_true(st.start_time == 42);
}

static void parse_cmdline(const char *text, size_t len, struct cmdline *c)
{
	char *buf = exact(text, len);

	memset(c, 0x55, sizeof(*c));
	proc_parse_cmdline(buf, len, c);
	free(buf);
}

static void test_cmdline(void **state)
{
	static const char argv[] = "sh\0-c\0\0echo a  b\0";
	struct cmdline c;
	char *big;

	(void)state;
	parse_cmdline(argv, sizeof(argv) - 1, &c);
	assert_int_equal(c.len, sizeof(argv) - 1);
	assert_false(c.truncated);
	assert_memory_equal(c.buf, argv, sizeof(argv) - 1);

	parse_cmdline("", 0, &c);
	assert_int_equal(c.len, 0);
	assert_false(c.truncated);

	/* A title written over the arguments (setproctitle): what ps
	 * shows, without the run of NULs after it. */
	parse_cmdline("nginx: worker process\0\0\0\0\0", 26, &c);
	assert_int_equal(c.len, 22);
	assert_memory_equal(c.buf, "nginx: worker process", 22);

	/* Exactly what fits, then one byte more: only that is truncated. */
	big = malloc(sizeof(c.buf) + 1);
	assert_non_null(big);
	memset(big, 'x', sizeof(c.buf) + 1);
	big[10] = '\0';
	parse_cmdline(big, sizeof(c.buf), &c);
	assert_int_equal(c.len, sizeof(c.buf));
	assert_false(c.truncated);
	parse_cmdline(big, sizeof(c.buf) + 1, &c);
	assert_int_equal(c.len, sizeof(c.buf));
	assert_true(c.truncated);
	assert_memory_equal(c.buf, big, sizeof(c.buf));
	free(big);
}

/* The readers, on this process. */
static void test_read_self(void **state)
{
	struct proc_status st;
	struct proc_stat pst, again;
	struct cmdline c;
	char comm[COMM_MAX];

	(void)state;
	assert_int_equal(proc_read_status(getpid(), 0, &st), 0);
	assert_int_equal(st.tgid, getpid());
	assert_int_equal(st.ppid, getppid());
	assert_int_equal(st.uid, getuid());
	assert_string_equal(st.name, "test_proc");
	assert_false(st.kernel_thread);
	assert_int_equal(proc_read_status(getpid(), getpid(), &st), 0);
	assert_int_equal(st.tgid, getpid());

	assert_int_equal(proc_read_stat(getpid(), &pst), 0);
	assert_int_equal(pst.state, 'R');
	assert_int_equal(pst.ppid, getppid());
	assert_true(pst.start_time > 0);
	assert_int_equal(proc_read_stat(getpid(), &again), 0);
	assert_true(again.start_time == pst.start_time);

	assert_int_equal(proc_read_comm(getpid(), comm, sizeof(comm)), 0);
	assert_string_equal(comm, "test_proc");
	assert_int_equal(proc_read_cmdline(getpid(), &c), 0);
	assert_true(c.len > 0 && c.buf[c.len - 1] == '\0');
	assert_non_null(strstr(c.buf, "test_proc"));
	assert_false(c.truncated);
}

static void test_read_gone(void **state)
{
	struct proc_status st;
	struct proc_stat pst;
	struct cmdline c;
	char comm[COMM_MAX];

	(void)state;
	/* No /proc/-1: what a process that has gone gets. */
	assert_int_equal(proc_read_status(-1, 0, &st), -ENOENT);
	assert_int_equal(proc_read_stat(-1, &pst), -ENOENT);
	assert_int_equal(proc_read_comm(-1, comm, sizeof(comm)), -ENOENT);
	assert_string_equal(comm, "");
	assert_int_equal(proc_read_cmdline(-1, &c), -ENOENT);
	assert_int_equal(c.len, 0);
}

/* A process with 1000 supplementary groups (root only: skipped
 * otherwise) has a status of about 8 KiB, its signal masks after the
 * Groups: line. */
static void test_read_status_many_groups(void **state)
{
	int ready[2], hold[2];
	struct proc_status st;
	char ok = 0;
	pid_t child;

	(void)state;
	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(hold), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		gid_t groups[1000];

		for (size_t i = 0; i < 1000; i++)
			groups[i] = (gid_t)(100000 + i);
		signal(SIGUSR2, SIG_IGN);
		ok = setgroups(1000, groups) == 0 ? 'y' : 'n';
		close(hold[1]);
		if (write(ready[1], &ok, 1) != 1 || read(hold[0], &ok, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(hold[0]);
	assert_int_equal(read(ready[0], &ok, 1), 1);
	if (ok == 'y') {
		struct strbuf sb = STRBUF_INIT;
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/status", (int)child);
		assert_int_equal(sb_read_file(&sb, path), 0);
		assert_true(sb.len > 6 * 1024);
		sb_free(&sb);
		assert_int_equal(proc_read_status(child, 0, &st), 0);
	}
	close(hold[1]);	/* the child exits */
	close(ready[0]);
	assert_int_equal(waitpid(child, NULL, 0), child);
	if (ok != 'y')
		skip();
	assert_int_equal(st.tgid, child);
	assert_true(st.ignored & SIGBIT(SIGUSR2));
	assert_int_equal(st.threads, 1);
}

/* sb_read_file reads all of a file however long: the 4 KiB a status
 * used to be read into is no limit. */
static void test_read_whole_file(void **state)
{
	char path[] = "/tmp/test_proc.XXXXXX";
	struct strbuf sb = STRBUF_INIT;
	char *text = malloc(100000);
	int fd = mkstemp(path);

	(void)state;
	assert_non_null(text);
	assert_true(fd >= 0);
	for (size_t i = 0; i < 100000; i++)
		text[i] = (char)('a' + i % 26);
	assert_int_equal(write(fd, text, 100000), 100000);
	close(fd);
	sb_adds(&sb, "old");
	assert_int_equal(sb_read_file(&sb, path), 0);
	assert_int_equal(sb.len, 100000);
	assert_memory_equal(sb.buf, text, 100000);
	assert_int_equal(sb.buf[sb.len], '\0');

	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(sb_read_file(&sb, path), 0);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	unlink(path);
	assert_int_equal(sb_read_file(&sb, path), -ENOENT);
	sb_free(&sb);
	free(text);
}

static char *arg0;	/* this process's argv[0]: its title */

/* The cache's answer for K at NOW: name and title. */
static const struct ident_entry *cached(struct ident_cache *c,
					const struct ident_key *k, uint64_t now,
					const char *comm, char title0)
{
	const struct ident_entry *e = ident_cache_get(c, k, now);

	assert_non_null(e);
	assert_string_equal(e->comm, comm);
	assert_true(e->title.len > 0);
	assert_int_equal(e->title.buf[0], title0);
	return e;
}

static void rename_self(const char *comm, char title0)
{
	assert_int_equal(prctl(PR_SET_NAME, comm, 0, 0, 0), 0);
	arg0[0] = title0;
}

/* A sender renamed (prctl), retitled (its arguments written over), or
 * changed by an exec is named by its new name and title once the cache
 * can no longer vouch for the old: after IDENT_PERIOD_NS, at once after
 * an exec or a name sigtrace noticed, or for another process. */
static void test_ident_cache(void **state)
{
	static struct ident_cache c;
	char first = arg0[0];
	struct ident_key k = { .pid = getpid(), .start_time = 7,
			       .comm = "test_proc" };
	struct ident_key gone = { .pid = -1, .comm = "x" };
	uint64_t t0 = 5000000000u, p = IDENT_PERIOD_NS;

	(void)state;
	memset(&c, 0, sizeof(c));
	cached(&c, &k, t0, "test_proc", first);
	rename_self("renamed", 'R');
	/* What was read vouches for a period: a storm reads nothing. */
	cached(&c, &k, t0 + p - 1, "test_proc", first);
	cached(&c, &k, t0 + p, "renamed", 'R');
	rename_self("execd", 'E');
	k.exec_ns = t0;
	cached(&c, &k, t0 + p + 1, "execd", 'E');
	rename_self("noticed", 'N');
	k.comm = "noticed";
	cached(&c, &k, t0 + p + 2, "noticed", 'N');
	rename_self("reused", 'U');
	k.start_time = 8;
	cached(&c, &k, t0 + p + 3, "reused", 'U');
	rename_self("forgot", 'F');
	ident_cache_forget(&c, getpid());
	cached(&c, &k, t0 + p + 4, "forgot", 'F');
	/* A clock that went back vouches for nothing. */
	rename_self("back", 'B');
	cached(&c, &k, t0, "back", 'B');
	/* A process gone: no name (and the others are kept). */
	rename_self("kept", 'K');
	assert_null(ident_cache_get(&c, &gone, t0 + 1));
	cached(&c, &k, t0 + 2, "back", 'B');
	rename_self("test_proc", first);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_status_big),
		cmocka_unit_test(test_status_nested),
		cmocka_unit_test(test_status_cut),
		cmocka_unit_test(test_status_kernel_thread),
		cmocka_unit_test(test_stat),
		cmocka_unit_test(test_cmdline),
		cmocka_unit_test(test_read_self),
		cmocka_unit_test(test_read_gone),
		cmocka_unit_test(test_read_status_many_groups),
		cmocka_unit_test(test_read_whole_file),
		cmocka_unit_test(test_ident_cache),
	};

	(void)argc;
	arg0 = argv[0];

	return cmocka_run_group_tests(tests, NULL, NULL);
}
