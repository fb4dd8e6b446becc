/*
 * proc.h - what /proc says about a process or thread at one instant: the
 * kernel's truth for signal masks, identity of senders, ancestry.
 */
#ifndef SIGTRACE_PROC_H
#define SIGTRACE_PROC_H

#include <stddef.h>
#include <sys/types.h>

#include "event.h"
#include "sigtab.h"

struct proc_status {
	char state;		/* R, S, D, T, t, Z, X */
	pid_t tgid;
	pid_t ppid;
	pid_t tracer;
	uid_t uid;
	sigbits_t pending;	/* SigPnd: thread-directed */
	sigbits_t shared_pending;	/* ShdPnd */
	sigbits_t blocked;	/* SigBlk */
	sigbits_t ignored;	/* SigIgn */
	sigbits_t caught;	/* SigCgt */
	int threads;
	bool kernel_thread;	/* no mm: Kthread, or no VmSize */
	char name[COMM_MAX];	/* Name: as status shows it (kernel-escaped) */
};

/* /proc/PID/task/TID/status (TID == 0: /proc/PID/status).
 * 0, or -errno (-ENOENT when gone). */
int proc_read_status(pid_t pid, pid_t tid, struct proc_status *st);

/* comm, escaped nowhere: raw bytes, NUL-terminated. 0 or -errno. */
int proc_read_comm(pid_t pid, char *buf, size_t len);
int proc_read_cmdline(pid_t pid, struct cmdline *c);
int proc_read_exe(pid_t pid, char *buf, size_t len);

/* Fill ID for PID (comm, cmdline, uid); id->gone when it has exited. */
void proc_read_ident(pid_t pid, struct proc_ident *id);

/* Parents of PID, nearest first, stopping at pid 1 or ANCESTRY_MAX. */
void proc_read_ancestry(pid_t pid, struct ancestry *a);

#endif
