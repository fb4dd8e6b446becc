/* SPDX-License-Identifier: MIT */
/*
 * stack_unwind.c - backtraces with libunwind-ptrace, names from the ELF
 * symbol cache (stack_elf.c), modules from the maps cache (maps.c).
 *
 * libunwind's cache of unwind rules (UNW_CACHE_GLOBAL) belongs to an
 * address space and is keyed by instruction address only: right for one
 * process, wrong for two programs with code at the same address (two
 * non-PIE programs at 0x400000).  So each traced process that has had a
 * backtrace gets its own address space, up to AS_MAX of them (the least
 * recently used is dropped), destroyed when the process execs or exits,
 * and flushed when its map had to be read again (code may have moved).
 * A first backtrace in a process costs about a millisecond (libunwind
 * maps each module and parses its unwind tables); the next ones reuse
 * that and cost tens of microseconds.  Each thread keeps its _UPT handle
 * (which holds the ELF image of the last module it unwound through)
 * until it exits or its process execs.
 *
 * libunwind reads the tracee's memory (its stack, and the unwind tables,
 * which _UPT reads remotely) one word per PTRACE_PEEKDATA.  The memory
 * accessor here reads whole pages with process_vm_readv instead, kept
 * for the duration of one backtrace (the tracee is stopped meanwhile):
 * one system call per page rather than one per word.
 *
 * Names do not come from unw_get_proc_name: in libunwind 1.6 it reads
 * /proc/PID/maps and maps the module's file again for every frame.  The
 * ELF cache reads each module once; C++ names are demangled, and with
 * debug information each frame gets its file:line and the functions
 * inlined there (stack_dwarf.c).
 *
 * libunwind reads each register with a PTRACE_GETREGSET of the whole set
 * (two per backtrace: the instruction and the stack pointer, more when a
 * frame needs others).  The register accessor here reads the set once
 * per backtrace and answers from it, by libunwind's own table of where
 * each register is in the set (_UPT_reg_offset, exported by
 * libunwind-ptrace).
 *
 * The unwinder reads a process of sigtrace's own word size only: an
 * i386 program traced by a 64-bit sigtrace gets no backtrace but the
 * reason, never frames made of misread registers.
 */
#define _GNU_SOURCE	/* process_vm_readv */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <elf.h>
#include <fcntl.h>
#include <sys/ptrace.h>
#include <unistd.h>
#include <libunwind-ptrace.h>

#include "demangle.h"
#include "maps.h"
#include "stack.h"
#include "stack_dwarf.h"
#include "stack_elf.h"
#include "xmalloc.h"

#define UPT_BUCKETS 256
#define DEPTH_MAX 1024
#define AS_MAX 16
#define PAGES 16
#define PAGE_SIZE_ 4096u
#define INLINE_MAX 8		/* inlined frames at one address */
#define WIDTH_SLOTS 64		/* processes whose word size is known */

struct upt_slot {
	struct upt_slot *next;
	pid_t tid;
	pid_t pid;
	void *upt;
};

/* The address space (and so the unwind cache) of one process. */
struct proc_as {
	pid_t pid;		/* 0: free */
	unw_addr_space_t as;
	uint64_t last_use;
	bool flush;		/* its map was read again: flush before use */
};

static bool initialized;
static struct proc_as spaces[AS_MAX];
static uint64_t use_clock;
static unsigned epoch;		/* one per backtrace or symbol: maps_lookup */
static struct upt_slot *upts[UPT_BUCKETS];
static unw_accessors_t accessors;

/* Pages of the tracee read during the current backtrace. */
static struct {
	pid_t tid;		/* 0: no backtrace under way */
	unsigned next;		/* round-robin victim */
	struct {
		bool valid;
		uint64_t addr;
		unsigned char data[PAGE_SIZE_];
	} page[PAGES];
} mem;

/* libunwind-ptrace's offsets of its register numbers in the
 * NT_PRSTATUS set; not in its headers. */
extern const int _UPT_reg_offset[];

/* The general registers of the thread of the current backtrace, read
 * at its first register access (len 0: not yet, or unreadable). */
static struct {
	size_t len;
	unsigned char data[1024] __attribute__((aligned(16)));
} regs;

static void mem_begin(pid_t tid)
{
	mem.tid = tid;
	for (size_t i = 0; i < PAGES; i++)
		mem.page[i].valid = false;
	regs.len = 0;
}

/* libunwind's access_reg: the general registers (those up to the
 * instruction pointer, which libunwind's offset table covers on every
 * architecture) from one read of the set per backtrace. */
