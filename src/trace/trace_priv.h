/* SPDX-License-Identifier: MIT */
/*
 * trace_priv.h - the trace layer's own state (the tracer, its processes
 * and threads) and the functions its files share.  Only the trace files
 * include it; everyone else sees tracer.h.
 *
 * A file calls only files below it (no cycle):
 *
 *   tracer.c       the run entry points, the wait loop, the classification
 *                  of stops; calls every file below
 *   watch.c        attach mode's targets, at the start and as processes
 *                  appear (-> attach.c targets.c procevents.c selfsig.c)
 *   spawn.c attach.c          the two ways in (spawn.c -> selfsig.c)
 *   lifecycle.c deliver.c syscall_stop.c poll.c      one kind of stop each
 *   consumed.c     signals taken without a delivery (syscall_stop.c's
 *                  calls) -> deliver.c (the sender), observe.c
 *   explain.c      where a delivery came from, what it did -> fanout.c
 *                  pidns.c (docs/explanations.md)
 *   fanout.c pidns.c          group signals (-> observe.c: could it be
 *                  one?); pid namespaces
 *   ownsig.c ignored.c        sigtrace's own signals (deliver.c tells
 *                  ownsig.c of deliveries); an ignored signal that woke
 *                  a call only because the task is traced
 *   trace_table.c  processes and threads           -> pending.c frames.c
 *   pending.c frames.c                             -> trace_emit.c
 *   trace_emit.c selfsig.c    events out; sigtrace's own signals
 */
#ifndef SIGTRACE_TRACE_PRIV_H
#define SIGTRACE_TRACE_PRIV_H

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "arch.h"
#include "event.h"
#include "identcache.h"
#include "model.h"
#include "oomkill.h"
#include "sink.h"
#include "tracer.h"

#define FRAME_DEPTH_MAX 32
#define TABLE_BUCKETS 1024
#define TOLD_MAX 256
#define TRACE_ERR_MAX 512
#define TRACE_FLUSH_NS 10000000u	/* 10 ms: see trace_flush_idle() */
/* SECCOMP_RET_DATA of sigtrace's own filter ("ST"): a seccomp stop with
 * other data comes from a filter of the traced program (docs/safety.md,
 * item 7). */
#define TRACE_SECCOMP_DATA 0x5354

struct pending_finding;
struct proc_status;
struct held;
struct proc_stat;
struct origin_facts;

/* explain.c: a delivery of one signal that ran a handler, for a re-raise
 * to name (freed with its process). */
struct handled_rec {
	struct handled_rec *next;
	int signo;
	bool followed;		/* its handler frame was followed */
	struct ev_reraise r;
};

/* consumed.c: a signalfd a process made (or inherited from a traced
 * parent), as its reads are told apart from other 128-byte reads. */
#define SIGFD_MAX 8
struct sigfd_entry {
	bool used;
	bool cloexec;		/* gone at the process's next exec */
	bool verified;		/* its /proc fdinfo showed a sigmask */
	int fd;
	sigbits_t mask;		/* the signals it reads (0: not known yet) */
	uint64_t exec_ns;	/* the process's last exec when it was made */
};

/* consumed.c: what a program was told of a signal it took (from its
 * siginfo_t, a signalfd_siginfo, or the queue peeked at the call). */
struct taken_info {
	int signo, code, err;
	int pid, uid;
	int word;		/* si_status (SIGCHLD) or si_value's int */
};

/* consumed.c: a call that may take a signal without a delivery, from
 * its seccomp stop to its exit stop. */
#define TAKEN_PEEK_MAX 8
struct consume_call {
	bool pending;
	int call;		/* consumed.c's kind */
	int abi;
	long nr;
	uint64_t args[4];
	sigbits_t mask;		/* signalfd: the mask it asked for */
	sigbits_t awaits;	/* the signals it may take */
	/* sigwaitinfo(set, NULL): what was queued at the call */
	unsigned npeek;
	struct taken_info peek[TAKEN_PEEK_MAX];
};

