/* SPDX-License-Identifier: MIT */
/*
 * stack_elf.h - function names from the ELF symbol tables of the modules
 * a traced process maps (stack_elf.c): loaded once per file, then looked
 * up by binary search.  Part of the libunwind build.
 */
#ifndef SIGTRACE_STACK_ELF_H
#define SIGTRACE_STACK_ELF_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "maps.h"

/* The function of the module mapped at E (in process PID) that holds the
 * run-time address ADDR: its name (kept for the life of sigtrace) and
 * ADDR's offset in it.  false when the module has no symbol there (or
 * cannot be read: stripped, gone, not ELF). */
bool elf_symbol_at(pid_t pid, const struct map_entry *e, uint64_t addr,
		   const char **name, uint64_t *offset);

/* The file mapped at E in process PID (the one the process mapped, even
 * deleted or in another mount namespace), opened read-only: a
 * descriptor to close, or -1. */
int elf_open_mapped(pid_t pid, const struct map_entry *e);

/* ADDR (a run-time address mapped by E) as a virtual address of its ELF
 * file, the address debug information uses.  false when it is outside
 * the file's loaded segments or the module cannot be read. */
bool elf_file_vaddr(pid_t pid, const struct map_entry *e, uint64_t addr,
		    uint64_t *vaddr);

#endif
