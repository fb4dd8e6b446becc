/* SPDX-License-Identifier: MIT */
/*
 * options.h - the command line, parsed into one struct without side
 * effects so that it can be unit-tested.
 */
#ifndef SIGTRACE_OPTIONS_H
#define SIGTRACE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sender.h"
#include "sink.h"
#include "targets.h"

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

#define ENV_MAX 64		/* -E VAR=VAL / -E VAR settings */


struct options {
	char **command;		/* spawn: argv of the command, NULL-terminated */
	pid_t pids[PIDS_MAX];	/* attach: -p PID[,PID...] (repeatable) */
	size_t npids;
	unsigned poll_ms;	/* attach: /proc poll period (0: never) */
	bool syscalls;		/* attach: exact sigaction through syscall stops */
	double duration;	/* attach: detach after this many seconds */
	struct target_spec targets[TARGETS_MAX];	/* --pidfile --name
							 * --cgroup --unit */
	size_t ntargets;
	bool watch;		/* attach: wait for the targets to come back */
	size_t ring;		/* --ring N: events kept per process, 0 off */
	uint64_t max_size;	/* --max-size: bytes per log file, 0 no cap */
	unsigned max_files;	/* --max-files: old log files kept */

	enum sender_kind senders;	/* --senders: who names senders */
	const char *text_path;	/* -o: NULL means stderr */
	bool per_process;	/* -ff with -o: the text log of each process
				 * to FILE.PID, as strace writes them */
	bool append;		/* -A: append to the -o file(s) */
	const char *json_path;	/* --json: NULL none, "-" stdout */
	struct sink_config sink;
	bool follow;		/* follow forks (default) */
	bool quiet;		/* -q: no trace_start/detach chatter */
	enum color_mode color;
	bool stack;		/* -k: backtraces at deliveries and sigactions */
	unsigned stack_depth;	/* --stack-depth */
	bool summary_only;	/* -c: no per-event log, only the summary */
	bool counts;		/* -c or -C: the per-signal table at the end */
	const char *count_sort;	/* -S: the table's sort column (checked) */
	char *env[ENV_MAX];	/* -E: VAR=VAL to set, VAR to remove */
	size_t nenv;
	bool kill_on_exit;	/* --kill-on-exit (spawn mode always is) */
	int inject_signo;	/* -e inject=SIG:when=N: send SIG ... */
	unsigned inject_exec;	/* ... right after the Nth exec (from 1) */
	bool dispositions;	/* --dispositions -p PID: snapshot and exit */
	const char *report_path;	/* --report FILE */
	const char *report_format;	/* --report-format text|json|html|chrome */
	bool show_help;
	bool show_version;
};

enum options_result {
	OPTIONS_OK,
	OPTIONS_EXIT,		/* --help or --version: print and exit 0 */
	OPTIONS_USAGE_ERROR,	/* message in err */
};

/* Parse ARGV into O.  ERR receives a one-line message on error. */
enum options_result options_parse(int argc, char **argv, struct options *o,
				  char *err, size_t errlen);

/* The --help text. */
extern const char options_help[];

/* options_strace.c: strace's options that sigtrace does not take, each
 * with its one-line answer naming what sigtrace offers instead.  NAME
 * is a short option ("y") or a long one without dashes ("decode-fds");
 * NULL when strace has no such option either. */
const char *options_strace_answer(const char *name);
/* -e EXPR other than signal= (trace=, quiet=, inject=...): 1 when it
 * was taken into O, 0 when refused (ERR says why, naming what sigtrace
 * offers), -1 when no strace qualifier has that name. */
int options_strace_expr(const char *expr, struct options *o, char *err,
			size_t errlen);
/* --quiet=WHAT / -e quiet=WHAT (strace's names): 0, or -1 when WHAT
 * names none. */
int options_quiet(const char *what, struct options *o);

#endif
