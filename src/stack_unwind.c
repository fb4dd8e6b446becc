/*
 * stack_unwind.c - backtraces with libunwind-ptrace, names from the ELF
 * symbol cache (stack_elf.c), modules from the maps cache (maps.c).
 *
 * One address space for every tracee, with libunwind's global cache of
 * unwind rules.  That cache is keyed by instruction address only, so it
 * is flushed whenever the next backtrace is of another process than the
 * last one, or after the process's map was read again (code may have
 * moved).  Each thread keeps its _UPT handle (which caches the ELF
 * image of the last module it unwound through) until it exits or its
 * process execs.
 *
 * Names do not come from unw_get_proc_name: in libunwind 1.6 it reads
 * /proc/PID/maps and maps the module's file again for every frame.  The
 * ELF cache reads each module once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libunwind-ptrace.h>

#include "maps.h"
#include "stack.h"
#include "stack_elf.h"

#define UPT_BUCKETS 256
#define DEPTH_MAX 1024

struct upt_slot {
	struct upt_slot *next;
	pid_t tid;
	pid_t pid;
	void *upt;
};

static bool initialized;
static int init_error;
static unw_addr_space_t as;
static pid_t cached_pid;	/* whose code libunwind's cache describes */
static bool flush_pending;
static unsigned epoch;		/* one per backtrace or symbol: maps_lookup */
static struct upt_slot *upts[UPT_BUCKETS];

bool stack_available(void)
{
	return true;
}

const char *stack_backend(void)
{
	return "libunwind";
}

int stack_init(void)
{
	if (initialized)
		return init_error;
	initialized = true;
	as = unw_create_addr_space(&_UPT_accessors, 0);
	if (!as) {
		init_error = -ENOMEM;
		return init_error;
	}
	unw_set_caching_policy(as, UNW_CACHE_GLOBAL);
	return 0;
}

static struct upt_slot **upt_slot(pid_t tid)
{
	struct upt_slot **pp = &upts[(unsigned)tid % UPT_BUCKETS];

	while (*pp && (*pp)->tid != tid)
		pp = &(*pp)->next;
	return pp;
}

static void upt_drop(struct upt_slot **pp)
{
	struct upt_slot *s = *pp;

	*pp = s->next;
	_UPT_destroy(s->upt);
	free(s);
}

static void *upt_for(pid_t pid, pid_t tid)
{
	struct upt_slot **pp = upt_slot(tid), *s;

	if (*pp && (*pp)->pid == pid)
		return (*pp)->upt;
	if (*pp)
		upt_drop(pp);	/* a reused tid */
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->upt = _UPT_create(tid);
	if (!s->upt) {
		free(s);
		return NULL;
	}
	s->tid = tid;
	s->pid = pid;
	s->next = upts[(unsigned)tid % UPT_BUCKETS];
	upts[(unsigned)tid % UPT_BUCKETS] = s;
	return s->upt;
}

static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Module, module offset and function of IP.  EXACT: IP is where the
 * thread is; otherwise a return address, whose call is at IP - 1 (the
 * last instruction of a function that does not return belongs to it,
 * not to the next one). */
static void fill_frame(pid_t pid, struct stack_frame *f, uint64_t ip,
		       bool exact)
{
	uint64_t at = exact || ip == 0 ? ip : ip - 1;
	const struct map_entry *e;
	const char *name;
	uint64_t off;
	bool changed = false;

	memset(f, 0, sizeof(*f));
	f->ip = ip;
	e = maps_lookup(pid, at, true, epoch, &changed);
	if (changed)
		flush_pending = true;
	if (!e)
		return;
	if (e->path[0]) {
		copy_str(f->module, sizeof(f->module), e->path);
		f->module_offset = ip - e->base;
	}
	if (elf_symbol_at(pid, e, at, &name, &off)) {
		copy_str(f->symbol, sizeof(f->symbol), name);
		f->symbol_offset = off + (ip - at);
	}
}

struct stack *stack_capture(pid_t pid, pid_t tid, unsigned depth)
{
	unw_cursor_t c;
	struct stack *s, *shrunk;
	unw_word_t prev_ip = 0, prev_sp = 0;
	bool exact = true;
	size_t n = 0;
	void *upt;

	if (depth == 0 || stack_init() < 0)
		return NULL;
	if (depth > DEPTH_MAX)
		depth = DEPTH_MAX;
	upt = upt_for(pid, tid);
	if (!upt)
		return NULL;
	if (cached_pid != pid || flush_pending) {
		unw_flush_cache(as, 0, 0);
		cached_pid = pid;
		flush_pending = false;
	}
	epoch++;
	s = malloc(sizeof(*s) + depth * sizeof(s->frames[0]));
	if (!s)
		return NULL;
	if (unw_init_remote(&c, as, upt) < 0) {
		free(s);
		return NULL;
	}
	while (n < depth) {
		unw_word_t ip, sp = 0;

		if (unw_get_reg(&c, UNW_REG_IP, &ip) < 0 || (n > 0 && ip == 0))
			break;
		unw_get_reg(&c, UNW_REG_SP, &sp);
		/* A corrupt stack can make a frame its own caller. */
		if (n > 0 && ip == prev_ip && sp == prev_sp)
			break;
		fill_frame(pid, &s->frames[n++], ip, exact);
		prev_ip = ip;
		prev_sp = sp;
		/* Above a signal frame, the caller's ip is where it was
		 * interrupted, not a return address. */
		exact = unw_is_signal_frame(&c) > 0;
		if (unw_step(&c) <= 0)
			break;
	}
	if (n == 0) {
		free(s);
		return NULL;
	}
	s->count = n;
	shrunk = realloc(s, sizeof(*s) + n * sizeof(s->frames[0]));
	return shrunk ? shrunk : s;
}

void stack_free(const struct stack *s)
{
	free((void *)s);
}

bool stack_symbolize(pid_t pid, uint64_t addr, struct disposition *d)
{
	const struct map_entry *e;
	const char *name;
	uint64_t off;

	epoch++;
	e = maps_lookup(pid, addr, true, epoch, NULL);
	if (!e)
		return false;
	if (e->path[0]) {
		copy_str(d->module, sizeof(d->module), e->path);
		d->module_offset = addr - e->base;
	}
	if (elf_symbol_at(pid, e, addr, &name, &off)) {
		if (off)
			snprintf(d->symbol, sizeof(d->symbol), "%s+0x%llx",
				 name, (unsigned long long)off);
		else
			copy_str(d->symbol, sizeof(d->symbol), name);
	}
	return d->symbol[0] || d->module[0];
}

void stack_symbolize_disposition(pid_t pid, struct disposition *d)
{
	if (d->kind == DISP_HANDLER && d->handler && !d->symbol[0] &&
	    !d->module[0])
		stack_symbolize(pid, d->handler, d);
}

void stack_forget_thread(pid_t tid)
{
	struct upt_slot **pp = upt_slot(tid);

	if (*pp)
		upt_drop(pp);
}

void stack_forget_process(pid_t pid)
{
	for (unsigned b = 0; b < UPT_BUCKETS; b++) {
		struct upt_slot **pp = &upts[b];

		while (*pp) {
			if ((*pp)->pid == pid)
				upt_drop(pp);
			else
				pp = &(*pp)->next;
		}
	}
	maps_forget(pid);
	if (cached_pid == pid)
		cached_pid = 0;
}
