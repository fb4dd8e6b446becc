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
"Usage: sigtrace [OPTIONS] [--] COMMAND [ARGS...]\n"
"Trace signal deliveries, handler installations, EINTRs and deaths by\n"
"signal of COMMAND and everything it forks.\n"
"\n"
"Output:\n"
"  -o, --output FILE     human-readable log to FILE (default: stderr)\n"
"      --json FILE       JSON Lines log to FILE ('-' for stdout, -p only)\n"
"  -e signal=SET         show only these signals: all, none, USR1,HUP,10,\n"
"                        RTMIN+3, !SET to negate\n"
"  -t, -tt               time of day with microseconds (default)\n"
"  -ttt                  seconds since the epoch with microseconds\n"
"  -r                    time relative to the previous event\n"
"      --time=FMT        iso|clock|unix|rel|none\n"
"      --time-ns         nanosecond timestamps\n"
"  -s, --strsize N       show at most N bytes of a command line (0: all)\n"
"  -v, --verbose         also restarted syscalls, thread exits, counts\n"
"  -c, --summary-only    no event log, only the summary at the end\n"
"      --report FILE     write the full post-mortem report to FILE\n"
"      --report-format F text|summary|json|html|chrome|svg (default:\n"
"                        from FILE's extension, else text)\n"
"  -k, --stack           backtrace at each delivery and sigaction\n"
"      --stack-depth N   at most N frames (default 32)\n"
"  -q, --quiet           no start/detach chatter\n"
"      --ring N          flight recorder: keep the last N events of each\n"
"                        process, write them only when something happens\n"
"                        (a finding, a death by signal, SIGUSR1)\n"
"      --max-size SIZE   cut log files at SIZE bytes (K, M, G), keeping\n"
"      --max-files N     FILE.1 ... FILE.N (default 4)\n"
"      --color=WHEN      auto|always|never (NO_COLOR is honoured)\n"
"Tracing:\n"
"  -p, --pid PID[,PID]   attach to running processes (repeatable; commas\n"
"                        or spaces, as pidof prints them); all threads,\n"
"                        no syscall stops; Ctrl-C detaches\n"
"      --pidfile FILE    attach to the pid in FILE, again when it changes\n"
"      --name REGEX      attach to processes whose comm or argv[0] matches,\n"
"                        now and as they start\n"
"      --cgroup DIR      attach to the members of a cgroup, and those that\n"
"                        join it\n"
"      --unit NAME       the same for a systemd unit's cgroup\n"
"      --watch           keep going when they die: attach to the next one\n"
"                        (a restart), until Ctrl-C or --duration\n"
"      --poll-interval MS  attach: poll /proc for handler changes (100)\n"
"      --syscalls        attach: exact sigaction log; every syscall stops twice\n"
"      --duration SEC    attach: detach after SEC seconds\n"
"      --senders=KIND    who names senders: auto|bpf|tracefs|proc-events|proc\n"
"  -f                    follow forks (the default; accepted for strace)\n"
"      --no-follow       report only the first process\n"
"      --dispositions    with -p: print the signal table and exit\n"
"  -h, --help            this text\n"
"  -V, --version         the version\n"
"\n"
"Examples:\n"
"  sigtrace -- tar -xpf a.tar --totals=SIGUSR1\n"
"  sigtrace --json trace.jsonl -e signal='!SIGCHLD' -- ./daemon\n"
"  sigtrace -p \"$(pidof daemon)\" -e signal=HUP\n"
"  sigtrace --pidfile /run/daemon.pid --watch --ring 10000 --report r.html\n"
"  sigtrace psig 1234           (the same as --dispositions -p 1234)\n"
"  sigtrace report trace.jsonl --format html -o report.html\n"
"\n"
"Exit status: the command's, or 128+N when signal N killed it.\n";

enum {
	OPT_JSON = 256,
	OPT_TIME,
	OPT_TIME_NS,
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
};

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "time", required_argument, NULL, OPT_TIME },
	{ "time-ns", no_argument, NULL, OPT_TIME_NS },
	{ "strsize", required_argument, NULL, 's' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "no-follow", no_argument, NULL, OPT_NO_FOLLOW },
	{ "follow-forks", no_argument, NULL, 'f' },
	{ "pid", required_argument, NULL, 'p' },
	{ "poll-interval", required_argument, NULL, OPT_POLL },
	{ "syscalls", no_argument, NULL, OPT_SYSCALLS },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "stack", no_argument, NULL, 'k' },
	{ "stack-depth", required_argument, NULL, OPT_STACK_DEPTH },
	{ "summary-only", no_argument, NULL, 'c' },
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

