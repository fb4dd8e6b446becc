/* SPDX-License-Identifier: MIT */
/*
 * analyzer.h - the post-mortem analysis: fed one struct event at a time
 * (live, by the analyzer sink; offline, by the JSON Lines reader), it
 * keeps what the report needs and nothing that grows with the number of
 * events: counters, the first findings, a disposition table per process,
 * per-signal and EINTR tables, and a bounded timeline.
 *
 * It only uses what the JSON Lines log holds (no pointers, no /proc),
 * and takes text as the log reads back (valid UTF-8: the reader's
 * events are, the analyzer sink makes live ones so with
 * event_make_utf8()), so the live and the offline report of the same
 * events are identical.
 * The data is public so the renderers (report_*.c) can read it; only
 * analyzer*.c write it.
 */
#ifndef SIGTRACE_ANALYZER_H
#define SIGTRACE_ANALYZER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "model.h"
#include "sigtab.h"
#include "strbuf.h"

#define AN_PROCS_MAX 2048	/* processes detailed; the rest only counted */
#define AN_PID_SLOTS (4 * AN_PROCS_MAX)	/* the pid hash */
#define AN_THREADS_MAX 16	/* threads remembered per process */
#define AN_FINDINGS_MAX 1000	/* findings kept; the rest only counted */
#define AN_EINTR_MAX 256	/* (process, syscall, signal) rows */
#define AN_SENDERS_MAX 8	/* distinct senders kept per signal */
#define AN_TIMELINE_MAX 400	/* timeline entries */
#define AN_RING 6		/* context kept before a finding */
#define AN_CTX_AFTER 3		/* and after it */
#define AN_WARNINGS_MAX 50
#define AN_CHANGES_MAX 256	/* disposition changes kept per process */
#define AN_ROWS_MAX 400		/* lanes of the graphical timeline */
#define AN_BINS 512		/* time bins per lane */
#define AN_MARKS_MAX 50000	/* exact marks for the Chrome trace */
#define AN_POOL_MAX 4096	/* interned symbols and syscall names */
#define AN_STR 256		/* bytes kept of a command line or path */
#define AN_TEXT 192		/* bytes of a timeline description */

/* A command line: arguments, each NUL-terminated, in LEN bytes. */
struct an_args {
	char buf[AN_STR];
	uint16_t len;
	bool truncated;
};

/* Who sent a signal, as the delivery (or finding) named it. */
struct an_sender {
	bool present;		/* the signal names a sending process */
	bool named;		/* its comm and cmdline are known */
	bool gone;
	pid_t pid;		/* 0: in another pid namespace, not found */
	pid_t ns_pid;		/* its pid in the receiver's namespace, or 0 */
	uid_t uid;
	char comm[COMM_MAX];
	struct an_args cmdline;
	uint8_t nchain;
	struct {
		pid_t pid;
		char comm[COMM_MAX];
	} chain[ANCESTRY_MAX];
};

/* A disposition, compact: the symbol is an index into the pool. */
struct an_disp {
	uint8_t kind;		/* enum disp_kind */
	bool flags_known;
	uint32_t symbol;	/* an_pool index, 0 none */
	uint64_t handler;
	uint64_t flags;
};

/* How a signal's current disposition came to be. */
enum an_how {
	HOW_START,		/* as the process started (or was found) */
	HOW_SIGACTION,		/* a sigaction call */
	HOW_OBSERVED,		/* a change seen in /proc (attach mode) */
	HOW_EXEC,		/* execve reset a handler */
	HOW_RESETHAND,		/* SA_RESETHAND at a delivery */
	HOW_SNAPSHOT,		/* a dispositions snapshot */
};

/* The report's view of one signal of a process's model. */
struct an_sigstate {
	struct an_disp start;	/* at the start of the current program */
	struct an_disp cur;	/* the model's, as the log states it */
	bool flags_stated;	/* the log gave cur's flags */
	uint8_t how;		/* enum an_how of cur */
	bool changed;		/* the program changed it since start */
	uint64_t since_ns;
	uint64_t since_seq;
	pid_t since_tid;
	int row;		/* lane of the signal's deliveries, -1 none */
};

/* A kind change of one signal (signo >= 1), or an exec (signo 0). */
struct an_change {
	uint64_t ns;
	uint8_t signo;
	uint8_t kind;		/* enum disp_kind; unused for an exec */
	uint8_t how;
	uint32_t symbol;
};

