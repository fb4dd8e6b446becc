/* SPDX-License-Identifier: MIT */
/*
 * test_outfile.c - the output-file policy's pure parts: which paths name
 * a descriptor, when a symbolic link may be followed (the kernel's
 * protected_symlinks rule), when two outputs are one file or one stream;
 * and the opening itself in a private directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <cmocka.h>

#include "outfile.h"

static void named_fd(void **state)
{
	(void)state;
	assert_int_equal(outfile_named_fd("-"), 1);
	assert_int_equal(outfile_named_fd("/dev/stdout"), 1);
	assert_int_equal(outfile_named_fd("/dev/stderr"), 2);
	assert_int_equal(outfile_named_fd("/dev/fd/63"), 63);
	assert_int_equal(outfile_named_fd("/proc/self/fd/3"), 3);
	assert_int_equal(outfile_named_fd("/dev/fd/"), -1);
	assert_int_equal(outfile_named_fd("/dev/fd/3x"), -1);
	assert_int_equal(outfile_named_fd("/dev/fd/99999999999"), -1);
	assert_int_equal(outfile_named_fd("/proc/1/fd/3"), -1);
	assert_int_equal(outfile_named_fd("log.json"), -1);
	assert_int_equal(outfile_named_fd("--"), -1);
}

static void link_rule(void **state)
{
	const mode_t tmp = S_IFDIR | 01777, plain = S_IFDIR | 0777;

	(void)state;
	/* /tmp, root's: a link of another user's is refused to root... */
	assert_false(outfile_link_safe(tmp, 0, 1000, 0));
	/* ...not to its owner, nor one that the directory's owner made. */
	assert_true(outfile_link_safe(tmp, 0, 1000, 1000));
	assert_true(outfile_link_safe(tmp, 0, 0, 1000));
	/* Not sticky, or not world-writable: no such danger. */
	assert_true(outfile_link_safe(plain, 0, 1000, 0));
	assert_true(outfile_link_safe(S_IFDIR | 01775, 0, 1000, 0));
}

static struct outfile_id existing(dev_t dev, ino_t ino, mode_t mode,
				  dev_t rdev)
{
	return (struct outfile_id){ .exists = true, .dev = dev, .ino = ino,
				    .mode = mode, .rdev = rdev };
}

static void same_file_and_stream(void **state)
{
	struct outfile_id f = existing(1, 2, S_IFREG | 0600, 0);
	struct outfile_id g = existing(1, 3, S_IFREG | 0600, 0);
	struct outfile_id pipe = existing(9, 4, S_IFIFO | 0600, 0);
	struct outfile_id null = existing(5, 6, S_IFCHR | 0666, makedev(1, 3));
	struct outfile_id tty = existing(5, 7, S_IFCHR | 0620, makedev(136, 0));
	struct outfile_id n1, n2;

	(void)state;
	assert_true(outfile_same_file(&f, &f));
	assert_false(outfile_same_file(&f, &g));
	assert_false(outfile_same_file(&pipe, &pipe));
	assert_true(outfile_same_stream(&pipe, &pipe));
	assert_true(outfile_same_stream(&tty, &tty));
	assert_false(outfile_same_stream(&null, &null));
	assert_false(outfile_same_stream(&tty, &null));
	memset(&n1, 0, sizeof(n1));
	memset(&n2, 0, sizeof(n2));
	strcpy(n1.path, "/tmp/new.json");
	strcpy(n2.path, "/tmp/new.json");
	assert_true(outfile_same_file(&n1, &n2));
	assert_true(outfile_same_stream(&n1, &n2));
	strcpy(n2.path, "/tmp/other.json");
	assert_false(outfile_same_file(&n1, &n2));
	assert_false(outfile_same_file(&n1, &f));
}

/* Two spellings of one new file in a real directory are one file. */
static void identify_new_paths(void **state)
{
	char dir[] = "/tmp/test_outfile.XXXXXX", a[256], b[256];
	struct outfile_id x, y;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(a, sizeof(a), "%s/log", dir);
	snprintf(b, sizeof(b), "%s/./log", dir);
	assert_int_equal(outfile_identify(a, &x), 0);
	assert_int_equal(outfile_identify(b, &y), 0);
	assert_false(x.exists);
	assert_true(outfile_same_file(&x, &y));
	rmdir(dir);
}

/* A reused file of ours: emptied and made 0600. */
static void open_reuses_own_file(void **state)
{
	char dir[] = "/tmp/test_outfile.XXXXXX", path[256], err[512];
	struct stat st;
	FILE *f;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/log", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("old\n", f);
	fclose(f);
	assert_int_equal(chmod(path, 0644), 0);
	fd = outfile_open(path, err, sizeof(err));
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	close(fd);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(named_fd),
		cmocka_unit_test(link_rule),
		cmocka_unit_test(same_file_and_stream),
		cmocka_unit_test(identify_new_paths),
		cmocka_unit_test(open_reuses_own_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
