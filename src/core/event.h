/* SPDX-License-Identifier: MIT */
/*
 * event.h - the one event type that flows from the tracer to the sinks and
 * the analyzer.  An event owns no tracer state: everything a sink or the
 * report needs is copied in, so the same events can be replayed from a
 * JSON Lines log without a tracee.
 */
#ifndef SIGTRACE_EVENT_H
#define SIGTRACE_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define EVENT_SCHEMA_VERSION 1
#define COMM_MAX 64		/* comm is 16 in the kernel; escaped text longer */
#define CMDLINE_MAX 1024
#define PATH_MAX_EV 512
#define SYMBOL_MAX 128
#define ANCESTRY_MAX 8
#define DETAIL_MAX 256
#define SOURCE_MAX 16
#define PIDS_MAX 16		/* attach: -p PID[,PID...] in one run */

/* A backtrace (-k): frames innermost first.  Owned by whoever fills the
 * event (the tracer, or the log reader); valid while the event is.
 * With debug information, a function inlined into the frame below it is
 * a frame of its own (inlined, same ip), as gdb and eu-stack show it. */
#define STACK_MODULE_MAX 160
#define STACK_SYMBOL_MAX 128
#define STACK_FILE_MAX 160
struct stack_frame {
	uint64_t ip;
	uint64_t module_offset;	/* ip - module load base */
	uint64_t symbol_offset;	/* ip - symbol start, when symbol known */
	char module[STACK_MODULE_MAX];	/* path, "" when unknown */
	char symbol[STACK_SYMBOL_MAX];	/* demangled; "" when unknown */
	char file[STACK_FILE_MAX];	/* source file, "" without debug info */
	uint32_t line;		/* its line, 0 when unknown */
	bool inlined;		/* inlined into the next frame */
};

struct stack {
	size_t count;
	/* count 0: why there is no backtrace (a static string), e.g. an
	 * i386 process, which the unwinder cannot read. */
	const char *unavailable;
	struct stack_frame frames[];
};

enum event_type {
	EV_TRACE_START,
	EV_FORK,
	EV_EXEC,
	EV_SIGNAL,
	EV_SIGACTION,
	EV_INTERRUPTED,
	EV_EINTR,
	EV_RESTARTED,
	EV_FINDING,
	EV_WARNING,
	EV_EXIT,
	EV_DETACH,
	EV_TRACE_END,
	EV_DISPOSITIONS,	/* a snapshot of a process's signal table */
	EV_CONSUMED,		/* sent, never delivered: sigwaitinfo, signalfd */
	EV_TRACER_SIGNAL,	/* a signal to sigtrace itself */
	EV__COUNT
};

/* A process command line as /proc gives it: arguments separated by NULs. */
struct cmdline {
	char buf[CMDLINE_MAX];
	size_t len;		/* bytes used in buf, including NULs */
	bool truncated;
};

/* Who a process is, read from /proc at one instant. */
struct proc_ident {
	pid_t pid;		/* in sigtrace's pid namespace */
	uid_t uid;
	bool known;		/* false: no such information (e.g. kernel) */
	bool gone;		/* the process had exited when we looked */
	bool zombie;		/* ... and was still a zombie */
	pid_t ns_pid;		/* the pid the receiver's namespace gave, when
				 * that is not sigtrace's; 0 otherwise */
	char comm[COMM_MAX];	/* "" when not known */
	struct cmdline cmdline;	/* len 0 when not known */
	/* Who named it: "tracer" (sigtrace's own records), or the sender
	 * observer's back end ("bpf", "tracefs", "proc-events", "proc");
	 * "" when not said. */
	char source[SOURCE_MAX];
};

/* A short ancestor chain: parent first, e.g. sh, then logrotate. */
struct ancestry {
	size_t count;
	struct {
		pid_t pid;
		char comm[COMM_MAX];
	} link[ANCESTRY_MAX];
	/* Why it ends there: "long_lived" (the last link started long
	 * before), "init", "tracer" (sigtrace is next), "max", "" unknown. */
	char end[SOURCE_MAX];
};

