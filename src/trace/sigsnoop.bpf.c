/* SPDX-License-Identifier: MIT */
/*
 * sigsnoop.bpf.c - the kernel side of the bpf sender back end.  At
 * signal_generate, which runs in the sender's context at send time, copy
 * who sends which signal to which watched process: the sending thread and
 * process, its uid, comm and argv (its own memory, readable only now),
 * and its parents up the real_parent links, with the kernel's result.
 *
 * A raw tracepoint, not tp/signal/signal_generate: its arguments include
 * the target task, so the filter can be on the target's process (a
 * thread-directed signal names only a thread).  Only the kernel fields
 * used are declared below, with preserve_access_index: libbpf relocates
 * them against the running kernel's BTF (CO-RE), so the build needs no
 * vmlinux.h and the object runs on any kernel with BTF.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

#include "sigsnoop.h"

#define SI_USER 0
#define SI_KERNEL 0x80

struct mm_struct {
	unsigned long arg_start;
	unsigned long arg_end;
} __attribute__((preserve_access_index));

struct task_struct {
	int pid;
	int tgid;
	__u64 start_time;
	char comm[SIGSNOOP_COMM];
	struct task_struct *real_parent;
	struct task_struct *group_leader;
	struct mm_struct *mm;
} __attribute__((preserve_access_index));

struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
} __attribute__((preserve_access_index));

/* MIT, and GPL-compatible for the kernel's GPL-only helpers. */
char LICENSE[] SEC("license") = "Dual MIT/GPL";

/* sigtrace maps all of it (twice over, the kernel's way of letting a
 * record wrap), so its size is sigtrace's memory: room for more sends
 * than sender.c's ring keeps, at the record sizes of SIGSNOOP_SIZE. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, SIGSNOOP_RING);
} events SEC(".maps");

/* A record is made here, then only its used part is copied into the
 * ring: a record in the ring cannot shrink once reserved. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sigsnoop_event);
} scratch SEC(".maps");

/* target tgid -> 1 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SIGSNOOP_WATCH_MAX);
	__type(key, __u32);
	__type(value, __u8);
} watched SEC(".maps");

/* Sends not recorded because the ring buffer was full: a global, which
 * libbpf maps into sigtrace's memory (read without a system call). */
__u64 lost_sends = 0;

static void read_args(struct sigsnoop_event *e, struct task_struct *cur)
{
	struct mm_struct *mm = BPF_CORE_READ(cur, mm);
	unsigned long start, len;

	e->args_len = 0;
	if (!mm)
		return;		/* a kernel thread */
	start = BPF_CORE_READ(mm, arg_start);
	len = BPF_CORE_READ(mm, arg_end) - start;
	if (len > SIGSNOOP_ARGS) {
		len = SIGSNOOP_ARGS;
		e->args_truncated = 1;
	}
	if (len && bpf_probe_read_user(e->args, len, (void *)start) == 0)
		e->args_len = len;
}

static void read_chain(struct sigsnoop_event *e, struct task_struct *cur)
{
	struct task_struct *p = BPF_CORE_READ(cur, real_parent);

	e->ppid = BPF_CORE_READ(p, tgid);
	e->nchain = 0;
	for (int i = 0; i < SIGSNOOP_CHAIN; i++) {
		struct sigsnoop_link *l = &e->chain[i];

		l->tgid = BPF_CORE_READ(p, tgid);
		if (l->tgid == 0)
			break;	/* above init: the idle task */
		l->start_ns = BPF_CORE_READ(p, group_leader, start_time);
		BPF_CORE_READ_INTO(&l->comm, p, comm);
		e->nchain = i + 1;
		if (l->tgid == 1)
			break;
		p = BPF_CORE_READ(p, real_parent);
	}
}

SEC("raw_tp/signal_generate")
int on_signal_generate(struct bpf_raw_tracepoint_args *ctx)
{
	struct kernel_siginfo *info = (void *)ctx->args[1];
	struct task_struct *target = (void *)ctx->args[2];
	struct task_struct *cur;
	struct sigsnoop_event *e;
	__u32 tgid = BPF_CORE_READ(target, tgid), zero = 0;
	__u64 id, size;

	if (!bpf_map_lookup_elem(&watched, &tgid))
		return 0;
	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)
		return 0;
	cur = (void *)bpf_get_current_task();
	id = bpf_get_current_pid_tgid();
	e->mono_ns = bpf_ktime_get_ns();
	e->tid = (__u32)id;
	e->tgid = id >> 32;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->start_ns = BPF_CORE_READ(cur, group_leader, start_time);
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	e->sig = (int)ctx->args[0];
	/* as the tracepoint's own TP_STORE_SIGINFO: 0 and 1 are markers */
	if ((unsigned long)info == 0)
		e->code = SI_USER;
	else if ((unsigned long)info == 1)
		e->code = SI_KERNEL;
	else
		e->code = BPF_CORE_READ(info, si_code);
	e->group = (int)ctx->args[3];
	e->result = (int)ctx->args[4];
	e->target_tid = BPF_CORE_READ(target, pid);
	e->target_tgid = tgid;
	e->args_truncated = 0;
	e->args_len = 0;
	e->nchain = 0;
	e->ppid = 0;
	/* A process signalling itself is traced: the tracer knows it, and
	 * a signal storm must cost little. */
	if (e->tgid != tgid) {
		read_args(e, cur);
		read_chain(e, cur);
	}
	size = SIGSNOOP_SIZE(e->nchain, e->args_len);
	/* the verifier's bound; SIGSNOOP_SIZE never exceeds it */
	if (size > sizeof(*e))
		size = sizeof(*e);
	/* Nobody sleeps on the ring: sigtrace reads it at each delivery
	 * and tick.  A wakeup would be an interrupt per signal sent. */
	if (bpf_ringbuf_output(&events, e, size, BPF_RB_NO_WAKEUP) < 0)
		__sync_fetch_and_add(&lost_sends, 1);
	return 0;
}