/* frames.c: a handler seen to return by rt_sigreturn, sending nothing
 * on the way: SIGNO's disposition of SINCE_NS (model.h) at HANDLER. */
struct handler_returned {
	int signo;
	uint64_t handler;
	uint64_t since_ns;
	unsigned char told;	/* deliveries told since it was followed */
};

#define HANDLERS_RETURNED 4

/* Errors go up to the entry points, which print them and exit: put one
 * line for the user in ERR and return -1. */
__attribute__((format(printf, 3, 4)))
static inline int trace_fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* A command line as a process keeps it: its own length, shared by the
 * processes that have the same one (a fork's child has its parent's
 * until it execs).  Made by process_set_argv(). */
struct proc_argv {
	unsigned refs;
	bool truncated;
	size_t len;
	char buf[];
};

struct process {
	struct process *next;	/* hash chain */
	pid_t pid;
	pid_t parent;		/* the traced process that forked it, or 0 */
	unsigned threads;	/* live traced threads */
	bool reported;		/* emit events (false: --no-follow child) */
	bool alien;		/* seized by mistake (its pid was reused):
				 * let go at its first stop, never shown */
	bool own_filter_said;	/* its own RET_TRACE filter was noted */
	struct sigmodel *model;
	char comm[COMM_MAX];
	char status_name[COMM_MAX];	/* last Name: seen in status */
	struct proc_argv *argv;	/* from the last exec: senders that are
				 * already exiting have no /proc cmdline */
	struct pending_finding *pending;	/* pending.c's, not final yet */
	struct ancestry *above;	/* attach: its untraced parents, read once */
	/* deliver.c's checks of the model against /proc/TID/status: the
	 * signals checked since CHECKED_NS, and whether one disagreed */
	uint64_t checked_ns;
	sigbits_t checked;
	bool suspect;
	const struct target_spec *target;	/* attach: what brought it in
						 * (NULL: a fork did) */
	bool execd;		/* it exec'd (or was attached): argv is its own */
	uint64_t start_time;	/* /proc/PID/stat: with the pid, who it is */
	pid_t pgid;		/* its process group, when last read */
	bool no_tty;		/* attach: no controlling terminal (a daemon) */
	uint64_t stdin_pipe;	/* the pipe on its stdin at exec, or 0 */
	sigbits_t delivered;	/* signals delivered to it */
	sigbits_t taken;	/* signals it took without a delivery */
	/* pidns.c: its pid namespace, read when first needed */
	int ns_depth;		/* 0: not read yet; 1: sigtrace's own */
	pid_t ns_tgid;		/* its pid there */
	uint64_t ns_ino;	/* that namespace, when below sigtrace's */
	/* frames.c: the handlers whose interrupted calls' outcomes are
	 * told at the delivery, unfollowed; the newest replaces the oldest */
	struct handler_returned returned[HANDLERS_RETURNED];
	unsigned returned_next;
	struct handled_rec *handled;	/* explain.c: deliveries that ran
					 * a handler, one per signal */
	struct oom_mark oom;	/* OOM kill counters at its last exec */
	struct sigfd_entry *sigfds;	/* consumed.c's: SIGFD_MAX, or NULL */
	unsigned sigfd_next;	/* the slot to reuse when all are taken */
};

/* One handler invocation that sigtrace is following to its sigreturn. */
struct handler_frame {
	int signo;
	long syscall;		/* the syscall it interrupted, or -1 */
	const char *syscall_name;	/* its name (of its ABI), or NULL */
	long code;		/* its pending -ERESTART* / -EINTR */
	uint64_t sp;		/* user stack pointer when interrupted */
	uint64_t handler_sp;	/* SA_ONSTACK: sp at the handler's first syscall */
	uint64_t mono_ns;
	struct disposition handler;
	/* The kernel's rules decided the call's outcome at the delivery:
	 * its return then (-EINTR, or the code of a restart), told at the
	 * handler's rt_sigreturn entry without waiting for the exit. */
	bool decided;
	long decided_ret;
	/* The handler sent a signal (a re-raise, most often): what its
	 * rt_sigreturn unblocks may kill the thread before the program
	 * sees the outcome, which only the exit stop can tell. */
	bool sent;
};