static int access_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *val,
		      int write, void *arg)
{
	if (!write && mem.tid && reg >= 0 && reg <= UNW_TDEP_IP) {
		size_t at = (size_t)_UPT_reg_offset[reg];
		struct iovec iov = { regs.data, sizeof(regs.data) };

		if (!regs.len &&
		    ptrace(PTRACE_GETREGSET, mem.tid, (void *)NT_PRSTATUS,
			   &iov) == 0)
			regs.len = iov.iov_len;
		if (at + sizeof(*val) <= regs.len) {
			memcpy(val, regs.data + at, sizeof(*val));
			return 0;
		}
	}
	if (write)
		regs.len = 0;
	return _UPT_access_reg(as, reg, val, write, arg);
}

static const unsigned char *mem_page(uint64_t addr)
{
	struct iovec local, remote;
	unsigned slot;

	for (size_t i = 0; i < PAGES; i++)
		if (mem.page[i].valid && mem.page[i].addr == addr)
			return mem.page[i].data;
	slot = mem.next++ % PAGES;
	mem.page[slot].valid = false;
	local.iov_base = mem.page[slot].data;
	local.iov_len = PAGE_SIZE_;
	remote.iov_base = (void *)(uintptr_t)addr;
	remote.iov_len = PAGE_SIZE_;
	if (process_vm_readv(mem.tid, &local, 1, &remote, 1, 0) !=
	    (ssize_t)PAGE_SIZE_)
		return NULL;
	mem.page[slot].valid = true;
	mem.page[slot].addr = addr;
	return mem.page[slot].data;
}

/* libunwind's access_mem: reads from the page cache during a backtrace,
 * everything else (writes, pages process_vm_readv cannot read) as
 * _UPT does. */
static int access_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *val,
		      int write, void *arg)
{
	uint64_t page = addr & ~(uint64_t)(PAGE_SIZE_ - 1);
	const unsigned char *p;

	if (!write && mem.tid && addr - page <= PAGE_SIZE_ - sizeof(*val)) {
		p = mem_page(page);
		if (p) {
			memcpy(val, p + (addr - page), sizeof(*val));
			return 0;
		}
	}
	return _UPT_access_mem(as, addr, val, write, arg);
}

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
	unw_addr_space_t as;

	if (initialized)
		return 0;
	accessors = _UPT_accessors;
	accessors.access_mem = access_mem;
	accessors.access_reg = access_reg;
	/* A first address space now: running out of memory is best seen
	 * before tracing starts. */
	as = unw_create_addr_space(&accessors, 0);
	if (!as)
		return -ENOMEM;
	unw_set_caching_policy(as, UNW_CACHE_GLOBAL);
	spaces[0].as = as;
	initialized = true;
	return 0;
}

static void space_release(struct proc_as *a)
{
	/* Keep the address space itself: flushed, it serves the next. */
	if (a->as)
		unw_flush_cache(a->as, 0, 0);
	a->pid = 0;
	a->flush = false;
}

/* The address space of PID: its own, a free one, or the least recently
 * used one taken over. */
static struct proc_as *space_for(pid_t pid)
{
	struct proc_as *a = NULL;

