/* SPDX-License-Identifier: MIT */
/*
 * sigsnoop.h - the record that the BPF program (sigsnoop.bpf.c) writes
 * into its ring buffer at each signal_generate of a watched process, and
 * that sender_bpf.c reads.  One layout for both sides: fixed-size types.
 */
#ifndef SIGTRACE_SIGSNOOP_H
#define SIGTRACE_SIGSNOOP_H

#include <linux/types.h>

#define SIGSNOOP_COMM 16	/* TASK_COMM_LEN */
#define SIGSNOOP_ARGS 512	/* bytes of the sender's argv kept */
#define SIGSNOOP_CHAIN 8	/* parents kept, nearest first */
#define SIGSNOOP_WATCH_MAX 8192	/* watched processes */
/* The ring buffer's bytes (a power of two, pages): a record of a sender
 * with its parents and a short command line is about 400 bytes, of a
 * process signalling itself (no parents, no arguments) 80. */
#define SIGSNOOP_RING (128 << 10)

struct sigsnoop_link {
	__u32 tgid;
	__u32 pad;
	__u64 start_ns;		/* CLOCK_MONOTONIC */
	char comm[SIGSNOOP_COMM];
};

struct sigsnoop_event {
	__u64 mono_ns;		/* the send, CLOCK_MONOTONIC */
	__u64 start_ns;		/* the sending process's start */
	__u32 tid;		/* sending thread */
	__u32 tgid;
	__u32 ppid;
	__u32 uid;		/* real uid, as si_uid */
	__s32 sig;
	__s32 code;
	__s32 group;
	__s32 result;
	__u32 target_tid;
	__u32 target_tgid;
	__u32 args_len;		/* bytes in args */
	__u32 args_truncated;
	__u32 nchain;
	__u32 pad;
	char comm[SIGSNOOP_COMM];
	struct sigsnoop_link chain[SIGSNOOP_CHAIN];
	char args[SIGSNOOP_ARGS];	/* NUL-separated, as /proc cmdline */
};

/* The bytes of a record that are used, which is what the ring holds of
 * it: the parents and the arguments it has.  The reader zero-fills the
 * rest. */
#define SIGSNOOP_SIZE(nchain, args_len)					\
	((nchain) == 0 && (args_len) == 0 ?				\
	 __builtin_offsetof(struct sigsnoop_event, chain) :			\
	 __builtin_offsetof(struct sigsnoop_event, args) + (args_len))

#endif
