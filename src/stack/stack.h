/* SPDX-License-Identifier: MIT */
/*
 * stack.h - backtraces of traced threads (-k) and the names of handler
 * addresses.  One interface, two implementations chosen by configure:
 * stack_unwind.c (libunwind-ptrace, with the ELF symbol cache of
 * stack_elf.c) and stack_none.c (--without-libunwind: no backtraces,
 * handlers as bare addresses).  docs/stacks.md has the design.
 *
 * Every call is made while the thread concerned is in a ptrace-stop.
 */
#ifndef SIGTRACE_STACK_H
#define SIGTRACE_STACK_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"

/* true when this sigtrace can take backtraces (built with libunwind). */
bool stack_available(void);

/* "libunwind" or "none", for --version. */
const char *stack_backend(void);

/* "libdw" when backtraces show file:line and inlined frames (from
 * debug information), else "none"; for --version. */
const char *stack_source_backend(void);

/* Set up the unwinder (also done on first use).  0, or -errno. */
int stack_init(void);

/* The backtrace of thread TID of process PID, innermost frame first, at
 * most DEPTH frames; malloc'd, for stack_free once the event holding it
 * is written.  NULL when unavailable (no libunwind, the thread is gone,
 * libunwind out of memory); a thread whose first frame cannot be read
 * gives NULL. */
struct stack *stack_capture(pid_t pid, pid_t tid, unsigned depth);

void stack_free(const struct stack *s);

/* Fill D->symbol, D->module and D->module_offset for the handler address
 * ADDR in process PID, as far as known.  true when anything was found. */
bool stack_symbolize(pid_t pid, uint64_t addr, struct disposition *d);

/* Symbolize D when it is a handler with an address and no name yet. */
void stack_symbolize_disposition(pid_t pid, struct disposition *d);

/* TID is gone: drop what was kept for it. */
void stack_forget_thread(pid_t tid);

/* PID exec'd or is gone: its map and code are not what they were. */
void stack_forget_process(pid_t pid);

#endif
