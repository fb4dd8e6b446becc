/* SPDX-License-Identifier: MIT */
/*
 * genlog - write a synthetic sigtrace JSON Lines log (docs/events.md) of
 * exactly N events (default 1000000) on stdout, for the offline report
 * benchmark (`sigtrace report LOG`).
 *
 *	genlog [N] > LOG	(N >= 3: trace_start ... detach, trace_end)
 *
 * The mix is what a busy daemon traced for a long time looks like: a
 * process "svcd" with 8 threads receiving thread-directed SIGUSR1 in futex
 * waits (interrupted, restarted), timer signals in epoll_wait (EINTR),
 * short-lived helpers forked and exec'd ("logrotate" style /bin/kill -HUP)
 * whose SIGHUP and SIGCHLD follow, handler (re)installations, queued
 * realtime signals, threads coming and going, and now and then a finding.
 * Every helper is a new pid, so the report sees tens of thousands of
 * processes.  The output is deterministic (no randomness, fixed clock).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SVCD 4000
#define THREADS 8

static const char mask_all[] = "[\"SIGHUP\",\"SIGINT\",\"SIGQUIT\","
	"\"SIGUSR1\",\"SIGUSR2\",\"SIGPIPE\",\"SIGALRM\",\"SIGTERM\","
	"\"SIGCHLD\"]";

static uint64_t mono = 5000000000000ull;	/* CLOCK_MONOTONIC ns */
static const time_t wall_base = 1795000000;	/* 2026-11-18 */
static uint64_t stops, syscall_stops, deliveries;