enum disp_kind {
	DISP_UNKNOWN,		/* not known (attach mode, before any sign) */
	DISP_DEFAULT,
	DISP_IGNORED,
	DISP_HANDLER,
};

/* A signal disposition: SIG_DFL, SIG_IGN or a handler with its flags. */
struct disposition {
	enum disp_kind kind;
	uint64_t handler;	/* DISP_HANDLER: entry address */
	uint64_t flags;		/* SA_* bits as the kernel got them */
	uint64_t mask;		/* bit (signo - 1) */
	uint64_t restorer;
	bool flags_known;	/* false when learnt by observation only */
	char symbol[SYMBOL_MAX];	/* "" when not symbolized */
	char module[STACK_MODULE_MAX];	/* file holding the handler, or "" */
	uint64_t module_offset;	/* handler - the module's load base */
};

/*
 * Where a signal came from (docs/explanations.md).  FROM_NONE is a
 * log written before origins existed: the report then says what it can.
 */
enum sig_origin {
	FROM_NONE,
	FROM_UNKNOWN,
	FROM_PROCESS,		/* another process: kill, sigqueue, tgkill */
	FROM_SELF,		/* the process itself, not a re-raise */
	FROM_RERAISE,		/* itself, after its handler for it ran */
	FROM_CHILD,		/* SIGCHLD for a child's exit or stop */
	FROM_PIPE,		/* SIGPIPE: a write to a reader-less pipe */
	FROM_LIMIT,		/* SIGXFSZ, SIGXCPU: a resource limit */
	FROM_FAULT,		/* a fault: SIGSEGV, SIGBUS, SIGILL... */
	FROM_SECCOMP,		/* SIGSYS from a seccomp filter */
	FROM_TERMINAL,	/* the tty: ^C, ^\, ^Z, hangup, bg I/O */
	FROM_TIMER,		/* alarm, setitimer, a POSIX timer */
	FROM_IO,		/* SIGIO/SIGURG for a descriptor */
	FROM_OUTSIDE_NS,	/* a sender outside the receiver's pid ns */
	FROM_KERNEL,		/* the kernel, for no reason named above */
	FROM__COUNT
};

enum term_event {
	TERM_NONE,
	TERM_INTR,		/* ^C: SIGINT */
	TERM_QUIT,		/* ^\: SIGQUIT */
	TERM_SUSP,		/* ^Z: SIGTSTP */
	TERM_HANGUP,		/* SIGHUP, SIGCONT */
	TERM_BG_READ,		/* SIGTTIN */
	TERM_BG_WRITE,		/* SIGTTOU */
	TERM_RESIZE,		/* SIGWINCH */
	TERM__COUNT
};

enum file_kind {
	FILE_UNKNOWN,
	FILE_PIPE,
	FILE_FIFO,
	FILE_SOCKET,
	FILE_OTHER,
	FILE__COUNT
};

enum group_how {
	GROUP_NONE,
	GROUP_TERMINAL,		/* the terminal signals its foreground group */
	GROUP_KILL_ZERO,	/* kill(0, sig), seen at the sender */
	GROUP_KILL_PGID,	/* kill(-pgid, sig), seen at the sender */
	GROUP_PENDING,		/* every traced member had it pending */
	GROUP__COUNT
};

enum sig_dropped {
	DROP_NONE,
	DROP_NS_INIT,		/* a pid namespace's init at SIG_DFL */
	DROP_INIT,		/* the global init */
	DROP__COUNT
};

enum timer_kind { TIMER_NONE, TIMER_ITIMER, TIMER_POSIX, TIMER__COUNT };
enum limit_res { LIMIT_NONE, LIMIT_FSIZE, LIMIT_CPU, LIMIT__COUNT };

#define SYSCALL_NAME_MAX 32
#define FILE_LINK_MAX 96

/* The system call a kernel-made SIGPIPE or SIGXFSZ came from. */
struct ev_epipe {
	char syscall[SYSCALL_NAME_MAX];	/* "" when not known */
	int fd;			/* -1 when not known */
	char file[FILE_LINK_MAX];	/* the fd's link: "pipe:[123]" */
	enum file_kind kind;
	bool has_reader;	/* the pipe's reader that went away */
	struct proc_ident reader;
};

