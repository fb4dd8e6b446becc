/* SPDX-License-Identifier: MIT */
/*
 * tracer.h - the tracer as its callers see it: fill a configuration, run
 * a command or attach to processes, get the exit status.  What it keeps
 * about the traced processes is private to the trace files
 * (trace_priv.h); events reach the caller only through its sinks.
 */
#ifndef SIGTRACE_TRACER_H
#define SIGTRACE_TRACER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sender.h"
#include "sink.h"
#include "targets.h"

struct tracer_config {
	struct sink **sinks;	/* every event goes to each of these */
	size_t nsinks;
	bool follow;		/* report children too (not --no-follow) */
	bool quiet;		/* -q: no advice on the terminal */
	enum sender_kind senders;	/* --senders: the observer's back end */
	unsigned stack_depth;	/* -k: frames per backtrace; 0: no -k */
	int inject_signo;	/* -e inject: send this signal ... */
	unsigned inject_exec;	/* ... right after the Nth exec, from 1 */
	/* Attach mode only. */
	uint64_t poll_ns;	/* /proc poll period, 0 = never */
	bool all_syscalls;	/* --syscalls: PTRACE_SYSCALL always */
	int status_fd;		/* live status line on this terminal, or -1 */
	uint64_t duration_ns;	/* --duration: stop after it, 0 = never */
	const struct target_spec *targets;	/* --pidfile --name --cgroup
						 * --unit: attached as they
						 * appear; must outlive the run */
	size_t ntargets;
	bool watch;		/* --watch: outlive the tracees, wait for
				 * the targets to come back */
	/* Both modes. */
	bool dump_on_usr1;	/* --ring: SIGUSR1 makes the sinks write
				 * what they hold (sink_trigger) */
};

struct tracer;

/* NULL when out of memory.  CFG is copied; its sinks must outlive the
 * tracer. */
struct tracer *tracer_new(const struct tracer_config *cfg);
void tracer_free(struct tracer *T);

/*
 * Trace until every tracee is gone or sigtrace is asked to stop.  Both
 * return sigtrace's exit status, or -1 when tracing could not start or
 * go on: tracer_error() then says why, in one line for the user.
 */
int tracer_run_spawn(struct tracer *T, char *const argv[], const char *path);
int tracer_run_attach(struct tracer *T, const pid_t *pids, size_t npids);
const char *tracer_error(const struct tracer *T);

/* The last event, trace_end with STATUS (what sigtrace exits with) and
 * the run's counts, into E: the caller hands it to the sinks when each
 * should have it (the report before it is rendered, the logs last). */
void tracer_end_event(struct tracer *T, int status, struct event *e);

#endif
