/* SPDX-License-Identifier: MIT */
/*
 * options.c - strace-compatible flags where the meaning carries over.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "report.h"
#include "xlat.h"

const char options_help[] =
"Usage: sigtrace [OPTIONS] [--] COMMAND [ARGS...]   trace COMMAND and its children\n"
"       sigtrace [OPTIONS] -p PID[,PID...]     attach (also --pidfile, --name...)\n"
"       sigtrace psig PID...         the signal table from /proc, no tracing\n"
"       sigtrace report LOG.jsonl    the report of a --json log (report --help)\n"
"Output:\n"
"  -o, --output FILE     human-readable log to FILE (default: stderr); -ff:\n"
"                        one per process, FILE.PID; -A: append (as strace)\n"
"      --json FILE       JSON Lines log to FILE ('-' for stdout, -p only)\n"
"  -e signal=SET         only these signals: all, none, USR1,HUP,10, RTMIN+3,\n"
"                        !SET to negate (also --signal=SET)\n"
"  -e inject=SIG:when=N  send SIG right after the Nth exec (1: the command's)\n"
"  -t, -tt, -ttt, -r     as strace: time of day in s, in us (the default),\n"
"                        epoch seconds, relative; --timestamps=FMT,PRECISION\n"
"      --time=FMT        iso|clock|unix|rel|none; --time-ns: nanoseconds\n"
"  -s, --string-limit N  show at most N bytes of a command line (0: all)\n"
"  -v, --verbose         nothing abbreviated, and restarts, thread exits\n"
"  -q, --quiet[=WHAT]    no attach/detach chatter; -qq, WHAT=exit: no exits\n"
"  -c, --summary-only    no event log: the summary and a per-signal table;\n"
"  -C, --summary         -C: after the log; -S COLUMN sorts the table\n"
"      --report FILE     the post-mortem report to FILE (html, json, svg,\n"
"      --report-format F chrome... by extension, or text|summary|json|html|\n"
"                        chrome|svg|counts)\n"
"  -k, --stack-trace     backtraces (--stack-depth N, default 32)\n"
"      --ring N          flight recorder: keep the last N events of each\n"
"                        process, write them only when something happens\n"
"      --max-size SIZE   cut log files at SIZE bytes (K, M, G), keeping\n"
"      --max-files N     FILE.1 ... FILE.N (default 4)\n"
"      --color=WHEN      auto|always|never (NO_COLOR, TERM=dumb honoured)\n"
"Tracing:\n"
"  -p, --attach PID[,PID]  attach to running processes (repeatable; commas\n"
"                        or spaces, as pidof prints them); all threads,\n"
"                        no syscall stops; Ctrl-C detaches\n"
"      --pidfile FILE    attach to the pid in FILE, again when it changes\n"
"      --name REGEX      attach to processes whose comm or argv[0] matches,\n"
"                        now and as they start\n"
"      --cgroup DIR      attach to the members of a cgroup, and those that\n"
"                        join it; --unit NAME: a systemd unit's cgroup\n"
"      --watch           keep going when they die: attach to the next one\n"
"                        (a restart), until Ctrl-C or --duration\n"
"      --poll-interval MS  attach: poll /proc for handler changes (100)\n"
"      --syscalls        attach: exact sigaction log; every syscall stops twice\n"
"      --duration SEC    attach: detach after SEC seconds\n"
"      --senders=KIND    who names senders: auto|bpf|tracefs|proc-events|proc\n"
"  -f                    follow forks (the default; accepted for strace)\n"
"      --no-follow       report only the first process\n"
"  -E VAR=VAL, -E VAR    set or remove VAR in the command's environment\n"
"      --dispositions    with -p: print the signal table and exit (psig)\n"
"  -h, --help            this text;  -V, --version: the version\n"
"Other strace options (-y, -T, -u, -D...) are refused in one line that\n"
"names what sigtrace offers instead.\n"
"\n"
"Examples:\n"
"  sigtrace -- tar -xpf a.tar --totals=SIGUSR1\n"
"  sigtrace --json trace.jsonl -e signal='!SIGCHLD' -- ./daemon\n"
"  sigtrace -p \"$(pidof daemon)\" -e signal=HUP\n"
"  sigtrace --pidfile /run/daemon.pid --watch --ring 10000 --report r.html\n"
"  sigtrace report trace.jsonl --format html -o report.html\n"
"\n"
"Exit status: the command's, or 128+N when signal N killed it.\n";

enum {
	OPT_JSON = 256,
	OPT_TIME,
	OPT_TIME_NS,
	OPT_TIMESTAMPS,
	OPT_NO_FOLLOW,
	OPT_COLOR,
	OPT_POLL,
	OPT_SYSCALLS,
	OPT_DURATION,
	OPT_STACK_DEPTH,
	OPT_DISPOSITIONS,
	OPT_REPORT,
	OPT_REPORT_FORMAT,
	OPT_PIDFILE,
	OPT_NAME,
	OPT_CGROUP,
	OPT_UNIT,
	OPT_WATCH,
	OPT_RING,
	OPT_MAX_SIZE,
	OPT_MAX_FILES,

	OPT_SENDERS,
	OPT_SIGNAL,
	OPT_KILL_ON_EXIT,
	OPT_SECCOMP,
	OPT_SEPARATELY,
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "output-separately", no_argument, NULL, OPT_SEPARATELY },
	{ "output-append-mode", no_argument, NULL, 'A' },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "time", required_argument, NULL, OPT_TIME },
	{ "time-ns", no_argument, NULL, OPT_TIME_NS },
	{ "timestamps", optional_argument, NULL, OPT_TIMESTAMPS },
	{ "absolute-timestamps", optional_argument, NULL, OPT_TIMESTAMPS },
	{ "relative-timestamps", no_argument, NULL, 'r' },
	{ "strsize", required_argument, NULL, 's' },
	{ "string-limit", required_argument, NULL, 's' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", optional_argument, NULL, 'q' },
	{ "silent", optional_argument, NULL, 'q' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "no-follow", no_argument, NULL, OPT_NO_FOLLOW },
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "pid", required_argument, NULL, 'p' },
	{ "attach", required_argument, NULL, 'p' },
	{ "poll-interval", required_argument, NULL, OPT_POLL },
	{ "syscalls", no_argument, NULL, OPT_SYSCALLS },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "stack", no_argument, NULL, 'k' },
	{ "stack-trace", no_argument, NULL, 'k' },
	{ "stack-traces", no_argument, NULL, 'k' },
	{ "stack-depth", required_argument, NULL, OPT_STACK_DEPTH },
	{ "summary-only", no_argument, NULL, 'c' },
	{ "summary", no_argument, NULL, 'C' },
	{ "summary-sort-by", required_argument, NULL, 'S' },
	{ "dispositions", no_argument, NULL, OPT_DISPOSITIONS },
	{ "report", required_argument, NULL, OPT_REPORT },
	{ "report-format", required_argument, NULL, OPT_REPORT_FORMAT },
	{ "pidfile", required_argument, NULL, OPT_PIDFILE },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "cgroup", required_argument, NULL, OPT_CGROUP },
	{ "unit", required_argument, NULL, OPT_UNIT },
	{ "watch", no_argument, NULL, OPT_WATCH },
	{ "ring", required_argument, NULL, OPT_RING },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "max-files", required_argument, NULL, OPT_MAX_FILES },

	{ "senders", required_argument, NULL, OPT_SENDERS },
	{ "signal", required_argument, NULL, OPT_SIGNAL },
	{ "env", required_argument, NULL, 'E' },
	{ "kill-on-exit", no_argument, NULL, OPT_KILL_ON_EXIT },
	{ "seccomp-bpf", no_argument, NULL, OPT_SECCOMP },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static const struct xlat time_formats[] = {
	XLAT_PAIR(TIME_ISO, "iso"), XLAT_PAIR(TIME_CLOCK, "clock"),
	XLAT_PAIR(TIME_UNIX, "unix"), XLAT_PAIR(TIME_REL, "rel"),
	XLAT_PAIR(TIME_NONE, "none"), XLAT_END
};

static const struct xlat color_modes[] = {
	XLAT_PAIR(COLOR_AUTO, "auto"), XLAT_PAIR(COLOR_ALWAYS, "always"),
	XLAT_PAIR(COLOR_NEVER, "never"), XLAT_END
};

__attribute__((format(printf, 3, 4)))
static enum options_result usage_error(char *err, size_t errlen,
				       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return OPTIONS_USAGE_ERROR;
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > INT_MAX)
		return -1;
	*out = (size_t)v;
	return 0;
}

/* -p 1234,5678 or -p "1234 5678" (pidof's output): each a positive
 * decimal pid, no duplicates. */