static enum options_result parse_expr(const char *expr, struct options *o,
				      char *err, size_t errlen)
{
	static const char prefix[] = "signal=";
	static const char prefix2[] = "signals=";
	const char *set;
	char why[128];

	if (strncmp(expr, prefix, sizeof(prefix) - 1) == 0)
		set = expr + sizeof(prefix) - 1;
	else if (strncmp(expr, prefix2, sizeof(prefix2) - 1) == 0)
		set = expr + sizeof(prefix2) - 1;
	else
		return usage_error(err, errlen,
			"-e '%s': only -e signal=SET is supported", expr);
	if (sigset_parse(set, &o->sink.signals, why, sizeof(why)) < 0)
		return usage_error(err, errlen, "-e signal=%s: %s", set, why);
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

static enum options_result parse_one(int c, struct options *o, int *tcount,
				     char *err, size_t errlen)
{
	char names[80];
	size_t sz;
	uint64_t v;

	switch (c) {
	case 'o':
		o->text_path = optarg;
		break;
	case OPT_JSON:
		o->json_path = optarg;
		break;
	case 'e':
		return parse_expr(optarg, o, err, errlen);
	case 't':
		++*tcount;
		o->sink.time_format = *tcount >= 3 ? TIME_UNIX : TIME_CLOCK;
		break;
	case 'r':
		o->sink.time_format = TIME_REL;
		break;
	case OPT_TIME:
		if (xlat_value(time_formats, optarg, &v) < 0)
			return usage_error(err, errlen,
				"--time=%s: expected iso, clock, unix, rel or none",
				optarg);
		o->sink.time_format = (enum time_format)v;
		break;
	case OPT_TIME_NS:
		o->sink.time_digits = 9;
		break;
	case 's':
		if (parse_size(optarg, &o->sink.strsize) < 0)
			return usage_error(err, errlen,
				"-s %s: expected a size in bytes (0 for no limit)",
				optarg);
		break;
	case 'v':
		o->sink.verbose = true;
		break;
	case 'q':
		o->quiet = true;
		o->sink.quiet = true;
		break;
	case OPT_COLOR:
		if (xlat_value(color_modes, optarg, &v) < 0)
			return usage_error(err, errlen,
				"--color=%s: expected auto, always or never",
				optarg);
		o->color = (enum color_mode)v;
		break;
	case 'f':
		o->follow = true;
		break;
	case OPT_NO_FOLLOW:
		o->follow = false;
		break;
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
		break;
	case OPT_RING:
	case OPT_MAX_SIZE:
	case OPT_MAX_FILES:
		return parse_log_limit(c, o, err, errlen);
	case OPT_POLL:
		if (parse_size(optarg, &sz) < 0 || sz > 3600000)
			return usage_error(err, errlen,
				"--poll-interval %s: expected milliseconds (0 to 3600000)",
				optarg);
		o->poll_ms = (unsigned)sz;
		break;
	case OPT_SYSCALLS:
		o->syscalls = true;
		break;
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
		break;
	}
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
	case 'c':
		o->summary_only = true;
		break;
	case OPT_DISPOSITIONS:
		o->dispositions = true;
		break;
	case OPT_REPORT:
		o->report_path = optarg;
		break;
	case OPT_REPORT_FORMAT:
		if (!report_by_name(optarg))
			return usage_error(err, errlen,
				"--report-format %s: expected %s", optarg,
				report_format_names(names, sizeof(names)));
		o->report_format = optarg;
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

enum options_result options_parse(int argc, char **argv, struct options *o,
				  char *err, size_t errlen)
{
	bool max_files_given = false;
	enum options_result r;
	int tcount = 0;
	int c;

	set_defaults(o);
	err[0] = '\0';
	optind = 0;		/* full reset, so tests can parse repeatedly */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:o:e:trs:vqfhVp:kc", long_options,
				NULL)) != -1) {
		if (c == ':')
			return usage_error(err, errlen,
				"option '%s' needs an argument; try 'sigtrace --help'",
				argv[optind - 1]);
		if (c == '?') {
			if (optopt && optopt < 256)
				return usage_error(err, errlen,
					"unknown option '-%c'; try 'sigtrace --help'",
					optopt);
			return usage_error(err, errlen,
				"unknown or incomplete option '%s'; try 'sigtrace --help'",
				argv[optind - 1]);
		}
		max_files_given |= c == OPT_MAX_FILES;
		r = parse_one(c, o, &tcount, err, errlen);
		if (r != OPTIONS_OK)
			return r;
	}
	if (o->show_help || o->show_version)
		return OPTIONS_EXIT;
	if (o->dispositions && o->npids == 0)
		return usage_error(err, errlen,
			"--dispositions needs -p PID: the process to look at");
	r = check_logs(o, max_files_given, err, errlen);
	if (r != OPTIONS_OK)
		return r;
	if (o->npids > 0 || o->ntargets > 0) {
		if (optind < argc)
			return usage_error(err, errlen,
				"give either -p PID or a command, not both (nor --pidfile, --name, --cgroup, --unit and a command)");
		if (o->watch && o->ntargets == 0)
			return usage_error(err, errlen,
				"--watch needs a target that can come back (--pidfile, --name, --cgroup or --unit): a pid never does");
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
