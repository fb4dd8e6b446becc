/* SPDX-License-Identifier: MIT */
/*
 * siginfo.h - decode a siginfo_t (from PTRACE_GETSIGINFO) into the fields
 * of a signal event: which union member is valid depends on the signal
 * and si_code, as in the kernel's siginfo_layout().
 */
#ifndef SIGTRACE_SIGINFO_H
#define SIGTRACE_SIGINFO_H

#include <signal.h>
#include "event.h"

/* Fill signo, code, err, the sender's pid/uid (has_sender, with
 * sender.known = false until /proc is read), addr, status, value, band/fd
 * from SI.  Leaves disposition and syscall fields untouched. */
void siginfo_decode(const siginfo_t *si, struct ev_signal *out);

#endif
