/* SPDX-License-Identifier: MIT */
/* Unit tests of the /proc/PID/maps parser and cache (maps.c), and, in a
 * build with libunwind, of the ELF symbol lookup (stack_elf.c). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "maps.h"
#include "stack.h"
#ifdef HAVE_LIBUNWIND
#include "stack_elf.h"
#endif

static const char sample[] =
	"55d0c0a00000-55d0c0a01000 r--p 00000000 fe:00 1234                       /usr/bin/prog\n"
	"55d0c0a01000-55d0c0a02000 r-xp 00001000 fe:00 1234                       /usr/bin/prog\n"
	"55d0c0a02000-55d0c0a03000 r--p 00002000 fe:00 1234                       /usr/bin/prog\n"
	"55d0c0a03000-55d0c0a04000 rw-p 00002000 fe:00 1234                       /usr/bin/prog\n"
	"55d0c1000000-55d0c1021000 rw-p 00000000 00:00 0                          [heap]\n"
	"7f0000000000-7f0000026000 r--p 00000000 fe:00 99                         /lib/libc.so.6\n"
	"7f0000026000-7f000017c000 r-xp 00026000 fe:00 99                         /lib/libc.so.6\n"
	"7f000017c000-7f00001d0000 r--p 0017c000 fe:00 99                         /lib/libc.so.6\n"
	"7f00001d0000-7f00001d8000 rw-p 00000000 00:00 0 \n"
	"7f00001d8000-7f00001da000 rw-p 001d4000 fe:00 99                         /lib/libc.so.6\n"
	"7f0000200000-7f0000201000 r-xp 00003000 fe:00 77                         /opt/my lib/libx.so (deleted)\n"
	"this line is not a mapping\n"
	"7f0000300000-7f0000300000 r-xp 00000000 fe:00 1 /bad/empty\n"
	"7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]\n"
	"7ffd000fe000-7ffd00100000 r-xp 00000000 00:00 0                          [vdso]";

static void test_parse_fields(void **state)
{
	struct maps m = MAPS_INIT;
	const struct map_entry *e;

	(void)state;
	maps_parse(&m, sample, strlen(sample));
	assert_int_equal(m.count, 13);
	e = &m.entries[1];
	assert_true(e->start == 0x55d0c0a01000ull);
	assert_true(e->end == 0x55d0c0a02000ull);
	assert_true(e->offset == 0x1000);
	assert_int_equal(e->prot, MAP_PROT_R | MAP_PROT_X);
	assert_false(e->shared);
	assert_int_equal(e->dev_major, 0xfe);
	assert_int_equal(e->dev_minor, 0);
	assert_true(e->inode == 1234);
	assert_string_equal(e->path, "/usr/bin/prog");
	assert_true(map_is_file(e));
	assert_false(e->deleted);

	e = &m.entries[4];
	assert_string_equal(e->path, "[heap]");
	assert_false(map_is_file(e));
	e = &m.entries[8];
	assert_string_equal(e->path, "");	/* anonymous, trailing space */

	e = &m.entries[10];
	assert_string_equal(e->path, "/opt/my lib/libx.so");
	assert_true(e->deleted);
	assert_string_equal(m.entries[12].path, "[vdso]");	/* no newline */
	maps_free(&m);
	assert_int_equal(m.count, 0);
	assert_null(m.entries);
}

static void test_bases(void **state)
{
	struct maps m = MAPS_INIT;

	(void)state;
	maps_parse(&m, sample, strlen(sample));
	/* Every mapping of a file shares its first mapping's base, even
	 * after an anonymous .bss mapping in between. */
	for (size_t i = 0; i < 4; i++)
		assert_true(m.entries[i].base == 0x55d0c0a00000ull);
	for (size_t i = 5; i < 10; i++) {
		if (i == 8)
			continue;
		assert_true(m.entries[i].base == 0x7f0000000000ull);
	}
	/* A file first seen at a non-zero offset: start - offset. */
	assert_true(m.entries[10].base == 0x7f0000200000ull - 0x3000);
	maps_free(&m);
}

static void test_find(void **state)
{
	struct maps m = MAPS_INIT;
	const struct map_entry *e;

	(void)state;
	maps_parse(&m, sample, strlen(sample));
	e = maps_find(&m, 0x55d0c0a01000ull);		/* start: inside */
	assert_non_null(e);
	assert_true(e->offset == 0x1000);
	e = maps_find(&m, 0x55d0c0a01fffull);
	assert_non_null(e);
	assert_true(e->offset == 0x1000);
	e = maps_find(&m, 0x55d0c0a02000ull);		/* end: the next one */
	assert_true(e->offset == 0x2000);
	assert_null(maps_find(&m, 0x55d0c0a04000ull));	/* a gap */
	assert_null(maps_find(&m, 0));
	assert_null(maps_find(&m, UINT64_MAX));
	e = maps_find(&m, 0x7f0000026123ull);
	assert_string_equal(e->path, "/lib/libc.so.6");
	assert_true(0x7f0000026123ull - e->base == 0x26123);
	maps_free(&m);
}

static void test_unsorted_and_empty(void **state)
{
	static const char text[] =
		"7f0000001000-7f0000002000 r-xp 00001000 08:01 5 /b\n"
		"7f0000000000-7f0000001000 r--p 00000000 08:01 5 /b\n";
	struct maps m = MAPS_INIT;

	(void)state;
	maps_parse(&m, text, strlen(text));
	assert_int_equal(m.count, 2);
	assert_true(m.entries[0].start == 0x7f0000000000ull);
	assert_true(m.entries[1].base == 0x7f0000000000ull);
	maps_parse(&m, "", 0);
	assert_int_equal(m.count, 0);
	assert_null(maps_find(&m, 0x7f0000000000ull));
	maps_parse(&m, "garbage\n\n-\n", 11);
	assert_int_equal(m.count, 0);
	maps_free(&m);
}

