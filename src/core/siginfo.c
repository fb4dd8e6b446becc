/* SPDX-License-Identifier: MIT */
/*
 * siginfo.c - decode a siginfo_t into the fields of a signal event.
 *
 * Which member of the siginfo union is meaningful depends on the signal
 * and si_code; this follows the kernel's siginfo_layout()
 * (kernel/signal.c) so that we read exactly what the kernel wrote.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "siginfo.h"
#include "sigtab.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The kernel's enum siginfo_layout, without the fault sub-variants
 * (MCEERR, BNDERR, PKUERR, PERF_EVENT...): all of them carry si_addr. */
enum layout {
	L_KILL,			/* si_pid, si_uid */
	L_TIMER,		/* si_timerid, si_overrun, si_value */
	L_POLL,			/* si_band, si_fd */
	L_FAULT,		/* si_addr */
	L_CHLD,			/* si_pid, si_uid, si_status, times */
	L_RT,			/* si_pid, si_uid, si_value */
	L_SYS,			/* si_call_addr, si_syscall, si_arch */
};

/*
 * sig_specific_sicodes[] of kernel/signal.c: the positive si_codes up to
 * LIMIT (NSIG* of the uapi siginfo.h, kernel 6.18) are the signal's own.
 * SIGEMT exists only on alpha, mips and sparc.
 */
static const struct {
	int signo;
	int limit;
	enum layout layout;
} specific_layouts[] = {
	{ SIGILL, 11, L_FAULT },	/* NSIGILL */
	{ SIGFPE, 15, L_FAULT },	/* NSIGFPE */
	{ SIGSEGV, 10, L_FAULT },	/* NSIGSEGV, with SEGV_CPERR */
	{ SIGBUS, 5, L_FAULT },		/* NSIGBUS */
	{ SIGTRAP, 6, L_FAULT },	/* NSIGTRAP */
	{ SIGCHLD, 6, L_CHLD },		/* NSIGCHLD */
	{ SIGPOLL, 6, L_POLL },		/* NSIGPOLL */
	{ SIGSYS, 2, L_SYS },		/* NSIGSYS */
};

#define NSIGPOLL_CODES 6

static enum layout siginfo_layout(int signo, int code)
{
	size_t i;

	if (code > SI_USER && code < SI_KERNEL) {
		for (i = 0; i < ARRAY_SIZE(specific_layouts); i++) {
			if (specific_layouts[i].signo == signo &&
			    code <= specific_layouts[i].limit)
				return specific_layouts[i].layout;
		}
		/* Any other signal with a small positive code was queued by
		 * fcntl(F_SETSIG) for an I/O event. */
		if (code <= NSIGPOLL_CODES)
			return L_POLL;
		return L_KILL;
	}
	if (code == SI_TIMER)
		return L_TIMER;
	if (code == SI_SIGIO)
		return L_POLL;
	if (code < 0)
		return L_RT;
	return L_KILL;		/* SI_USER, SI_KERNEL and above */
}

/* A sender process, when the kernel named one.  si_pid is 0 when the
 * sender lives in an ancestor pid namespace: no /proc to read then. */
static void set_sender(struct ev_signal *out, pid_t pid, uid_t uid)
{
	if (pid <= 0)
		return;
	out->has_sender = true;
	out->sender.pid = pid;
	out->sender.uid = uid;
	out->sender.known = false;
}

static void clear_fields(struct ev_signal *out)
{
	out->has_sender = false;
	memset(&out->sender, 0, sizeof(out->sender));
	memset(&out->sender_chain, 0, sizeof(out->sender_chain));
	out->has_addr = false;
	out->addr = 0;
	out->has_status = false;
	out->status = 0;
	out->has_value = false;
	out->value = 0;
	out->has_band = false;
	out->band = 0;
	out->fd = -1;
}

/*
 * si_value as the full pointer-sized union: sival_int is its low half,
 * so a sigqueue() of 42 reads 42 (assuming the sender's upper half was
 * zero, as it is with an initialized union sigval).
 */
static int64_t sigval_of(const siginfo_t *si)
{
	return (int64_t)(intptr_t)si->si_value.sival_ptr;
}

void siginfo_decode(const siginfo_t *si, struct ev_signal *out)
{
	int signo = si->si_signo;
	int code = si->si_code;

	clear_fields(out);
	out->signo = signo;
	out->code = code;
	out->err = si->si_errno;

	switch (siginfo_layout(signo, code)) {
	case L_KILL:
		if (si_code_from_process(signo, code))
			set_sender(out, si->si_pid, si->si_uid);
		break;
	case L_RT:
		if (si_code_from_process(signo, code))
			set_sender(out, si->si_pid, si->si_uid);
		/* tkill and the kernel's SI_DETHREAD carry no value. */
		if (code != SI_TKILL && code != SI_DETHREAD) {
			out->has_value = true;
			out->value = sigval_of(si);
		}
		break;
	case L_TIMER:
		out->has_value = true;
		out->value = sigval_of(si);
		break;
	case L_POLL:
		out->has_band = true;
		out->band = si->si_band;
		out->fd = si->si_fd;
		break;
	case L_FAULT:
		out->has_addr = true;
		out->addr = (uint64_t)(uintptr_t)si->si_addr;
		break;
	case L_CHLD:
		/* The child that exited, stopped or continued. */
		set_sender(out, si->si_pid, si->si_uid);
		out->has_status = true;
		out->status = si->si_status;
		break;
	case L_SYS:
		out->has_addr = true;
		out->addr = (uint64_t)(uintptr_t)si->si_call_addr;
		break;
	}
}
