/* SPDX-License-Identifier: MIT */
/*
 * sigtab.h - static name tables: signals, default actions (signal(7)),
 * si_code names per signal, SA_* flag names, errno names, the signal(7)
 * syscall lists, the fallbacks every log and report uses for a signal or
 * syscall without a name, and the signal-set syntax of `-e signal=SET`.
 * Pure functions, no tracer state.
 */
#ifndef SIGTRACE_SIGTAB_H
#define SIGTRACE_SIGTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kconst.h"

#define SIG_MAX K_NSIG		/* signals 1..64 on Linux */

/* A set of signals 1..64: bit (signo - 1). */
typedef uint64_t sigbits_t;
#define SIGBIT(signo) ((sigbits_t)1 << ((signo) - 1))

enum sig_action {
	SIG_ACT_TERM,
	SIG_ACT_CORE,
	SIG_ACT_STOP,
	SIG_ACT_CONT,
	SIG_ACT_IGN,
};

/* "SIGUSR1"; realtime as "SIGRTMIN", "SIGRTMIN+3" ... "SIGRTMAX" (the
 * kernel's SIGRTMIN 32 .. 64; glibc reserves 32 and 33 but the kernel
 * delivers them, so name them by the kernel's numbering).  Writes into
 * BUF (at least 16 bytes) for signals without a static name; returns NULL
 * when SIGNO is out of 1..64. */
const char *sig_name(int signo, char *buf, size_t len);

/* sig_name(), or PREFIX followed by the number for a signal out of
 * 1..64 (what a failing rt_sigaction may carry): "SIGUSR1", "99" with
 * prefix "", "signal 99" with "signal ".  BUF holds the number. */
const char *sig_label(int signo, const char *prefix, char *buf, size_t len);

/* A syscall as logs and reports name it: NAME when the event carried
 * one, else the native ABI's name of NR, else "syscall_NR" in BUF. */
const char *syscall_label(const char *name, long nr, char *buf, size_t len);

/* Parse "USR1", "SIGUSR1", "usr1", "10", "RTMIN+3", "SIGRTMAX-1".
 * Returns 1..64, or -1. */
int sig_from_name(const char *s);

/* Default action per signal(7). */
enum sig_action sig_default_action(int signo);
/* "term", "core", "stop", "cont", "ign" */
const char *sig_action_name(enum sig_action action);

/* si_code by name for SIGNO ("SI_USER", "CLD_EXITED", "SEGV_MAPERR"...);
 * unknown codes are written as a decimal number into BUF. */
const char *si_code_name(int signo, int code, char *buf, size_t len);
/* Inverse of si_code_name; returns 0 on success, -1 if unknown. */
int si_code_from_name(int signo, const char *name, int *code);

/* Does this si_code say a user process sent the signal (kill, sigqueue,
 * tgkill, ...) so si_pid/si_uid name a sender? */
bool si_code_from_process(int signo, int code);

/* Split SA_* FLAGS into names.  NAMES receives up to MAX static strings;
 * *UNKNOWN receives the bits that have no name.  Returns the count. */
size_t sa_flags_names(uint64_t flags, const char *names[], size_t max,
		      uint64_t *unknown);
/* "SA_RESTART|SA_SIGINFO|0x4000000" into BUF; "0" for no flag. */
const char *sa_flags_format(uint64_t flags, char *buf, size_t len);
/* Parse one flag name ("SA_RESTART") or hex "0x..."; 0 ok, -1 unknown. */
int sa_flag_from_name(const char *name, uint64_t *bit);

/* "ERESTARTSYS", ..., "EINTR", "EAGAIN": a name for -RET, or NULL. */
const char *errno_code_name(long err);
/* Inverse: 0 on success, -1 when unknown. */
int errno_code_from_name(const char *name, long *err);

/* Is RET (a syscall's pending return) one of the interrupted codes:
 * -ERESTARTSYS, -ERESTARTNOINTR, -ERESTARTNOHAND,
 * -ERESTART_RESTARTBLOCK, -EINTR? */
bool sig_ret_is_interrupt(long ret);

/* signal(7): calls that fail with EINTR after a handler whatever
 * SA_RESTART says (epoll_wait, poll, select, nanosleep, ... and those
 * that wait for signals). */
bool syscall_never_restarted(const char *syscall_name);
/* Calls made to wait for a signal (pause, sigsuspend, sigtimedwait):
 * EINTR is what they are for, not a failure worth reporting. */
bool syscall_waits_for_signals(const char *syscall_name);
/* Does the call fail with -EINTR by itself (no -ERESTART* code that
 * the kernel would restart), and do its arguments ARGS (in its ABI's
 * order) ask it to wait with no time limit?  Then running it again is
 * exact: it sleeps on as if never woken (docs/safety.md, item 6).
 * epoll_wait and epoll_pwait with a negative timeout, epoll_pwait2 and
 * rt_sigtimedwait with none. */
bool syscall_restart_is_exact(const char *syscall_name,
			      const uint64_t args[6]);

/* What an EINTR from a call means (docs/explanations.md): a call made
 * to wait for a signal, an event loop's wait (epoll_wait, poll, select:
 * called again), a sleep (it ends early, with the time left), or any
 * other call, which the program must retry. */
enum call_class {
	CALL_OTHER,
	CALL_SIGNAL_WAIT,
	CALL_EVENT_WAIT,
	CALL_SLEEP,
};
enum call_class syscall_class(const char *syscall_name);
/* "other", "signal_wait", "event_wait", "sleep" */
const char *call_class_name(enum call_class c);

/* Parse a strace-like signal set: "all", "none", "USR1,HUP,10",
 * "!USR1" (negation), "RTMIN+3", with or without SIG.  0 on success;
 * -1 with a message naming the bad token in ERR otherwise. */
int sigset_parse(const char *spec, sigbits_t *set, char *err, size_t errlen);

/* Format a set as "SIGHUP|SIGUSR1" or "[]" when empty, into BUF. */
const char *sigset_format(sigbits_t set, char *buf, size_t len);

/* Signals that operators and tools commonly send although their default
 * action terminates (seed 003): SIGHUP, SIGUSR1, SIGUSR2, SIGPIPE,
 * SIGALRM, SIGPROF, SIGVTALRM, SIGIO, SIGPWR, SIGSTKFLT. */
sigbits_t sig_dangerous_defaults(void);

#endif
