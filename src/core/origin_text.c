/* SPDX-License-Identifier: MIT */
/*
 * origin_text.c - the words for where a signal came from: the names the
 * JSON log gives origins and their details (and back), and the phrase a
 * log line or a verdict says ("from the terminal (^C)").  Plain UTF-8:
 * a sink escapes what it prints.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "origin.h"
#include "sigtab.h"
#include "xlat.h"

static const struct xlat origin_names[] = {
	XLAT_PAIR(FROM_UNKNOWN, "unknown"), XLAT_PAIR(FROM_PROCESS, "process"),
	XLAT_PAIR(FROM_SELF, "self"), XLAT_PAIR(FROM_RERAISE, "reraise"),
	XLAT_PAIR(FROM_CHILD, "child"), XLAT_PAIR(FROM_PIPE, "pipe"),
	XLAT_PAIR(FROM_LIMIT, "limit"), XLAT_PAIR(FROM_FAULT, "fault"),
	XLAT_PAIR(FROM_SECCOMP, "seccomp"),
	XLAT_PAIR(FROM_TERMINAL, "terminal"), XLAT_PAIR(FROM_TIMER, "timer"),
	XLAT_PAIR(FROM_IO, "io"),
	XLAT_PAIR(FROM_OUTSIDE_NS, "outside_namespace"),
	XLAT_PAIR(FROM_KERNEL, "kernel"), XLAT_END
};

static const struct xlat term_names[] = {
	XLAT_PAIR(TERM_INTR, "intr"), XLAT_PAIR(TERM_QUIT, "quit"),
	XLAT_PAIR(TERM_SUSP, "susp"), XLAT_PAIR(TERM_HANGUP, "hangup"),
	XLAT_PAIR(TERM_BG_READ, "background_read"),
	XLAT_PAIR(TERM_BG_WRITE, "background_write"),
	XLAT_PAIR(TERM_RESIZE, "resize"), XLAT_END
};

static const struct xlat file_names[] = {
	XLAT_PAIR(FILE_PIPE, "pipe"), XLAT_PAIR(FILE_FIFO, "fifo"),
	XLAT_PAIR(FILE_SOCKET, "socket"), XLAT_PAIR(FILE_OTHER, "other"),
	XLAT_END
};

static const struct xlat group_names[] = {
	XLAT_PAIR(GROUP_TERMINAL, "terminal"),
	XLAT_PAIR(GROUP_KILL_ZERO, "kill_zero"),
	XLAT_PAIR(GROUP_KILL_PGID, "kill_pgid"),
	XLAT_PAIR(GROUP_PENDING, "pending"), XLAT_END
};

static const struct xlat dropped_names[] = {
	XLAT_PAIR(DROP_NS_INIT, "pid_namespace_init"),
	XLAT_PAIR(DROP_INIT, "init"), XLAT_END
};

static const struct xlat timer_names[] = {
	XLAT_PAIR(TIMER_ITIMER, "itimer"), XLAT_PAIR(TIMER_POSIX, "posix"),
	XLAT_END
};

static const struct xlat limit_names[] = {
	XLAT_PAIR(LIMIT_FSIZE, "RLIMIT_FSIZE"),
	XLAT_PAIR(LIMIT_CPU, "RLIMIT_CPU"), XLAT_END
};

/* A name of TAB, "unknown" for a value without one. */
static const char *name_of(const struct xlat *tab, unsigned v)
{
	const char *n = xlat_name(tab, v);

	return n ? n : "unknown";
}

static int value_of(const struct xlat *tab, const char *name)
{
	uint64_t v;

	return name && xlat_value(tab, name, &v) == 0 ? (int)v : -1;
}

const char *origin_name(enum sig_origin v)
{
	return name_of(origin_names, v);
}

int origin_from_name(const char *name)
{
	return value_of(origin_names, name);
}

const char *term_event_name(enum term_event v)
{
	return name_of(term_names, v);
}

int term_event_from_name(const char *name)
{
	return value_of(term_names, name);
}

const char *file_kind_name(enum file_kind v)
{
	return name_of(file_names, v);
}

int file_kind_from_name(const char *name)
{
	return value_of(file_names, name);
}

