/* SPDX-License-Identifier: MIT */
/*
 * stack_none.c - the stack interface of a sigtrace configured
 * --without-libunwind: no backtraces (main.c refuses -k), handlers are
 * shown as bare addresses.
 */
#include <stdlib.h>

#include "stack.h"

bool stack_available(void)
{
	return false;
}

const char *stack_backend(void)
{
	return "none";
}

const char *stack_source_backend(void)
{
	return "none";
}

int stack_init(void)
{
	return 0;
}

struct stack *stack_capture(pid_t pid, pid_t tid, unsigned depth)
{
	return NULL;
}

void stack_free(const struct stack *s)
{
	free((void *)s);
}

bool stack_symbolize(pid_t pid, uint64_t addr, struct disposition *d)
{
	return false;
}

void stack_symbolize_disposition(pid_t pid, struct disposition *d)
{
}

void stack_forget_thread(pid_t tid)
{
}

void stack_forget_process(pid_t pid)
{
}
