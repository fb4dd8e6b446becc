/* SPDX-License-Identifier: MIT */
/*
 * procevents.c - a NETLINK_CONNECTOR socket joined to CN_IDX_PROC: the
 * kernel multicasts one message per fork, exec, comm change and exit of
 * every task on the machine.  Pids in those messages are of the initial
 * pid namespace, so the listener refuses to run in another one (the
 * caller falls back to scanning).  Joining needs CAP_NET_ADMIN on
 * current kernels.
 *
 * A classic BPF socket filter (no privilege needed) keeps only the
 * events asked for: a busy machine's threads and its uid, sid, ptrace
 * and coredump events never wake the listener.  Lazy events get a
 * socket of their own, which nobody polls: a drain reads both and
 * merges them by their kernel timestamps.
 */
#define _GNU_SOURCE	/* recvmmsg */
#include <errno.h>
#include <fcntl.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "procevents.h"
#include "xmalloc.h"

/* The inode of the initial pid namespace (include/linux/proc_ns.h). */
#define PROC_PID_INIT_INO 0xEFFFFFFCu
/* Room for bursts: a fork storm on the machine must not overrun it
 * while sigtrace is busy with a stop (FORCE needs CAP_NET_ADMIN, which
 * joining needs anyway). */
#define RCVBUF_BYTES (4 << 20)
/* Datagrams taken per recvmmsg, and the room for each: one event is
 * 76 bytes today. */
#define BATCH 32
#define DGRAM_ROOM 256

/* One socket and its receive buffers. */
struct inbox {
	int sock;		/* -1: none */
	struct mmsghdr msg[BATCH];
	struct iovec iov[BATCH];
	/* Aligned for the nlmsghdr and the 64-bit timestamp inside. */
	uint64_t buf[BATCH][DGRAM_ROOM / sizeof(uint64_t)];
};

struct procevents {
	struct inbox prompt;	/* wakes the caller */
	struct inbox lazy;	/* read when the prompt one is */
	struct proc_event ev[2 * BATCH];	/* a drain's, in time order */
};

/* An event names at least a type and a task (a pid and a tgid). */
#define EVENT_MIN (offsetof(struct proc_event, event_data) + 2 * sizeof(__u32))

/* Where a datagram's event starts, for the socket filter. */
#define AT (NLMSG_HDRLEN + sizeof(struct cn_msg))
#define AT_OF(field) (AT + offsetof(struct proc_event, field))

/* The event of the message NH, copied out: in it, it sits at a 4-byte
 * boundary (after nlmsghdr and cn_msg), too little for its 64-bit
 * timestamp; a shorter one (an older kernel's) is zero-filled.  false
 * when the message is not a process event. */
static bool event_of(const struct nlmsghdr *nh, struct proc_event *e)
{
	const struct cn_msg *cm = NLMSG_DATA(nh);
	size_t room = nh->nlmsg_len - NLMSG_HDRLEN;

	if (nh->nlmsg_type == NLMSG_ERROR || nh->nlmsg_type == NLMSG_NOOP ||
	    room < sizeof(*cm) || cm->id.idx != CN_IDX_PROC ||
	    cm->id.val != CN_VAL_PROC || cm->len < EVENT_MIN ||
	    cm->len > room - sizeof(*cm))
		return false;
	memset(e, 0, sizeof(*e));
	memcpy(e, cm->data, cm->len < sizeof(*e) ? cm->len : sizeof(*e));
	return true;
}

static void one_event(const struct proc_event *e,
		      const struct procevents_ops *ops, void *ctx)
{
	if (ops->when)
		ops->when(ctx, e->timestamp_ns);
	switch (e->what) {
	case PROC_EVENT_FORK:
		if (ops->fork)
			ops->fork(ctx, e->event_data.fork.parent_tgid,
				  e->event_data.fork.child_pid,
				  e->event_data.fork.child_tgid);
		break;
	case PROC_EVENT_EXEC:
		if (ops->exec)
			ops->exec(ctx, e->event_data.exec.process_pid,
				  e->event_data.exec.process_tgid);
		break;
	case PROC_EVENT_COMM:
		if (ops->comm) {
			char name[sizeof(e->event_data.comm.comm) + 1];

			memcpy(name, e->event_data.comm.comm, sizeof(name) - 1);
			name[sizeof(name) - 1] = '\0';
			ops->comm(ctx, e->event_data.comm.process_pid,
				  e->event_data.comm.process_tgid, name);
		}
		break;
	case PROC_EVENT_EXIT:
		if (ops->exit)
			ops->exit(ctx, e->event_data.exit.process_pid,
				  e->event_data.exit.process_tgid,
				  (int)e->event_data.exit.exit_code);
		break;
	case PROC_EVENT_NONE:
		if (ops->ack)
			ops->ack(ctx, (int)e->event_data.ack.err);
		break;
	default:
		break;
	}
}

