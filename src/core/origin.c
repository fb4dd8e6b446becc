/* SPDX-License-Identifier: MIT */
/*
 * origin.c - the origin of a delivery, from siginfo and the receiving
 * thread's registers (docs/explanations.md, "Origins").
 *
 * Two kernel-made signals look self-sent: a write to a pipe or socket
 * without a reader, and a write past RLIMIT_FSIZE, both send_sig(sig,
 * current, 0): si_code SI_USER, si_pid the writer's own.  Only the
 * registers tell them from kill(getpid()): the thread is in the write
 * and it returns -EPIPE (-EFBIG), where a kill() returns 0.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "origin.h"
#include "sigtab.h"

/*
 * The calls that write to a descriptor, and the argument that holds it
 * (-1: none, the call writes to a path).  pwritev2 writes at the file
 * position with offset -1, so it can meet a pipe; pwrite64 and pwritev
 * cannot (ESPIPE) but can pass RLIMIT_FSIZE.
 */
static const struct {
	const char *name;
	int fd_arg;
} write_calls[] = {
	{ "write", 0 }, { "writev", 0 }, { "pwrite64", 0 }, { "pwritev", 0 },
	{ "pwritev2", 0 }, { "send", 0 }, { "sendto", 0 }, { "sendmsg", 0 },
	{ "sendmmsg", 0 }, { "sendfile", 0 }, { "sendfile64", 0 },
	{ "vmsplice", 0 }, { "splice", 2 }, { "tee", 1 },
	{ "copy_file_range", 2 }, { "fallocate", 0 }, { "ftruncate", 0 },
	{ "ftruncate64", 0 }, { "truncate", -1 }, { "truncate64", -1 },
};

/* Is the thread in a write-type call that returned -ERR?  Its fd (or -1)
 * into *FD. */
static bool write_failed(const struct origin_facts *f, int err, int *fd)
{
	if (!f->syscall || f->ret != -err)
		return false;
	for (size_t i = 0; i < sizeof(write_calls) / sizeof(*write_calls);
	     i++) {
		int arg = write_calls[i].fd_arg;

		if (strcmp(f->syscall, write_calls[i].name) != 0)
			continue;
		*fd = arg < 0 || (arg == 0 && f->arg0_clobbered) ? -1 :
		      (int)f->args[arg];
		return true;
	}
	return false;
}

static const char *const kill_calls[] = {
	"kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo",
};

/* The kill-family call the receiving thread made, when the facts show
 * one that returned 0 ("tgkill"), else NULL. */
static const char *origin_send_syscall(const struct origin_facts *f)
{
	if (!f->syscall || f->ret != 0)
		return NULL;
	for (size_t i = 0; i < sizeof(kill_calls) / sizeof(*kill_calls); i++)
		if (strcmp(f->syscall, kill_calls[i]) == 0)
			return kill_calls[i];
	return NULL;
}

bool origin_kill_target(const struct origin_facts *f, long *pid)
{
	const char *call = origin_send_syscall(f);

	if (!call || strcmp(call, "kill") != 0 || f->arg0_clobbered)
		return false;
	/* pid_t is 32 bits in every ABI: sign-extend the argument. */
	*pid = (long)(int32_t)(uint32_t)f->args[0];
	return true;
}

/* SI_KERNEL: the tty layer's signals (kill_pgrp(pgrp, sig, 1)). */
static enum term_event terminal_event(int signo)
{
	switch (signo) {
	case SIGINT: return TERM_INTR;
	case SIGQUIT: return TERM_QUIT;
	case SIGTSTP: return TERM_SUSP;
	case SIGHUP: case SIGCONT: return TERM_HANGUP;
	case SIGTTIN: return TERM_BG_READ;
	case SIGTTOU: return TERM_BG_WRITE;
	case SIGWINCH: return TERM_RESIZE;
	default: return TERM_NONE;
	}
}

static bool fault_signal(int signo)
{
	return signo == SIGSEGV || signo == SIGBUS || signo == SIGILL ||
	       signo == SIGFPE || signo == SIGTRAP;
}

static bool itimer_signal(int signo)
{
	return signo == SIGALRM || signo == SIGVTALRM || signo == SIGPROF;
}

/* The kernel sent it with SI_KERNEL (SEND_SIG_PRIV): from what? */
static void kernel_made(struct ev_signal *sig)
{
	int signo = sig->signo;

	sig->term = terminal_event(signo);
	if (sig->term != TERM_NONE) {
		sig->origin = FROM_TERMINAL;
	} else if (fault_signal(signo)) {
		sig->origin = FROM_FAULT;	/* int3, a bad signal frame */
	} else if (itimer_signal(signo)) {
		sig->origin = FROM_TIMER;
		sig->timer = TIMER_ITIMER;
	} else if (signo == SIGXCPU) {
		sig->origin = FROM_LIMIT;
		sig->limit = LIMIT_CPU;
	} else if (signo == SIGIO || signo == SIGURG) {
		sig->origin = FROM_IO;	/* F_SETOWN without F_SETSIG */
	} else {
		sig->origin = FROM_KERNEL;
	}
}

/* si_pid names the receiver itself: the kernel on its behalf, or it. */
static void self_sent(struct ev_signal *sig, const struct origin_facts *f)
{
	int fd = -1;

	if (sig->code == SI_USER && sig->signo == SIGPIPE &&
	    write_failed(f, EPIPE, &fd)) {
		sig->origin = FROM_PIPE;
	} else if (sig->code == SI_USER && sig->signo == SIGXFSZ &&
		   write_failed(f, EFBIG, &fd)) {
		sig->origin = FROM_LIMIT;
		sig->limit = LIMIT_FSIZE;
	} else {
		sig->origin = FROM_SELF;
		sig->send_syscall = origin_send_syscall(f);
		return;
	}
	snprintf(sig->epipe.syscall, sizeof(sig->epipe.syscall), "%s",
		 f->syscall);
	sig->epipe.fd = fd;
}

void origin_classify(struct ev_signal *sig, const struct origin_facts *f)
{
	int code = sig->code;

	sig->epipe.fd = -1;
	if (sig->signo == SIGCHLD && code > 0 && code < SI_KERNEL) {
		sig->origin = FROM_CHILD;
	} else if (code == SI_KERNEL) {
		kernel_made(sig);
	} else if (code == SI_TIMER) {
		sig->origin = FROM_TIMER;
		sig->timer = TIMER_POSIX;
	} else if (sig->signo == SIGSYS && code > 0) {
		sig->origin = FROM_SECCOMP;
	} else if (fault_signal(sig->signo) && code > 0) {
		sig->origin = FROM_FAULT;
	} else if (code == SI_SIGIO || code == SI_ASYNCIO ||
		   code == SI_MESGQ || (code > 0 && code < SI_KERNEL)) {
		sig->origin = FROM_IO;	/* F_SETSIG: POLL_* codes */
	} else if (sig->has_sender && sig->sender.pid == f->self) {
		self_sent(sig, f);
	} else if (sig->has_sender) {
		sig->origin = FROM_PROCESS;
	} else if (f->si_pid_zero) {
		sig->origin = FROM_OUTSIDE_NS;
		sig->has_sender_uid = true;
		sig->sender_uid = f->uid;
	} else {
		sig->origin = FROM_UNKNOWN;
	}
}