#define AN_OPEN_MAX 4
struct an_thread {
	pid_t tid;
	uint64_t first_ns, end_ns;
	bool ended;
	int row;		/* lane, -1 none */
	uint32_t open[AN_OPEN_MAX];	/* marks of interrupted syscalls */
	uint8_t nopen;		/* whose outcome is still to come */
};

/* Outcome classes of marks on the timeline. */
enum an_cls {
	CLS_HANDLED,
	CLS_IGNORED,		/* SIG_IGN, or a default that ignores */
	CLS_DEFAULT,		/* default continue (harmless) */
	CLS_FATAL,		/* default term or core */
	CLS_STOP,
	CLS_UNKNOWN,
	CLS_EINTR,
	CLS_RESTARTED,
	CLS_INTERRUPTED,	/* interrupted, outcome not (yet) seen */
	CLS_INSTALL,
	CLS_EXEC,
	CLS_EXIT,
	CLS_FINDING,
	CLS_NOTE,
	CLS__COUNT
};

/* The classes counted in time bins: deliveries and syscall outcomes. */
#define AN_BIN_CLS (CLS_RESTARTED + 1)

/* One entry of the event timeline: a description ready to escape. */
struct an_tl {
	uint64_t seq;		/* position of the event in the stream */
	uint64_t ns;
	pid_t pid, tid;
	uint8_t type;		/* enum event_type */
	uint8_t signo;
	uint8_t cls;		/* enum an_cls */
	bool told;		/* TEXT is written */
	char comm[COMM_MAX];
	char text[AN_TEXT];
};

/* An entry of a process's context ring: an event that a later finding
 * may show.  Most never are, so the description is written only when
 * the event is about to leave the window of recent events (an_recent),
 * and then kept at its length (analyzer_tl.c). */
struct an_ctx {
	uint64_t seq;
	uint64_t ns;
	pid_t tid;
	uint8_t type;		/* enum event_type */
	uint8_t cls;		/* enum an_cls */
	char *told;		/* comm, NUL, text, NUL; NULL: not written */
};

/* The window of the last events, for the ring entries whose text is not
 * written yet (analyzer_tl.c). */
#define AN_RECENT 64
struct an_recent;

enum an_verdict {
	VERDICT_RUNNING,	/* no exit seen before the log ended */
	VERDICT_EXITED,
	VERDICT_KILLED,
	VERDICT_DETACHED,	/* still running when sigtrace let go */
};

/* The delivery that killed (or last threatened) a process. */
struct an_fatal {
	bool known;
	int signo;
	int code;
	uint64_t ns;
	pid_t tid;
	bool has_cause;		/* a default_disposition finding explained it */
	uint8_t cause;		/* enum finding_cause */
	uint8_t action;		/* enum sig_action */
	bool has_severity;	/* ... and how much it matters */
	uint8_t severity;	/* enum severity */
	struct an_sender sender;
	/* The delivery itself, for its origin (docs/explanations.md); its
	 * pointers (stack, names) are cleared. */
	struct ev_signal sig;
};

/* A disposition of an ended process's model (analyzer_model.c). */
struct an_saved_disp {
	uint8_t signo;
	struct disposition disp;
};

