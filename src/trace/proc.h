/* SPDX-License-Identifier: MIT */
/*
 * proc.h - what /proc says about a process or thread at one instant: the
 * kernel's truth for signal masks, identity of senders, ancestry.
 */
#ifndef SIGTRACE_PROC_H
#define SIGTRACE_PROC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "sigtab.h"

struct proc_status {
	char state;		/* R, S, D, T, t, Z, X */
	pid_t tgid;
	pid_t ppid;
	pid_t tracer;
	uid_t uid;		/* real */
	uid_t euid;		/* effective */
	gid_t egid;
	sigbits_t pending;	/* SigPnd: thread-directed */
	sigbits_t shared_pending;	/* ShdPnd */
	sigbits_t blocked;	/* SigBlk */
	sigbits_t ignored;	/* SigIgn */
	sigbits_t caught;	/* SigCgt */
	int threads;
	pid_t ns_tgid;		/* NStgid's last: the tgid in its own pid ns */
	int ns_depth;		/* NStgid's count: 1 in /proc's own pid ns */
	bool kernel_thread;	/* no mm: Kthread, or no VmSize */
	char name[COMM_MAX];	/* Name: as status shows it (kernel-escaped) */
};

/* From /proc/PID/stat. */
struct proc_stat {
	char state;
	pid_t ppid;
	pid_t pgrp;
	unsigned tty_nr;	/* the controlling terminal, 0: none */
	char comm[COMM_MAX];	/* as stat shows it (a zombie's too) */
	uint64_t start_time;	/* clock ticks after boot: with the pid, the
				 * identity of a process (pids are reused) */
};

/* /proc/PID/task/TID/status (TID == 0: /proc/PID/status).
 * 0, or -errno (-ENOENT when gone). */
int proc_read_status(pid_t pid, pid_t tid, struct proc_status *st);
/* The text of a status file, LEN bytes of BUF (no NUL needed). */
void proc_parse_status(const char *buf, size_t len, struct proc_status *st);

/* /proc/PID/stat.  0, or -errno (-EINVAL: not a stat line). */
int proc_read_stat(pid_t pid, struct proc_stat *st);
int proc_parse_stat(const char *buf, size_t len, struct proc_stat *st);

/* comm, escaped nowhere: raw bytes, NUL-terminated. 0 or -errno. */
int proc_read_comm(pid_t pid, char *buf, size_t len);

/* The arguments, NUL-separated, as much as C holds.  0 or -errno. */
int proc_read_cmdline(pid_t pid, struct cmdline *c);
/* LEN bytes of a cmdline file into C; more than C holds: truncated. */
void proc_parse_cmdline(const char *buf, size_t len, struct cmdline *c);
int proc_read_exe(pid_t pid, char *buf, size_t len);

/* Fill ID for PID (comm, cmdline, uid); id->gone when it has exited,
 * id->zombie (with comm and uid, without cmdline) when not reaped yet. */
void proc_read_ident(pid_t pid, struct proc_ident *id);

/* The link of /proc/PID/fd/FD ("pipe:[12]", a path) into BUF;
 * *IS_FIFO when it is a named pipe.  0 or -errno. */
int proc_read_fd_link(pid_t pid, int fd, char *buf, size_t len,
		      bool *is_fifo);

/* The last pid handed out in sigtrace's pid namespace, or -1. */
long proc_read_last_pid(void);

/* The identity of PID's pid namespace (the inode of /proc/PID/ns/pid),
 * or 0 when it cannot be read. */
uint64_t proc_read_pidns(pid_t pid);

/* Parents of PID, nearest first, stopping at pid 1 or ANCESTRY_MAX. */
void proc_read_ancestry(pid_t pid, struct ancestry *a);

/* Signalfds (a signalfd is "anon_inode:[signalfd]" in /proc/PID/fd):
 * is FD one now; the signals it reads (false: not one); EACH of PID's
 * with its mask, until EACH returns true; the one reading SIGNO, or -1. */
bool proc_is_signalfd(pid_t pid, int fd);
bool proc_signalfd_mask(pid_t pid, int fd, sigbits_t *mask);
void proc_each_signalfd(pid_t pid,
			bool (*each)(void *arg, int fd, sigbits_t mask),
			void *arg);
int proc_signalfd_of(pid_t pid, int signo);

#endif
