/* SPDX-License-Identifier: MIT */
/*
 * main.c - sigtrace: parse the command line, open the logs, trace.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "options.h"
#include "outfile.h"
#include "psig.h"
#include "report.h"
#include "spawn.h"
#include "stack.h"
#include "tracer.h"

#define SINKS_MAX 8	/* two logs, each wrapped twice, and the report */

static int open_output(const char *path, const char *what, bool append)
{
	char err[PATH_MAX + 512];
	int fd = outfile_open_mode(path, append, err, sizeof(err));

	if (fd < 0)
		die("cannot write the %s to '%s': %s", what, path, err);
	return fd;
}

/* The outputs, before anything is opened or traced (docs/safety.md,
 * "Output files"): two that name one file would overwrite each other;
 * a JSON log that shares its stream with another output, or in spawn
 * mode with the command's own output, would not stay JSON Lines. */
struct output {
	const char *opt;
	const char *path;	/* NULL: standard error */
	struct outfile_id id;
	bool known;
};

static void check_clash(const struct output *a, const struct output *b,
			bool json)
{
	if (!a->known || !b->known)
		return;
	if (outfile_same_file(&a->id, &b->id))
		die_status(EXIT_USAGE, "%s %s and %s %s name the same file: two outputs in one file would overwrite each other",
			   a->opt, a->path ? a->path : "(standard error)",
			   b->opt, b->path);
	if (json && outfile_same_stream(&a->id, &b->id))
		die_status(EXIT_USAGE, "%s %s and %s %s are one stream: its lines would break the JSON lines; give --json a file of its own",
			   a->opt, a->path ? a->path : "(standard error)",
			   b->opt, b->path);
}

static void check_outputs(const struct options *o)
{
	struct output out[3] = {
		{ "-o", o->text_path, { 0 }, false },
		{ "--json", o->json_path, { 0 }, false },
		{ "--report", o->report_path, { 0 }, false },
	};
	struct output cmd[2] = {
		{ "(the command's)", "-", { 0 }, false },
		{ "(the command's)", NULL, { 0 }, false },
	};

	for (size_t i = 0; i < 3; i++)
		out[i].known = (i == 0 || out[i].path) &&
			outfile_identify(out[i].path, &out[i].id) == 0;
	for (size_t i = 0; i < 3; i++)
		for (size_t j = i + 1; j < 3; j++)
			check_clash(&out[i], &out[j], i == 1 || j == 1);
	if (!o->json_path || !o->command || !out[1].known)
		return;
	for (size_t i = 0; i < 2; i++) {
		cmd[i].known = outfile_identify(cmd[i].path, &cmd[i].id) == 0;
		if (cmd[i].known && outfile_same_stream(&out[1].id, &cmd[i].id))
			die_status(EXIT_USAGE, "--json %s: the traced command writes to this standard %s too, and its output would break the JSON lines; give --json a file, or a pipe of its own (--json >(CONSUMER), or --json /dev/fd/3 3>&1 1>&2)",
				   o->json_path, i == 0 ? "output" : "error");
	}
}

static bool want_color(enum color_mode mode, int fd)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (mode == COLOR_ALWAYS)
		return true;
	if (mode == COLOR_NEVER || (no_color && *no_color) ||
	    (term && strcmp(term, "dumb") == 0))
		return false;
	return isatty(fd);
}

static size_t open_sinks(const struct options *o, struct sink *storage,
			 struct sink **sinks)
{
	size_t n = 0;

	storage[n].ops = &sink_text_ops;
	storage[n].cfg = o->sink;
	if (o->per_process) {
		/* -ff: the summary goes to stderr, the logs to FILE.PID. */
		storage[n].ops = &sink_perproc_ops;
		storage[n].fd = STDERR_FILENO;
		storage[n].path = o->text_path;
	} else if (o->text_path) {
		storage[n].fd = open_output(o->text_path, "text log",
					    o->append);
		storage[n].owns_fd = true;
		storage[n].path = o->text_path;
	} else {
		storage[n].fd = STDERR_FILENO;
		storage[n].path = "standard error";
	}
	storage[n].cfg.color = !o->per_process &&
		want_color(o->color, storage[n].fd);
	sink_open(&storage[n], o->per_process ? &(struct sink_perproc_arg){
		.inner = &sink_text_ops, .base = o->text_path,
		.append = o->append } : NULL);
	sinks[n] = &storage[n];
	n++;
	if (o->json_path) {
		storage[n].ops = &sink_json_ops;
		storage[n].cfg = o->sink;
		storage[n].cfg.color = false;
		storage[n].fd = open_output(o->json_path, "JSON log", false);
		storage[n].owns_fd = true;
		storage[n].path = strcmp(o->json_path, "-") == 0 ?
			"standard output" : o->json_path;
		sink_open(&storage[n], NULL);
		sinks[n] = &storage[n];
		n++;
	}
	return n;
}

/* --max-size and --ring: each log's sink wrapped (sink.h), from
 * STORAGE[USED] on.  Returns the storage used. */
