/* SPDX-License-Identifier: MIT */
/*
 * test_arch.c - the arch/ contract (arch/arch.h) of the architecture this
 * was built for, without a tracee: syscall names and numbers of every ABI
 * both ways, the sigaction family and sigreturns, the seccomp list, and
 * the kernel sigaction layouts decoded from byte buffers.
 *
 * The expectations are tables keyed by ABI name, so the same test runs
 * on x86_64 (ABIs x86_64 and i386) and on aarch64 (under qemu-user in
 * .ci/cross-aarch64.sh).  A new architecture or ABI fails here until its
 * rows are added.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "arch.h"
#include "arch_impl.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Well-known numbers, from the kernel's tables (not from arch/). */
static const struct {
	const char *abi;
	const char *name;
	long nr;
} known[] = {
	{ "x86_64", "read", 0 },
	{ "x86_64", "write", 1 },
	{ "x86_64", "rt_sigaction", 13 },
	{ "x86_64", "rt_sigreturn", 15 },
	{ "x86_64", "execve", 59 },
	{ "x86_64", "kill", 62 },
	{ "x86_64", "epoll_wait", 232 },
	{ "i386", "restart_syscall", 0 },
	{ "i386", "exit", 1 },
	{ "i386", "read", 3 },
	{ "i386", "kill", 37 },
	{ "i386", "signal", 48 },
	{ "i386", "sigaction", 67 },
	{ "i386", "sigreturn", 119 },
	{ "i386", "rt_sigreturn", 173 },
	{ "i386", "rt_sigaction", 174 },
	{ "i386", "clock_nanosleep_time64", 407 },
	{ "aarch64", "io_setup", 0 },
	{ "aarch64", "epoll_pwait", 22 },
	{ "aarch64", "fcntl", 25 },
	{ "aarch64", "read", 63 },
	{ "aarch64", "fstat", 80 },
	{ "aarch64", "kill", 129 },
	{ "aarch64", "rt_sigaction", 134 },
	{ "aarch64", "rt_sigreturn", 139 },
	{ "aarch64", "execve", 221 },
};

/* Syscalls an ABI does NOT have. */
static const struct {
	const char *abi;
	const char *name;
} absent[] = {
	{ "x86_64", "sigaction" }, { "x86_64", "signal" },
	{ "x86_64", "sigreturn" }, { "x86_64", "clock_nanosleep_time64" },
	{ "aarch64", "sigaction" }, { "aarch64", "signal" },
	{ "aarch64", "sigreturn" }, { "aarch64", "open" },
	{ "aarch64", "epoll_wait" },
	{ "i386", "epoll_pwait2_time32" },
};

enum layout { LAYOUT_UNKNOWN, LAYOUT_LP64, LAYOUT_ILP32 };

/* How the tracee's struct sigaction looks for each ABI. */
static enum layout layout_of(const char *abi)
{
	if (strcmp(abi, "x86_64") == 0 || strcmp(abi, "aarch64") == 0)
		return LAYOUT_LP64;
	if (strcmp(abi, "i386") == 0)
		return LAYOUT_ILP32;
	return LAYOUT_UNKNOWN;
}