static enum options_result parse_pids(const char *arg, struct options *o,
				      char *err, size_t errlen)
{
	static const char seps[] = ", \t\n";
	const char *p = arg + strspn(arg, " \t\n");
	size_t before = o->npids;

	while (*p) {
		size_t n = strcspn(p, seps);
		char tok[32], *end;
		long long v;

		if (n == 0 || n >= sizeof(tok))
			return usage_error(err, errlen,
				"-p '%s': expected a process id (a positive number)", arg);
		memcpy(tok, p, n);
		tok[n] = '\0';
		errno = 0;
		v = strtoll(tok, &end, 10);
		if (errno || *end || v <= 0 || v > INT_MAX)
			return usage_error(err, errlen,
				"-p '%s': '%s' is not a process id (a positive number)",
				arg, tok);
		for (size_t i = 0; i < o->npids; i++)
			if (o->pids[i] == (pid_t)v)
				return usage_error(err, errlen,
					"-p: pid %lld is given twice", v);
		if (o->npids >= PIDS_MAX)
			return usage_error(err, errlen,
				"-p: at most %d processes", PIDS_MAX);
		o->pids[o->npids++] = (pid_t)v;
		p += n;
		p += strspn(p, " \t\n");
		if (*p == ',' && !*(p + 1 + strspn(p + 1, " \t\n")))
			return usage_error(err, errlen,
				"-p '%s': trailing comma", arg);
		if (*p == ',')
			p += 1 + strspn(p + 1, " \t\n");
	}
	if (o->npids == before)
		return usage_error(err, errlen,
			"-p '%s': expected a process id (pidof found none?)", arg);
	return OPTIONS_OK;
}