static size_t wrap_logs(const struct options *o, struct sink *storage,
			size_t used, struct sink **sinks, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *path = sinks[i]->ops == &sink_text_ops ?
			o->text_path : o->json_path;

		if (o->max_size && path && strcmp(path, "-") != 0)
			sinks[i] = sink_rotate_wrap(&storage[used++], sinks[i],
						    path, o->max_size,
						    o->max_files);
		if (o->ring)
			sinks[i] = sink_ring_wrap(&storage[used++], sinks[i],
						  o->ring);
	}
	return used;
}

static bool close_sinks(struct sink **sinks, size_t n)
{
	bool ok = true;

	for (size_t i = 0; i < n; i++) {
		int had_error = sinks[i]->error;
		int rc = sink_close(sinks[i]);

		if (rc < 0 && !had_error)
			warnx_msg("writing %s: %s", sinks[i]->path,
				  strerror(-rc));
		if (rc < 0 || had_error)
			ok = false;
	}
	return ok;
}

/*
 * The live report: an analyzer sink next to the logs, and at the end the
 * summary where the text log goes (with -c, instead of the text log) and
 * the full report in --report FILE.  Same analyzer and renderers as
 * `sigtrace report LOG`, so both say the same about the same events.
 */
struct live_report {
	struct analyzer *an;
	struct sink *sink;	/* the analyzer's */
	struct sink *text;	/* the text log's sink: the summary's place */
	int fd;			/* --report FILE, or -1 */
	const struct report_ops *ops;
};

static size_t live_report_open(const struct options *o,
			       struct live_report *lr, struct sink *storage,
			       size_t used, struct sink **sinks, size_t n)
{
	const struct report_ops *runs[3];

	lr->text = sinks[0];	/* open_sinks() puts the text log first */
	if (o->summary_only) {
		memmove(sinks, sinks + 1, (n - 1) * sizeof(*sinks));
		n--;
	}
	if (used >= SINKS_MAX)
		die("internal error: no room for the report's sink");
	lr->fd = -1;
	lr->ops = NULL;
	if (o->report_path) {
		lr->fd = open_output(o->report_path, "report", false);
		lr->ops = o->report_format ? report_by_name(o->report_format) :
			report_by_path(o->report_path);
	}
	/* Keep only what live_report_close() renders needs: a graphical
	 * timeline's lanes cost 28 KB a process, and a summary draws none. */
	runs[0] = &report_summary_ops;
	runs[1] = o->counts ? &report_counts_ops : NULL;
	runs[2] = lr->ops;
	lr->an = analyzer_new();
	analyzer_keep(lr->an, report_needs(runs, 3));
	storage[used].ops = &sink_analyzer_ops;
	/* -e signal=SET narrows the logs; the summary and the report
	 * always see every event. */
	storage[used].cfg = o->sink;
	storage[used].cfg.signals = ~(sigbits_t)0;
	storage[used].fd = -1;
	storage[used].path = "the report";
	sink_open(&storage[used], lr->an);
	lr->sink = &storage[used];
	sinks[n++] = lr->sink;
	return n;
}

/* The summary and the report; STATUS becomes 1 when one is lost. */
static int live_report_close(const struct options *o, struct live_report *lr,
			     int status)
{
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;

	report_render(&report_summary_ops, lr->an, &sb);
	if (o->counts) {
		struct report_opts ro = { .count_sort = o->count_sort ?
			report_counts_sort(o->count_sort) : 0 };

		report_render_opts(&report_counts_ops, lr->an, &sb, &ro);
	}
	/* after the text log's own lines, which it may still hold */
	if (!lr->text->error && (rc = sink_put(lr->text, sb.buf, sb.len)) == 0)
		rc = sink_flush(lr->text);
	sb_free(&sb);
	if (o->summary_only && sink_close(lr->text) < 0 && !rc)
		rc = -EIO;
	if (rc < 0) {
		warnx_msg("writing the summary to %s: %s", lr->text->path,
			  strerror(-rc));
		if (status == 0)
			status = EXIT_FAILURE_RUNTIME;
	}
	if (lr->fd >= 0) {
		rc = report_write(lr->ops, lr->an, lr->fd, NULL);
		if (close(lr->fd) < 0 && rc == 0)
			rc = -errno;
		if (rc < 0) {
			warnx_msg("writing the report to %s: %s",
				  o->report_path, strerror(-rc));
			if (status == 0)
				status = EXIT_FAILURE_RUNTIME;
		}
	}
	analyzer_free(lr->an);
	return status;
}

/*
 * The end of a run: the report (and the summary) from a trace_end with
 * the command's status, then the logs' trace_end with sigtrace's own,
 * which any output lost so far has made 1: the JSON log ends with the
 * status sigtrace exits with.
 */