void procevents_parse(const void *buf, size_t len,
		      const struct procevents_ops *ops, void *ctx)
{
	const struct nlmsghdr *nh = buf;
	int left = len > INT32_MAX ? INT32_MAX : (int)len;
	struct proc_event e;

	for (; NLMSG_OK(nh, left); nh = NLMSG_NEXT(nh, left))
		if (event_of(nh, &e))
			one_event(&e, ops, ctx);
}

/* --- the kernel-side filter --- */

/* A jump of the filter to an absolute instruction TO from instruction
 * AT (jumps count from the next one). */
#define REL(to, at) ((__u8)((to) - (at) - 1))

int procevents_filter(int sock, unsigned want)
{
	/* Instructions the jumps land on (jumps go forward only). */
	enum { FORK_CHECK = 6, PID_CHECK = 10, ACCEPT = 14, DROP = 15 };
	const __u8 fork_to = want & PROCEVENTS_FORK ? FORK_CHECK : DROP;
	const __u8 exec_to = want & PROCEVENTS_EXEC ? ACCEPT : DROP;
	const __u8 comm_to = want & PROCEVENTS_COMM ? PID_CHECK : DROP;
	const __u8 exit_to = want & PROCEVENTS_EXIT ? PID_CHECK : DROP;
	/* Absolute loads read big-endian: the kernel's host-order words
	 * are compared with their byte-swapped constants.  Too short a
	 * datagram ends the filter with a drop. */
	struct sock_filter code[] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, AT_OF(what)),
		/* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 htonl(PROC_EVENT_NONE), REL(ACCEPT, 1), 0),
		/* 2 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 htonl(PROC_EVENT_EXEC), REL(exec_to, 2), 0),
		/* 3 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 htonl(PROC_EVENT_FORK), REL(fork_to, 3), 0),
		/* 4 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 htonl(PROC_EVENT_COMM), REL(comm_to, 4), 0),
		/* 5 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 htonl((__u32)PROC_EVENT_EXIT), REL(exit_to, 5),
				 REL(DROP, 5)),
		/* 6 FORK_CHECK: a process, not a thread */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 AT_OF(event_data.fork.child_pid)),
		/* 7 */ BPF_STMT(BPF_MISC | BPF_TAX, 0),
		/* 8 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 AT_OF(event_data.fork.child_tgid)),
		/* 9 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_X, 0,
				 REL(ACCEPT, 9), REL(DROP, 9)),
		/* 10 PID_CHECK: the main thread (comm and exit alike) */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 AT_OF(event_data.exit.process_pid)),
		/* 11 */ BPF_STMT(BPF_MISC | BPF_TAX, 0),
		/* 12 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				  AT_OF(event_data.exit.process_tgid)),
		/* 13 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_X, 0,
				  REL(ACCEPT, 13), REL(DROP, 13)),
		/* 14 ACCEPT */ BPF_STMT(BPF_RET | BPF_K, 0xffffffffu),
		/* 15 DROP */ BPF_STMT(BPF_RET | BPF_K, 0),
	};
	const struct sock_fprog prog = {
		.len = sizeof(code) / sizeof(code[0]), .filter = code,
	};

	_Static_assert(offsetof(struct proc_event, event_data.comm.process_pid) ==
		       offsetof(struct proc_event, event_data.exit.process_pid) &&
		       offsetof(struct proc_event, event_data.comm.process_tgid) ==
		       offsetof(struct proc_event, event_data.exit.process_tgid),
		       "comm and exit events name their task alike");
	return setsockopt(sock, SOL_SOCKET, SO_ATTACH_FILTER, &prog,
			  sizeof(prog)) < 0 ? -errno : 0;
}

/* --- reading --- */

static void inbox_init(struct inbox *in, int sock)
{
	in->sock = sock;
	for (int i = 0; i < BATCH; i++) {
		in->iov[i].iov_base = in->buf[i];
		in->iov[i].iov_len = sizeof(in->buf[i]);
		in->msg[i].msg_hdr.msg_iov = &in->iov[i];
		in->msg[i].msg_hdr.msg_iovlen = 1;
	}
}

/* What waits in IN, up to a batch, appended to PE's events; the number
 * of datagrams read. */
static int receive(struct procevents *pe, struct inbox *in, size_t *nev,
		   const struct procevents_ops *ops, void *ctx)
{
	int n;

	if (in->sock < 0)
		return 0;
	for (;;) {
		n = recvmmsg(in->sock, in->msg, BATCH, MSG_DONTWAIT, NULL);
		if (n >= 0)
			break;
		if (errno == ENOBUFS && ops->lost)
			ops->lost(ctx);
		else if (errno != EINTR && errno != ENOBUFS)
			return 0;
	}
	for (int i = 0; i < n; i++) {
		const struct nlmsghdr *nh = (const void *)in->buf[i];
		int left = (int)in->msg[i].msg_len;

		for (; NLMSG_OK(nh, left) && *nev < 2 * BATCH;
		     nh = NLMSG_NEXT(nh, left))
			if (event_of(nh, &pe->ev[*nev]))
				(*nev)++;
	}
	return n;
}