struct sigaction_call {
	enum arch_sigaction_kind kind;
	int abi;		/* ARCH_ABI_* of nr and of the structs */
	long nr;
	int signo;
	uint64_t act;
	uint64_t oldact;
	bool has_new;
	int read_err;		/* reading act failed: the call will too */
	struct arch_ksigaction new_sa;
};

struct tracee {
	struct tracee *next;	/* hash chain */
	pid_t tid;
	struct process *proc;
	bool sa_pending;	/* waiting for the sigaction's exit stop */
	struct sigaction_call *sa;	/* made at its first sigaction call */
	struct stack *sa_stack;	/* -k: the caller's, until the exit stop */
	int depth;		/* handler frames being followed (frames.c) */
	int frames_cap;		/* ... and room for them: few threads nest */
	struct handler_frame *frames;
	bool started;		/* the first stop has been seen */
	bool awaiting_step;	/* single-stepping onto a handler (attach) */
	bool stuck;		/* no resume let it go (tracee_release) */
	struct event *held;	/* the delivery waiting for its handler address */
	uint64_t held_sp;
	uint64_t restart_ip;	/* a call sigtrace restarted (ignored.c), not
				 * yet run again: its instruction, or 0 */
	long restart_nr;
	long cur_nr;		/* syscall between entry and exit, or -1 */
	int cur_abi;		/* ... and its ABI */
	bool in_syscall;	/* fallback entry/exit parity */
	/* An EINTR restored by rt_sigreturn while a signal was pending:
	 * the thread may die of it before it runs (frames.c). */
	bool outcome_held;
	struct handler_frame *held_frame;	/* made when first needed */
	long held_ret;
	struct consume_call *cc; /* consumed.c: a call taking a signal */
};

/* A delivery seen lately, to tell a signal to sigtrace's process group
 * (the command got it too) from one sent to sigtrace alone (ownsig.c). */
#define SEEN_MAX 32
struct seen_delivery {
	int signo;
	pid_t sender;
	uint64_t mono_ns;
	bool used;		/* it already explained one */
};

/* Who a traced process is or was: live, or recently exited.  Who the
 * recently exited were matters: a signal's sender is often gone by the
 * time its delivery is seen (kill(1) exits at once). */
#define RECENT_MAX 32
struct traced_ident {
	pid_t pid, parent;
	char comm[COMM_MAX];
	struct cmdline argv;	/* of its last exec (or its parent's) */
	uint64_t start_time;
	uint64_t stdin_pipe;
	pid_t ns_tgid;		/* its pid in its namespace ns_ino (pidns.c) */
	uint64_t ns_ino;
	bool exited;
	long last_pid;		/* exited: the pid counter then; a pid handed
				 * out again since means reuse */
};

/* fanout.c: the recent group signals, to join their other deliveries. */
#define FANOUT_GROUPS 16
#define FANOUT_MEMBERS 64
struct fanout_group {
	unsigned id;		/* 0: unused */
	int signo, code;
	pid_t sender;		/* 0: the terminal */
	pid_t pgid;
	enum group_how how;
	unsigned n;
	pid_t members[FANOUT_MEMBERS];
};

