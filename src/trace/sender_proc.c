/* SPDX-License-Identifier: MIT */
/*
 * sender_proc.c - the /proc back end: a sender is named if it still has
 * a /proc entry when its delivery is seen.  A zombie still has its comm,
 * parent and uid (not its command line), so it is kept.  The entry must
 * have started before the delivery, or the pid belongs to a later
 * process and names nobody.  Also the last resort of every back end.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"
#include "sender_priv.h"

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* /proc/PID/stat's start time field (clock ticks since boot) as
 * CLOCK_MONOTONIC nanoseconds. */
static uint64_t sender_proc_ticks_to_mono(unsigned long long ticks)
{
	static long hz;
	uint64_t boot_ns, mono, boot;

	if (!hz)
		hz = sysconf(_SC_CLK_TCK);
	if (hz <= 0)
		hz = 100;
	/* stat's start time counts from boot including suspend
	 * (CLOCK_BOOTTIME); shift it onto CLOCK_MONOTONIC by the time
	 * spent suspended (0 when the clocks are read in this order). */
	boot_ns = ticks * (1000000000ull / (unsigned long long)hz);
	mono = clock_ns(CLOCK_MONOTONIC);
	boot = clock_ns(CLOCK_BOOTTIME);
	if (boot > mono)
		boot_ns = boot_ns > boot - mono ? boot_ns - (boot - mono) : 1;
	return boot_ns;
}

int sender_proc_start_ticks(pid_t pid, unsigned long long *ticks)
{
	struct proc_stat st;
	int err = proc_read_stat(pid, &st);

	if (err == 0)
		*ticks = st.start_time;
	return err;
}

int sender_proc_read_program(pid_t pid, struct sender_ident *id)
{
	struct proc_stat st;
	int err = proc_read_stat(pid, &st);

	memset(id, 0, sizeof(*id));
	id->source = sender_proc_ops.name;
	if (err < 0)
		return err;
	id->pid = pid;
	id->ppid = st.ppid;
	memcpy(id->comm, st.comm, sizeof(id->comm));
	id->start_ns = st.start_time ?
		sender_proc_ticks_to_mono(st.start_time) : 0;
	id->zombie = st.state == 'Z' || st.state == 'X';
	id->exited = id->zombie;
	if (!id->zombie)
		proc_read_cmdline(pid, &id->cmdline);
	return 0;
}

int sender_proc_read(pid_t pid, struct sender_ident *id)
{
	struct proc_status st;
	int err = sender_proc_read_program(pid, id);

	if (err < 0)
		return err;
	if (proc_read_status(pid, 0, &st) == 0) {
		/* a thread's pid names its process */
		if (st.tgid > 0 && st.tgid != pid) {
			id->pid = st.tgid;
			if (!id->zombie)
				proc_read_cmdline(id->pid, &id->cmdline);
		}
		id->uid = st.uid;
		id->has_uid = true;
	}
	return 0;
}

enum sender_now sender_now(const struct sender_ident *who)
{
	struct proc_stat st;
	uint64_t start;

	if (who->pid <= 0 || proc_read_stat(who->pid, &st) < 0)
		return SENDER_NOW_GONE;
	/* stat counts in clock ticks: 20 ms apart is the same start */
	start = st.start_time ? sender_proc_ticks_to_mono(st.start_time) : 0;
	if (who->start_ns && start && (start > who->start_ns + 20000000u ||
				       start + 20000000u < who->start_ns))
		return SENDER_NOW_GONE;
	return st.state == 'Z' || st.state == 'X' ? SENDER_NOW_ZOMBIE :
		SENDER_NOW_ALIVE;
}

static int proc_open(struct sender_backend *b, char *why, size_t len)
{
	if (access("/proc/self/stat", R_OK) < 0) {
		snprintf(why, len, "/proc is not mounted");
		return -ENOENT;
	}
	return 0;
}

static void proc_close(struct sender_backend *b)
{
}

static bool proc_process(struct sender_backend *b, pid_t pid, uint64_t at_ns,
			 struct sender_ident *out)
{
	if (sender_proc_read(pid, out) < 0)
		return false;
	/* Started after the moment asked about: a reused pid. */
	return !(out->start_ns && at_ns && out->start_ns > at_ns);
}

const struct sender_backend_ops sender_proc_ops = {
	.name = "proc",
	.kind = SENDER_PROC,
	.open = proc_open,
	.close = proc_close,
	.process = proc_process,
};
