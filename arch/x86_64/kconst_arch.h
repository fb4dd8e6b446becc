/* SPDX-License-Identifier: MIT */
/*
 * x86_64 (and i386 on it): where its kernel ABI differs from the generic
 * constants of arch/kconst.h.  Include kconst.h, not this file.
 */
#ifndef SIGTRACE_KCONST_ARCH_H
#define SIGTRACE_KCONST_ARCH_H

/* arch/x86/include/uapi/asm/signal.h: both ABIs have sa_restorer. */
#define K_SA_RESTORER		0x04000000ULL

#endif