/* Start a line: the common fields. */
static void head(const char *type, int pid, int tid, const char *comm)
{
	uint64_t off = mono - 5000000000000ull;
	time_t t = wall_base + (time_t)(off / 1000000000u);
	struct tm tm;
	char ts[32];

	gmtime_r(&t, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	printf("{\"v\":1,\"type\":\"%s\",\"time\":\"%s.%09lluZ\","
	       "\"mono_ns\":%llu,\"pid\":%d,\"tid\":%d,\"comm\":\"%s\"",
	       type, ts, (unsigned long long)(off % 1000000000u),
	       (unsigned long long)mono, pid, tid, comm);
	mono += 7919;	/* ~8 us between events */
}

static void handler_disp(const char *addr, const char *sym,
			 const char *flags)
{
	printf("{\"kind\":\"handler\",\"handler\":\"%s\",\"symbol\":\"%s\","
	       "\"flags\":%s,\"mask\":%s,\"restorer\":\"0x7f3a2c842050\"}",
	       addr, sym, flags, mask_all);
}

static void svcd_sender(void)
{
	printf("\"sender\":{\"pid\":%d,\"uid\":998,\"comm\":\"svcd\","
	       "\"cmdline\":[\"/usr/sbin/svcd\",\"--config\","
	       "\"/etc/svcd/svcd.conf\",\"--workers\",\"8\"]}", SVCD);
}

static void signal_usr1_thread(int tid)
{
	head("signal", SVCD, tid, "svcd-worker");
	printf(",\"signal\":\"SIGUSR1\",\"signo\":10,\"code\":\"SI_TKILL\",");
	svcd_sender();
	printf(",\"disposition\":");
	handler_disp("0x55d0c0a01a40", "wake_worker",
		     "[\"SA_RESTART\",\"SA_RESTORER\"]");
	printf(",\"syscall\":\"futex\",\"syscall_nr\":202,"
	       "\"syscall_ret\":\"ERESTARTSYS\"}\n");
	deliveries++;
	stops++;
}

static void interrupted(int tid, const char *sc, int nr, const char *code,
			const char *sig, int signo)
{
	head("interrupted", SVCD, tid, tid == SVCD ? "svcd" : "svcd-worker");
	printf(",\"syscall\":\"%s\",\"syscall_nr\":%d,\"code\":\"%s\","
	       "\"signal\":\"%s\",\"signo\":%d,\"never_restarted\":%s}\n",
	       sc, nr, code, sig, signo,
	       strcmp(sc, "epoll_wait") == 0 ? "true" : "false");
}

static void outcome(const char *type, int tid, const char *sc, int nr,
		    const char *sig, int signo)
{
	head(type, SVCD, tid, tid == SVCD ? "svcd" : "svcd-worker");
	printf(",\"syscall\":\"%s\",\"syscall_nr\":%d,\"signal\":\"%s\","
	       "\"signo\":%d,\"handler\":", sc, nr, sig, signo);
	handler_disp("0x55d0c0a01b10", "on_timer", "[\"SA_RESTORER\"]");
	printf(",\"never_restarted\":%s}\n",
	       strcmp(sc, "epoll_wait") == 0 ? "true" : "false");
	syscall_stops += 2;
	stops += 2;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000, i = 0;
	int helper = 100000, thread = 200000;
	static char buf[1 << 20];

	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	if (n < 3) {
		fprintf(stderr, "usage: genlog [N >= 3]\n");
		return 2;
	}
	head("trace_start", SVCD, SVCD, "svcd");
	printf(",\"mode\":\"attach\",\"pids\":[%d],\"tracer_pid\":3999,"
	       "\"version\":\"0.1.0\"}\n", SVCD);
	for (i = 1; i < n - 2; i++) {
		long j = i - 1, k = j % 20;	/* cycles of 20 events */
		int tid = SVCD + 1 + (int)((j / 20) % THREADS);

		if (k == 19 && (j / 20) % 2500 == 1000) {
			head("finding", helper, helper, "svcd-helper");
			printf(",\"kind\":\"default_disposition\","
			       "\"signal\":\"SIGTERM\",\"signo\":15,"
			       "\"code\":\"SI_USER\",\"effect\":\"killed\","
			       "\"cause\":\"installed_later\",");
			svcd_sender();
			printf(",\"sender_chain\":[{\"pid\":1,\"comm\":"
			       "\"systemd\"}],\"exec_mono_ns\":%llu,"
			       "\"exec_path\":\"/usr/libexec/svcd-helper\","
			       "\"detail\":\"SIGTERM arrived 0.412 ms after "
			       "the program started (execve) and its handler "
			       "was installed 1.201 ms later\"}\n",
			       (unsigned long long)(mono - 412000));
			continue;
		}
		switch (k) {
		case 0:
			signal_usr1_thread(tid);
			break;
		case 1:
			interrupted(tid, "futex", 202, "ERESTARTSYS",
				    "SIGUSR1", 10);
			break;
		case 2:
			outcome("restarted", tid, "futex", 202, "SIGUSR1", 10);
			break;
		case 3:
			head("signal", SVCD, SVCD, "svcd");
			printf(",\"signal\":\"SIGALRM\",\"signo\":14,"
			       "\"code\":\"SI_TIMER\",\"value\":%ld,"
			       "\"disposition\":", i);
			handler_disp("0x55d0c0a01b10", "on_timer",
				     "[\"SA_RESTORER\"]");
			printf(",\"syscall\":\"epoll_wait\",\"syscall_nr\":232,"
			       "\"syscall_ret\":\"ERESTARTNOHAND\"}\n");
			deliveries++;
			stops++;
			break;
		case 4:
			interrupted(SVCD, "epoll_wait", 232, "ERESTARTNOHAND",
				    "SIGALRM", 14);
			break;
		case 5:
			outcome("eintr", SVCD, "epoll_wait", 232, "SIGALRM", 14);
			break;
		case 6:
			helper++;
			head("fork", SVCD, SVCD, "svcd");
			printf(",\"child\":%d,\"thread\":false,\"vfork\":true}\n",
			       helper);
			stops++;
			break;
		case 7:
			head("exec", helper, helper, "kill");
			printf(",\"path\":\"/usr/bin/kill\",\"argv\":"
			       "[\"/bin/kill\",\"-HUP\",\"%d\"]}\n", SVCD);
			stops++;
			break;
		case 8:
			head("signal", SVCD, SVCD, "svcd");
			printf(",\"signal\":\"SIGHUP\",\"signo\":1,"
			       "\"code\":\"SI_USER\",\"sender\":{\"pid\":%d,"
			       "\"uid\":0,\"comm\":\"kill\",\"cmdline\":"
			       "[\"/bin/kill\",\"-HUP\",\"%d\"]},"
			       "\"sender_chain\":[{\"pid\":%d,\"comm\":\"svcd\"},"
			       "{\"pid\":1,\"comm\":\"systemd\"}],"
			       "\"disposition\":", helper, SVCD, SVCD);
			handler_disp("0x55d0c0a01c00", "on_reload",
				     "[\"SA_RESTART\",\"SA_RESTORER\"]");
			printf("}\n");
			deliveries++;
			stops++;
			break;
		case 9:
			head("exit", helper, helper, "kill");
			printf(",\"code\":0,\"thread\":false}\n");
			stops++;
			break;
		case 10:
			head("signal", SVCD, SVCD, "svcd");
			printf(",\"signal\":\"SIGCHLD\",\"signo\":17,"
			       "\"code\":\"CLD_EXITED\",\"sender\":{\"pid\":%d,"
			       "\"uid\":0,\"gone\":true},\"status\":0,"
			       "\"disposition\":{\"kind\":\"default\","
			       "\"action\":\"ign\",\"flags\":[],\"mask\":[]}}\n",
			       helper);
			deliveries++;
			stops++;
			break;
		case 11:
			head("sigaction", SVCD, SVCD, "svcd");
			printf(",\"signal\":\"SIGHUP\",\"signo\":1,"
			       "\"syscall\":\"rt_sigaction\",\"old\":");
			handler_disp("0x55d0c0a01c00", "on_reload",
				     "[\"SA_RESTART\",\"SA_RESTORER\"]");
			printf(",\"new\":");
			handler_disp("0x55d0c0a01c00", "on_reload",
				     "[\"SA_RESTART\",\"SA_RESTORER\"]");
			printf(",\"result\":0}\n");
			stops += 2;
			syscall_stops++;
			break;
		case 12:
			head("signal", SVCD, tid, "svcd-worker");
			printf(",\"signal\":\"SIGRTMIN+3\",\"signo\":37,"
			       "\"code\":\"SI_QUEUE\",\"value\":%ld,", i);
			svcd_sender();
			printf(",\"disposition\":");
			handler_disp("0x55d0c0a01d20", "on_job",
				     "[\"SA_SIGINFO\",\"SA_RESTORER\"]");
			printf("}\n");
			deliveries++;
			stops++;
			break;
		case 13:
			head("signal", SVCD, SVCD, "svcd");
			printf(",\"signal\":\"SIGWINCH\",\"signo\":28,"
			       "\"code\":\"SI_KERNEL\",\"disposition\":"
			       "{\"kind\":\"default\",\"action\":\"ign\","
			       "\"flags\":[],\"mask\":[]}}\n");
			deliveries++;
			stops++;
			break;
		case 14:
			thread++;
			head("fork", SVCD, SVCD, "svcd");
			printf(",\"child\":%d,\"thread\":true,\"vfork\":false}\n",
			       thread);
			stops += 2;
			break;
		case 15:
			head("exit", SVCD, thread, "svcd-worker");
			printf(",\"code\":0,\"thread\":true}\n");
			stops++;
			break;
		case 16:
			head("signal", SVCD, SVCD, "svcd");
			printf(",\"signal\":\"SIGUSR2\",\"signo\":12,"
			       "\"code\":\"SI_USER\",");
			svcd_sender();
			printf(",\"disposition\":");
			handler_disp("0x55d0c0a01e00", "dump_stats",
				     "[\"SA_RESTART\",\"SA_RESTORER\"]");
			printf(",\"syscall\":\"read\",\"syscall_nr\":0,"
			       "\"syscall_ret\":\"ERESTARTSYS\"}\n");
			deliveries++;
			stops++;
			break;
		case 17:
			interrupted(SVCD, "read", 0, "ERESTARTSYS", "SIGUSR2", 12);
			break;
		case 18:
			outcome("restarted", SVCD, "read", 0, "SIGUSR2", 12);
			break;
		default:
			head("sigaction", SVCD, tid, "svcd-worker");
			printf(",\"signal\":\"SIGPIPE\",\"signo\":13,"
			       "\"syscall\":\"rt_sigaction\",\"old\":"
			       "{\"kind\":\"ignored\",\"flags\":[],\"mask\":[]},"
			       "\"result\":0}\n");
			stops += 2;
			syscall_stops++;
			break;
		}
	}
	head("detach", SVCD, SVCD, "svcd");
	printf("}\n");
	head("trace_end", SVCD, SVCD, "");
	printf(",\"exit_status\":0,\"stops\":%llu,\"syscall_stops\":%llu,"
	       "\"deliveries\":%llu}\n", (unsigned long long)stops,
	       (unsigned long long)syscall_stops,
	       (unsigned long long)deliveries);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