struct tracer {
	struct tracer_config cfg;
	pid_t self;		/* sigtrace's own pid */
	bool attach;
	uint64_t deadline_ns;	/* --duration: stop then, 0 = never */
	uint64_t last_poll_ns;
	pid_t root_pid;
	int root_status;	/* wait status of the root process */
	bool root_exited;
	bool root_table_shown;	/* dispositions event after the first exec */
	unsigned live;		/* traced threads */
	uint64_t stops, syscall_stops, deliveries;
	uint64_t unflushed_ns;	/* when the sinks' held output began */
	unsigned execs;		/* execs seen, for -e inject */
	struct tracee *tracees[TABLE_BUCKETS];
	struct process *procs[TABLE_BUCKETS];
	struct traced_ident recent[RECENT_MAX];
	unsigned recent_next;
	/* Tasks whose fork event went out when their own first stop came
	 * before their creator's event stop (lifecycle.c): that event stop,
	 * when it comes, says nothing more, even if the task is gone. */
	pid_t told[TOLD_MAX];
	unsigned ntold;
	struct watch *watch;	/* attach mode's targets (watch.c) */
	struct fanout_group groups[FANOUT_GROUPS];
	unsigned group_next, group_ids;
	char err[TRACE_ERR_MAX];	/* why a run returned -1 */
	struct sender_observer *obs;	/* senders seen from their side */
	char senders_note[DETAIL_MAX];	/* why not a better back end */
	struct ev_trace_end sends;	/* counts of sends never delivered */
	struct held *held;	/* attach: the pids checked, held (attach.c) */
	size_t nheld;
	unsigned attach_lost;	/* attach: pids that could not be traced */
	bool trace_started;	/* trace_start is out (attach.c waits for it) */
	uint64_t tick_ns;	/* the tick's period (poll, status, observer) */
	uint64_t next_tick_ns;
	uint64_t stop_asked_ns;	/* spawn: a person's first stop request */
	struct seen_delivery seen[SEEN_MAX];
	unsigned seen_next;
	struct ident_cache idents;	/* live traced senders (deliver.c) */
};

/* spawn.c and attach.c: the two ways in. */
/* Fork, seize with OPTIONS (PTRACE_O_*), install the filter, exec PATH.
 * Returns the pid, seized and running toward its exec, or -1 with a
 * clear message in ERR when any step fails (and leaves nothing running).
 * When the exec stop was already waited for, it is in *PENDING_STATUS
 * (else -1). */
pid_t spawn_traced(const char *path, char *const argv[], unsigned options,
		   int *pending_status, char *err, size_t errlen);
/* Keep in PIDS (-p) those that can be traced; a vanished one is a
 * warning while others are left (or NONE_OK: other targets may match).
 * -1 with one line in ERR for any other reason. */
int attach_check(pid_t *pids, size_t *npids, bool none_ok, char *err,
		 size_t errlen);
/* Each of PIDS (-p) is held (a pidfd) from before attach_check() to its
 * seize: what is checked is what is seized (docs/safety.md, item 14). */
void attach_hold(struct tracer *T, const pid_t *pids, size_t npids);
void attach_release(struct tracer *T);
/* Seize every thread of PID (-p), brought in by WHY.  A process gone
 * meanwhile (or whose pid is another's now) ends the run when it was
 * the one to trace (ALONE), else is a warning and makes the exit status
 * 1 (T->attach_lost).  -1 with T->err when it may not be traced. */
int attach_seize(struct tracer *T, pid_t pid, const struct target_spec *why,
		 bool alone);
/* The same for a process a target matched: 1 when attached, 0 when it
 * is no process to trace (gone, a thread, already sigtrace's), -1 when
 * refused (a warning says why). */
int attach_late(struct tracer *T, pid_t pid, const struct target_spec *why);

/* watch.c: attach mode's targets. */
/* The -p pids still there, the targets ready, the process events
 * listened to.  -1 with T->err. */
int watch_open(struct tracer *T, const pid_t *pids, size_t npids);
/* What to attach to now (the first MAX pids into OUT, for trace_start). */
size_t watch_initial(struct tracer *T, pid_t *out, size_t max);
/* Attach to them.  -1 with T->err. */
int watch_attach_initial(struct tracer *T);
/* Processes appeared or a pidfile changed (selfsig_take_io). */
void watch_io(struct tracer *T);
/* The attach-mode tick: re-read what no event announces. */
void watch_tick(struct tracer *T);
/* Must the loop go on with no tracee left? */
bool watch_waiting(const struct tracer *T);
void watch_close(struct tracer *T);

