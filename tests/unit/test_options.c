/* SPDX-License-Identifier: MIT */
/* Unit tests of the command line parser. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "options.h"
#include "report.h"

static enum options_result parse(struct options *o, char *err, ...)
{
	static char *argv[32];	/* o->command points into it */
	int argc = 0;
	va_list ap;
	char *a;

	argv[argc++] = "sigtrace";
	va_start(ap, err);
	while ((a = va_arg(ap, char *)) != NULL && argc < 31)
		argv[argc++] = a;
	va_end(ap);
	argv[argc] = NULL;
	return options_parse(argc, argv, o, err, 256);
}

static void test_defaults(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "--", "ls", "-l", NULL), OPTIONS_OK);
	assert_string_equal(o.command[0], "ls");
	assert_string_equal(o.command[1], "-l");
	assert_null(o.command[2]);
	assert_true(o.follow);
	assert_null(o.text_path);
	assert_null(o.json_path);
	assert_int_equal(o.sink.time_format, TIME_CLOCK);
	assert_int_equal(o.sink.time_digits, 6);
	assert_true(o.sink.signals == ~(sigbits_t)0);
}

static void test_command_without_dashes(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	/* Options after the command belong to the command. */
	assert_int_equal(parse(&o, err, "-v", "ls", "-o", "x", NULL), OPTIONS_OK);
	assert_true(o.sink.verbose);
	assert_string_equal(o.command[0], "ls");
	assert_string_equal(o.command[1], "-o");
	assert_null(o.text_path);
}

static void test_outputs(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "-o", "log.txt", "--json", "-", "--",
			       "true", NULL), OPTIONS_OK);
	assert_string_equal(o.text_path, "log.txt");
	assert_string_equal(o.json_path, "-");
}

static void test_signal_filter(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "-e", "signal=USR1,SIGHUP", "true",
			       NULL), OPTIONS_OK);
	assert_true(o.sink.signals == (SIGBIT(10) | SIGBIT(1)));
	assert_int_equal(parse(&o, err, "-e", "signal=!USR1", "true", NULL),
			 OPTIONS_OK);
	assert_false(o.sink.signals & SIGBIT(10));
	assert_true(o.sink.signals & SIGBIT(12));
	assert_int_equal(parse(&o, err, "-e", "signal=SIGFOO", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "SIGFOO"));
	assert_int_equal(parse(&o, err, "-e", "trace=read", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "trace=read"));
}

static void test_time_flags(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "-ttt", "true", NULL), OPTIONS_OK);
	assert_int_equal(o.sink.time_format, TIME_UNIX);
	assert_int_equal(parse(&o, err, "-tt", "true", NULL), OPTIONS_OK);
	assert_int_equal(o.sink.time_format, TIME_CLOCK);
	assert_int_equal(parse(&o, err, "-r", "true", NULL), OPTIONS_OK);
	assert_int_equal(o.sink.time_format, TIME_REL);
	assert_int_equal(parse(&o, err, "--time=iso", "--time-ns", "true",
			       NULL), OPTIONS_OK);
	assert_int_equal(o.sink.time_format, TIME_ISO);
	assert_int_equal(o.sink.time_digits, 9);
	assert_int_equal(parse(&o, err, "--time=none", "true", NULL), OPTIONS_OK);
	assert_int_equal(o.sink.time_format, TIME_NONE);
	assert_int_equal(parse(&o, err, "--time=weird", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "weird"));
}

static void test_misc_flags(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "--no-follow", "-q", "-s", "32",
			       "--color=never", "true", NULL), OPTIONS_OK);
	assert_false(o.follow);
	assert_true(o.quiet);
	assert_int_equal(o.sink.strsize, 32);
	assert_int_equal(o.color, COLOR_NEVER);
	assert_int_equal(parse(&o, err, "-f", "true", NULL), OPTIONS_OK);
	assert_true(o.follow);
	assert_int_equal(parse(&o, err, "-s", "-1", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-s", "abc", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--color=purple", "true", NULL),
			 OPTIONS_USAGE_ERROR);
}

static void test_usage_errors(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, NULL), OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "no command"));
	assert_int_equal(parse(&o, err, "--bogus", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "--bogus"));
	assert_int_equal(parse(&o, err, "-Z", "true", NULL), OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "-Z"));
	assert_int_equal(parse(&o, err, "-o", NULL), OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "needs an argument"));
	assert_int_equal(parse(&o, err, "--", "", NULL), OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "empty"));
}

