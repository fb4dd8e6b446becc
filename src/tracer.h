/*
 * tracer.h - the ptrace side: processes and threads being traced, and the
 * loop that classifies each stop.  Shared by tracer.c (the loop and the
 * lifecycle), deliver.c (signal-delivery-stops) and syscall_stop.c
 * (seccomp and syscall stops: sigaction calls and sigreturn tracking).
 */
#ifndef SIGTRACE_TRACER_H
#define SIGTRACE_TRACER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "arch.h"
#include "event.h"
#include "model.h"
#include "sink.h"

#define FRAME_DEPTH_MAX 32
#define TABLE_BUCKETS 1024

struct pending_finding {
	struct pending_finding *next;
	struct ev_finding f;
};

struct process {
	struct process *next;	/* hash chain */
	pid_t pid;
	pid_t parent;		/* the traced process that forked it, or 0 */
	unsigned threads;	/* live traced threads */
	bool reported;		/* emit events (false: --no-follow child) */
	struct sigmodel *model;
	char comm[COMM_MAX];
	char status_name[COMM_MAX];	/* last Name: seen in status */
	struct cmdline argv;	/* from the last exec: senders that are
				 * already exiting have no /proc cmdline */
	struct pending_finding *pending;	/* stop findings not final yet */
	struct ancestry *above;	/* attach: its untraced parents, read once */
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
	struct sigaction_call sa;
	struct stack *sa_stack;	/* -k: the caller's, until the exit stop */
	int depth;		/* handler frames being followed */
	struct handler_frame frames[FRAME_DEPTH_MAX];
	bool started;		/* the first stop has been seen */
	bool awaiting_step;	/* single-stepping onto a handler (attach) */
	struct event *held;	/* the delivery waiting for its handler address */
	uint64_t held_sp;
	long cur_nr;		/* syscall between entry and exit, or -1 */
	int cur_abi;		/* ... and its ABI */
	bool in_syscall;	/* fallback entry/exit parity */
};

/* Who recently-exited traced processes were: a signal's sender is often
 * gone by the time its delivery is seen (kill(1) exits at once). */
#define RECENT_MAX 32
struct recent_process {
	pid_t pid;
	pid_t parent;
	char comm[COMM_MAX];
	struct cmdline argv;
};

struct tracer {
	struct sink **sinks;
	size_t nsinks;
	bool follow;
	bool attach;
	bool quiet;
	bool test_ignore_sigaction;	/* test hook: starve the model */
	bool all_syscalls;	/* attach --syscalls: PTRACE_SYSCALL always */
	unsigned stack_depth;	/* -k: frames per backtrace; 0: no -k */
	uint64_t poll_ns;	/* attach: /proc poll period, 0 = never */
	uint64_t deadline_ns;	/* --duration: stop then, 0 = never */
	uint64_t last_poll_ns;
	int status_fd;		/* attach on a terminal: live status line, or -1 */
	pid_t root_pid;
	int root_status;	/* wait status of the root process */
	bool root_exited;
	bool root_table_shown;	/* dispositions event after the first exec */
	bool output_error;
	unsigned live;		/* traced threads */
	uint64_t stops, syscall_stops, deliveries;
	struct tracee *tracees[TABLE_BUCKETS];
	struct process *procs[TABLE_BUCKETS];
	struct recent_process recent[RECENT_MAX];
	unsigned recent_next;
};

/* tracer.c */
void tracer_init(struct tracer *T, struct sink **sinks, size_t nsinks);
/* Trace until every tracee is gone; returns sigtrace's exit status. */
int tracer_spawn(struct tracer *T, char *const argv[], const char *path);
void tracer_emit(struct tracer *T, struct process *p, struct event *e);
/* Fill pid, tid, comm of E from T/P. */
void tracer_stamp(struct event *e, const struct tracee *t);
/* Resume TID, with syscall stops while its handler frames need them. */
void tracer_resume(struct tracer *T, struct tracee *t, int sig);
struct tracee *tracee_find(struct tracer *T, pid_t tid);
struct process *process_find(struct tracer *T, pid_t pid);
/* Identity of a traced process, live or recently exited: comm and the
 * argv of its last exec.  false when sigtrace never traced it. */
bool tracer_known_identity(struct tracer *T, pid_t pid, char *comm,
			   struct cmdline *argv, pid_t *parent);

int tracer_run_attach(struct tracer *T, const pid_t *pids, size_t npids);
uint64_t tracer_now(void);
/* In the spawned child before exec: the dispositions sigtrace found. */
void tracer_restore_inherited_signals(void);
void tracer_dispatch(struct tracer *T, pid_t tid, int status);
struct process *tracer_add_process(struct tracer *T, pid_t pid,
				   struct sigmodel *model);
void tracer_drop_process(struct tracer *T, struct process *p);
struct tracee *tracer_add_thread(struct tracer *T, pid_t tid,
				 struct process *p);
void tracer_emit_dispositions(struct tracer *T, struct process *p);
void tracer_emit_detach(struct tracer *T);

/* attach.c */
/* Die with one clear line when a pid cannot be traced. */
void attach_check(const pid_t *pids, size_t npids);
void tracer_attach(struct tracer *T, const pid_t *pids, size_t npids);
void tracer_detach_all(struct tracer *T);
/* poll.c: disposition changes seen in /proc between two polls */
void poll_dispositions(struct tracer *T);

/* deliver.c */
void deliver_signal(struct tracer *T, struct tracee *t, int sig);
/* The single-step after a delivery landed on the handler's entry. */
void deliver_step_landed(struct tracer *T, struct tracee *t);
/* Emit a delivery held for a single-step that will not come. */
void deliver_release_held(struct tracer *T, struct tracee *t);
/* A handler was installed: a pending "stopped" finding becomes final. */
void deliver_handler_installed(struct tracer *T, struct tracee *t, int signo);
/* The process ended or is let go: pending findings are final. */
void deliver_flush_pending(struct tracer *T, struct process *p, pid_t tid);
/* Disposition of SIGNO as the model has it, as an event disposition. */
void deliver_disposition(const struct process *p, int signo,
			 struct disposition *d);

/* syscall_stop.c */
void syscall_seccomp_stop(struct tracer *T, struct tracee *t);
void syscall_stop(struct tracer *T, struct tracee *t);
/* Outcome of an interrupted syscall known without a sigreturn. */
void syscall_emit_outcome(struct tracer *T, struct tracee *t,
			  const struct handler_frame *f, long ret);

#endif