static enum options_result parse_target(enum target_kind kind,
					const char *arg, struct options *o,
					char *err, size_t errlen)
{
	if (target_spec_check(kind, arg, err, errlen) < 0)
		return OPTIONS_USAGE_ERROR;
	if (o->ntargets >= TARGETS_MAX)
		return usage_error(err, errlen,
			"at most %d of --pidfile, --name, --cgroup and --unit",
			TARGETS_MAX);
	o->targets[o->ntargets].kind = kind;
	o->targets[o->ntargets++].arg = arg;
	return OPTIONS_OK;
}

/* 100M, 4K, 1G or bytes; at least 1K (a smaller file holds few events). */
static int parse_bytes(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || s[0] == '-')
		return -1;
	if (*end && strchr("kK", *end))
		shift = 10;
	else if (*end && strchr("mM", *end))
		shift = 20;
	else if (*end && strchr("gG", *end))
		shift = 30;
	if (shift)
		end++;
	if (*end || v > (1ULL << 50) >> shift || (v << shift) < 1024)
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

/* --ring, --max-size, --max-files. */
static enum options_result parse_log_limit(int c, struct options *o,
					   char *err, size_t errlen)
{
	size_t sz;

	switch (c) {
	case OPT_RING:
		if (parse_size(optarg, &sz) < 0 || sz < 1 || sz > 10000000)
			return usage_error(err, errlen,
				"--ring %s: expected a number of events from 1 to 10000000",
				optarg);
		o->ring = sz;
		break;
	case OPT_MAX_SIZE:
		if (parse_bytes(optarg, &o->max_size) < 0)
			return usage_error(err, errlen,
				"--max-size %s: expected a size of at least 1K (bytes, or with K, M or G)",
				optarg);
		break;
	default:
		if (parse_size(optarg, &sz) < 0 || sz < 1 || sz > 1000)
			return usage_error(err, errlen,
				"--max-files %s: expected a number of files from 1 to 1000",
				optarg);
		o->max_files = (unsigned)sz;
		break;
	}
	return OPTIONS_OK;
}

