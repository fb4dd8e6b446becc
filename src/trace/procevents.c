/* SPDX-License-Identifier: MIT */
/*
 * procevents.c - a NETLINK_CONNECTOR socket joined to CN_IDX_PROC: the
 * kernel multicasts one message per fork, exec, comm change and exit of
 * every task on the machine.  Pids in those messages are of the initial
 * pid namespace, so the listener refuses to run in another one (the
 * caller falls back to scanning).  Joining needs CAP_NET_ADMIN on
 * current kernels.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
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

struct procevents {
	int sock;
};

/* An event names at least a type and a task (a pid and a tgid). */
#define EVENT_MIN (offsetof(struct proc_event, event_data) + 2 * sizeof(__u32))

/* The event is copied out of the message: in it, it sits at a 4-byte
 * boundary (after nlmsghdr and cn_msg), too little for its 64-bit
 * timestamp; a shorter one (an older kernel's) is zero-filled. */
static void one_event(const void *data, size_t len,
		      const struct procevents_ops *ops, void *ctx)
{
	struct proc_event e;

	memset(&e, 0, sizeof(e));
	memcpy(&e, data, len < sizeof(e) ? len : sizeof(e));
	if (ops->when)
		ops->when(ctx, e.timestamp_ns);
	switch (e.what) {
	case PROC_EVENT_FORK:
		if (ops->fork)
			ops->fork(ctx, e.event_data.fork.parent_tgid,
				  e.event_data.fork.child_pid,
				  e.event_data.fork.child_tgid);
		break;
	case PROC_EVENT_EXEC:
		if (ops->exec)
			ops->exec(ctx, e.event_data.exec.process_pid,
				  e.event_data.exec.process_tgid);
		break;
	case PROC_EVENT_COMM:
		if (ops->comm)
			ops->comm(ctx, e.event_data.comm.process_pid,
				  e.event_data.comm.process_tgid);
		break;
	case PROC_EVENT_EXIT:
		if (ops->exit)
			ops->exit(ctx, e.event_data.exit.process_pid,
				  e.event_data.exit.process_tgid,
				  (int)e.event_data.exit.exit_code);
		break;
	case PROC_EVENT_NONE:
		if (ops->ack)
			ops->ack(ctx, (int)e.event_data.ack.err);
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

	for (; NLMSG_OK(nh, left); nh = NLMSG_NEXT(nh, left)) {
		const struct cn_msg *cm = NLMSG_DATA(nh);
		size_t room = nh->nlmsg_len - NLMSG_HDRLEN;

		if (nh->nlmsg_type == NLMSG_ERROR ||
		    nh->nlmsg_type == NLMSG_NOOP || room < sizeof(*cm) ||
		    cm->id.idx != CN_IDX_PROC || cm->id.val != CN_VAL_PROC ||
		    cm->len < EVENT_MIN || cm->len > room - sizeof(*cm))
			continue;
		one_event(cm->data, cm->len, ops, ctx);
	}
}

void procevents_drain(struct procevents *pe,
		      const struct procevents_ops *ops, void *ctx)
{
	/* Aligned for the nlmsghdr and the 64-bit timestamp inside. */
	uint64_t buf[8192 / sizeof(uint64_t)];

	for (;;) {
		ssize_t n = recv(pe->sock, buf, sizeof(buf), MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == ENOBUFS) {
			if (ops->lost)
				ops->lost(ctx);
			continue;
		}
		if (n <= 0)
			return;
		procevents_parse(buf, (size_t)n, ops, ctx);
	}
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

struct procevents *procevents_open(char *why, size_t whylen)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK, .nl_groups = CN_IDX_PROC,
	};
	int sz = RCVBUF_BYTES, sock, err;
	struct procevents *pe;

	if (!initial_pid_ns()) {
		snprintf(why, whylen, "sigtrace runs in a pid namespace of its own, where the kernel's process events would name other pids");
		return NULL;
	}
	sock = socket(PF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
		      NETLINK_CONNECTOR);
	if (sock < 0) {
		snprintf(why, whylen, "no process events connector: %s",
			 strerror(errno));
		return NULL;
	}
	if (setsockopt(sock, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(sock, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (bind(sock, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		err = errno;
	else
		err = -mcast(sock, PROC_CN_MCAST_LISTEN);
	if (!err)
		err = listen_refused(sock);
	if (err) {
		snprintf(why, whylen, "cannot listen to process events: %s%s",
			 strerror(err), err == EPERM ?
			 " (it needs CAP_NET_ADMIN)" : "");
		close(sock);
		return NULL;
	}
	pe = xcalloc(1, sizeof(*pe));
	pe->sock = sock;
	return pe;
}

int procevents_fd(const struct procevents *pe)
{
	return pe->sock;
}

void procevents_close(struct procevents *pe)
{
	if (!pe)
		return;
	mcast(pe->sock, PROC_CN_MCAST_IGNORE);
	close(pe->sock);
	free(pe);
}
