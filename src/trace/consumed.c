/* SPDX-License-Identifier: MIT */
/*
 * consumed.c - signals a program takes without a delivery, seen by
 * ptrace alone (spawn mode, no privilege): sigwaitinfo, sigtimedwait and
 * sigwait (rt_sigtimedwait), and reads of a signalfd.  No delivery-stop
 * ever shows them, so the seccomp filter stops these calls and their
 * exit stop tells which signal was taken; the siginfo the program got
 * names the sender as a delivery's would (deliver_sender), and claims
 * the kernel observer's send, so the observer reports it no second time.
 *
 * The filter is fixed at exec and cannot know which descriptors are
 * signalfds: it stops every read() of exactly one signalfd_siginfo (128
 * bytes: what sd-event, tokio's helpers and the glibc manual read), and
 * only a read on a descriptor learnt from signalfd/signalfd4 (in this
 * process, or a traced parent before a fork) waits for its exit.  close
 * and dup2 are not stopped (a stop for each would cost every program),
 * so a reused number is caught at the read: the data must look like a
 * signalfd_siginfo of a signal in the descriptor's mask, /proc/PID/fd/FD
 * must still be a signalfd, and the first read of each descriptor
 * takes the mask from /proc/PID/fdinfo/FD.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "origin.h"
#include "proc.h"
#include "siginfo.h"
#include "strbuf.h"
#include "tracee_mem.h"
#include "trace_priv.h"
#include "xmalloc.h"

/* SFD_CLOEXEC is O_CLOEXEC: the same on x86 and arm64. */
#define SFD_CLOEXEC_FLAG 02000000

enum call {
	CALL_WAIT,
	CALL_WAIT_TIME64,
	CALL_SIGNALFD,
	CALL_SIGNALFD4,
	CALL_READ,
	CALL__COUNT
};

static const char *const call_names[CALL__COUNT] = {
	"rt_sigtimedwait", "rt_sigtimedwait_time64", "signalfd", "signalfd4",
	"read",
};

#define ABIS_MAX 4

/* Which of ours NR of ABI is, or -1 (the numbers looked up once). */
static int call_of(int abi, long nr)
{
	static long nrs[ABIS_MAX][CALL__COUNT];
	static bool known[ABIS_MAX];

	if (abi < 0 || abi >= ABIS_MAX || abi >= arch_abi_count || nr < 0)
		return -1;
	if (!known[abi]) {
		for (int c = 0; c < CALL__COUNT; c++)
			nrs[abi][c] = arch_abi_syscall_number(abi,
							      call_names[c]);
		known[abi] = true;
	}
	for (int c = 0; c < CALL__COUNT; c++)
		if (nrs[abi][c] == nr)
			return c;
	return -1;
}

/* P's signalfd FD, or NULL; a close-on-exec one of an earlier program
 * is forgotten. */
static struct sigfd_entry *sigfd_find(struct process *p, int fd)
{
	for (int i = 0; p->sigfds && i < SIGFD_MAX; i++) {
		struct sigfd_entry *e = &p->sigfds[i];

		if (!e->used || e->fd != fd)
			continue;
		if (e->cloexec && e->exec_ns != p->model->exec_ns) {
			e->used = false;
			return NULL;
		}
		return e;
	}
	return NULL;
}

static struct sigfd_entry *sigfd_add(struct process *p, int fd)
{
	struct sigfd_entry *e = sigfd_find(p, fd);

	/* Few processes make one: the table comes with the first. */
	if (!p->sigfds)
		p->sigfds = xcalloc(SIGFD_MAX, sizeof(*p->sigfds));
	for (int i = 0; !e && i < SIGFD_MAX; i++)
		if (!p->sigfds[i].used)
			e = &p->sigfds[i];
	if (!e)		/* more than SIGFD_MAX: the oldest goes */
		e = &p->sigfds[p->sigfd_next++ % SIGFD_MAX];
	memset(e, 0, sizeof(*e));
	e->used = true;
	e->fd = fd;
	e->exec_ns = p->model->exec_ns;
	return e;
}

/* FD of P as a signalfd: its own, or one a traced ancestor had (a fork
 * inherits the descriptors), taken over unverified. */
static struct sigfd_entry *sigfd_known(struct tracer *T, struct process *p,
				       int fd)
{
	struct sigfd_entry *e = sigfd_find(p, fd);
	struct process *q = p;

	for (int depth = 0; !e && depth < 8 && q->parent > 0; depth++) {
		const struct sigfd_entry *up;

		q = process_find(T, q->parent);
		if (!q)
			break;
		up = sigfd_find(q, fd);
		/* A close-on-exec one did not survive P's own exec. */
		if (!up || (up->cloexec && up->exec_ns != p->model->exec_ns))
			continue;
		e = sigfd_add(p, fd);
		e->cloexec = up->cloexec;
		e->mask = up->mask;
		e->exec_ns = up->exec_ns;
	}
	return e;
}