/* lifecycle.c: tasks come, exec, stop as a group, go, are let go. */
/* A task not met yet: a new thread or process whose own first stop
 * arrived before its creator's event stop (CREATOR, or 0). */
struct tracee *lifecycle_adopt(struct tracer *T, pid_t tid, pid_t creator);
void lifecycle_new_task(struct tracer *T, struct tracee *t, int event);
void lifecycle_exec(struct tracer *T, struct tracee *t);
/* inject.c: -e inject, after each exec of P (stopped at it): send the
 * signal when this is the exec asked for, and say so in the logs. */
void inject_after_exec(struct tracer *T, struct process *p, pid_t tid);
void lifecycle_event_stop(struct tracer *T, struct tracee *t, int sig);
void lifecycle_exit(struct tracer *T, struct tracee *t, int status);
/* Detach: the last word (findings, audit, detach) on every process. */
void lifecycle_detach(struct tracer *T);
/* A stop (wait STATUS) of a task seized by mistake: let it go as it is. */
void lifecycle_let_alien_go(struct tracer *T, struct tracee *t, int status);

/* deliver.c: signal-delivery-stops.  SI: its siginfo if already read,
 * else NULL. */
void deliver_signal(struct tracer *T, struct tracee *t, int sig,
		    const siginfo_t *si);
/* The sender of SIG (decoded from a siginfo) to T, named as for a
 * delivery: a traced process, the observer, /proc; its send claimed. */
void deliver_sender(struct tracer *T, struct tracee *t, struct ev_signal *sig,
		    uint64_t now);
/* The single-step after a delivery landed on the handler's entry. */
void deliver_step_landed(struct tracer *T, struct tracee *t);
/* Emit a delivery held for a single-step that will not come. */
void deliver_release_held(struct tracer *T, struct tracee *t);

/* ownsig.c: the signals sigtrace gets itself. */
/* Note each in the log; a person's request to stop is passed on to
 * selfsig_request_stop(). */
void ownsig_handle(struct tracer *T);
/* A delivery of SIGNO from SENDER to a traced process (deliver.c). */
void ownsig_saw_delivery(struct tracer *T, int signo, pid_t sender);


/* ignored.c: an ignored signal that woke a call only because the task
 * is traced. */
enum ignored_fix {
	IGNORED_NONE,		/* nothing to fix */
	IGNORED_RESTARTED,	/* the call runs again, the signal dropped */
	IGNORED_INDUCED,	/* not exact here: the EINTR goes through */
};
/* Is SIGNO ignored now, by the kernel's account ST? */
bool ignored_now(const struct proc_status *st, int signo);
/* At a delivery to T: a restart of ours that T has not run yet is
 * undone unless this signal (IGNORED or not) is ignored too; REGS are
 * read again then. */
void ignored_recheck(struct tracee *t, bool ignored,
		     struct arch_syscall_state *regs);
/* A delivery of an IGNORED signal in the call of REGS: restart it when
 * that is exact.  What was done. */
enum ignored_fix ignored_fix(struct tracee *t, bool ignored,
			     const struct arch_syscall_state *regs,
			     const char *syscall_name);
/* The outcome of F's call after FIX: restarted by sigtrace, or an
 * EINTR that tracing caused. */
void ignored_emit_outcome(struct tracer *T, struct tracee *t,
			  const struct handler_frame *f, enum ignored_fix fix);

/* syscall_stop.c: seccomp and syscall stops. */
void syscall_seccomp_stop(struct tracer *T, struct tracee *t);
void syscall_stop(struct tracer *T, struct tracee *t);

/* consumed.c: signals taken without a delivery (rt_sigtimedwait, a
 * signalfd read), seen at the seccomp stop of the call (ST) and at its
 * exit stop (RVAL).  consumed_entry: true when the exit stop is wanted. */
bool consumed_entry(struct tracer *T, struct tracee *t,
		    const struct arch_syscall_state *st);
