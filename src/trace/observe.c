/* SPDX-License-Identifier: MIT */
/*
 * observe.c - the sender observer (sender.h) beside ptrace.  ptrace sees
 * the receiver; the observer sees senders at send time.  It is opened on
 * the traced pids and follows the traced processes.  A delivery from an
 * untraced sender is named from it; any other delivery claims its send
 * (no system call).  At each tick the sends that no delivery claimed are
 * settled: taken by sigwaitinfo or a signalfd (a `consumed` event), or
 * counted (ignored, merged with one already pending, dropped).  A send
 * that ptrace saw taken (consumed.c, spawn mode) was claimed then, and
 * is not reported twice.  A SIGKILL, which ptrace never shows, is
 * explained at the exit: its sender, the OOM killer, or nobody knows.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"
#include "sender.h"
#include "strbuf.h"
#include "trace_priv.h"

/* A send not claimed by a delivery after this long is settled: a
 * delivery-stop follows the dequeue by microseconds. */
#define SETTLE_NS 100000000u

int observe_open(struct tracer *T, const pid_t *pids, size_t npids)
{
	T->obs = sender_open(T->cfg.senders, pids, npids, T->senders_note,
			     sizeof(T->senders_note));
	if (!T->obs)
		return trace_fail(T->err, sizeof(T->err),
				  "--senders=%s cannot run here: %s",
				  sender_kind_name(T->cfg.senders),
				  T->senders_note);
	return 0;
}

void observe_close(struct tracer *T)
{
	sender_close(T->obs);
	T->obs = NULL;
}

void observe_describe(const struct tracer *T, struct ev_trace_start *s)
{
	if (!T->obs)
		return;
	snprintf(s->senders, sizeof(s->senders), "%s", sender_backend(T->obs));
	snprintf(s->senders_note, sizeof(s->senders_note), "%s",
		 T->senders_note);
}

void observe_watch(struct tracer *T, pid_t pid)
{
	if (T->obs)
		sender_watch(T->obs, pid);
}

void observe_unwatch(struct tracer *T, pid_t pid)
{
	if (T->obs)
		sender_unwatch(T->obs, pid);
}

static const char *chain_end(enum sender_chain_end end)
{
	/* the observer is sigtrace: say so */
	return end == SENDER_CHAIN_OBSERVER ? "tracer" :
		end == SENDER_CHAIN_UNKNOWN ? "" : sender_chain_end_name(end);
}

/* S as the event's sender.  Its uid stays the kernel's si_uid when the
 * caller has one. */
static void to_sender(const struct sender_info *s, struct proc_ident *id,
		      struct ancestry *a)
{
	id->pid = s->who.pid;
	if (s->who.has_uid)
		id->uid = s->who.uid;
	memcpy(id->comm, s->who.comm, sizeof(id->comm));
	id->cmdline = s->who.cmdline;
	id->known = id->comm[0] || id->cmdline.len;
	snprintf(id->source, sizeof(id->source), "%s", s->source);
	switch (sender_now(&s->who)) {
	case SENDER_NOW_ALIVE:
		id->gone = s->who.exited;
		id->zombie = false;
		break;
	case SENDER_NOW_ZOMBIE:
		id->gone = id->zombie = true;
		break;
	default:
		id->gone = true;
		id->zombie = false;
	}
	a->count = s->chain_len < ANCESTRY_MAX ? s->chain_len : ANCESTRY_MAX;
	for (size_t i = 0; i < a->count; i++) {
		a->link[i].pid = s->chain[i].pid;
		memcpy(a->link[i].comm, s->chain[i].comm,
		       sizeof(a->link[i].comm));
	}
	snprintf(a->end, sizeof(a->end), "%s", chain_end(s->chain_end));
}

static struct sender_query query_of(const struct tracee *t, int signo,
				    pid_t from, uint64_t now)
{
	struct sender_query q = { .signo = signo, .tgid = t->proc->pid,
				  .tid = t->tid, .from_pid = from,
				  .at_ns = now };
	return q;
}

bool observe_sender(struct tracer *T, struct tracee *t, struct ev_signal *sig,
		    uint64_t now)
{
	struct sender_query q = query_of(t, sig->signo, sig->sender.pid, now);
	struct sender_info s;

	if (!T->obs || !sender_lookup(T->obs, &q, &s))
		return false;
	to_sender(&s, &sig->sender, &sig->sender_chain);
	sig->sent_mono_ns = s.sent_ns;
	return true;
}