struct an_proc {
	pid_t pid, parent;
	uint32_t index;		/* order of first appearance, from 1 */
	char comm[COMM_MAX];
	/* Its command line (an_proc_argv()) and its program, at their
	 * length: most are far shorter than AN_STR. */
	char *argv_buf;		/* NULL: none known */
	uint16_t argv_len;
	bool argv_truncated;
	char *exec_path;	/* NULL: no exec seen (nor inherited) */
	uint64_t first_ns, exec_ns, end_ns;
	uint64_t exec_seq;
	uint32_t nexec;
	bool unknown_start;	/* attach mode: nothing known before */
	enum an_verdict verdict;
	int exit_code;
	int exit_signo;
	bool core;
	bool stopped;		/* by a default stop action, not continued */
	struct an_fatal *fatal;	/* NULL until a delivery threatened it:
				 * an_proc_fatal() */
	/* The dispositions, by the tracer's rules; NULL while the process
	 * has changed none of those it began with, or once it ended
	 * (SAVED: the dispositions that differ; analyzer_model.c). */
	struct sigmodel *model;
	struct an_saved_disp *saved;
	uint32_t nsaved;
	/* The report's view of each signal (an_sig()): most signals of most
	 * processes stay as the process began (BASE); the others have their
	 * own, in VIEWS by signal number (one per bit of HAS_VIEW). */
	struct an_sigstate base;
	struct an_sigstate *views;
	sigbits_t has_view;
	struct an_change *changes;
	uint32_t nchanges, changes_cap;
	bool changes_truncated;
	struct an_thread *threads;	/* by first sight, grown on demand */
	uint32_t nthreads, threads_cap, threads_more;
	struct an_ctx *ring;	/* grown on demand up to AN_RING */
	uint8_t ring_n, ring_next, ring_cap;
	uint32_t ctx_after;	/* events still to capture after a finding */
	uint64_t captured_until;	/* seqs below it are in the timeline */
	uint64_t deliveries, eintrs, nfindings;
	sigbits_t delivered;	/* signals delivered to it */
	sigbits_t consumed;	/* signals it took without a delivery */
	sigbits_t tl_shown;	/* signals whose first delivery is in the
				 * timeline */
	int row;		/* lane of the process, -1 none */
	/* SIGCHLD accounting (coalescing) */
	uint32_t child_exits;	/* children ended while SIGCHLD was handled */
	uint32_t sigchld_handled;	/* child-status SIGCHLDs to the handler */
};

/* A finding event as logged (audit findings grouped by program). */
struct an_finding {
	uint64_t seq, ns;
	pid_t pid, tid;
	char comm[COMM_MAX];
	uint8_t kind;		/* enum finding_kind */
	int signo;
	int code;
	uint8_t effect, cause;	/* default_disposition only */
	bool has_severity;	/* the log said (not a log from before) */
	uint8_t severity;	/* enum severity */
	uint8_t origin;		/* enum sig_origin */
	struct an_sender sender;
	uint64_t delivery_ns, cause_ns, install_ns, exec_ns;
	bool has_cause, has_install, has_exec;
	char exec_path[AN_STR];
	sigbits_t signals;
	struct an_disp handler;
	char detail[DETAIL_MAX];
	uint32_t count;		/* processes this (grouped) finding covers */
	pid_t more_pids[4];
};

/* EINTR accounting per (process, syscall, signal). */
struct an_eintr {
	pid_t pid;
	char comm[COMM_MAX];
	long nr;
	uint32_t syscall;	/* pool index of the name */
	int signo;
	uint64_t interrupted, eintr, restarted;
	uint64_t unseen;	/* EINTRs the thread died before seeing */
	bool never_restarted;
	int8_t sa_restart;	/* 1 set, 0 not set, -1 unknown */
	struct an_disp handler;
	uint64_t first_ns;
};

struct an_sender_count {
	char key[COMM_MAX];	/* sender comm, or the si_code name */
	bool process;		/* key is a process name */
	pid_t pid;		/* first sender pid */
	bool many_pids;
	uint64_t n;
};

struct an_sigstat {
	uint64_t delivered, handled, ignored, deflt, fatal, stopped, unknown;
	struct an_sender_count senders[AN_SENDERS_MAX];
	uint32_t nsenders;
	uint64_t other_senders;
};

/* One signal sent to a whole process group, and its fan-out. */
#define AN_GROUPS_MAX 64
#define AN_GROUP_SHOWN 8
struct an_group {
	unsigned id;
	int signo;
	pid_t pgid;
	uint8_t origin;		/* enum sig_origin of its first delivery */
	uint8_t term;		/* enum term_event */
	struct an_sender sender;
	uint32_t n;		/* deliveries */
	struct {
		pid_t pid;
		uint8_t cls;	/* enum an_cls: what it did there */
		char comm[COMM_MAX];
	} members[AN_GROUP_SHOWN];
};

/* A report finding: what the renderers list, most severe first. */
enum an_item_kind {
	ITEM_FINDING,		/* ref: index into findings */
	ITEM_EINTR,		/* ref: index into eintr */
	ITEM_COALESCED,		/* ref: index into procs */
	ITEM_WARNING,		/* ref: index into warnings */
};

struct an_item {
	uint8_t sev;
	uint8_t kind;
	uint32_t ref;
	uint64_t key;		/* sort key: severity, kind, then order */
};

