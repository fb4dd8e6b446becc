/* SPDX-License-Identifier: MIT */
/*
 * options_strace.c - strace's options, for the people whose fingers
 * type them.  Those whose meaning carries over are parsed in options.c
 * (-o -ff -A -e signal= -t -tt -ttt -r -s -v -q -c -C -S -k -p -f -E
 * and their long names).  Every other one that strace has gets a
 * one-line answer here, naming what sigtrace offers instead, rather
 * than "unknown option" or, worse, a different meaning.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "sigtab.h"

static const struct {
	const char *names[3];	/* short, long, another long */
	const char *answer;
} answers[] = {
	{ { "a", "columns" },
	  "sigtrace logs signals, not system call results: there is no return value column to align" },
	{ { "b", "detach-on" },
	  "sigtrace follows every execve (the disposition reset is part of the story); use -p PID to attach later instead" },
	{ { "d", "debug" },
	  "no debug output; --json FILE logs every event with all its fields" },
	{ { "D", "daemonize" },
	  "sigtrace stays the command's parent; to trace a command that must not be its child, start the command and attach with -p PID" },
	{ { "i", "instruction-pointer" },
	  "-k (backtraces) gives the instruction pointer of every frame at each delivery" },
	{ { "I", "interruptible" },
	  "not needed: SIGINT, SIGTERM and SIGHUP reach the command as without a tracer, and the same signal again within a second stops sigtrace (sigtrace(1), NOTES)" },
	{ { "n", "syscall-number" },
	  "--json gives every signal's number (\"signo\") and the interrupted call's number (\"syscall_nr\")" },
	{ { "O", "summary-syscall-overhead" },
	  "sigtrace does not time system calls: no overhead to subtract" },
	{ { "P", "trace-path" },
	  "sigtrace follows signals, not paths: -e signal=SET chooses the signals" },
	{ { "T", "syscall-times" },
	  "sigtrace does not time system calls; -r shows the time between events, --json has each event's time" },
	{ { "u", "user" },
	  "run the command as 'sigtrace -- runuser -u USER -- COMMAND' (dropping privileges works under ptrace, gaining them does not)" },
	{ { "U", "summary-columns" },
	  "the -c table's columns are fixed; -S chooses the one it is sorted by" },
	{ { "w", "summary-wall-clock" },
	  "sigtrace does not time system calls; the -c table counts signals" },
	{ { "x", "strings-in-hex" },
	  "sigtrace already shows every non-printable byte as \\xNN" },
	{ { "X", "const-print-style" },
	  "signals, si_codes and SA_* flags are always named; --json also gives the numbers" },
	{ { "y", "decode-fds" },
	  "descriptors are not decoded: each delivery names the system call it interrupted (\"in read()\"); strace -y -e trace=read shows the descriptor" },
	{ { "Y", "decode-pids" },
	  "every line already names its process (comm), and senders with their command line and parents" },
	{ { "z", "successful-only" },
	  "sigtrace logs signals, not system call results; -e signal=SET selects what is shown" },
	{ { "Z", "failed-only" },
	  "sigtrace logs signals, not system call results; the EINTR lines are the failures signals cause" },
	{ { "secontext" },
	  "SELinux contexts are not shown; --json gives each sender's uid and command line" },
	{ { "tips" }, "see sigtrace(1), EXAMPLES" },
	{ { "trace", "trace-fds" },
	  "sigtrace traces signals and the handlers' system calls only; -e signal=SET chooses the signals" },
	{ { "status" },
	  "every delivery is shown; -e signal=SET chooses the signals" },
	{ { "fault" },
	  "sigtrace never fails a system call; -e inject=SIG:when=N sends a signal right after the Nth exec" },
	{ { "inject" },
	  "sigtrace injects a signal right after an exec only: -e inject=SIG:when=N (the Nth exec of the trace, 1 the command's own; strace's execve:signal=SIG:when=N also works)" },
	{ { "read", "write", "raw" },
	  "sigtrace does not decode system call data; the JSON log (--json) has every field it reads" },
	{ { "abbrev", "verbose" },
	  "-v shows everything unabbreviated; there is no per-call choice" },
	{ { "namespace", "pidns-translation" },
	  "pids are shown as sigtrace's pid namespace sees them" },
};

