/* SPDX-License-Identifier: MIT */
/*
 * kconst.h - the kernel's ABI constants that sigtrace decodes, in one
 * place: what the TRACEE's kernel says, not what the host libc defines
 * (glibc hides SA_RESTORER and SA_UNSUPPORTED, numbers SIGRTMIN 34, and
 * has no kernel-internal -ERESTART* codes at all).
 *
 * The values are the generic ones (the uapi asm-generic headers,
 * include/linux/errno.h, kernel 6.18).  An architecture whose kernel
 * differs defines its own first in arch/<arch>/kconst_arch.h, which
 * configure puts on the include path; this header only fills in what
 * the architecture left undefined.  Part of the arch layer, next to
 * arch.h: src/ and arch/ both include it.
 */
#ifndef SIGTRACE_KCONST_H
#define SIGTRACE_KCONST_H

#include "kconst_arch.h"

/* ---- sa_flags (asm-generic/signal-defs.h) ---- */
#ifndef K_SA_NOCLDSTOP
#define K_SA_NOCLDSTOP		0x00000001ULL
#endif
#ifndef K_SA_NOCLDWAIT
#define K_SA_NOCLDWAIT		0x00000002ULL
#endif
#ifndef K_SA_SIGINFO
#define K_SA_SIGINFO		0x00000004ULL
#endif
#ifndef K_SA_UNSUPPORTED
#define K_SA_UNSUPPORTED	0x00000400ULL
#endif
#ifndef K_SA_EXPOSE_TAGBITS
#define K_SA_EXPOSE_TAGBITS	0x00000800ULL
#endif
#ifndef K_SA_ONSTACK
#define K_SA_ONSTACK		0x08000000ULL
#endif
#ifndef K_SA_RESTART
#define K_SA_RESTART		0x10000000ULL
#endif
#ifndef K_SA_NODEFER
#define K_SA_NODEFER		0x40000000ULL
#endif
#ifndef K_SA_RESETHAND
#define K_SA_RESETHAND		0x80000000ULL
#endif
/* SA_RESTORER is the architecture's own (asm/signal.h); 0 where the
 * struct sigaction has no sa_restorer. */
#ifndef K_SA_RESTORER
#define K_SA_RESTORER		0ULL
#endif

/* signal(2) as a syscall gives System V semantics (kernel/signal.c):
 * SA_ONESHOT | SA_NOMASK, i.e. SA_RESETHAND | SA_NODEFER. */
#define K_SIGNAL_SYSCALL_FLAGS	(K_SA_RESETHAND | K_SA_NODEFER)

/* sa_handler values that are no handler (asm-generic/signal-defs.h). */
#define K_SIG_DFL		0
#define K_SIG_IGN		1

/* ---- signal numbers (asm-generic/signal.h) ---- */
/* The two that cannot be caught, blocked or ignored. */
#ifndef K_SIGKILL
#define K_SIGKILL		9
#endif
#ifndef K_SIGSTOP
#define K_SIGSTOP		19
#endif
/* The realtime range as the kernel numbers it (glibc keeps 32 and 33
 * for itself and says SIGRTMIN is 34, but the kernel delivers them). */
#ifndef K_SIGRTMIN
#define K_SIGRTMIN		32
#endif
#ifndef K_NSIG
#define K_NSIG			64	/* _NSIG: signals 1..64 */
#endif
#define K_SIGRTMAX		K_NSIG

/* ---- syscall returns (include/linux/errno.h, linux/err.h) ---- */
/* Kernel-internal codes a tracer sees at a signal stop. */
#define K_ERESTARTSYS		512
#define K_ERESTARTNOINTR	513
#define K_ERESTARTNOHAND	514
#define K_ENOIOCTLCMD		515
#define K_ERESTART_RESTARTBLOCK	516
#define K_ENOTSUPP		524	/* sometimes leaks to user space */
/* A syscall's return in -K_MAX_ERRNO..-1 is an error; anything else is
 * a result (signal() returns the old handler, an mmap an address). */
#define K_MAX_ERRNO		4095

/* ---- signalfd (include/uapi/linux/signalfd.h) ---- */
/* struct signalfd_siginfo: the same 128 bytes for every ABI; a read
 * returns whole ones, the kernel zeroes what no field fills (the last
 * 28 bytes, from offset 100). */
#define K_SIGNALFD_SIGINFO_SIZE	128
#define K_SIGNALFD_PAD_OFF	100

#endif