struct an_warning {
	uint64_t seq, ns;
	pid_t pid, tid;
	char comm[COMM_MAX];
	char message[DETAIL_MAX];
};

/* A lane of the graphical timeline and its time bins. */
enum an_row_kind { ROW_PROC, ROW_THREAD, ROW_SIGNAL };

struct an_bin {
	uint32_t n[AN_BIN_CLS];
	uint64_t tmin, tmax;
	pid_t tid, sender;	/* of the first mark */
	uint8_t signo;
};

struct an_row {
	uint8_t kind;		/* enum an_row_kind */
	uint32_t proc;		/* index into procs */
	pid_t tid;
	int signo;
	struct an_bin *bins;	/* AN_BINS, NULL until the lane's first mark */
};

/* An exact mark, for the Chrome trace: an instant, or a slice when
 * end_ns is set (an interrupted syscall and its handler). */
struct an_mark {
	uint64_t ns, end_ns;
	pid_t pid, tid, sender;
	uint8_t type;		/* enum event_type */
	uint8_t signo;
	uint8_t cls;
	uint8_t aux;		/* nesting of a slice; thread exit; finding kind */
	uint32_t name;		/* pool index: the syscall */
	uint32_t symbol;	/* pool index: the handler's symbol */
};

/* Interned strings (symbols, syscall names); index 0 is "". */
struct an_pool {
	char **str;
	uint32_t n;
	uint32_t *slots;	/* open addressing, 2 * AN_POOL_MAX */
	uint64_t dropped;
};

struct an_trace {
	bool started, attach, ended, several;
	struct an_args argv;	/* spawn */
	pid_t pids[PIDS_MAX];	/* attach */
	size_t npids;
	pid_t root;
	char version[32];
	char senders[SOURCE_MAX];	/* the sender observer's back end */
	int64_t start_sec;
	long start_nsec;
	uint64_t t0, t_last;	/* mono of the first and the last event */
	int exit_status;
	uint64_t stops, syscall_stops, deliveries;
};

/* The -c table's columns that the tables above lack (analyzer_counts.c):
 * per signal, the EINTRs it caused, its distinct senders (a sending
 * process, or the kernel, each counted once) and the findings about it. */
struct an_sigcount {
	uint64_t eintr, findings;
	uint32_t senders;
	bool senders_more;	/* the set of senders was full: at least */
};

#define AN_SENDER_SET 8192	/* (signal, sender) pairs remembered */
struct an_counts {
	struct an_sigcount sig[SIG_MAX + 1];
	uint64_t seen[AN_SENDER_SET];	/* open addressing, 0 empty */
	uint32_t nseen;
};

/* The top frames of a -k backtrace, as the report shows them
 * (analyzer_stacks.c); strings in the pool. */
#define AN_TOP_FRAMES 4
struct an_frame {
	uint64_t ip;
	uint64_t offset;	/* in the symbol, or in the module without one */
	uint32_t symbol, module, file;	/* pool ids, 0 none */
	uint32_t line;
	bool inlined;
};

struct an_stack {
	uint8_t n;		/* frames kept */
	uint16_t total;		/* frames the backtrace had */
	uint32_t unavailable;	/* pool id: why there is none, 0 */
	struct an_frame f[AN_TOP_FRAMES];
};

struct an_stacks;		/* analyzer_stacks.c */

/* The views of time that only some renderers read (report_ops.needs):
 * a live run that prints a summary need not keep a 28 KB lane for each
 * of 2000 processes. */
enum an_keep {
	AN_KEEP_LANES = 1 << 0,	/* rows and their time bins */
	AN_KEEP_MARKS = 1 << 1,	/* the exact marks */
	AN_KEEP_ALL = AN_KEEP_LANES | AN_KEEP_MARKS,
};

struct analyzer {
	unsigned keep;		/* enum an_keep */
	struct an_trace trace;
	uint64_t events;
	uint64_t by_type[EV__COUNT];
	bool finished;

	struct an_proc **procs;	/* by first appearance */
	uint32_t nprocs;
	uint64_t procs_untracked;	/* events of processes beyond the cap */
	uint32_t *pid_slots;	/* hash: pid -> procs index + 1 */

	struct an_finding *findings;
	uint32_t nfindings, findings_cap;
	uint64_t findings_dropped[FINDING__COUNT];
	uint64_t findings_total[FINDING__COUNT];