static enum options_result parse_signals(const char *set, struct options *o,
					char *err, size_t errlen)
{
	char why[128];

	if (sigset_parse(set, &o->sink.signals, why, sizeof(why)) < 0)
		return usage_error(err, errlen, "-e signal=%s: %s", set, why);
	return OPTIONS_OK;
}

/* -e signal=SET (sigtrace's own), or one of strace's qualifiers. */
static enum options_result parse_expr(const char *expr, struct options *o,
				      char *err, size_t errlen)
{
	static const char *const prefixes[] = { "signal=", "signals=" };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(expr, prefixes[i], strlen(prefixes[i])) == 0)
			return parse_signals(expr + strlen(prefixes[i]), o,
					     err, errlen);
	switch (options_strace_expr(expr, o, err, errlen)) {
	case 1:
		return OPTIONS_OK;
	case 0:
		return OPTIONS_USAGE_ERROR;
	default:
		return usage_error(err, errlen,
			"-e '%s': sigtrace takes -e signal=SET (and strace's quiet= and trace=%%signal)",
			expr);
	}
}

/* --timestamps=[[format:]FORMAT][,[precision:]PRECISION], as strace. */
static enum options_result parse_timestamps(const char *arg,
					    struct options *o,
					    char *err, size_t errlen)
{
	static const struct xlat formats[] = {
		XLAT_PAIR(TIME_NONE, "none"), XLAT_PAIR(TIME_CLOCK, "time"),
		XLAT_PAIR(TIME_UNIX, "unix"), XLAT_END
	};
	static const struct xlat precisions[] = {
		XLAT_PAIR(0, "s"), XLAT_PAIR(3, "ms"), XLAT_PAIR(6, "us"),
		XLAT_PAIR(9, "ns"), XLAT_END
	};
	char buf[64], *tok, *save = NULL;
	uint64_t v;

	o->sink.time_format = TIME_CLOCK;
	o->sink.time_digits = 0;
	if (!arg)
		return OPTIONS_OK;
	snprintf(buf, sizeof(buf), "%s", arg);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (strncmp(tok, "format:", 7) == 0 &&
		    xlat_value(formats, tok + 7, &v) == 0)
			o->sink.time_format = (enum time_format)v;
		else if (strncmp(tok, "precision:", 10) == 0 &&
			 xlat_value(precisions, tok + 10, &v) == 0)
			o->sink.time_digits = (int)v;
		else if (xlat_value(formats, tok, &v) == 0)
			o->sink.time_format = (enum time_format)v;
		else if (xlat_value(precisions, tok, &v) == 0)
			o->sink.time_digits = (int)v;
		else
			return usage_error(err, errlen,
				"--timestamps=%s: expected none, time or unix, and s, ms, us or ns",
				arg);
	}
	return OPTIONS_OK;
}

static enum options_result parse_env(const char *arg, struct options *o,
				     char *err, size_t errlen)
{
	if (!*arg || *arg == '=')
		return usage_error(err, errlen,
			"-E '%s': expected VAR=VALUE (set) or VAR (remove)",
			arg);
	if (o->nenv >= ENV_MAX)
		return usage_error(err, errlen, "-E: at most %d variables",
				   ENV_MAX);
	o->env[o->nenv++] = (char *)arg;
	return OPTIONS_OK;
}

static void set_defaults(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->sink.time_format = TIME_CLOCK;
	o->sink.time_digits = 6;
	o->sink.signals = ~(sigbits_t)0;
	o->sink.strsize = 256;
	o->follow = true;
	o->color = COLOR_AUTO;
	o->poll_ms = 100;
	o->stack_depth = 32;
	o->max_files = 4;
}

/* What the command line says so far, beyond the options themselves. */
struct parse_state {
	int tcount, fcount, qcount;
	bool strsize_given;
	bool max_files_given;
};

