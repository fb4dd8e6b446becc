/* SPDX-License-Identifier: MIT */
/*
 * stack_dwarf_none.c - built without libdw (configure --without-libdw,
 * or libdw-dev absent): backtraces name functions, not source lines.
 */
#include "stack.h"
#include "stack_dwarf.h"

size_t dwarf_source(pid_t pid, const struct map_entry *e, uint64_t addr,
		    struct stack_frame *out, size_t room)
{
	return 0;
}

const char *stack_source_backend(void)
{
	return "none";
}