void consumed_exit(struct tracer *T, struct tracee *t, long rval);
/* Attach mode: the signalfds P has now (no signalfd4 call was seen). */
void consumed_learn_signalfds(struct process *p);
/* The signals of BLOCKED that a signalfd of P reads: they never act. */
sigbits_t consumed_absorbed(struct process *p, sigbits_t blocked);

/* observe.c: the sender observer (sender.h) beside ptrace. */
/* Open it on PIDS (more come with observe_watch); -1 with T->err when
 * the --senders back end asked for cannot run here. */
int observe_open(struct tracer *T, const pid_t *pids, size_t npids);
void observe_close(struct tracer *T);
/* The back end, and why not a better one, for trace_start. */
void observe_describe(const struct tracer *T, struct ev_trace_start *s);
void observe_watch(struct tracer *T, pid_t pid);
void observe_unwatch(struct tracer *T, pid_t pid);
/* The delivery SIG to T: its sender named from the observer (true), or
 * (traced sender, or none) the delivery only claims its send (false). */
bool observe_sender(struct tracer *T, struct tracee *t, struct ev_signal *sig,
		    uint64_t now);
/* The send it claims, as the kernel observer saw it, or NULL. */
struct sender_info;
const struct sender_info *observe_claim(struct tracer *T, struct tracee *t,
					const struct ev_signal *sig,
					uint64_t now);
/* SIG was taken by T with no siginfo (sigwaitinfo(set, NULL)): the
 * oldest send of it that the kernel observer saw, as its sender and
 * code (true), claimed. */
bool observe_taken(struct tracer *T, struct tracee *t, struct ev_signal *sig,
		   uint64_t now);
/* May the sender of SIG have sent it to another process too (the
 * members of a process group)?  true unless the observer knows. */
bool observe_sent_elsewhere(struct tracer *T, const struct tracee *t,
			    const struct ev_signal *sig);
/* Sends no delivery claimed (and not pending) for a while: consumed
 * events, counts.  observe_process_end: all of P's, before its exit
 * event; observe_finish: all, at the end. */
void observe_tick(struct tracer *T);
void observe_process_end(struct tracer *T, struct process *p);
void observe_finish(struct tracer *T);
/* P died of SIGKILL: its sender, the OOM killer, or unknown, into X. */
void observe_kill(struct tracer *T, struct process *p, struct ev_exit *x);
/* The counts for trace_end. */
void observe_counts(struct tracer *T, struct ev_trace_end *end);

/* poll.c: disposition changes seen in /proc between two polls. */
void poll_dispositions(struct tracer *T);
/* The same for P now, from its status ST just read (attach mode, at a
 * delivery: a handler removed since the last poll is a change by the
 * program, not a disagreement with the kernel). */
void poll_process_status(struct tracer *T, struct process *p,
			 const struct proc_status *st);

/* trace_table.c: the traced processes and threads. */
struct tracee *tracee_find(struct tracer *T, pid_t tid);
struct process *process_find(struct tracer *T, pid_t pid);
/* Both die when out of memory. */
struct process *process_add(struct tracer *T, pid_t pid,
			    struct sigmodel *model, bool reported);
/* The same for a process just met, with its /proc/PID/stat ST (or NULL)
 * read already, and the traced PARENT it was forked from (or NULL): what
 * it inherits is copied, not read. */
struct process *process_add_child(struct tracer *T, pid_t pid,
				  struct sigmodel *model, bool reported,
				  const struct process *parent,
				  const struct proc_stat *st);
struct tracee *tracee_add(struct tracer *T, pid_t tid, struct process *p);
/* P's command line is C from now on (C's copy). */
void process_set_argv(struct process *p, const struct cmdline *c);
/* P's command line, into OUT (inline: trace_emit.c, below this file,
 * needs it too). */