static int finish(const struct options *o, struct live_report *lr,
		  struct tracer *tracer, struct sink **sinks, size_t nsinks,
		  int status)
{
	size_t nlogs = 0;
	struct event end;

	/* One event, so the live report and `sigtrace report LOG` agree;
	 * only the status may differ: the report's own loss is after it. */
	tracer_end_event(tracer, status, &end);
	sink_emit_all(&lr->sink, 1, &end);
	status = live_report_close(o, lr, status);
	for (size_t i = 0; i < nsinks; i++) {
		int rc;

		if (sinks[i] == lr->sink)
			continue;
		/* what it still holds: its loss is known before trace_end */
		if (!sinks[i]->error && (rc = sink_flush(sinks[i])) < 0)
			sink_failed(sinks[i], rc);
		if (sinks[i]->error && status == 0)
			status = EXIT_FAILURE_RUNTIME;
		sinks[nlogs++] = sinks[i];
	}
	end.u.end.exit_status = status;
	sink_emit_all(sinks, nlogs, &end);
	if (!close_sinks(sinks, nlogs) && status == 0)
		status = EXIT_FAILURE_RUNTIME;
	sink_close(lr->sink);
	return status;
}

/* What the tracer needs from the command line (the logs are open). */
static void tracer_config_from(const struct options *o, struct sink **sinks,
			       size_t nsinks, struct tracer_config *tc)
{
	memset(tc, 0, sizeof(*tc));
	tc->sinks = sinks;
	tc->nsinks = nsinks;
	tc->follow = o->follow;
	tc->quiet = o->quiet;
	tc->senders = o->senders;
	tc->stack_depth = o->stack ? o->stack_depth : 0;
	tc->inject_signo = o->inject_signo;
	tc->inject_exec = o->inject_exec;
	tc->status_fd = -1;
	tc->dump_on_usr1 = o->ring > 0;
	if (o->command)
		return;
	tc->targets = o->targets;
	tc->ntargets = o->ntargets;
	tc->watch = o->watch;
	tc->poll_ns = (uint64_t)o->poll_ms * 1000000u;
	tc->all_syscalls = o->syscalls;
	/* The status line only where it cannot mix with the log. */
	if (isatty(STDERR_FILENO) &&
	    (o->quiet || o->text_path || o->summary_only))
		tc->status_fd = STDERR_FILENO;
	tc->duration_ns = (uint64_t)(o->duration * 1e9);
	if (o->duration > 0 && tc->duration_ns == 0)
		tc->duration_ns = 1;	/* 0 would mean no deadline */
}

int main(int argc, char **argv)
{
	struct sink storage[SINKS_MAX], *sinks[SINKS_MAX];
	struct tracer_config tc;
	struct tracer *tracer;
	struct options o;
	char err[512], path[4096];
	size_t nsinks, used;
	int status;
	struct live_report live;

	if (argc > 1 && strcmp(argv[1], "report") == 0)
		return report_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "psig") == 0)
		return psig_main(argc - 1, argv + 1);
	switch (options_parse(argc, argv, &o, err, sizeof(err))) {
	case OPTIONS_USAGE_ERROR:
		die_status(EXIT_USAGE, "%s", err);
	case OPTIONS_EXIT:
		if (o.show_help)
			fputs(options_help, stdout);
		else
			printf("sigtrace %s\nstack traces: %s\nsource lines: %s\n",
			       SIGTRACE_VERSION, stack_backend(),
			       stack_source_backend());
		return 0;
	case OPTIONS_OK:
		break;
	}
	if (o.dispositions)
		return psig_print(o.pids, o.npids, STDOUT_FILENO);
	if (o.stack && !stack_available())
		die_status(EXIT_USAGE, "-k: this sigtrace was built without stack trace support (configure --without-libunwind)");
	/* Only -k unwinds: without it, no libunwind address space. */
	if (o.stack && stack_init() < 0)
		die("-k: cannot set up libunwind: out of memory");
	if (o.command &&
	    spawn_resolve(o.command[0], path, sizeof(path), err, sizeof(err)) < 0)
		die("%s", err);
	check_outputs(&o);
	/* -E: the command inherits sigtrace's environment. */
	for (size_t i = 0; i < o.nenv; i++)
		if (strchr(o.env[i], '=') ? putenv(o.env[i]) : unsetenv(o.env[i]))
			die("-E %s: %s", o.env[i], strerror(errno));
	memset(storage, 0, sizeof(storage));
	nsinks = open_sinks(&o, storage, sinks);
	used = wrap_logs(&o, storage, nsinks, sinks, nsinks);
	nsinks = live_report_open(&o, &live, storage, used, sinks, nsinks);
	tracer_config_from(&o, sinks, nsinks, &tc);
	tracer = tracer_new(&tc);
	if (!tracer)
		die("out of memory");
	if (!o.command) {
		if (o.syscalls && !o.quiet)
			warnx_msg("--syscalls: every system call of the traced process now stops twice (about 100 us each): expect it to run much slower");
		status = tracer_run_attach(tracer, o.pids, o.npids);
	} else {
		status = tracer_run_spawn(tracer, o.command, path);
	}
	if (status < 0) {
		for (size_t i = 0; i < nsinks; i++)
			sink_flush(sinks[i]);	/* the log up to the error */
		die("%s", tracer_error(tracer));
	}
	status = finish(&o, &live, tracer, sinks, nsinks, status);
	tracer_free(tracer);
	return status;
}