bool observe_taken(struct tracer *T, struct tracee *t, struct ev_signal *sig,
		   uint64_t now)
{
	struct sender_query q = query_of(t, sig->signo, 0, now);
	struct sender_info s;

	if (!T->obs || !sender_sees_sends(T->obs) ||
	    !sender_lookup(T->obs, &q, &s) || !s.has_result)
		return false;
	sig->code = s.code;
	sig->sent_mono_ns = s.sent_ns;
	sig->has_sender = s.who.pid > 0;
	if (sig->has_sender)
		to_sender(&s, &sig->sender, &sig->sender_chain);
	return true;
}

const struct sender_info *observe_claim(struct tracer *T, struct tracee *t,
				       const struct ev_signal *sig,
				       uint64_t now)
{
	/* si_pid names the sender only for kill/sigqueue/tgkill: a SIGCHLD
	 * names the child, sent by the exiting child or by the tracer
	 * that reaps it. */
	struct sender_query q = query_of(t, sig->signo,
					 sig->has_sender && sig->code <= 0 ?
					 sig->sender.pid : 0, now);

	return T->obs ? sender_claim(T->obs, &q) : NULL;
}

bool observe_sent_elsewhere(struct tracer *T, const struct tracee *t,
			    const struct ev_signal *sig)
{
	if (!T->obs || !sig->has_sender || sig->sender.pid <= 0)
		return true;
	return sender_sent_elsewhere(T->obs, sig->signo, sig->sender.pid,
				     t->proc->pid);
}

/* The traced process a send went to, or NULL. */
static struct process *target_of(struct tracer *T, const struct sender_info *s)
{
	struct tracee *t;

	if (s->target_tgid > 0)
		return process_find(T, s->target_tgid);
	t = tracee_find(T, s->target_tid);
	return t ? t->proc : process_find(T, s->target_tid);
}

static bool pending_in(pid_t pid, pid_t tid, int signo)
{
	struct proc_status st;

	if (proc_read_status(pid, 0, &st) == 0 &&
	    (st.shared_pending & SIGBIT(signo)))
		return true;
	return tid != pid && proc_read_status(pid, tid, &st) == 0 &&
		(st.pending & SIGBIT(signo));
}

/* Leave S unsettled for now: still pending (blocked), or a SIGKILL the
 * exit will claim. */
/* Is a thread of P inside a call that may take SIGNO, its exit stop
 * still to come (consumed.c)?  Then that stop settles the send. */
static bool taking_call(struct tracer *T, const struct process *p, int signo)
{
	for (unsigned b = 0; b < TABLE_BUCKETS; b++)
		for (struct tracee *t = T->tracees[b]; t; t = t->next)
			if (t->proc == p && t->cc && t->cc->pending &&
			    (t->cc->awaits & SIGBIT(signo)))
				return true;
	return false;
}

static bool keep_send(void *ctx, const struct sender_info *s)
{
	struct tracer *T = ctx;
	struct process *p = target_of(T, s);

	if (!p || (s->has_result && s->result != SENDER_RES_DELIVERED &&
		   s->result != SENDER_RES_LOSE_INFO))
		return false;
	if (s->signo == SIGKILL || taking_call(T, p, s->signo))
		return true;
	return pending_in(p->pid, s->target_tid, s->signo);
}

/* A thread of PID waiting in rt_sigtimedwait: "sigtimedwait" with a
 * time limit, "sigwaitinfo" (or sigwait) without one; NULL when none. */
static const char *waits_for_signals(pid_t pid)
{
	const char *found = NULL;
	char path[300];
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
	dir = opendir(path);
	while (dir && !found && (d = readdir(dir))) {
		struct strbuf sb = STRBUF_INIT;
		unsigned long long timeout;
		const char *name;
		long nr;

		snprintf(path, sizeof(path), "/proc/%d/task/%s/syscall",
			 (int)pid, d->d_name);
		/* "NR ARG1 ARG2 ARG3 ...": the third is the time limit. */
		if (d->d_name[0] != '.' && sb_read_file(&sb, path) == 0 &&
		    sscanf(sb.buf, "%ld %*x %*x %llx", &nr, &timeout) == 2) {
			name = arch_abi_syscall_name(ARCH_ABI_NATIVE, nr);
			if (name && strcmp(name, "rt_sigtimedwait") == 0)
				found = timeout ? "sigtimedwait" :
					"sigwaitinfo";
		}
		sb_free(&sb);
	}
	if (dir)
		closedir(dir);
	return found;
}

