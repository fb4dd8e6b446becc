/* SPDX-License-Identifier: MIT */
/*
 * arch.c - the hooks of arch.h that every architecture answers the same
 * way, from the tables it describes (arch_impl.h): ABI and syscall names
 * and numbers, the sigaction family, sigreturns, and the decoding of the
 * kernel's struct sigaction.
 */
#include <errno.h>
#include <string.h>

#include "arch_impl.h"

static const struct arch_abi *abi_row(int abi)
{
	if (abi < 0 || abi >= arch_abi_count)
		return NULL;
	return &arch_abis[abi];
}

const char *arch_abi_name(int abi)
{
	const struct arch_abi *a = abi_row(abi);

	return a ? a->name : NULL;
}

int arch_abi_of_audit(uint32_t audit)
{
	for (int abi = 0; abi < arch_abi_count; abi++)
		if (arch_abis[abi].audit_arch == audit)
			return abi;
	return -1;
}

const char *arch_abi_syscall_name(int abi, long nr)
{
	const struct arch_abi *a = abi_row(abi);

	if (!a || nr < 0 || (size_t)nr >= a->nsyscalls)
		return NULL;
	return a->syscall_names[nr];
}

long arch_abi_syscall_number(int abi, const char *name)
{
	const struct arch_abi *a = abi_row(abi);

	if (!a || !name)
		return -1;
	for (size_t i = 0; i < a->nsyscalls; i++)
		if (a->syscall_names[i] &&
		    strcmp(a->syscall_names[i], name) == 0)
			return (long)i;
	return -1;
}

const char *arch_syscall_name(long nr)
{
	return arch_abi_syscall_name(ARCH_ABI_NATIVE, nr);
}

long arch_syscall_number(const char *name)
{
	return arch_abi_syscall_number(ARCH_ABI_NATIVE, name);
}

bool arch_is_sigaction(int abi, long nr, enum arch_sigaction_kind *kind)
{
	const struct arch_abi *a = abi_row(abi);

	if (!a || nr < 0)
		return false;
	for (int k = ARCH_SA_RT; k <= ARCH_SA_SIGNAL; k++) {
		if (a->sigaction_nr[k] == nr) {
			if (kind)
				*kind = (enum arch_sigaction_kind)k;
			return true;
		}
	}
	return false;
}

bool arch_arg0_kept(int abi)
{
	const struct arch_abi *a = abi_row(abi);

	return a && !a->ret_in_arg0;
}

size_t arch_siginfo_union_offset(int abi)
{
	const struct arch_abi *a = abi_row(abi);

	return a ? a->siginfo_union : 0;
}

bool arch_is_sigreturn(int abi, long nr)
{
	const struct arch_abi *a = abi_row(abi);

	return a && nr >= 0 &&
	       (nr == a->sigreturn_nr[0] || nr == a->sigreturn_nr[1]);
}

static const struct arch_sa_layout *sa_layout(int abi,
					      enum arch_sigaction_kind kind)
{
	const struct arch_abi *a = abi_row(abi);

	if (!a || (unsigned int)kind > ARCH_SA_SIGNAL || !a->sa[kind].size)
		return NULL;
	return &a->sa[kind];
}

size_t arch_ksigaction_size(int abi, enum arch_sigaction_kind kind)
{
	const struct arch_sa_layout *l = sa_layout(abi, kind);

	return l ? l->size : 0;
}

/* F of the struct at P: little-endian, zero-extended. */
static uint64_t get_field(const unsigned char *p, struct arch_field f)
{
	uint64_t v = 0;

	for (int i = f.size - 1; i >= 0; i--)
		v = v << 8 | p[f.off + i];
	return v;
}

int arch_decode_ksigaction(int abi, enum arch_sigaction_kind kind,
			   const void *buf, size_t len,
			   struct arch_ksigaction *out)
{
	const struct arch_sa_layout *l = sa_layout(abi, kind);

	if (!l || len < l->size)
		return -EINVAL;
	out->handler = get_field(buf, l->handler);
	out->flags = get_field(buf, l->flags);
	out->restorer = get_field(buf, l->restorer);
	out->mask = get_field(buf, l->mask);
	return 0;
}