static int abi_by_name(const char *name)
{
	for (int abi = 0; abi < arch_abi_count; abi++)
		if (strcmp(arch_abi_name(abi), name) == 0)
			return abi;
	return -1;
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* ---------------------------------------------------------------- */

static void test_abis(void **state)
{
	assert_true(arch_abi_count >= 1);
	assert_string_equal(arch_abi_name(ARCH_ABI_NATIVE), arch_name);
	assert_null(arch_abi_name(-1));
	assert_null(arch_abi_name(arch_abi_count));
	for (int abi = 0; abi < arch_abi_count; abi++) {
		const char *name = arch_abi_name(abi);

		assert_non_null(name);
		if (layout_of(name) == LAYOUT_UNKNOWN)
			fail_msg("ABI %s: add its rows and layouts to test_arch.c",
				 name);
	}
	if (strcmp(arch_name, "x86_64") == 0) {
		assert_int_equal(arch_abi_count, 2);
		assert_string_equal(arch_abi_name(1), "i386");
	} else if (strcmp(arch_name, "aarch64") == 0) {
		assert_int_equal(arch_abi_count, 1);
	}
}

static void test_known_numbers(void **state)
{
	int matched[8] = { 0 };

	for (size_t i = 0; i < ARRAY_SIZE(known); i++) {
		int abi = abi_by_name(known[i].abi);
		const char *name;

		if (abi < 0)
			continue;
		matched[abi]++;
		name = arch_abi_syscall_name(abi, known[i].nr);
		if (!name || strcmp(name, known[i].name) != 0)
			fail_msg("%s syscall %ld: \"%s\", expected \"%s\"",
				 known[i].abi, known[i].nr,
				 name ? name : "(null)", known[i].name);
		assert_int_equal(arch_abi_syscall_number(abi, known[i].name),
				 known[i].nr);
	}
	for (int abi = 0; abi < arch_abi_count && abi < 8; abi++)
		if (matched[abi] < 5)
			fail_msg("ABI %s: add its well-known numbers to test_arch.c",
				 arch_abi_name(abi));
	for (size_t i = 0; i < ARRAY_SIZE(absent); i++) {
		int abi = abi_by_name(absent[i].abi);

		if (abi >= 0 &&
		    arch_abi_syscall_number(abi, absent[i].name) != -1)
			fail_msg("%s has no %s syscall", absent[i].abi,
				 absent[i].name);
	}
}

static void test_native_shorthand(void **state)
{
	for (long nr = -2; nr < 600; nr++) {
		const char *a = arch_syscall_name(nr);
		const char *b = arch_abi_syscall_name(ARCH_ABI_NATIVE, nr);

		assert_ptr_equal(a, b);
	}
	assert_int_equal(arch_syscall_number("rt_sigaction"),
			 arch_abi_syscall_number(ARCH_ABI_NATIVE,
						 "rt_sigaction"));
}

/* Every name maps back to its number; tables are big; bounds hold. */
static void test_roundtrip(void **state)
{
	for (int abi = 0; abi < arch_abi_count; abi++) {
		int names = 0;

		for (long nr = 0; nr < 2048; nr++) {
			const char *name = arch_abi_syscall_name(abi, nr);

			if (!name)
				continue;
			names++;
			assert_true(name[0] != '\0');
			assert_int_equal(arch_abi_syscall_number(abi, name),
					 nr);
		}
		if (names < 250)
			fail_msg("ABI %s: only %d syscall names",
				 arch_abi_name(abi), names);
		assert_null(arch_abi_syscall_name(abi, -1));
		assert_null(arch_abi_syscall_name(abi, 1L << 20));
		assert_int_equal(arch_abi_syscall_number(abi, "no_such_call"),
				 -1);
		assert_int_equal(arch_abi_syscall_number(abi, NULL), -1);
	}
	assert_null(arch_abi_syscall_name(-1, 0));
	assert_null(arch_abi_syscall_name(arch_abi_count, 0));
	assert_int_equal(arch_abi_syscall_number(arch_abi_count, "read"), -1);
}

/* The calls that take a signal without a delivery (consumed.c). */
static const char *const taking_calls[] = {
	"rt_sigtimedwait", "rt_sigtimedwait_time64", "signalfd", "signalfd4",
	"read",
};

static bool is_taking_call(int abi, long nr)
{
	const char *name = arch_abi_syscall_name(abi, nr);

	for (size_t i = 0; name && i < ARRAY_SIZE(taking_calls); i++)
		if (strcmp(name, taking_calls[i]) == 0)
			return true;
	return false;
}

/* Each taking call an ABI has is in the filter's list, once, under that
 * ABI's audit arch: how many that is. */
static size_t taking_calls_listed(void)
{
	size_t listed = 0;

	for (int abi = 0; abi < arch_abi_count; abi++) {
		for (size_t i = 0; i < ARRAY_SIZE(taking_calls); i++) {
			long nr = arch_abi_syscall_number(abi, taking_calls[i]);
			int found = 0;

			if (nr < 0)
				continue;
			for (size_t j = 0; j < arch_traced_syscalls_count; j++)
				found += arch_traced_syscalls[j].audit_arch ==
					 arch_abis[abi].audit_arch &&
					 arch_traced_syscalls[j].nr ==
					 (uint32_t)nr;
			if (found != 1)
				fail_msg("%s %s listed %d times",
					 arch_abi_name(abi), taking_calls[i],
					 found);
			listed++;
		}
	}
	return listed;
}

static void test_sigaction_family(void **state)
{
	static const struct {
		const char *name;
		enum arch_sigaction_kind kind;
	} family[] = {
		{ "rt_sigaction", ARCH_SA_RT },
		{ "sigaction", ARCH_SA_OLD },
		{ "signal", ARCH_SA_SIGNAL },
	};
	size_t traced = 0;

	for (int abi = 0; abi < arch_abi_count; abi++) {
		enum arch_sigaction_kind kind;
		long nr;

		for (size_t i = 0; i < ARRAY_SIZE(family); i++) {
			nr = arch_abi_syscall_number(abi, family[i].name);
			if (nr < 0) {
				assert_true(family[i].kind != ARCH_SA_RT);
				continue;
			}
			traced++;
			kind = (enum arch_sigaction_kind)-1;
			assert_true(arch_is_sigaction(abi, nr, &kind));
			assert_int_equal(kind, family[i].kind);
			assert_true(arch_is_sigaction(abi, nr, NULL));
			/* ... and in the seccomp filter's list */
			{
				bool listed = false;

				for (size_t j = 0;
				     j < arch_traced_syscalls_count; j++)
					if (arch_traced_syscalls[j].nr ==
					    (uint32_t)nr)
						listed = true;
				if (!listed)
					fail_msg("%s %s (%ld) is not traced",
						 arch_abi_name(abi),
						 family[i].name, nr);
			}
		}
		nr = arch_abi_syscall_number(abi, "rt_sigreturn");
		assert_true(nr >= 0);
		assert_true(arch_is_sigreturn(abi, nr));
		nr = arch_abi_syscall_number(abi, "sigreturn");
		if (nr >= 0)
			assert_true(arch_is_sigreturn(abi, nr));
		nr = arch_abi_syscall_number(abi, "read");
		assert_false(arch_is_sigaction(abi, nr, &kind));
		assert_false(arch_is_sigreturn(abi, nr));
		assert_false(arch_is_sigaction(abi, -1, &kind));
		assert_false(arch_is_sigreturn(abi, -1));
	}
	assert_int_equal(arch_traced_syscalls_count,
			 traced + taking_calls_listed());
	assert_false(arch_is_sigaction(arch_abi_count, 13, NULL));
	assert_false(arch_is_sigreturn(-1, 15));

	/* the native rt_sigaction is traced under the native audit arch */
	{
		long nr = arch_syscall_number("rt_sigaction");
		bool found = false;

		for (size_t j = 0; j < arch_traced_syscalls_count; j++)
			if (arch_traced_syscalls[j].audit_arch ==
			    arch_native_audit &&
			    arch_traced_syscalls[j].nr == (uint32_t)nr)
				found = true;
		assert_true(found);
	}
}

/* Each (audit arch, number) of the seccomp list is a sigaction-family
 * call of the ABI that audit arch names. */
static void test_traced_by_audit(void **state)
{
	assert_int_equal(arch_abi_of_audit(arch_native_audit),
			 ARCH_ABI_NATIVE);
	assert_int_equal(arch_abi_of_audit(0), -1);
	for (size_t j = 0; j < arch_traced_syscalls_count; j++) {
		const struct arch_traced_syscall *t = &arch_traced_syscalls[j];
		int abi = arch_abi_of_audit(t->audit_arch);

		if (abi < 0)
			fail_msg("audit arch %#x of entry %zu is no ABI's",
				 (unsigned)t->audit_arch, j);
		if (!arch_is_sigaction(abi, (long)t->nr, NULL) &&
		    !is_taking_call(abi, (long)t->nr))
			fail_msg("%s %u is neither a sigaction call nor one that takes a signal",
				 arch_abi_name(abi), (unsigned)t->nr);
		/* Only read() is filtered by an argument: a count of one
		 * signalfd_siginfo, argument 3. */
		if (strcmp(arch_abi_syscall_name(abi, (long)t->nr), "read")) {
			assert_int_equal(t->if_arg, 0);
		} else {
			assert_int_equal(t->if_arg, 3);
			assert_int_equal(t->arg_eq, 128);
		}
	}
	/* siginfo_t's union follows three ints, pointer-aligned. */
	for (int abi = 0; abi < arch_abi_count; abi++)
		assert_int_equal(arch_siginfo_union_offset(abi),
				 strcmp(arch_abi_name(abi), "i386") ? 16 : 12);
	assert_int_equal(arch_siginfo_union_offset(arch_abi_count), 0);
	for (int abi = 0; abi < arch_abi_count; abi++)
		assert_int_equal(arch_abi_of_audit(arch_abis[abi].audit_arch),
				 abi);
}

static void test_decode_lp64(void **state)
{
	unsigned char buf[40];
	struct arch_ksigaction k;
	int abi = -1;

	for (int a = 0; a < arch_abi_count; a++)
		if (layout_of(arch_abi_name(a)) == LAYOUT_LP64)
			abi = a;
	if (abi < 0)
		skip();
	assert_int_equal(arch_ksigaction_size(abi, ARCH_SA_RT), 32);
	assert_int_equal(arch_ksigaction_size(abi, ARCH_SA_OLD), 0);
	assert_int_equal(arch_ksigaction_size(abi, ARCH_SA_SIGNAL), 0);

	/* handler, flags (glibc's int, sign-extended), restorer, mask;
	 * one byte in, to decode from an unaligned buffer */
	memset(buf, 0xee, sizeof(buf));
	put64(buf + 1, 0x0000555555555189ull);
	put64(buf + 9, 0xffffffff94000004ull);
	put64(buf + 17, 0x00007ffff7e3b510ull);
	put64(buf + 25, 0x8000000000000a00ull);
	memset(&k, 0, sizeof(k));
	assert_int_equal(arch_decode_ksigaction(abi, ARCH_SA_RT, buf + 1, 32,
						&k), 0);
	assert_int_equal(k.handler, 0x0000555555555189ull);
	assert_int_equal(k.flags, 0x94000004ull);	/* 32 bits kept */
	assert_int_equal(k.restorer, 0x00007ffff7e3b510ull);
	assert_int_equal(k.mask, 0x8000000000000a00ull);

	assert_int_equal(arch_decode_ksigaction(abi, ARCH_SA_RT, buf, 31, &k),
			 -EINVAL);
	assert_int_equal(arch_decode_ksigaction(abi, ARCH_SA_OLD, buf, 32,
						&k), -EINVAL);
	assert_int_equal(arch_decode_ksigaction(abi, ARCH_SA_SIGNAL, buf, 32,
						&k), -EINVAL);
}

static void test_decode_ilp32(void **state)
{
	unsigned char buf[24];
	struct arch_ksigaction k;
	int abi = -1;

	for (int a = 0; a < arch_abi_count; a++)
		if (layout_of(arch_abi_name(a)) == LAYOUT_ILP32)
			abi = a;
	if (abi < 0)
		skip();
	assert_int_equal(arch_ksigaction_size(abi, ARCH_SA_RT), 20);
	assert_int_equal(arch_ksigaction_size(abi, ARCH_SA_OLD), 16);
	assert_int_equal(arch_ksigaction_size(abi, ARCH_SA_SIGNAL), 0);

	/* rt_sigaction: handler, flags, restorer, mask low, mask high */
	memset(buf, 0xee, sizeof(buf));
	put32(buf + 1, 0xf7f01234u);
	put32(buf + 5, 0x94000004u);
	put32(buf + 9, 0xf7f05678u);
	put32(buf + 13, 0x00000a00u);
	put32(buf + 17, 0x80000000u);
	memset(&k, 0, sizeof(k));
	assert_int_equal(arch_decode_ksigaction(abi, ARCH_SA_RT, buf + 1, 20,
						&k), 0);
	assert_int_equal(k.handler, 0xf7f01234ull);	/* not sign-extended */
	assert_int_equal(k.flags, 0x94000004ull);
	assert_int_equal(k.restorer, 0xf7f05678ull);
	assert_int_equal(k.mask, 0x8000000000000a00ull);
	assert_int_equal(arch_decode_ksigaction(abi, ARCH_SA_RT, buf, 19, &k),
			 -EINVAL);

	/* old sigaction: handler, mask (signals 1..32), flags, restorer */
	memset(buf, 0xee, sizeof(buf));
	put32(buf, 0x56556189u);
	put32(buf + 4, 0x00000800u);	/* SIGUSR2 */
	put32(buf + 8, 0x10000000u);	/* SA_RESTART */
	put32(buf + 12, 0u);
	memset(&k, 0xff, sizeof(k));
	assert_int_equal(arch_decode_ksigaction(abi, ARCH_SA_OLD, buf, 16,
						&k), 0);
	assert_int_equal(k.handler, 0x56556189ull);
	assert_int_equal(k.mask, 0x800ull);
	assert_int_equal(k.flags, 0x10000000ull);
	assert_int_equal(k.restorer, 0);
	assert_int_equal(arch_decode_ksigaction(abi, ARCH_SA_OLD, buf, 15, &k),
			 -EINVAL);
	assert_int_equal(arch_decode_ksigaction(abi, ARCH_SA_SIGNAL, buf, 16,
						&k), -EINVAL);
}

static void test_bad_abi(void **state)
{
	unsigned char buf[32] = { 0 };
	struct arch_ksigaction k;

	assert_int_equal(arch_ksigaction_size(arch_abi_count, ARCH_SA_RT), 0);
	assert_int_equal(arch_ksigaction_size(-1, ARCH_SA_RT), 0);
	assert_int_equal(arch_decode_ksigaction(arch_abi_count, ARCH_SA_RT,
						buf, sizeof(buf), &k),
			 -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abis),
		cmocka_unit_test(test_known_numbers),
		cmocka_unit_test(test_native_shorthand),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_sigaction_family),
		cmocka_unit_test(test_traced_by_audit),
		cmocka_unit_test(test_decode_lp64),
		cmocka_unit_test(test_decode_ilp32),
		cmocka_unit_test(test_bad_abi),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