static void test_help_version(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "--help", NULL), OPTIONS_EXIT);
	assert_true(o.show_help);
	assert_int_equal(parse(&o, err, "-V", NULL), OPTIONS_EXIT);
	assert_true(o.show_version);
	assert_non_null(strstr(options_help, "--json"));
}

static void test_attach_flags(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "-p", "12,34", "--pid", "56", NULL),
			 OPTIONS_OK);
	assert_int_equal(o.npids, 3);
	assert_int_equal(o.pids[0], 12);
	assert_int_equal(o.pids[2], 56);
	assert_null(o.command);
	assert_int_equal(o.poll_ms, 100);
	assert_int_equal(parse(&o, err, "-p", "1", "--poll-interval", "0",
			       "--syscalls", "--duration", "2.5", NULL),
			 OPTIONS_OK);
	assert_int_equal(o.poll_ms, 0);
	assert_true(o.syscalls);
	assert_true(o.duration > 2.4 && o.duration < 2.6);
	assert_int_equal(parse(&o, err, "-p", "0", NULL), OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-p", "-3", NULL), OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-p", "x1", NULL), OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-p", "1,1", NULL), OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "twice"));
	assert_int_equal(parse(&o, err, "-p", "1,", NULL), OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-p", "1", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--syscalls", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-p", "1", "--duration", "0", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-p", "1", "--poll-interval", "x",
			       NULL), OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--dispositions", "-p", "9", NULL),
			 OPTIONS_OK);
	assert_true(o.dispositions);
	assert_int_equal(parse(&o, err, "--dispositions", NULL),
			 OPTIONS_USAGE_ERROR);
}

/* Issue 18: pidof's lists, targets, --watch, the flight recorder and
 * the size cap of the logs. */
static void test_production_flags(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "-p", "25198 25199", "-p", " 7 , 8\n",
			       NULL), OPTIONS_OK);
	assert_int_equal(o.npids, 4);
	assert_int_equal(o.pids[1], 25199);
	assert_int_equal(o.pids[3], 8);
	assert_int_equal(parse(&o, err, "-p", "", NULL), OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-p", "1 x", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "'x' is not a process id"));
	assert_int_equal(parse(&o, err, "--pidfile", "/run/d.pid", "--name",
			       "^d$", "--cgroup", "/sys/fs/cgroup/x", "--unit",
			       "d", "--watch", NULL), OPTIONS_OK);
	assert_int_equal(o.ntargets, 4);
	assert_int_equal(o.targets[0].kind, TARGET_PIDFILE);
	assert_string_equal(o.targets[1].arg, "^d$");
	assert_int_equal(o.targets[3].kind, TARGET_UNIT);
	assert_true(o.watch);
	assert_null(o.command);
	assert_int_equal(parse(&o, err, "--name", "(", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--unit", "a/b", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--name", "x", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-p", "1", "--watch", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "a pid never does"));
	assert_int_equal(parse(&o, err, "--watch", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--ring", "10000", "--json", "f",
			       "--max-size", "100M", "--max-files", "9", "ls",
			       NULL), OPTIONS_OK);
	assert_int_equal(o.ring, 10000);
	assert_true(o.max_size == 100ULL << 20);
	assert_int_equal(o.max_files, 9);
	assert_int_equal(parse(&o, err, "-o", "t", "--max-size", "4096", "ls",
			       NULL), OPTIONS_OK);
	assert_true(o.max_size == 4096);
	assert_int_equal(o.max_files, 4);
	assert_int_equal(parse(&o, err, "--ring", "0", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--max-size", "4K", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(err, "needs a log file"));
	assert_int_equal(parse(&o, err, "--json", "-", "--max-size", "4K",
			       "ls", NULL), OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--json", "f", "--max-size", "100",
			       "ls", NULL), OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--json", "f", "--max-size", "1T",
			       "ls", NULL), OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--json", "f", "--max-files", "3",
			       "ls", NULL), OPTIONS_USAGE_ERROR);
}

static void test_report_and_stack_flags(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "-k", "-c", "--report", "r.html",
			       "--report-format", "html", "ls", NULL),
			 OPTIONS_OK);
	assert_true(o.stack);
	assert_true(o.summary_only);
	assert_string_equal(o.report_path, "r.html");
	assert_string_equal(o.report_format, "html");
	assert_int_equal(o.stack_depth, 32);
	assert_int_equal(parse(&o, err, "--stack-depth", "5", "ls", NULL),
			 OPTIONS_OK);
	assert_int_equal(o.stack_depth, 5);
	assert_int_equal(parse(&o, err, "--stack-depth", "0", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--stack-depth", "-1", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--report-format", "pdf", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "-q", "ls", NULL), OPTIONS_OK);
	assert_true(o.sink.quiet);
}