static enum options_result parse_output(int c, struct options *o,
					struct parse_state *ps,
					char *err, size_t errlen)
{
	switch (c) {
	case 't':
		/* strace: -t seconds, -tt microseconds, -ttt epoch. */
		++ps->tcount;
		o->sink.time_format = ps->tcount >= 3 ? TIME_UNIX : TIME_CLOCK;
		o->sink.time_digits = ps->tcount == 1 ? 0 : 6;
		return OPTIONS_OK;
	case 'r':
		o->sink.time_format = TIME_REL;
		return OPTIONS_OK;
	case OPT_TIMESTAMPS:
		return parse_timestamps(optarg, o, err, errlen);
	case OPT_TIME: {
		uint64_t v;

		if (xlat_value(time_formats, optarg, &v) < 0)
			return usage_error(err, errlen,
				"--time=%s: expected iso, clock, unix, rel or none",
				optarg);
		o->sink.time_format = (enum time_format)v;
		return OPTIONS_OK;
	}
	case OPT_TIME_NS:
		o->sink.time_digits = 9;
		return OPTIONS_OK;
	case 's':
		if (parse_size(optarg, &o->sink.strsize) < 0)
			return usage_error(err, errlen,
				"-s %s: expected a size in bytes (0 for no limit)",
				optarg);
		ps->strsize_given = true;
		return OPTIONS_OK;
	case 'q':
		++ps->qcount;
		if (!optarg) {
			o->quiet = o->sink.quiet = true;
			o->sink.quiet_exit = ps->qcount >= 2;
		} else if (options_quiet(optarg, o) < 0) {
			return usage_error(err, errlen,
				"--quiet=%s: expected attach, exit, all or none (comma-separated)",
				optarg);
		}
		return OPTIONS_OK;
	}
	return usage_error(err, errlen, "internal error: option %d", c);
}

static enum options_result parse_report(int c, struct options *o,
					char *err, size_t errlen)
{
	char names[128];

	switch (c) {
	case 'c':
		o->summary_only = true;
		o->counts = true;
		return OPTIONS_OK;
	case 'C':
		o->counts = true;
		return OPTIONS_OK;
	case 'S':
		if (report_counts_sort(optarg) < 0)
			return usage_error(err, errlen, "-S %s: %s", optarg,
					   report_counts_sort_help());
		o->count_sort = optarg;
		return OPTIONS_OK;
	case OPT_REPORT:
		o->report_path = optarg;
		return OPTIONS_OK;
	case OPT_REPORT_FORMAT:
		if (!report_by_name(optarg))
			return usage_error(err, errlen,
				"--report-format %s: expected %s", optarg,
				report_format_names(names, sizeof(names)));
		o->report_format = optarg;
		return OPTIONS_OK;
	}
	return usage_error(err, errlen, "internal error: option %d", c);
}

static enum options_result parse_attach(int c, struct options *o,
					char *err, size_t errlen)
{
	size_t sz;

	switch (c) {
	case 'p':
		return parse_pids(optarg, o, err, errlen);
	case OPT_PIDFILE:
		return parse_target(TARGET_PIDFILE, optarg, o, err, errlen);
	case OPT_NAME:
		return parse_target(TARGET_NAME, optarg, o, err, errlen);
	case OPT_CGROUP:
		return parse_target(TARGET_CGROUP, optarg, o, err, errlen);
	case OPT_UNIT:
		return parse_target(TARGET_UNIT, optarg, o, err, errlen);
	case OPT_WATCH:
		o->watch = true;
		return OPTIONS_OK;
	case OPT_POLL:
		if (parse_size(optarg, &sz) < 0 || sz > 3600000)
			return usage_error(err, errlen,
				"--poll-interval %s: expected milliseconds (0 to 3600000)",
				optarg);
		o->poll_ms = (unsigned)sz;
		return OPTIONS_OK;
	case OPT_SYSCALLS:
		o->syscalls = true;
		return OPTIONS_OK;
	case OPT_DURATION: {
		char *end;

		errno = 0;
		o->duration = strtod(optarg, &end);
		if (errno || end == optarg || *end || !(o->duration > 0) ||
		    o->duration > 1e7)
			return usage_error(err, errlen,
				"--duration %s: expected a positive number of seconds",
				optarg);
		/* Below the clock's resolution it would round to 0 ns,
		 * which means "no deadline". */
		if (o->duration < 1e-9)
			return usage_error(err, errlen,
				"--duration %s: shorter than 1e-9 s, the resolution of the clock",
				optarg);
		return OPTIONS_OK;
	}
	case OPT_DISPOSITIONS:
		o->dispositions = true;
		return OPTIONS_OK;
	}
	return usage_error(err, errlen, "internal error: option %d", c);
}

