/* SPDX-License-Identifier: MIT */
/*
 * aarch64: where its kernel ABI differs from the generic constants of
 * arch/kconst.h.  Include kconst.h, not this file.
 */
#ifndef SIGTRACE_KCONST_ARCH_H
#define SIGTRACE_KCONST_ARCH_H

/* arch/arm64/include/uapi/asm/signal.h defines SA_RESTORER, so its
 * struct sigaction has sa_restorer (glibc passes none). */
#define K_SA_RESTORER		0x04000000ULL

#endif