const char *group_how_name(enum group_how v)
{
	return name_of(group_names, v);
}

int group_how_from_name(const char *name)
{
	return value_of(group_names, name);
}

const char *dropped_name(enum sig_dropped v)
{
	return name_of(dropped_names, v);
}

int dropped_from_name(const char *name)
{
	return value_of(dropped_names, name);
}

const char *timer_kind_name(enum timer_kind v)
{
	return name_of(timer_names, v);
}

int timer_kind_from_name(const char *name)
{
	return value_of(timer_names, name);
}

const char *limit_name(enum limit_res v)
{
	return name_of(limit_names, v);
}

int limit_from_name(const char *name)
{
	return value_of(limit_names, name);
}

enum file_kind origin_file_kind(const char *link, bool is_fifo)
{
	if (!link || !link[0])
		return FILE_UNKNOWN;
	if (strncmp(link, "pipe:[", 6) == 0)
		return FILE_PIPE;
	if (strncmp(link, "socket:[", 8) == 0)
		return FILE_SOCKET;
	return is_fifo ? FILE_FIFO : FILE_OTHER;
}

static const char *const term_phrases[TERM__COUNT] = {
	[TERM_INTR] = "^C", [TERM_QUIT] = "^\\", [TERM_SUSP] = "^Z",
	[TERM_HANGUP] = "hangup", [TERM_BG_READ] = "a background read",
	[TERM_BG_WRITE] = "a background write", [TERM_RESIZE] = "resize",
};

/* "write() to fd 10 (pipe:[12])" */
static void write_call(struct strbuf *sb, const struct ev_epipe *ep)
{
	sb_printf(sb, "%s()", ep->syscall[0] ? ep->syscall : "a write");
	if (ep->fd >= 0)
		sb_printf(sb, " to fd %d", ep->fd);
	if (ep->file[0])
		sb_printf(sb, " (%s)", ep->file);
}

static void pipe_phrase(struct strbuf *sb, const struct ev_signal *sig)
{
	const struct ev_epipe *ep = &sig->epipe;

	sb_adds(sb, "the kernel: ");
	write_call(sb, ep);
	sb_adds(sb, ep->kind == FILE_SOCKET ? " whose peer had gone" :
		" whose reader had gone");
	if (ep->has_reader && ep->reader.comm[0])
		sb_printf(sb, " (%d %s)", (int)ep->reader.pid, ep->reader.comm);
}

bool origin_phrase(struct strbuf *sb, const struct ev_signal *sig)
{
	char buf[32];

	switch (sig->origin) {
	case FROM_TERMINAL:
		sb_printf(sb, "the terminal (%s)",
			  sig->term < TERM__COUNT && term_phrases[sig->term] ?
			  term_phrases[sig->term] : "?");
		return true;
	case FROM_PIPE:
		pipe_phrase(sb, sig);
		return true;
	case FROM_LIMIT:
		sb_printf(sb, "the kernel: %s reached", limit_name(sig->limit));
		if (sig->limit == LIMIT_FSIZE) {
			sb_adds(sb, " by ");
			write_call(sb, &sig->epipe);
		}
		return true;
	case FROM_FAULT:
	case FROM_SECCOMP:
		sb_printf(sb, "the kernel: %s",
			  si_code_name(sig->signo, sig->code, buf, sizeof(buf)));
		if (sig->has_addr)
			sb_printf(sb, " at 0x%" PRIx64, sig->addr);
		return true;
	case FROM_TIMER:
		sb_adds(sb, sig->timer == TIMER_POSIX ? "a POSIX timer" :
			"a timer (alarm, setitimer)");
		return true;
	case FROM_IO:
		sb_adds(sb, "the kernel: I/O");
		if (sig->has_band)
			sb_printf(sb, " on fd %d", sig->fd);
		return true;
	case FROM_OUTSIDE_NS:
		sb_printf(sb, "outside its pid namespace (uid %u)",
			  (unsigned)sig->sender_uid);
		return true;
	case FROM_KERNEL:
	case FROM_UNKNOWN:
		sb_printf(sb, "the kernel (%s)",
			  si_code_name(sig->signo, sig->code, buf, sizeof(buf)));
		return true;
	default:
		return false;
	}
}