static struct taken_info info_of_siginfo(const siginfo_t *si)
{
	struct taken_info ti = {
		.signo = si->si_signo, .code = si->si_code,
		.err = si->si_errno, .pid = si->si_pid, .uid = (int)si->si_uid,
		.word = si->si_signo == SIGCHLD ? si->si_status :
			si->si_value.sival_int,
	};
	return ti;
}

/* sigwaitinfo(set, NULL) returns the signal alone: its siginfo can only
 * be seen while it is still queued, at the call. */
static void peek_queued(struct tracee *t, struct consume_call *c)
{
	siginfo_t si[TAKEN_PEEK_MAX];

	for (int shared = 0; shared < 2 && c->npeek < TAKEN_PEEK_MAX;
	     shared++) {
		struct __ptrace_peeksiginfo_args a = {
			.off = 0,
			.flags = shared ? PTRACE_PEEKSIGINFO_SHARED : 0,
			.nr = (int32_t)(TAKEN_PEEK_MAX - c->npeek),
		};
		long n = ptrace(PTRACE_PEEKSIGINFO, t->tid, &a, si);

		for (long i = 0; i < n; i++)
			c->peek[c->npeek++] = info_of_siginfo(&si[i]);
	}
}

bool consumed_entry(struct tracer *T, struct tracee *t,
		    const struct arch_syscall_state *st)
{
	int call = call_of(st->abi, st->nr);
	struct sigfd_entry *e = NULL;
	struct consume_call *c;

	if (call < 0 || (call == CALL_READ &&
			 (st->args[2] != K_SIGNALFD_SIGINFO_SIZE ||
			  !(e = sigfd_known(T, t->proc, (int)st->args[0]))))) {
		if (t->cc)	/* nothing of an earlier call is pending */
			t->cc->pending = false;
		return false;	/* a plain read: resumed at once */
	}
	/* Kept for the thread's next call: few threads make them. */
	if (!t->cc)
		t->cc = xmalloc(sizeof(*t->cc));
	c = t->cc;
	memset(c, 0, sizeof(*c));
	c->awaits = ~(sigbits_t)0;	/* unless its set says less */
	if (e && e->mask)
		c->awaits = e->mask;
	if ((call == CALL_WAIT || call == CALL_WAIT_TIME64) &&
	    tracee_read(t->tid, st->args[0], &c->awaits,
			sizeof(c->awaits)) < 0)
		c->awaits = ~(sigbits_t)0;
	c->pending = true;
	c->call = call;
	c->abi = st->abi;
	c->nr = st->nr;
	memcpy(c->args, st->args, sizeof(c->args));
	if ((call == CALL_SIGNALFD || call == CALL_SIGNALFD4) &&
	    (st->args[2] != sizeof(c->mask) ||
	     tracee_read(t->tid, st->args[1], &c->mask, sizeof(c->mask)) < 0))
		c->mask = 0;	/* fdinfo will say */
	if ((call == CALL_WAIT || call == CALL_WAIT_TIME64) && !st->args[1])
		peek_queued(t, c);
	t->cur_nr = st->nr;
	t->cur_abi = st->abi;
	t->in_syscall = true;
	return true;
}

static bool learn_one(void *arg, int fd, sigbits_t mask)
{
	struct sigfd_entry *e = sigfd_add(arg, fd);

	e->verified = true;
	e->mask = mask;
	return false;
}

void consumed_learn_signalfds(struct process *p)
{
	proc_each_signalfd(p->pid, learn_one, p);
}

sigbits_t consumed_absorbed(struct process *p, sigbits_t blocked)
{
	sigbits_t read = 0;

	for (int i = 0; p->sigfds && i < SIGFD_MAX; i++)
		if (sigfd_find(p, p->sigfds[i].fd) == &p->sigfds[i])
			read |= p->sigfds[i].mask;
	return read & blocked;
}

/* The signalfd_siginfo REC read from E: does it look like one, from a
 * descriptor that is still a signalfd? */
static bool record_fits(struct process *p, struct sigfd_entry *e,
			const unsigned char *rec, uint32_t signo)
{
	for (int i = K_SIGNALFD_PAD_OFF; i < K_SIGNALFD_SIGINFO_SIZE; i++)
		if (rec[i])
			return false;
	if (signo < 1 || signo > SIG_MAX || !proc_is_signalfd(p->pid, e->fd))
		return false;
	if (!e->verified) {
		if (!proc_signalfd_mask(p->pid, e->fd, &e->mask))
			return false;
		e->verified = true;
	}
	return !e->mask || (e->mask & SIGBIT(signo));
}

/* A native siginfo_t from what the program was told. */
static void siginfo_of(const struct taken_info *ti, siginfo_t *si)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = ti->signo;
	si->si_code = ti->code;
	si->si_errno = ti->err;
	si->si_pid = ti->pid;
	si->si_uid = (uid_t)ti->uid;
	if (ti->signo == SIGCHLD)
		si->si_status = ti->word;
	else
		si->si_value.sival_int = ti->word;
}

/* The consumed event: signal SIGNO taken by T's call C (BY, FD), with
 * what the program was told (TI), or nothing (TI NULL: WHY). */