static inline void process_argv(const struct process *p,
				struct cmdline *out)
{
	out->len = p->argv->len;
	out->truncated = p->argv->truncated;
	memcpy(out->buf, p->argv->buf, p->argv->len);
}
/* P leaves the table, remembered among the recently exited. */
void process_remove(struct tracer *T, struct process *p);
void tracee_remove(struct tracer *T, struct tracee *t);
/* Forget every process and thread (the tracer is freed). */
void table_clear(struct tracer *T);
/* Resume T, with syscall stops while its handler frames need them. */
void tracee_resume(struct tracer *T, struct tracee *t, int sig);
/* PID as sigtrace traced it (the latest with that pid); false when it
 * never did. */
bool process_identity(struct tracer *T, pid_t pid, struct traced_ident *id);
/* The traced process whose stdin was pipe INO at its exec: the reader
 * of a pipeline.  false when none. */
bool process_by_stdin_pipe(struct tracer *T, uint64_t ino,
			   struct traced_ident *id);
/* Let T go with REQ (PTRACE_CONT, _SYSCALL, _LISTEN, _SINGLESTEP) and
 * SIG.  When the call fails but the thread is still there (not ESRCH),
 * it must not stay stopped: a warning says so and it is continued with
 * SIG.  0, or -1 when REQ itself failed. */
int tracee_release(struct tracer *T, struct tracee *t, int req, int sig);
/* Disposition of SIGNO as P's model has it, as an event disposition. */
void process_disposition(const struct process *p, int signo,
			 struct disposition *d);

/* pending.c: findings that a later event may still change. */
/* Emit F about P (thread TID), or hold it while its cause may change. */
void pending_report(struct tracer *T, struct process *p, pid_t tid,
		    const struct ev_finding *f);
/* P installed a handler for SIGNO: held findings for it become final. */
void pending_handler_installed(struct tracer *T, struct process *p,
			       pid_t tid, int signo);
/* P ended or is let go: its held findings are final as they are. */
void pending_flush(struct tracer *T, struct process *p, pid_t tid);
/* P leaves the table: drop what is still held, unsaid. */
void pending_discard(struct process *p);

/* frames.c: the handlers a thread runs, followed to their sigreturn. */
/* The frame of delivery SIG at NOW, which interrupted stack pointer SP. */
void frame_of_delivery(struct handler_frame *f, const struct ev_signal *sig,
		       uint64_t sp, uint64_t now);
/* Tell the outcome of the call F interrupted now, at its delivery,
 * instead of following its handler: when the kernel's rules decided it
 * and that handler was seen returning (its sigreturn is then only a
 * matter of time; one delivery in RETURNED_RECHECK checks it again).
 * true when told. */
bool frame_tell_at_delivery(struct tracer *T, struct tracee *t,
			    const struct handler_frame *f);
/* F's handler was left without rt_sigreturn (siglongjmp): follow it
 * at every delivery again. */
void frame_abandoned(struct tracee *t, const struct handler_frame *f);
/* Follow F's handler. */
void frame_push(struct tracee *t, const struct handler_frame *f);
/* The innermost frame, or NULL. */
struct handler_frame *frame_top(struct tracee *t);
/* Stop following the innermost frame. */
void frame_drop(struct tracee *t);
/* Stop following every frame (exec); frames_free also gives the room back. */
void frames_clear(struct tracee *t);
void frames_free(struct tracee *t);
/* A syscall entry of thread T is rt_sigreturn: when the innermost
 * frame's outcome was decided at its delivery, tell it and stop
 * following that frame now (no exit stop needed).  true when it did. */
bool frame_return_decided(struct tracer *T, struct tracee *t);
/* Event E of TYPE (interrupted, eintr, restarted) about F's call. */
void frame_event(struct event *e, enum event_type type,
		 const struct tracee *t, const struct handler_frame *f);
/* What the call F interrupted did, now that its return value RET is
 * known: an eintr or a restarted event. */
void frame_emit_outcome(struct tracer *T, struct tracee *t,
			const struct handler_frame *f, long ret);
/* The same at F's rt_sigreturn: an EINTR is held while a signal is
 * pending for the thread, which may kill it before it runs again. */
void frame_sigreturned(struct tracer *T, struct tracee *t,
		       const struct handler_frame *f, long ret);