/* --report-format takes exactly the names the report knows, and says
 * which they are. */
static void test_report_formats(void **state)
{
	static const char *const names[] = {
		"text", "summary", "json", "html", "chrome", "svg", "counts",
	};
	struct options o;
	char err[256], list[128], small[10];

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_non_null(report_by_name(names[i]));
		assert_int_equal(parse(&o, err, "--report-format", names[i],
				       "ls", NULL), OPTIONS_OK);
		assert_string_equal(o.report_format, names[i]);
	}
	assert_string_equal(report_format_names(list, sizeof(list)),
			    "text, summary, json, html, chrome, svg or counts");
	assert_int_equal(parse(&o, err, "--report-format", "HTML", "ls",
			       NULL), OPTIONS_USAGE_ERROR);
	assert_null(report_by_name("HTML"));
	assert_int_equal(parse(&o, err, "--report-format", "", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_string_equal(err, "--report-format : expected text, summary, "
			    "json, html, chrome, svg or counts");
	assert_null(report_by_name(NULL));
	assert_string_equal(report_format_names(small, sizeof(small)),
			    "text, sum");
	assert_string_equal(report_format_names(NULL, 0), "");
}

/* strace's habits: the same meaning, or a refusal that says why. */
static void test_strace_meanings(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "-t", "true", NULL), OPTIONS_OK);
	assert_int_equal(o.sink.time_format, TIME_CLOCK);
	assert_int_equal(o.sink.time_digits, 0);	/* seconds, as strace */
	assert_int_equal(parse(&o, err, "-tt", "true", NULL), OPTIONS_OK);
	assert_int_equal(o.sink.time_digits, 6);
	assert_int_equal(parse(&o, err, "--timestamps=unix,ms", "true", NULL),
			 OPTIONS_OK);
	assert_int_equal(o.sink.time_format, TIME_UNIX);
	assert_int_equal(o.sink.time_digits, 3);
	assert_int_equal(parse(&o, err, "--timestamps=weekday", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	/* -ff: files per process only with -o, as strace. */
	assert_int_equal(parse(&o, err, "-ff", "-o", "log", "true", NULL),
			 OPTIONS_OK);
	assert_true(o.per_process);
	assert_int_equal(parse(&o, err, "-f", "-o", "log", "true", NULL),
			 OPTIONS_OK);
	assert_false(o.per_process);
	assert_int_equal(parse(&o, err, "-ff", "true", NULL), OPTIONS_OK);
	assert_false(o.per_process);
	assert_int_equal(parse(&o, err, "-A", "-o", "log", "true", NULL),
			 OPTIONS_OK);
	assert_true(o.append);
	assert_int_equal(parse(&o, err, "-A", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	/* -v: nothing abbreviated, unless -s says otherwise. */
	assert_int_equal(parse(&o, err, "-v", "true", NULL), OPTIONS_OK);
	assert_int_equal(o.sink.strsize, 0);
	assert_int_equal(parse(&o, err, "-v", "-s", "32", "true", NULL),
			 OPTIONS_OK);
	assert_int_equal(o.sink.strsize, 32);
	/* -q, -qq, --quiet=WHAT, -e quiet=WHAT */
	assert_int_equal(parse(&o, err, "-qq", "true", NULL), OPTIONS_OK);
	assert_true(o.sink.quiet && o.sink.quiet_exit);
	assert_int_equal(parse(&o, err, "--quiet=exit", "true", NULL),
			 OPTIONS_OK);
	assert_true(!o.sink.quiet && o.sink.quiet_exit);
	assert_int_equal(parse(&o, err, "-e", "quiet=attach", "true", NULL),
			 OPTIONS_OK);
	assert_true(o.quiet && !o.sink.quiet_exit);
	assert_int_equal(parse(&o, err, "--quiet=loud", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	/* -c and -C both add the table; -c alone drops the log. */
	assert_int_equal(parse(&o, err, "-C", "-S", "errors", "true", NULL),
			 OPTIONS_OK);
	assert_true(o.counts && !o.summary_only);
	assert_int_equal(report_counts_sort(o.count_sort),
			 report_counts_sort("eintr"));
	assert_int_equal(parse(&o, err, "-S", "time", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	/* long names */
	assert_int_equal(parse(&o, err, "--attach", "12", "--string-limit",
			       "9", "--stack-trace", NULL), OPTIONS_OK);
	assert_int_equal(o.pids[0], 12);
	assert_int_equal(o.sink.strsize, 9);
	assert_true(o.stack);
	assert_int_equal(parse(&o, err, "-E", "A=1", "-E", "B", "true", NULL),
			 OPTIONS_OK);
	assert_int_equal(o.nenv, 2);
	assert_string_equal(o.env[1], "B");
	assert_int_equal(parse(&o, err, "-e", "trace=%signal", "true", NULL),
			 OPTIONS_OK);
}

static void test_strace_refusals(void **state)
{
	static const char *const refused[][2] = {
		{ "-y", "-y: " }, { "-T", "-T: " }, { "-D", "-p PID" },
		{ "-u", "runuser" }, { "-I", "-I: " }, { "--decode-fds", "--decode-fds: " },
		{ "-e", "-e trace=open: " },
	};
	struct options o;
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		enum options_result r = strcmp(refused[i][0], "-e") == 0 ?
			parse(&o, err, "-e", "trace=open", "true", NULL) :
			parse(&o, err, refused[i][0], "true", NULL);

		assert_int_equal(r, OPTIONS_USAGE_ERROR);
		if (!strstr(err, refused[i][1]))
			fail_msg("%s: '%s' lacks '%s'", refused[i][0], err,
				 refused[i][1]);
		assert_null(strchr(err, '\n'));
	}
	assert_int_equal(parse(&o, err, "-p", "1", "--kill-on-exit", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--report", "r.pdf", "true", NULL),
			 OPTIONS_USAGE_ERROR);
	assert_int_equal(parse(&o, err, "--report", "r.svg", "true", NULL),
			 OPTIONS_OK);
	assert_ptr_equal(report_by_path("r.svg"), &report_svg_ops);
	assert_ptr_equal(report_by_path("night.report"), &report_text_ops);
}

static void test_signal_set_syntax(void **state)
{
	struct options o;
	char err[256];

	(void)state;
	assert_int_equal(parse(&o, err, "-e", "signal=all", "ls", NULL), OPTIONS_OK);
	assert_true(o.sink.signals == ~(sigbits_t)0);
	assert_int_equal(parse(&o, err, "-e", "signal=none", "ls", NULL), OPTIONS_OK);
	assert_true(o.sink.signals == 0);
	assert_int_equal(parse(&o, err, "-e", "signal=RTMIN+3", "ls", NULL), OPTIONS_OK);
	assert_true(o.sink.signals == SIGBIT(35));
	assert_int_equal(parse(&o, err, "-e", "signal=10,usr2", "ls", NULL), OPTIONS_OK);
	assert_true(o.sink.signals == (SIGBIT(10) | SIGBIT(12)));
	assert_int_equal(parse(&o, err, "-e", "signals=HUP", "ls", NULL), OPTIONS_OK);
	assert_true(o.sink.signals == SIGBIT(1));
	assert_int_equal(parse(&o, err, "-e", "signal=", "ls", NULL),
			 OPTIONS_USAGE_ERROR);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_command_without_dashes),
		cmocka_unit_test(test_outputs),
		cmocka_unit_test(test_signal_filter),
		cmocka_unit_test(test_time_flags),
		cmocka_unit_test(test_strace_meanings),
		cmocka_unit_test(test_strace_refusals),
		cmocka_unit_test(test_misc_flags),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_help_version),
		cmocka_unit_test(test_attach_flags),
		cmocka_unit_test(test_production_flags),
		cmocka_unit_test(test_report_and_stack_flags),
		cmocka_unit_test(test_report_formats),
		cmocka_unit_test(test_signal_set_syntax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