/* Something to find in this program's own map. */
__attribute__((noinline)) int maps_test_marker(int x)
{
	return x * 3 + 1;
}

static void test_read_self(void **state)
{
	struct maps m = MAPS_INIT;
	const struct map_entry *e;
	int local = 0;

	(void)state;
	assert_int_equal(maps_read(&m, getpid()), 0);
	assert_true(m.count > 5);
	e = maps_find(&m, (uint64_t)(uintptr_t)&maps_test_marker);
	assert_non_null(e);
	assert_true(e->prot & MAP_PROT_X);
	assert_non_null(strstr(e->path, "test_maps"));
	e = maps_find(&m, (uint64_t)(uintptr_t)&local);
	assert_non_null(e);
	assert_true(e->prot & MAP_PROT_W);
	maps_free(&m);
	assert_int_equal(maps_read(&m, -1), -ESRCH);
}

static void test_cache(void **state)
{
	pid_t me = getpid();
	const struct map_entry *e;
	bool changed = true;
	uint64_t fn = (uint64_t)(uintptr_t)&maps_test_marker;
	uint64_t addr;
	void *p;

	(void)state;
	maps_forget(me);
	e = maps_lookup(me, fn, true, 1, &changed);
	assert_non_null(e);
	assert_false(changed);			/* a first read */
	e = maps_lookup(me, fn, true, 2, &changed);
	assert_non_null(e);
	assert_false(changed);			/* cached */

	/* A mapping made since: not looked for again in the epoch of the
	 * last read, found by the next epoch's reading the map again. */
	p = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	assert_true(p != MAP_FAILED);
	addr = (uint64_t)(uintptr_t)p;
	e = maps_lookup(me, addr, true, 1, &changed);
	assert_true(e == NULL || !(e->start <= addr && addr < e->end &&
				   (e->prot & MAP_PROT_X)));
	assert_false(changed);
	e = maps_lookup(me, addr, true, 3, &changed);
	assert_non_null(e);
	assert_true(changed);
	assert_true(e->start <= addr && addr < e->end);
	munmap(p, 4096);

	/* Forgotten: read again at the next lookup. */
	maps_forget(me);
	assert_non_null(maps_lookup(me, fn, true, 3, &changed));
	assert_false(changed);
	maps_forget(me);
}

#ifdef HAVE_LIBUNWIND
static void test_elf_symbol(void **state)
{
	pid_t me = getpid();
	uint64_t fn = (uint64_t)(uintptr_t)&maps_test_marker;
	const struct map_entry *e;
	const char *name = NULL;
	uint64_t off = 99;
	struct disposition d;

	(void)state;
	e = maps_lookup(me, fn, true, 10, NULL);
	assert_non_null(e);
	assert_true(elf_symbol_at(me, e, fn, &name, &off));
	assert_string_equal(name, "maps_test_marker");
	assert_true(off == 0);
	assert_true(elf_symbol_at(me, e, fn + 1, &name, &off));
	assert_string_equal(name, "maps_test_marker");
	assert_true(off == 1);
	assert_false(elf_symbol_at(me, e, e->end, &name, &off));

	/* A function of libc, through its symbol table. */
	e = maps_lookup(me, (uint64_t)(uintptr_t)&getpid, true, 10, NULL);
	assert_non_null(e);
	if (strstr(e->path, "libc")) {	/* not a PLT stub of this program */
		assert_true(elf_symbol_at(me, e, (uint64_t)(uintptr_t)&getpid,
					  &name, &off));
		assert_non_null(strstr(name, "getpid"));
	}

	memset(&d, 0, sizeof(d));
	d.kind = DISP_HANDLER;
	d.handler = fn;
	stack_symbolize_disposition(me, &d);
	assert_string_equal(d.symbol, "maps_test_marker");
	assert_non_null(strstr(d.module, "test_maps"));
	assert_true(d.module_offset == fn - maps_lookup(me, fn, true, 10,
							 NULL)->base);
	memset(&d, 0, sizeof(d));
	d.kind = DISP_HANDLER;
	d.handler = fn + 2;
	assert_true(stack_symbolize(me, fn + 2, &d));
	assert_string_equal(d.symbol, "maps_test_marker+0x2");
	assert_true(stack_available());
	assert_string_equal(stack_backend(), "libunwind");
	stack_forget_process(me);
}
#else
static void test_no_stacks(void **state)
{
	struct disposition d;

	(void)state;
	memset(&d, 0, sizeof(d));
	d.kind = DISP_HANDLER;
	d.handler = (uint64_t)(uintptr_t)&maps_test_marker;
	assert_false(stack_available());
	assert_string_equal(stack_backend(), "none");
	assert_null(stack_capture(getpid(), getpid(), 32));
	stack_symbolize_disposition(getpid(), &d);
	assert_string_equal(d.symbol, "");
	assert_string_equal(d.module, "");
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_fields),
		cmocka_unit_test(test_bases),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_unsorted_and_empty),
		cmocka_unit_test(test_read_self),
		cmocka_unit_test(test_cache),
#ifdef HAVE_LIBUNWIND
		cmocka_unit_test(test_elf_symbol),
#else
		cmocka_unit_test(test_no_stacks),
#endif
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