/* The thread stops again: emit a held EINTR, UNSEEN when that stop
 * kills the thread before the program could see it. */
void frame_flush_outcome(struct tracer *T, struct tracee *t, bool unseen);

/* pidns.c: pid namespaces. */
/* What a status read says of P's namespace (once). */
void pidns_learn(struct process *p, const struct proc_status *st);
/* P was just met: its namespace, without a status read when it is
 * sigtrace's own. */
void pidns_adopt(struct process *p);
/* Is P in a pid namespace below sigtrace's? */
bool pidns_nested(struct process *p);
/* Does the kernel drop a default-action signal to P (an init)? */
enum sig_dropped pidns_drops(struct process *p);
/* The pid sigtrace's /proc gives the process that P's namespace calls
 * NS_PID (CHILD: the child whose end P's SIGCHLD is); 0 when none. */
pid_t pidns_host_pid(struct tracer *T, struct process *p, pid_t ns_pid,
		     bool child);

/* fanout.c: group signals. */
/* Can SIG, from another process to T, be one of a group signal?  Only
 * then is the receiver's process group worth reading. */
bool fanout_possible(struct tracer *T, const struct tracee *t,
		     const struct ev_signal *sig);
/* Give SIG the group of the delivery to P, STAT its /proc/PID/stat. */
void fanout_place(struct tracer *T, struct process *p, struct ev_signal *sig,
		  const struct origin_facts *f, const struct proc_stat *stat);

/* explain.c: where a delivery came from, what it did. */
/* The facts of the delivery SIG (SI, REGS when HAVE_REGS) to T. */
void explain_facts(struct tracer *T, struct tracee *t,
		   const struct ev_signal *sig, const siginfo_t *si,
		   const struct arch_syscall_state *regs, bool have_regs,
		   struct origin_facts *f);
/* Its origin, and the sender's pid translated to sigtrace's namespace;
 * before the sender is read. */
void explain_origin(struct tracer *T, struct tracee *t, struct ev_signal *sig,
		    const struct origin_facts *f);
/* Once its disposition is known: the file, the re-raise link, a drop by
 * the kernel, the terminal, the group. */
void explain_delivery(struct tracer *T, struct tracee *t,
		      struct ev_signal *sig, const struct origin_facts *f);
/* It was logged (FOLLOWED: its handler frame is followed). */
void explain_delivered(struct tracee *t, const struct event *e,
		       bool followed);
/* A default-disposition finding about it: origin, re-raise, severity. */
void explain_finding(const struct tracee *t, const struct ev_signal *sig,
		     struct ev_finding *f);

/* trace_emit.c: events out. */
uint64_t trace_now(void);
/* Fill pid, tid, comm of E: thread TID of P. */
void trace_stamp(struct event *e, const struct process *p, pid_t tid);
/* To every sink, unless P is a child that --no-follow hides.  The sinks
 * hold what they write (sink.h) until trace_flush(). */
void trace_emit(struct tracer *T, const struct process *p,
		const struct event *e);
/* Every sink's held output written out now. */
void trace_flush(struct tracer *T);
/* The tracer has nothing to do and is about to sleep: write out what the
 * sinks hold once it has waited TRACE_FLUSH_NS, so a `tail -f` of a log
 * sees every event soon after it happened, while a signal storm (where
 * the tracer sleeps between any two stops) costs one write per
 * TRACE_FLUSH_NS instead of one per event.  Returns how long the sleep
 * may last before output is due (0: no limit). */
uint64_t trace_flush_idle(struct tracer *T);
/* Will any sink show E?  (Worth a costly backtrace?) */
bool trace_shown(const struct tracer *T, const struct event *e);
/* P's dispositions as /proc has them now. */
void trace_emit_dispositions(struct tracer *T, const struct process *p);
/* The operator asked (SIGUSR1, or stopped the trace): sinks write what
 * they hold back. */
void trace_trigger_sinks(struct tracer *T);

#endif