/* A delivery that is one signal sent to a whole process group. */
struct ev_group {
	unsigned id;		/* 0: not a group signal */
	pid_t pgid;
	bool first;
	enum group_how how;
};

/* A re-raise: the delivery that ran the handler, and its origin. */
struct ev_reraise {
	bool present;
	uint64_t mono_ns;
	pid_t tid;
	int code;
	enum sig_origin origin;
	enum term_event term;
	enum file_kind pipe_kind;
	bool has_sender;
	struct proc_ident sender;
	struct ancestry sender_chain;
	int in_handler;		/* 1, 0, or -1 when not followed */
};

struct ev_signal {
	int signo;
	int code;		/* si_code */
	int err;		/* si_errno */
	bool has_sender;
	struct proc_ident sender;
	struct ancestry sender_chain;
	bool has_addr;
	uint64_t addr;		/* si_addr for SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP */
	bool has_status;
	int status;		/* SIGCHLD: exit code or signal number */
	bool has_value;
	int64_t value;		/* si_value (sival_int / sival_ptr) */
	bool has_band;
	int64_t band;		/* SIGIO/SIGPOLL si_band */
	int fd;			/* SIGIO/SIGPOLL si_fd */
	struct disposition disposition;
	long syscall;		/* syscall the thread was in, or -1 */
	const char *syscall_name;	/* its name (static table entry: the
					 * number is of the thread's ABI), or
					 * NULL: the sinks name it natively */
	long syscall_ret;	/* its pending return value (-ERESTART*...) */
	const struct stack *stack;	/* -k: the receiving thread, or NULL */
	/* The explanation (docs/explanations.md). */
	enum sig_origin origin;
	const char *send_syscall;	/* self, reraise: "tgkill" (static) */
	struct ev_epipe epipe;	/* pipe, limit (RLIMIT_FSIZE) */
	enum limit_res limit;
	enum term_event term;
	char tty[32];		/* terminal: "/dev/pts/3", or "" */
	enum timer_kind timer;
	struct ev_group group;
	enum sig_dropped dropped;
	bool has_sender_uid;	/* outside_namespace: si_uid */
	uid_t sender_uid;
	struct ev_reraise reraise;
	/* The receiver's command line, when it changed since its exec or
	 * fork (a title it wrote, a fork without exec): what ps shows. */
	bool has_argv;
	struct cmdline argv;
	/* EV_CONSUMED: when it was sent (0: not seen sent), and what took
	 * it ("signalfd", "sigtimedwait", "sigwaitinfo", "" unknown; the
	 * signalfd's descriptor or -1; the call in syscall, when ptrace saw
	 * it).  Why no sender is known when the program got no siginfo
	 * ("no_siginfo", "unreadable"; code unknown then), or "". */
	uint64_t sent_mono_ns;
	char consumed_by[SOURCE_MAX];
	int consumed_fd;
	char sender_unknown[SOURCE_MAX];
};

struct ev_sigaction {
	int signo;
	bool has_old;		/* oldact known (read, or from the model) */
	struct disposition old_disp;
	bool has_new;		/* act != NULL */
	struct disposition new_disp;
	int result;		/* 0, or a positive errno */
	const char *syscall;	/* "rt_sigaction", "signal", ... */
	const struct stack *stack;	/* -k: the calling thread, or NULL */
	/* Attach mode without --syscalls: seen as a change in /proc
	 * between two polls, not as a call. */
	bool observed;
	uint64_t window_start_mono_ns;
};

/* A disposition table (psig-like) read from /proc at attach or on demand. */
struct ev_dispositions {
	uint64_t caught;	/* SigCgt, bit (signo - 1) */
	uint64_t ignored;	/* SigIgn */
	uint64_t blocked;	/* SigBlk of the main thread */
	uint64_t pending;	/* SigPnd | ShdPnd */
	int threads;
	struct cmdline argv;
	/* Attach: what brought the process in ("pidfile" and its path,
	 * "name" and the regex, ...; "" when a fork or the spawn did). */
	char target_kind[16];
	char target[PATH_MAX_EV];
};