static enum options_result parse_one(int c, struct options *o,
				     struct parse_state *ps,
				     char *err, size_t errlen)
{
	size_t sz;
	uint64_t v;

	switch (c) {
	case 'o':
		o->text_path = optarg;
		break;
	case OPT_SEPARATELY:
		ps->fcount = 2;
		break;
	case 'A':
		o->append = true;
		break;
	case OPT_JSON:
		o->json_path = optarg;
		break;
	case 'e':
		return parse_expr(optarg, o, err, errlen);
	case OPT_SIGNAL:
		return parse_signals(optarg, o, err, errlen);
	case 't': case 'r': case OPT_TIMESTAMPS: case OPT_TIME:
	case OPT_TIME_NS: case 's': case 'q':
		return parse_output(c, o, ps, err, errlen);
	case 'c': case 'C': case 'S': case OPT_REPORT: case OPT_REPORT_FORMAT:
		return parse_report(c, o, err, errlen);
	case 'p': case OPT_POLL: case OPT_SYSCALLS: case OPT_DURATION:
	case OPT_DISPOSITIONS: case OPT_PIDFILE: case OPT_NAME:
	case OPT_CGROUP: case OPT_UNIT: case OPT_WATCH:
		return parse_attach(c, o, err, errlen);
	case OPT_RING:
	case OPT_MAX_SIZE:
	case OPT_MAX_FILES:
		ps->max_files_given |= c == OPT_MAX_FILES;
		return parse_log_limit(c, o, err, errlen);
	case 'v':
		o->sink.verbose = true;
		break;
	case OPT_COLOR:
		if (xlat_value(color_modes, optarg, &v) < 0)
			return usage_error(err, errlen,
				"--color=%s: expected auto, always or never",
				optarg);
		o->color = (enum color_mode)v;
		break;
	case 'f':
	case 'F':	/* strace's old spelling of -f */
		++ps->fcount;
		o->follow = true;
		break;
	case OPT_NO_FOLLOW:
		o->follow = false;
		break;
	case 'E':
		return parse_env(optarg, o, err, errlen);
	case OPT_KILL_ON_EXIT:
		o->kill_on_exit = true;
		break;
	case OPT_SECCOMP:	/* what sigtrace always does */
		break;
	case 'k':
		o->stack = true;
		break;
	case OPT_STACK_DEPTH:
		if (parse_size(optarg, &sz) < 0 || sz < 1 || sz > 256)
			return usage_error(err, errlen,
				"--stack-depth %s: expected a number of frames from 1 to 256",
				optarg);
		o->stack_depth = (unsigned)sz;
		break;
	case OPT_SENDERS:
		if (sender_kind_parse(optarg, &o->senders) < 0)
			return usage_error(err, errlen,
				"--senders=%s: expected auto, bpf, tracefs, proc-events or proc",
				optarg);
		break;
	case 'h':
		o->show_help = true;
		break;
	case 'V':
		o->show_version = true;
		break;
	default:
		return usage_error(err, errlen,
			"unknown option; try 'sigtrace --help'");
	}
	return OPTIONS_OK;
}

/* --max-size needs a log file; --max-files needs --max-size. */
static enum options_result check_logs(const struct options *o,
				      bool max_files_given, char *err,
				      size_t errlen)
{
	bool file = (o->text_path && strcmp(o->text_path, "-") != 0) ||
		(o->json_path && strcmp(o->json_path, "-") != 0);

	if (o->max_size && !file)
		return usage_error(err, errlen,
			"--max-size needs a log file to cut: -o FILE or --json FILE");
	if (max_files_given && !o->max_size)
		return usage_error(err, errlen,
			"--max-files needs --max-size SIZE");
	return OPTIONS_OK;
}

