/* SPDX-License-Identifier: MIT */
/*
 * demangle.h - C++ names as people read them: _ZN3svc8Reloader6on_hupEi
 * becomes svc::Reloader::on_hup(int) (demangle.c).
 */
#ifndef SIGTRACE_DEMANGLE_H
#define SIGTRACE_DEMANGLE_H

#include <stddef.h>

/* NAME demangled when it is a mangled C++ name and this sigtrace can
 * demangle; else NAME itself.  The result lives as long as NAME does
 * when NAME is one of the ELF cache's names (kept for sigtrace's life):
 * demangled names are cached by NAME's address. */
const char *demangle(const char *name);

/* The same, for a name that is not kept: the result is written to BUF
 * (LEN bytes) when demangled, else NAME is returned. */
const char *demangle_into(const char *name, char *buf, size_t len);

#endif