	struct an_eintr *eintr;
	uint32_t neintr, eintr_cap;
	uint64_t eintr_other;	/* outcomes of rows beyond the cap */

	struct an_sigstat sigs[SIG_MAX + 1];

	struct an_warning *warnings;
	uint32_t nwarnings, warnings_cap;
	uint64_t warnings_dropped;

	struct an_tl *timeline;
	uint32_t ntimeline, timeline_cap;
	struct an_recent *recent;	/* AN_RECENT, by seq % AN_RECENT */
	uint64_t timeline_dropped;

	struct an_row *rows;	/* AN_ROWS_MAX, NULL until the first lane */
	uint32_t nrows;
	uint64_t rows_dropped;
	uint64_t span_ns;	/* the bins cover [t0, t0 + span_ns) */

	struct an_mark *marks;	/* AN_MARKS_MAX, NULL until the first */
	uint32_t nmarks;
	uint64_t marks_dropped;

	struct an_pool pool;

	struct an_group *groups;	/* signals sent to a process group */
	uint32_t ngroups;
	uint64_t groups_dropped;

	/* built by analyzer_finish(): the report findings, ranked */
	struct an_item *items;
	uint32_t nitems;
	uint32_t sev_count[SEV__COUNT];
	bool sigchld_seen;	/* any child-status SIGCHLD was delivered */

	struct an_counts *counts;	/* NULL until a signal is counted */
	struct an_stacks *stacks;	/* NULL until an event has a stack */
};

/* An analyzer that keeps everything (AN_KEEP_ALL). */
struct analyzer *analyzer_new(void);
/* Keep only KEEP (enum an_keep) of the views some renderers need: call
 * it before the first event. */
void analyzer_keep(struct analyzer *a, unsigned keep);
void analyzer_free(struct analyzer *a);
/* Take one event (in stream order). */
void analyzer_feed(struct analyzer *a, const struct event *e);
/* The stream ended: rank the findings, sort the timeline.  Idempotent;
 * feeding more events after it is a programming error. */
void analyzer_finish(struct analyzer *a);

/* The process with PID (the latest one, pids are reused), or NULL. */
struct an_proc *analyzer_proc(const struct analyzer *a, pid_t pid);
/* P's view of SIGNO (1..SIG_MAX). */
const struct an_sigstate *an_sig(const struct an_proc *p, int signo);
/* What killed or stopped P (known false when nothing did). */
const struct an_fatal *an_proc_fatal(const struct an_proc *p);
/* P's command line, in TMP. */
const struct an_args *an_proc_argv(const struct an_proc *p,
				   struct an_args *tmp);
/* The signals operators send whose default still terminates P (the
 * model's audit, model_dangerous_defaults()). */
sigbits_t an_proc_dangerous(const struct an_proc *p);
const char *an_pool_str(const struct analyzer *a, uint32_t id);

/* ---- internals shared by analyzer*.c (analyzer_util.c) ---- */

/* ARR (of SIZE-byte entries, CAP of them) with room for entry N < MAX,
 * the new entries zero: a table takes what the trace fills of it (the
 * findings' could take 1.6 MB). */
void *an_grow(void *arr, uint32_t *cap, uint32_t n, uint32_t max,
	      size_t size);
/* Copy text (valid UTF-8, as events bring it) NUL-terminated, cut at a
 * character boundary to fit SIZE. */
void an_clean(char *dst, size_t size, const char *src, size_t len);
/* The same for a fixed-size event field of MAX bytes (maybe unterminated). */
void an_clean_fixed(char *dst, size_t size, const char *src, size_t max);
void an_args_from(struct an_args *dst, const struct cmdline *c);
void an_sender_from(struct an_sender *dst, bool present,
		    const struct proc_ident *p, const struct ancestry *chain);
void an_disp_from(struct analyzer *a, struct an_disp *dst,
		  const struct disposition *d);
uint32_t an_pool_add(struct an_pool *p, const char *s);
/* The syscall name as the JSON log writes it. */
const char *an_syscall_name(long nr, const char *name, char *buf,
			    size_t len);
/* What a delivery under D does to the process. */
enum an_cls an_disp_class(int signo, const struct an_disp *d);

/* analyzer_table.c: the process table (analyzer_proc() above). */
/* Make P (appended to procs) what analyzer_proc(P->pid) finds. */
void an_proc_index(struct analyzer *a, const struct an_proc *p);
/* TID of P, added (ADD, while there is room) when first seen.  The
 * pointer lasts until the next thread is added. */