/* An option getopt does not know: strace's answer, or "unknown". */
static enum options_result unknown_option(char *arg, char *err,
					  size_t errlen)
{
	char name[64];
	const char *answer;

	if (strncmp(arg, "--", 2) == 0)
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(arg + 2, "="),
			 arg + 2);
	else
		snprintf(name, sizeof(name), "%c", optopt);
	answer = options_strace_answer(name);
	if (answer)
		return usage_error(err, errlen, "%s%s: %s",
				   strlen(name) > 1 ? "--" : "-", name, answer);
	if (strncmp(arg, "--", 2) != 0 && optopt && optopt < 256)
		return usage_error(err, errlen,
			"unknown option '-%c'; try 'sigtrace --help'", optopt);
	return usage_error(err, errlen,
		"unknown or incomplete option '%s'; try 'sigtrace --help'",
		arg);
}

/* What the options mean together, once all are read. */
static enum options_result check_all(int argc, char **argv,
				     struct options *o,
				     const struct parse_state *ps,
				     char *err, size_t errlen)
{
	enum options_result r;
	char names[128];

	/* strace -ff without -o writes one stream, as -f does. */
	o->per_process = ps->fcount >= 2 && o->text_path;
	if (o->per_process && (o->ring || o->max_size))
		return usage_error(err, errlen,
			"-ff: the files of each process are neither held back (--ring) nor cut (--max-size); use one -o FILE with those");
	if (o->sink.verbose && !ps->strsize_given)
		o->sink.strsize = 0;	/* -v: nothing abbreviated */
	if (o->append && !o->text_path)
		return usage_error(err, errlen,
			"-A appends to the -o FILE: give -o FILE too");
	if (o->report_path && !o->report_format &&
	    !report_by_path(o->report_path))
		return usage_error(err, errlen,
			"--report %s: sigtrace writes no such format; add --report-format %s",
			o->report_path, report_format_names(names, sizeof(names)));
	if (o->dispositions && o->npids == 0)
		return usage_error(err, errlen,
			"--dispositions needs -p PID: the process to look at");
	r = check_logs(o, ps->max_files_given, err, errlen);
	if (r != OPTIONS_OK)
		return r;
	if (o->npids > 0 || o->ntargets > 0) {
		if (optind < argc)
			return usage_error(err, errlen,
				"give either -p PID or a command, not both (nor --pidfile, --name, --cgroup, --unit and a command)");
		if (o->watch && o->ntargets == 0)
			return usage_error(err, errlen,
				"--watch needs a target that can come back (--pidfile, --name, --cgroup or --unit): a pid never does");
		if (o->kill_on_exit || o->nenv || o->inject_signo)
			return usage_error(err, errlen,
				"%s: sigtrace never kills nor changes a process it attached to (-p)",
				o->nenv ? "-E" : o->inject_signo ?
				"-e inject" : "--kill-on-exit");
		return OPTIONS_OK;
	}
	if (o->syscalls || o->duration > 0)
		return usage_error(err, errlen,
			"--syscalls and --duration are for attach mode (-p PID)");
	if (o->watch)
		return usage_error(err, errlen,
			"--watch is for attach mode: it follows --pidfile, --name, --cgroup or --unit");
	if (optind >= argc)
		return usage_error(err, errlen,
			"no command to trace; usage: sigtrace [OPTIONS] -- COMMAND [ARGS...]");
	if (argv[optind][0] == '\0')
		return usage_error(err, errlen, "the command is an empty string");
	o->command = argv + optind;
	return OPTIONS_OK;
}

enum options_result options_parse(int argc, char **argv, struct options *o,
				  char *err, size_t errlen)
{
	struct parse_state ps = { 0 };
	int c;

	set_defaults(o);
	err[0] = '\0';
	optind = 0;		/* full reset, so tests can parse repeatedly */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:e:trs:vqfFhVp:kcCS:AE:",
				long_options, NULL)) != -1) {
		enum options_result r;

		if (c == ':')
			return usage_error(err, errlen,
				"option '%s' needs an argument; try 'sigtrace --help'",
				argv[optind - 1]);
		if (c == '?')
			return unknown_option(argv[optind - 1], err, errlen);
		r = parse_one(c, o, &ps, err, errlen);
		if (r != OPTIONS_OK)
			return r;
	}
	if (o->show_help || o->show_version)
		return OPTIONS_EXIT;
	return check_all(argc, argv, o, &ps, err, errlen);
}
