/* SPDX-License-Identifier: MIT */
/*
 * selfsig.h - sigtrace's own signals, and the one place where the wait
 * loop sleeps, woken by a traced task or by one of those signals.
 *
 * sigtrace takes every signal that would end or stop it, except the
 * faults of its own code (docs/safety.md, "sigtrace's own signals"): a
 * signal meant for the traced program (pkill -f, Ctrl-\ at a terminal)
 * must not kill sigtrace and the command with it.  Each one is recorded
 * with who sent it; what it means is for the loop to decide (ownsig.c).
 */
#ifndef SIGTRACE_SELFSIG_H
#define SIGTRACE_SELFSIG_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* A signal sigtrace got, as the siginfo of the last one said. */
struct selfsig_rec {
	int signo;
	unsigned count;		/* how many came since the last look */
	int code;		/* si_code */
	pid_t pid;		/* si_pid: meaningful for SI_USER and kin */
	uid_t uid;
};

/* Take the signals over (remembering what sigtrace inherited).  ATTACH:
 * the job-control stops (SIGTSTP, SIGTTIN, SIGTTOU) too, since a
 * stopped tracer would freeze its tracees; spawn mode stops with its
 * job, as the shell expects. */
void selfsig_install(bool attach);
/* In the spawned child before exec: the dispositions and the signal mask
 * sigtrace inherited, not its own. */
void selfsig_restore_inherited(void);

/*
 * The wait for a traced task's next state change, in two steps so that
 * the caller can do its idle work in between.
 *
 * selfsig_peek() returns the tid of a task that changed state, with
 * *STATUS as waitpid() gives it, and leaves the change in place (waitid
 * WNOWAIT: a stop stays reported until the resume that consumes it, so a
 * sigtrace killed meanwhile loses no signal; an exit stays until
 * selfsig_reap()); 0 when none has; -errno (-ECHILD: no task left).
 *
 * selfsig_sleep() then sleeps until a task changes state, one of
 * sigtrace's signals comes (look at the records and flags below and peek
 * again), or CLOCK_MONOTONIC reaches UNTIL_NS (0: no limit; it may wake
 * sooner); 0 or -errno.  With no
 * traced task left to wait for (--watch between two incarnations) the
 * peek says -ECHILD: sleep all the same.  A state change or a signal
 * after the peek, even before the sleep, ends the sleep at once.
 * *TRAPPED is the tid whose ptrace stop ended the sleep, or 0: a hint
 * only (SIGCHLD is not queued twice, so one SIGCHLD may stand for
 * several stops, or for a stop already taken by a peek, the tracee
 * running again since); the caller checks it and peeks for the rest.
 */
pid_t selfsig_peek(int *status);
/* The signal of the sleep's timer (selfsig.c says why this one). */
#define SELFSIG_TIMER_SIGNAL (SIGRTMIN + 6)
int selfsig_sleep(uint64_t until_ns, pid_t *trapped);
/* The same for one task, TID, sleeping until it changes state. */
pid_t selfsig_wait_for(pid_t tid, int *status);
/* TID exited (selfsig_peek said so): reap it. */
void selfsig_reap(pid_t tid);

/* A signal that sigtrace got since the last look: false when none is
 * left. */
bool selfsig_next(struct selfsig_rec *r);
/* Is anything below waiting to be looked at (a signal's record, data
 * on a watched descriptor, a dump or stop request)? */
bool selfsig_noted(void);

/* Data on FD (a socket, an inotify descriptor) ends the wait too (its
 * SIGIO is sigtrace's own, not noted), and selfsig_take_io() says once
 * that some came.  0 or -errno. */
int selfsig_watch_fd(int fd);
bool selfsig_take_io(void);
/* SIGUSR1 asks for what the flight recorder holds (--ring): the wait
 * ends, and selfsig_take_dump() says so once. */
void selfsig_catch_dump(void);
bool selfsig_take_dump(void);

/* The loop decided to stop (a person asked): the signal that asked. */
void selfsig_request_stop(int sig);
bool selfsig_stop_requested(void);
int selfsig_stop_signal(void);

#endif