struct an_thread *an_thread_get(struct an_proc *p, pid_t tid, uint64_t ns,
				bool add);
/* Make S the view of SIGNO in P: its own view, unless it is P's base.
 * Pointers from an_sig() may not last over it. */
void an_sig_put(struct an_proc *p, int signo, const struct an_sigstate *s);
void an_proc_set_argv(struct an_proc *p, const struct an_args *args);
void an_proc_set_exec_path(struct an_proc *p, const char *path);
/* P's fatal record, made on first use. */
struct an_fatal *an_proc_fatal_mut(struct an_proc *p);
void an_proc_free(struct an_proc *p);

/* analyzer_model.c: P's model, to change with a rule that may leave it
 * as it is: its own, or one in TMP for an_model_keep(), which makes it
 * P's own from then on if the rule changed it. */
struct sigmodel *an_model_try(struct an_proc *p, struct sigmodel *tmp);
void an_model_keep(struct an_proc *p, struct sigmodel *m);
/* P's model, to change for certain. */
struct sigmodel *an_model_mut(struct an_proc *p);
/* A copy of P's model for a child it forks; NULL: the child begins as P
 * began. */
struct sigmodel *an_model_copy(const struct an_proc *p);
/* P ended: keep only what differs from how it began. */
void an_model_save(struct an_proc *p);

/* analyzer_stats.c; each returns true when the event deserves a place
 * in the timeline with its context. */
void an_stats_signal(struct analyzer *a, const struct event *e,
		     const struct an_disp *d);
bool an_stats_syscall(struct analyzer *a, struct an_proc *p,
		      const struct event *e);
bool an_stats_finding(struct analyzer *a, struct an_proc *p,
		      const struct event *e);
bool an_stats_warning(struct analyzer *a, const struct event *e);
void an_stats_finish(struct analyzer *a);

/* analyzer_group.c: E, a delivery to P of a group signal, did CLS. */
void an_group_signal(struct analyzer *a, struct an_proc *p,
		     const struct event *e, enum an_cls cls);

/* analyzer_counts.c: the -c table's extra columns, from every event. */
void an_counts_event(struct analyzer *a, const struct event *e);

/* analyzer_stacks.c: the backtraces the report shows, from every event;
 * NFINDINGS0 is how many findings were kept before E. */
void an_stacks_event(struct analyzer *a, const struct event *e,
		     uint32_t nfindings0);
void an_stacks_free(struct analyzer *a);
/* The delivery's stack of finding I, the stack of the last sigaction of
 * its signal in its process before it, and the stack of the sigaction
 * that set P's current disposition of SIGNO: NULL when none was taken. */
const struct an_stack *an_stack_delivery(const struct analyzer *a,
					 uint32_t i);
const struct an_stack *an_stack_finding_sigaction(const struct analyzer *a,
						  uint32_t i);
const struct an_stack *an_stack_install(const struct analyzer *a,
					const struct an_proc *p, int signo);

/* analyzer_tl.c */
void an_tl_event(struct analyzer *a, struct an_proc *p, const struct event *e,
		 uint64_t seq, bool important);
void an_tl_global(struct analyzer *a, const struct event *e, uint64_t seq);
void an_tl_finish(struct analyzer *a);
int an_row_add(struct analyzer *a, enum an_row_kind kind, uint32_t proc,
	       pid_t tid, int signo);

/* analyzer_desc.c: plain UTF-8 descriptions, escaped by the renderer.
 * Command lines appear as JSON arrays of JSON strings. */
const char *an_signame(int signo, char *buf, size_t len);
void an_desc_ms(struct strbuf *sb, uint64_t ns);
void an_desc_rel(const struct analyzer *a, struct strbuf *sb, uint64_t ns);
void an_desc_args(struct strbuf *sb, const struct an_args *args);
void an_desc_disp(const struct analyzer *a, struct strbuf *sb, int signo,
		  const struct an_disp *d, bool flags);
void an_desc_sender(struct strbuf *sb, const struct an_sender *s,
		    bool chain);
void an_desc_proc(struct strbuf *sb, const struct an_proc *p);
void an_desc_event(const struct analyzer *a, struct strbuf *sb,
		   const struct event *e);

#endif