	for (size_t i = 0; i < AS_MAX; i++) {
		if (spaces[i].pid == pid) {
			a = &spaces[i];
			break;
		}
		if (!a || (a->pid && (!spaces[i].pid ||
				      spaces[i].last_use < a->last_use)))
			a = &spaces[i];
	}
	if (a->pid != pid) {
		space_release(a);
		a->pid = pid;
	}
	if (!a->as) {
		a->as = unw_create_addr_space(&accessors, 0);
		if (!a->as) {
			a->pid = 0;
			return NULL;
		}
		unw_set_caching_policy(a->as, UNW_CACHE_GLOBAL);
	}
	if (a->flush) {
		unw_flush_cache(a->as, 0, 0);
		a->flush = false;
	}
	a->last_use = ++use_clock;
	return a;
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
	s = xcalloc(1, sizeof(*s));
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

/* Module, module offset and function of IP into F[0], preceded by the
 * functions inlined there when debug information says so; at most ROOM
 * frames, how many written.  EXACT: IP is where the thread is;
 * otherwise a return address, whose call is at IP - 1 (the last
 * instruction of a function that does not return belongs to it, not to
 * the next one). */
static size_t fill_frames(struct proc_as *a, struct stack_frame *f,
			  size_t room, uint64_t ip, bool exact)
{
	struct stack_frame src[INLINE_MAX];
	pid_t pid = a->pid;
	uint64_t at = exact || ip == 0 ? ip : ip - 1;
	const struct map_entry *e;
	struct stack_frame phys;
	const char *name;
	uint64_t off;
	bool changed = false;
	size_t n = 0, k;

	memset(&phys, 0, sizeof(phys));
	phys.ip = ip;
	e = maps_lookup(pid, at, true, epoch, &changed);
	if (changed)
		a->flush = true;	/* at the next backtrace, not mid-way */
	if (e && e->path[0]) {
		copy_str(phys.module, sizeof(phys.module), e->path);
		phys.module_offset = ip - e->base;
	}
	if (e && elf_symbol_at(pid, e, at, &name, &off)) {
		copy_str(phys.symbol, sizeof(phys.symbol), demangle(name));
		phys.symbol_offset = off + (ip - at);
	}
	k = e && e->path[0] ? dwarf_source(pid, e, at, src, INLINE_MAX) : 0;
	for (size_t i = 0; i + 1 < k && n + 1 < room; i++) {
		f[n] = src[i];
		f[n].ip = ip;
		memcpy(f[n].module, phys.module, sizeof(phys.module));
		f[n].module_offset = phys.module_offset;
		n++;
	}
	if (k) {
		memcpy(phys.file, src[k - 1].file, sizeof(phys.file));
		phys.line = src[k - 1].line;
	}
	f[n++] = phys;
	return n;
}

/* Is PID a program of another word size than sigtrace (i386 under a
 * 64-bit sigtrace)?  Its ELF class says; cached, forgotten at exec. */
static struct {
	pid_t pid;
	bool foreign;
} widths[WIDTH_SLOTS];

static bool foreign_width(pid_t pid)
{
	unsigned char ident[EI_NIDENT];
	size_t slot = (unsigned)pid % WIDTH_SLOTS;
	char path[64];
	int fd;

	if (widths[slot].pid == pid)
		return widths[slot].foreign;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;	/* unknown: let libunwind try */
	widths[slot].pid = pid;
	widths[slot].foreign = pread(fd, ident, sizeof(ident), 0) ==
		(ssize_t)sizeof(ident) &&
		memcmp(ident, ELFMAG, SELFMAG) == 0 &&
		ident[EI_CLASS] != (sizeof(void *) == 8 ? ELFCLASS64 :
				     ELFCLASS32);
	close(fd);
	return widths[slot].foreign;
}

static struct stack *declined(const char *why)
{
	struct stack *s = xcalloc(1, sizeof(*s));

	s->unavailable = why;
	return s;
}

struct stack *stack_capture(pid_t pid, pid_t tid, unsigned depth)
{
	unw_cursor_t c;
	struct proc_as *a;
	struct stack *s, *shrunk;
	unw_word_t prev_ip = 0, prev_sp = 0;
	bool interrupted;
	size_t n = 0, group = 0;
	void *upt;

	if (depth == 0 || stack_init() < 0)
		return NULL;
	if (foreign_width(pid))
		return declined(sizeof(void *) == 8 ?
			"a 32-bit (i386) process: sigtrace unwinds 64-bit processes only" :
			"a process of another word size than sigtrace's");
	if (depth > DEPTH_MAX)
		depth = DEPTH_MAX;
	upt = upt_for(pid, tid);
	a = space_for(pid);
	if (!upt || !a)
		return NULL;
	epoch++;
	s = xmalloc(sizeof(*s) + depth * sizeof(s->frames[0]));
	s->unavailable = NULL;
	mem_begin(tid);
	if (unw_init_remote(&c, a->as, upt) < 0) {
		mem.tid = 0;
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
		/* A frame reached through a signal frame (libunwind says
		 * so of the frame it restored from the sigcontext) is where
		 * the thread was interrupted, and the frame before it, the
		 * signal trampoline (__restore_rt), was "returned to" at its
		 * first instruction, which no call precedes: neither ip is
		 * a return address. */
		interrupted = unw_is_signal_frame(&c) > 0;
		if (interrupted && n > 0)
			n = group + fill_frames(a, &s->frames[group],
						depth - group, prev_ip, true);
		group = n;
		n += fill_frames(a, &s->frames[n], depth - n, ip,
				 n == 0 || interrupted);
		prev_ip = ip;
		prev_sp = sp;
		if (unw_step(&c) <= 0)
			break;
	}
	mem.tid = 0;
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
		name = demangle(name);
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
	if (widths[(unsigned)pid % WIDTH_SLOTS].pid == pid)
		widths[(unsigned)pid % WIDTH_SLOTS].pid = 0;
	for (size_t i = 0; i < AS_MAX; i++)
		if (spaces[i].pid == pid)
			space_release(&spaces[i]);
}