static void emit_consumed(struct tracer *T, struct process *p,
			  const struct sender_info *s)
{
	struct ev_signal *sig;
	const char *by;
	struct event e;

	event_init(&e, EV_CONSUMED);
	trace_stamp(&e, p, s->target_tid > 0 && tracee_find(T, s->target_tid) ?
		    s->target_tid : p->pid);
	sig = &e.u.sig;
	sig->signo = s->signo;
	sig->code = s->code;
	sig->syscall = -1;
	sig->sent_mono_ns = s->sent_ns;
	sig->has_sender = s->who.pid > 0;
	if (sig->has_sender)
		to_sender(s, &sig->sender, &sig->sender_chain);
	sig->consumed_fd = proc_signalfd_of(p->pid, s->signo);
	if (sig->consumed_fd >= 0)
		by = "signalfd";
	else
		by = waits_for_signals(p->pid);
	snprintf(sig->consumed_by, sizeof(sig->consumed_by), "%s",
		 by ? by : "");
	T->sends.consumed++;
	p->taken |= SIGBIT(s->signo);
	trace_emit(T, p, &e);
}

static void settle(struct tracer *T, struct process *p,
		   const struct sender_info *s)
{
	switch (s->has_result ? s->result : SENDER_RES_DELIVERED) {
	case SENDER_RES_IGNORED:
		T->sends.ignored++;
		return;
	case SENDER_RES_ALREADY_PENDING:
		T->sends.merged++;
		return;
	case SENDER_RES_OVERFLOW:
		T->sends.dropped++;
		return;
	default:
		break;
	}
	/* The trap of sigtrace's own single-step is ptrace's, not the
	 * program's. */
	if (s->signo == SIGTRAP && s->who.pid == p->pid)
		return;
	emit_consumed(T, p, s);
}

/* Settle the unclaimed sends made before OLDER_THAN that KEEP lets go. */
static void settle_sends(struct tracer *T, uint64_t older_than,
			 sender_keep_fn keep, void *ctx)
{
	struct sender_info s;

	sender_drain(T->obs);
	while (sender_next_unmatched(T->obs, older_than, keep, ctx, &s)) {
		struct process *p = target_of(T, &s);

		if (p)		/* else: not traced (any more) */
			settle(T, p, &s);
	}
}

void observe_tick(struct tracer *T)
{
	uint64_t now = trace_now();
	siginfo_t si;

	if (!T->obs || !sender_sees_sends(T->obs) || now < SETTLE_NS)
		return;
	/* A stop waiting to be collected may be the delivery of a send:
	 * settle only when none is. */
	memset(&si, 0, sizeof(si));
	if (waitid(P_ALL, 0, &si, WEXITED | WSTOPPED | WNOHANG | WNOWAIT |
		   __WALL) == 0 && si.si_pid != 0)
		return;
	settle_sends(T, now - SETTLE_NS, keep_send, T);
}

/* Sends to processes other than the one ending wait for a tick. */
static bool keep_others(void *ctx, const struct sender_info *s)
{
	const struct process *ending = ctx;

	return s->target_tgid > 0 ? s->target_tgid != ending->pid :
		s->target_tid != ending->pid;
}

void observe_process_end(struct tracer *T, struct process *p)
{
	if (T->obs && sender_sees_sends(T->obs))
		settle_sends(T, trace_now() + 1, keep_others, p);
}

void observe_finish(struct tracer *T)
{
	if (T->obs && sender_sees_sends(T->obs))
		settle_sends(T, trace_now() + 1, keep_send, T);
}

void observe_kill(struct tracer *T, struct process *p, struct ev_exit *x)
{
	struct sender_query q = { .signo = SIGKILL, .tgid = p->pid,
				  .tid = p->pid, .at_ns = trace_now() };
	struct sender_info s;

	if (T->obs && sender_sees_sends(T->obs) && sender_lookup(T->obs, &q, &s)) {
		x->has_sender = s.who.pid > 0;
		if (x->has_sender)
			to_sender(&s, &x->sender, &x->sender_chain);
	}
	snprintf(x->kill_cause, sizeof(x->kill_cause), "%s",
		 oom_happened(&p->oom) ? "oom_killer" :
		 x->has_sender ? "sender" : "unknown");
}

void observe_counts(struct tracer *T, struct ev_trace_end *end)
{
	struct sender_stats st;

	/* Spawn mode sees what its programs take (consumed.c). */
	end->has_sends = !T->attach || T->sends.consumed;
	end->consumed = T->sends.consumed;
	if (!T->obs || !sender_sees_sends(T->obs))
		return;
	sender_get_stats(T->obs, &st);
	end->has_sends = end->sends_seen = true;
	end->ignored = T->sends.ignored;
	end->merged = T->sends.merged;
	end->dropped = T->sends.dropped;
	end->lost = st.lost;
}