const char *options_strace_answer(const char *name)
{
	for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
		for (size_t j = 0; j < 3 && answers[i].names[j]; j++)
			if (strcmp(answers[i].names[j], name) == 0)
				return answers[i].answer;
	return NULL;
}

int options_quiet(const char *what, struct options *o)
{
	char buf[128], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", what);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		bool attach = false, exit_ = false, none = false;

		if (strcmp(tok, "attach") == 0)
			attach = true;
		else if (strcmp(tok, "exit") == 0 || strcmp(tok, "exits") == 0)
			exit_ = true;
		else if (strcmp(tok, "all") == 0)
			attach = exit_ = true;
		else if (strcmp(tok, "none") == 0)
			none = true;
		/* Messages sigtrace never prints: nothing to silence. */
		else if (strcmp(tok, "personality") != 0 &&
			 strcmp(tok, "thread-execve") != 0 &&
			 strcmp(tok, "superseded") != 0 &&
			 strcmp(tok, "path-resolution") != 0)
			return -1;
		if (none)
			o->quiet = o->sink.quiet = o->sink.quiet_exit = false;
		if (attach)
			o->quiet = o->sink.quiet = true;
		if (exit_)
			o->sink.quiet_exit = true;
	}
	return 0;
}

/* -e inject=SIG[:when=N], or strace's inject=execve:signal=SIG[:when=N]:
 * SIG right after the Nth exec of the trace.  0, or -1 when it asks for
 * anything else. */
static int parse_inject(const char *spec, struct options *o)
{
	char buf[128], *tok, *save = NULL;
	bool execve = false;
	int first = 1;

	snprintf(buf, sizeof(buf), "%s", spec);
	o->inject_signo = 0;
	o->inject_exec = 1;
	for (tok = strtok_r(buf, ":", &save); tok;
	     tok = strtok_r(NULL, ":", &save), first = 0) {
		char *end;
		long n;

		if (first && strcmp(tok, "execve") == 0) {
			execve = true;
		} else if (first && sig_from_name(tok) > 0) {
			o->inject_signo = sig_from_name(tok);
		} else if (execve && strncmp(tok, "signal=", 7) == 0) {
			o->inject_signo = sig_from_name(tok + 7);
		} else if (strcmp(tok, "when=exec") == 0) {
			o->inject_exec = 1;
		} else if (strncmp(tok, "when=", 5) == 0) {
			n = strtol(tok + 5, &end, 10);
			if (*end || n < 1 || n > 1000000)
				return -1;
			o->inject_exec = (unsigned)n;
		} else {
			return -1;
		}
	}
	return o->inject_signo > 0 ? 0 : -1;
}

/* trace=%signal and its spellings: what sigtrace traces anyway. */
static bool trace_is_signal(const char *set)
{
	static const char *const same[] = { "%signal", "signal", "%signals",
					    "all" };

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		if (strcmp(set, same[i]) == 0)
			return true;
	return false;
}

int options_strace_expr(const char *expr, struct options *o, char *err,
			size_t errlen)
{
	size_t n = strcspn(expr, "=");
	char name[32];
	const char *answer;

	if (!expr[n] || n >= sizeof(name))
		return -1;
	snprintf(name, sizeof(name), "%.*s", (int)n, expr);
	if (strcmp(name, "quiet") == 0 || strcmp(name, "silent") == 0 ||
	    strcmp(name, "silence") == 0) {
		if (options_quiet(expr + n + 1, o) == 0)
			return 1;
		snprintf(err, errlen, "-e %s: expected attach, exit, all or none",
			 expr);
		return 0;
	}
	if (strcmp(name, "trace") == 0 && trace_is_signal(expr + n + 1))
		return 1;
	if (strcmp(name, "inject") == 0 && parse_inject(expr + n + 1, o) == 0)
		return 1;
	answer = options_strace_answer(name);
	if (!answer)
		return -1;
	snprintf(err, errlen, "-e %s: %s", expr, answer);
	return 0;
}
