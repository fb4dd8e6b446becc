/* SPDX-License-Identifier: MIT */
/*
 * stack_dwarf.h - source lines and inlined functions of an address,
 * from the module's debug information (stack_dwarf.c, elfutils libdw),
 * when the module or its separate debug file has some.
 */
#ifndef SIGTRACE_STACK_DWARF_H
#define SIGTRACE_STACK_DWARF_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"
#include "maps.h"

/*
 * The source of the run-time address ADDR, in the module mapped at E of
 * process PID: into OUT (at most ROOM frames, innermost first) the
 * functions inlined at ADDR (symbol, file, line, inlined set), then the
 * function that holds them, of which only file and line are set (its
 * name is the ELF symbol's).  The count written; 0 without debug
 * information (or when built without libdw).
 */
size_t dwarf_source(pid_t pid, const struct map_entry *e, uint64_t addr,
		    struct stack_frame *out, size_t room);

#endif