struct ev_fork {
	pid_t child;
	bool thread;		/* CLONE_THREAD */
	bool vfork;
};

struct ev_exec {
	char path[PATH_MAX_EV];
	pid_t former_tid;	/* the thread that called execve, if not leader */
	struct cmdline argv;
};

/* interrupted / eintr / restarted */
struct ev_syscall_sig {
	long syscall;
	const char *syscall_name;	/* static table entry or NULL */
	long code;		/* -ERESTARTSYS ... or -EINTR */
	int signo;
	struct disposition handler;
	bool never_restarted;	/* signal(7): ignores SA_RESTART */
	bool unseen;		/* eintr: the thread died before it returned */
	/* The signal is ignored, and untraced the kernel would not even
	 * have queued it (docs/safety.md, item 6): */
	bool by_tracer;		/* restarted: sigtrace restarted the call */
	bool tracing_induced;	/* eintr: seen only because traced */
};

/* Where a signal to sigtrace came from (docs/safety.md). */
enum tsig_origin {
	TSIG_DIRECT,		/* sent to sigtrace alone, from outside */
	TSIG_GROUP,		/* to its process group: the command got it too */
	TSIG_TRACED,		/* sent by a traced process */
	TSIG_KERNEL,		/* the kernel's: a terminal's Ctrl-C, a limit... */
	TSIG_ORIGIN__COUNT
};

/* What sigtrace did about it. */
enum tsig_action {
	TSIG_NOTED,		/* nothing more: not a request to stop */
	TSIG_FIRST_STOP,	/* spawn: a first request to stop, said */
	TSIG_STOP,		/* spawn: the second within a second: stop */
	TSIG_DETACH,		/* attach: detach */
	TSIG_ACTION__COUNT
};

struct ev_tracer_signal {
	int signo;
	int code;		/* si_code */
	bool has_sender;
	struct proc_ident sender;
	struct ancestry sender_chain;
	enum tsig_origin origin;
	enum tsig_action action;
};

enum finding_kind {
	FINDING_DEFAULT_DISPOSITION,	/* delivered under SIG_DFL: harm done */
	FINDING_DANGEROUS_DEFAULTS,	/* audit: operator signals left default */
	FINDING_ONESHOT_HANDLER,	/* SA_RESETHAND/SA_NODEFER handler */
	FINDING_MODEL_MISMATCH,		/* model and /proc disagreed */
	FINDING__COUNT
};

enum finding_effect {
	EFFECT_KILLED,
	EFFECT_CORE,
	EFFECT_STOPPED,
	EFFECT__COUNT
};

enum finding_cause {
	CAUSE_NEVER_INSTALLED,
	CAUSE_INSTALLED_LATER,
	CAUSE_RESETHAND,
	CAUSE_EXEC_RESET,
	CAUSE_REMOVED,
	CAUSE_UNKNOWN_BEFORE_ATTACH,
	CAUSE_RERAISE,		/* the program set SIG_DFL to re-raise */
	CAUSE__COUNT
};

/* How much a finding matters (docs/explanations.md, severity.c). */
enum severity {
	SEV_CRITICAL,
	SEV_HIGH,
	SEV_MEDIUM,
	SEV_LOW,
	SEV_INFO,
	SEV__COUNT
};

struct ev_finding {
	enum finding_kind kind;
	bool has_severity;	/* false: a log from before severities */
	enum severity severity;
	enum sig_origin origin;	/* default_disposition: of the delivery */
	int signo;
	enum finding_effect effect;
	enum finding_cause cause;
	bool has_sender;
	struct proc_ident sender;
	struct ancestry sender_chain;
	int code;
	uint64_t delivery_mono_ns;
	/* When the cause is a past event: when it happened. */
	bool has_cause_time;
	uint64_t cause_mono_ns;
	/* Installed later: when the handler appeared. */
	bool has_install_time;
	uint64_t install_mono_ns;
	/* Window of the race, from the last exec. */
	bool has_exec_time;
	uint64_t exec_mono_ns;
	char exec_path[PATH_MAX_EV];
	/* dangerous_defaults: the signals concerned, bit (signo - 1). */
	uint64_t signals;
	/* oneshot_handler: the handler. */
	struct disposition handler;
	char detail[DETAIL_MAX];
};

