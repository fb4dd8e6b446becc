/* SPDX-License-Identifier: MIT */
/*
 * report_cli.c - `sigtrace report LOG.jsonl [-o FILE] [--format F]`:
 * the post-mortem report of a recorded JSON Lines log, read as a
 * stream (a log of any size in bounded memory) and fed to the same
 * analyzer and renderers as the live report.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "outfile.h"
#include "reader.h"
#include "report.h"
#include "xmalloc.h"

static const char report_help[] =
"Usage: sigtrace report LOG.jsonl [-o FILE] [--format FORMAT]\n"
"\n"
"Build the post-mortem report of a trace recorded with `sigtrace --json\n"
"LOG.jsonl`: a verdict per process, findings ranked by severity, the\n"
"disposition tables, per-signal and EINTR tables and a timeline.  The\n"
"log is read as a stream; '-' reads standard input.\n"
"\n"
"  -o, --output FILE   write the report to FILE (default: standard output)\n"
"  -f, --format F      text (default), summary, json, html, chrome, svg,\n"
"                      counts (the per-signal table of sigtrace -c);\n"
"                      without it, FILE's extension decides: .json, .html,\n"
"                      .svg, .trace.json or .chrome.json (Chrome/Perfetto\n"
"                      trace), anything else text\n"
"  -S, --sort COLUMN   --format counts: the column to sort by (delivered,\n"
"                      handled, ignored, default, eintr, senders, findings,\n"
"                      signal, nothing)\n"
"  -h, --help          this help\n"
"\n"
"A last line cut short (a trace killed mid-write) is skipped with a\n"
"warning; any other malformed line is an error naming the line.\n"
"Exit status: 0 report written, 1 unusable log or output, 2 usage.\n";

static const struct option long_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "sort", required_argument, NULL, 'S' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct report_args {
	const char *log;
	const char *out;
	const struct report_ops *ops;
	struct report_opts opts;
};

static void parse(int argc, char **argv, struct report_args *ra)
{
	const char *format = NULL;
	int c;

	memset(ra, 0, sizeof(*ra));
	optind = 0;	/* glibc: start afresh */
	opterr = 0;	/* one line per error: ours */
	while ((c = getopt_long(argc, argv, ":o:f:S:h", long_opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			ra->out = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'S':
			ra->opts.count_sort = report_counts_sort(optarg);
			if (ra->opts.count_sort < 0)
				die_status(EXIT_USAGE, "report: -S %s: %s",
					   optarg, report_counts_sort_help());
			break;
		case 'h':
			fputs(report_help, stdout);
			exit(0);
		case ':':
			die_status(EXIT_USAGE, "report: option '%s' needs a value; see 'sigtrace report --help'",
				   argv[optind - 1]);
		default:
			if (optopt)
				die_status(EXIT_USAGE, "report: unknown option '-%c'; see 'sigtrace report --help'",
					   optopt);
			die_status(EXIT_USAGE, "report: unknown option '%s'; see 'sigtrace report --help'",
				   argv[optind - 1]);
		}
	}
	if (optind >= argc)
		die_status(EXIT_USAGE, "report: which log? usage: sigtrace report LOG.jsonl [-o FILE] [--format text|summary|json|html|chrome|svg|counts]");
	if (optind + 1 < argc)
		die_status(EXIT_USAGE, "report: one log at a time ('%s' is extra)",
			   argv[optind + 1]);
	ra->log = argv[optind];
	if (format) {
		char names[128];

		ra->ops = report_by_name(format);
		if (!ra->ops)
			die_status(EXIT_USAGE, "report: --format %s: expected %s",
				   format, report_format_names(names,
							       sizeof(names)));
	} else {
		ra->ops = ra->out ? report_by_path(ra->out) : &report_text_ops;
		if (!ra->ops) {
			char names[128];

			die_status(EXIT_USAGE, "report: -o %s: sigtrace writes no such format; add --format %s",
				   ra->out, report_format_names(names,
								sizeof(names)));
		}
	}
}

/* Read the whole log into A; 0, or -1 after printing why not. */
static int read_log(const char *path, struct analyzer *a)
{
	char err[512];
	struct reader *r = reader_open(path, err, sizeof(err));
	struct event *e;
	int rc;

	if (!r) {
		error_msg("%s", err);
		return -1;
	}
	e = xmalloc(sizeof(*e));
	while ((rc = reader_next(r, e)) > 0)
		analyzer_feed(a, e);
	if (rc < 0)
		fprintf(stderr, "sigtrace: %s\n", reader_error(r));
	else if (reader_warning(r))
		warnx_msg("%s", reader_warning(r));
	free(e);
	reader_close(r);
	return rc < 0 ? -1 : 0;
}

/* The report's output: checked against the log it is made from (one
 * file: opening the report would empty the log), then opened as every
 * output is (outfile.c). */
static int open_report(const char *log, const char *path)
{
	struct outfile_id in, out;
	char err[PATH_MAX + 512];
	int fd;

	if (!path || strcmp(path, "-") == 0)
		return STDOUT_FILENO;
	if (strcmp(log, "-") != 0 && outfile_identify(log, &in) == 0 &&
	    outfile_identify(path, &out) == 0 && outfile_same_file(&in, &out))
		die_status(EXIT_USAGE, "report: the log %s and -o %s are the same file: writing the report would destroy the log",
			   log, path);
	fd = outfile_open(path, err, sizeof(err));
	if (fd < 0)
		die("cannot write the report to '%s': %s", path, err);
	return fd;
}

int report_main(int argc, char **argv)
{
	struct report_args ra;
	struct analyzer *a;
	int fd, rc;

	parse(argc, argv, &ra);
	/* Fail fast on a bad -o, before reading a log that may be 1 GB. */
	fd = open_report(ra.log, ra.out);
	a = analyzer_new();
	analyzer_keep(a, ra.ops->needs);
	if (read_log(ra.log, a) < 0) {
		analyzer_free(a);
		if (fd != STDOUT_FILENO)
			close(fd);
		return EXIT_FAILURE_RUNTIME;
	}
	rc = report_write(ra.ops, a, fd, &ra.opts);
	if (rc < 0)
		warnx_msg("writing the report to %s: %s",
			  ra.out ? ra.out : "standard output", strerror(-rc));
	if (fd != STDOUT_FILENO && close(fd) < 0 && rc == 0) {
		rc = -errno;
		warnx_msg("writing the report to %s: %s", ra.out,
			  strerror(errno));
	}
	analyzer_free(a);
	return rc < 0 ? EXIT_FAILURE_RUNTIME : 0;
}