static void emit_taken(struct tracer *T, struct tracee *t,
		       const struct consume_call *c, int signo,
		       const struct taken_info *ti, const char *why,
		       const char *by, int fd)
{
	struct ev_signal *sig;
	struct origin_facts f;
	struct event e;
	siginfo_t si;

	event_init(&e, EV_CONSUMED);
	trace_stamp(&e, t->proc, t->tid);
	sig = &e.u.sig;
	if (ti) {
		siginfo_of(ti, &si);
		siginfo_decode(&si, sig);
		explain_facts(T, t, sig, &si, NULL, false, &f);
		explain_origin(T, t, sig, &f);
		deliver_sender(T, t, sig, e.mono_ns);
	} else {
		memset(&si, 0, sizeof(si));
		si.si_signo = signo;
		siginfo_decode(&si, sig);
		sig->has_sender = false;
		if (!observe_taken(T, t, sig, e.mono_ns))
			snprintf(sig->sender_unknown,
				 sizeof(sig->sender_unknown), "%s", why);
	}
	sig->syscall = c->nr;
	sig->syscall_name = arch_abi_syscall_name(c->abi, c->nr);
	snprintf(sig->consumed_by, sizeof(sig->consumed_by), "%s", by);
	sig->consumed_fd = fd;
	T->sends.consumed++;
	t->proc->taken |= SIGBIT(signo);
	trace_emit(T, t->proc, &e);
}

/* rt_sigtimedwait returned SIGNO: the program's own siginfo_t (in its
 * ABI's layout), or with none asked for, the queue as it was. */
static void took_by_wait(struct tracer *T, struct tracee *t,
			 const struct consume_call *c, long signo)
{
	const char *by = c->args[2] ? "sigtimedwait" : "sigwaitinfo";
	size_t off = arch_siginfo_union_offset(c->abi);
	struct taken_info ti;
	int32_t raw[8];

	if (signo < 1 || signo > SIG_MAX)
		return;
	if (c->args[1]) {
		if (!off || off + 12 > sizeof(raw) ||
		    tracee_read(t->tid, c->args[1], raw, off + 12) < 0) {
			emit_taken(T, t, c, (int)signo, NULL, "unreadable",
				   by, -1);
			return;
		}
		ti = (struct taken_info){
			.signo = raw[0], .err = raw[1], .code = raw[2],
			.pid = raw[off / 4], .uid = raw[off / 4 + 1],
			.word = raw[off / 4 + 2],
		};
		emit_taken(T, t, c, (int)signo, &ti, NULL, by, -1);
		return;
	}
	for (unsigned i = 0; i < c->npeek; i++) {
		if (c->peek[i].signo == signo) {
			emit_taken(T, t, c, (int)signo, &c->peek[i], NULL, by,
				   -1);
			return;
		}
	}
	emit_taken(T, t, c, (int)signo, NULL, "no_siginfo", by, -1);
}

/* A read of one signalfd_siginfo returned N bytes. */
static void took_from_signalfd(struct tracer *T, struct tracee *t,
			       const struct consume_call *c, long n)
{
	unsigned char rec[K_SIGNALFD_SIGINFO_SIZE];
	struct process *p = t->proc;
	int fd = (int)c->args[0];
	struct sigfd_entry *e = sigfd_find(p, fd);
	struct taken_info ti;
	uint32_t u[12];

	if (!e || n != K_SIGNALFD_SIGINFO_SIZE ||
	    tracee_read(t->tid, c->args[1], rec, sizeof(rec)) < 0)
		return;
	/* ssi_signo, errno, code, pid, uid, fd, tid, band, overrun,
	 * trapno, status, int: twelve 32-bit fields first. */
	memcpy(u, rec, sizeof(u));
	if (!record_fits(p, e, rec, u[0])) {
		e->used = false;	/* the number is something else now */
		return;
	}
	ti = (struct taken_info){
		.signo = (int)u[0], .err = (int)u[1], .code = (int)u[2],
		.pid = (int)u[3], .uid = (int)u[4],
		.word = (int)(u[0] == SIGCHLD ? u[10] : u[11]),
	};
	emit_taken(T, t, c, ti.signo, &ti, NULL, "signalfd", fd);
}

void consumed_exit(struct tracer *T, struct tracee *t, long rval)
{
	struct consume_call *c = t->cc;
	struct sigfd_entry *e;
	bool cloexec;

	c->pending = false;
	if (rval < 0)		/* EAGAIN (a timeout), EINTR, EBADF... */
		return;
	switch (c->call) {
	case CALL_SIGNALFD:
	case CALL_SIGNALFD4:
		/* A new mask for an existing one: the kernel ignores the
		 * flags then, and so is its close-on-exec kept. */
		e = sigfd_find(t->proc, (int)rval);
		cloexec = (int)c->args[0] != -1 && e ? e->cloexec :
			  c->call == CALL_SIGNALFD4 &&
			  (c->args[3] & SFD_CLOEXEC_FLAG);
		e = sigfd_add(t->proc, (int)rval);
		e->mask = c->mask;
		e->cloexec = cloexec;
		break;
	case CALL_READ:
		took_from_signalfd(T, t, c, rval);
		break;
	default:
		took_by_wait(T, t, c, rval);
	}
}