struct ev_warning {
	char message[DETAIL_MAX];
};

struct ev_exit {
	bool signaled;
	int code;		/* exit code when !signaled */
	int signo;		/* when signaled */
	bool core;
	bool thread;		/* a thread of a live process ended */
	/* SIGKILL, never shown to a tracer: "sender" (the sender observer
	 * saw it sent), "oom_killer", "unknown"; "" for other endings. */
	char kill_cause[SOURCE_MAX];
	bool has_sender;
	struct proc_ident sender;
	struct ancestry sender_chain;
};

struct ev_trace_start {
	bool attach;
	struct cmdline argv;	/* spawn: the command */
	size_t npids;
	pid_t pids[PIDS_MAX];	/* attach: the pids asked for */
	pid_t tracer_pid;
	char version[32];
	char senders[SOURCE_MAX];	/* the sender observer's back end */
	char senders_note[DETAIL_MAX];	/* why not a better one, or "" */
};

struct ev_trace_end {
	int exit_status;	/* what sigtrace exits with */
	uint64_t stops;		/* ptrace stops handled in total */
	uint64_t syscall_stops;	/* of which syscall-entry/exit stops */
	uint64_t deliveries;
	/* What was sent that no delivery showed: consumed (the ptrace side
	 * in spawn mode, or the kernel observer); the other counts only
	 * when the kernel observer saw the sends (SENDS_SEEN). */
	bool has_sends;
	bool sends_seen;
	uint64_t consumed;	/* taken by sigwaitinfo, signalfd */
	uint64_t ignored;	/* dropped at send time: ignored */
	uint64_t merged;	/* one of its kind already pending */
	uint64_t dropped;	/* real-time queue full */
	uint64_t lost;		/* lost by the observer (buffer full) */
};

struct event {
	enum event_type type;
	int64_t real_sec;	/* CLOCK_REALTIME */
	long real_nsec;
	uint64_t mono_ns;	/* CLOCK_MONOTONIC */
	pid_t pid;		/* thread group */
	pid_t tid;
	char comm[COMM_MAX];
	union {
		struct ev_trace_start start;
		struct ev_fork fork;
		struct ev_exec exec;
		struct ev_signal sig;
		struct ev_sigaction sa;
		struct ev_syscall_sig sc;
		struct ev_finding finding;
		struct ev_warning warning;
		struct ev_exit exit;
		struct ev_trace_end end;
		struct ev_dispositions table;
		struct ev_tracer_signal tsig;
	} u;
};

/* Zero E and stamp it with TYPE and the current clocks. */
void event_init(struct event *e, enum event_type type);

/*
 * Make the text of E what the JSON log gives back when it is read:
 * valid UTF-8 (invalid bytes as U+FFFD), each field cut at a character
 * to fit, command-line arguments that no longer fit dropped.  The
 * analyzer takes events so, live (the analyzer sink calls this) as
 * offline (the reader's events are): that is why both report alike.
 * The sinks that write logs take the raw bytes, to escape as they need.
 * A backtrace (e->u.sig.stack) is not the event's to change: left as is.
 */
void event_make_utf8(struct event *e);

/* "signal", "sigaction", ... as in the JSON "type" field. */
const char *event_type_name(enum event_type type);
int event_type_from_name(const char *name);	/* -1 when unknown */

const char *finding_kind_name(enum finding_kind kind);
int finding_kind_from_name(const char *name);
const char *finding_effect_name(enum finding_effect effect);
const char *finding_cause_name(enum finding_cause cause);
int finding_cause_from_name(const char *name);
int finding_effect_from_name(const char *name);
const char *tsig_origin_name(enum tsig_origin origin);
int tsig_origin_from_name(const char *name);
const char *tsig_action_name(enum tsig_action action);
int tsig_action_from_name(const char *name);

/* Set C from an argv vector (used for trace_start and tests). */
void cmdline_from_argv(struct cmdline *c, char *const argv[]);

#endif