/* In the order the kernel made them (each socket's are nearly so
 * already); stable, for events of the same nanosecond. */
static void sort_by_time(struct proc_event *ev, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct proc_event e = ev[i];
		size_t j = i;

		for (; j > 0 && ev[j - 1].timestamp_ns > e.timestamp_ns; j--)
			ev[j] = ev[j - 1];
		ev[j] = e;
	}
}

/* A batch from each socket at a time; a batch shorter than full means
 * the socket was empty when read, so the drain ends without another
 * (empty) read. */
void procevents_drain(struct procevents *pe,
		      const struct procevents_ops *ops, void *ctx)
{
	int prompt, lazy;

	do {
		size_t n = 0;

		prompt = receive(pe, &pe->prompt, &n, ops, ctx);
		lazy = receive(pe, &pe->lazy, &n, ops, ctx);
		sort_by_time(pe->ev, n);
		for (size_t i = 0; i < n; i++)
			one_event(&pe->ev[i], ops, ctx);
	} while (prompt == BATCH || lazy == BATCH);
}

static int mcast(int sock, enum proc_cn_mcast_op op)
{
	struct {
		struct nlmsghdr nh;
		struct cn_msg cm;
		enum proc_cn_mcast_op op;
	} __attribute__((packed)) msg;

	memset(&msg, 0, sizeof(msg));
	msg.nh.nlmsg_len = sizeof(msg);
	msg.nh.nlmsg_type = NLMSG_DONE;
	msg.cm.id.idx = CN_IDX_PROC;
	msg.cm.id.val = CN_VAL_PROC;
	msg.cm.len = sizeof(op);
	msg.op = op;
	return send(sock, &msg, sizeof(msg), 0) < 0 ? -errno : 0;
}

static void take_ack(void *ctx, int err)
{
	*(int *)ctx = err;
}

/* The kernel answers the request with an ack event, already queued
 * when send() returns: its error, or 0 (no ack: an older kernel). */
static int listen_refused(int sock)
{
	const struct procevents_ops ops = { .ack = take_ack };
	uint64_t buf[8192 / sizeof(uint64_t)];
	int err = 0;
	ssize_t n;

	while ((n = recv(sock, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		procevents_parse(buf, (size_t)n, &ops, &err);
	return err;
}

static bool initial_pid_ns(void)
{
	struct stat st;

	/* Unknown (no /proc/self/ns): let the kernel decide. */
	return stat("/proc/self/ns/pid", &st) < 0 ||
		st.st_ino == PROC_PID_INIT_INO;
}

/* A socket joined to the connector, filtered to WANT; -1 with WHY. */
static int listener(unsigned want, char *why, size_t whylen)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK, .nl_groups = CN_IDX_PROC,
	};
	int sz = RCVBUF_BYTES, sock, err;

	sock = socket(PF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
		      NETLINK_CONNECTOR);
	if (sock < 0) {
		snprintf(why, whylen, "no process events connector: %s",
			 strerror(errno));
		return -1;
	}
	if (setsockopt(sock, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	/* Filtered before it joins: no unwanted event is ever queued. */
	if ((err = -procevents_filter(sock, want)) == 0 &&
	    bind(sock, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		err = errno;
	if (!err)
		err = -mcast(sock, PROC_CN_MCAST_LISTEN);
	if (!err)
		err = listen_refused(sock);
	if (err) {
		snprintf(why, whylen, "cannot listen to process events: %s%s",
			 strerror(err), err == EPERM ?
			 " (it needs CAP_NET_ADMIN)" : "");
		close(sock);
		return -1;
	}
	return sock;
}

static void unlisten(int sock)
{
	if (sock < 0)
		return;
	mcast(sock, PROC_CN_MCAST_IGNORE);
	close(sock);
}

struct procevents *procevents_open(unsigned want, unsigned lazy, char *why,
				   size_t whylen)
{
	struct procevents *pe;
	int prompt, later = -1;

	if (!initial_pid_ns()) {
		snprintf(why, whylen, "sigtrace runs in a pid namespace of its own, where the kernel's process events would name other pids");
		return NULL;
	}
	lazy &= want;
	if ((prompt = listener(want & ~lazy, why, whylen)) < 0)
		return NULL;
	if (lazy && (later = listener(lazy, why, whylen)) < 0) {
		unlisten(prompt);
		return NULL;
	}
	pe = xcalloc(1, sizeof(*pe));
	inbox_init(&pe->prompt, prompt);
	inbox_init(&pe->lazy, later);
	return pe;
}

int procevents_fd(const struct procevents *pe)
{
	return pe->prompt.sock;
}

void procevents_close(struct procevents *pe)
{
	if (!pe)
		return;
	unlisten(pe->prompt.sock);
	unlisten(pe->lazy.sock);
	free(pe);
}
