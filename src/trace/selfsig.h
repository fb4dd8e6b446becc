/* SPDX-License-Identifier: MIT */
/*
 * selfsig.h - sigtrace's own signals (SIGINT, SIGTERM, SIGHUP ask it to
 * stop; SIGALRM paces attach mode; SIGPIPE is ignored; SIGIO says a
 * watched descriptor has data; SIGUSR1, with --ring, asks for the flight
 * recorder) and the one place where the wait loop sleeps, woken by a
 * traced task or by those signals.
 */
#ifndef SIGTRACE_SELFSIG_H
#define SIGTRACE_SELFSIG_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* Take the signals over (remembering what sigtrace inherited).  ATTACH:
 * the first stop signal stops; spawn: a second one within a second. */
void selfsig_install(bool attach);
/* In the spawned child before exec: the dispositions and the signal mask
 * sigtrace inherited, not its own. */
void selfsig_restore_inherited(void);

/*
 * The wait for a traced task's next state change, in two steps so that
 * the caller can do its idle work in between.  selfsig_reap() returns a
 * task's tid (and *STATUS) when one changed state, 0 when none has (or
 * one of sigtrace's signals interrupted it), -errno (-ECHILD: no task
 * left).  selfsig_sleep() then sleeps until a task changes state, one of
 * sigtrace's signals comes (look at the flags below and reap again:
 * also the I/O and SIGUSR1 flags of --watch and --ring), or MAX_NS pass
 * (0: no limit); 0 or -errno.  With no traced task left to wait for
 * (--watch between two incarnations) the reap says -ECHILD: sleep all
 * the same.  A state change or a signal
 * after the reap, even before the sleep, ends the sleep at once.
 */
pid_t selfsig_reap(int *status);
int selfsig_sleep(uint64_t max_ns);

bool selfsig_stop_requested(void);
/* The signal that asked to stop. */
int selfsig_stop_signal(void);
/* Spawn mode: true once, after the first stop signal (which the command
 * may have got too: sigtrace goes on, and should say why). */
bool selfsig_take_first_interrupt(void);

/* SIGALRM every PERIOD_NS; selfsig_take_tick() says whether one came
 * since it was last asked. */
void selfsig_start_ticks(uint64_t period_ns);
void selfsig_stop_ticks(void);
bool selfsig_take_tick(void);

/* Data on FD (a socket, an inotify descriptor) ends the wait too, and
 * selfsig_take_io() says once that some came.  0 or -errno. */
int selfsig_watch_fd(int fd);
bool selfsig_take_io(void);
/* SIGUSR1 asks for what the flight recorder holds (--ring): the wait
 * ends, and selfsig_take_dump() says so once. */
void selfsig_catch_dump(void);
bool selfsig_take_dump(void);

#endif
