/* SPDX-License-Identifier: MIT */
/*
 * stack_dwarf.c - file:line and inlined frames from DWARF, with elfutils
 * libdw, for the backtraces of -k.  libunwind still does the unwinding;
 * this only names what a frame's address is in the source.
 *
 * A module (device, inode, path) is opened once, and its debug
 * information is the file's own or, when it was stripped, the separate
 * debug file /usr/lib/debug/.build-id/xx/yyyy.debug.  The files are the
 * traced program's and untrusted: libelf reads them with read(2)
 * (ELF_C_READ), never mmap, which a tracee truncating its file could
 * turn into a SIGBUS here.
 *
 * For an address, the scopes that hold it (dwarf_getscopes) from the
 * innermost out: each inlined subroutine is a frame of its own, at the
 * line its code came from, and the one around it is at the inlined
 * call's place (DW_AT_call_file, DW_AT_call_line), as eu-addr2line -i
 * and gdb show them.
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwelf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "demangle.h"
#include "stack.h"
#include "stack_dwarf.h"
#include "stack_elf.h"
#include "xmalloc.h"

#define BUCKETS 64
#define DEBUG_DIR "/usr/lib/debug/.build-id/"

struct dw_module {
	struct dw_module *next;
	uint64_t inode;
	unsigned dev_major, dev_minor;
	char *path;
	int fd, dbg_fd;
	Elf *elf, *dbg_elf;
	Dwarf *dw;		/* NULL: no debug information */
};

static struct dw_module *modules[BUCKETS];

static Dwarf *dwarf_of(int fd, Elf **elf)
{
	Dwarf *dw;

	*elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!*elf)
		return NULL;
	dw = dwarf_begin_elf(*elf, DWARF_C_READ, NULL);
	if (!dw) {
		elf_end(*elf);
		*elf = NULL;
	}
	return dw;
}

/* The separate debug file of ELF, by its build id. */
static Dwarf *debug_file(struct dw_module *m)
{
	const unsigned char *id;
	char path[sizeof(DEBUG_DIR) + 2 * 64 + 8];
	ssize_t n = dwelf_elf_gnu_build_id(m->elf, (const void **)&id);
	size_t pos;
	Dwarf *dw;

	if (n < 2 || n > 64)
		return NULL;
	pos = (size_t)snprintf(path, sizeof(path), DEBUG_DIR "%02x/", id[0]);
	for (ssize_t i = 1; i < n; i++)
		pos += (size_t)snprintf(path + pos, sizeof(path) - pos, "%02x",
					id[i]);
	snprintf(path + pos, sizeof(path) - pos, ".debug");
	m->dbg_fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (m->dbg_fd < 0)
		return NULL;
	dw = dwarf_of(m->dbg_fd, &m->dbg_elf);
	return dw;
}

static void module_load(pid_t pid, const struct map_entry *e,
			struct dw_module *m)
{
	m->fd = elf_open_mapped(pid, e);
	m->dbg_fd = -1;
	if (m->fd < 0)
		return;
	m->dw = dwarf_of(m->fd, &m->elf);
	if (m->dw || !m->elf)
		return;
	/* dwarf_of keeps the Elf only with DWARF: open it again for the
	 * build id of the stripped file. */
	m->elf = elf_begin(m->fd, ELF_C_READ, NULL);
	if (m->elf)
		m->dw = debug_file(m);
}

static struct dw_module *module_of(pid_t pid, const struct map_entry *e)
{
	unsigned b = (unsigned)(e->inode ^ e->dev_minor) % BUCKETS;
	struct dw_module *m;

	for (m = modules[b]; m; m = m->next)
		if (m->inode == e->inode && m->dev_major == e->dev_major &&
		    m->dev_minor == e->dev_minor && strcmp(m->path, e->path) == 0)
			return m;
	if (elf_version(EV_CURRENT) == EV_NONE)
		return NULL;
	m = xcalloc(1, sizeof(*m));
	m->path = xstrdup(e->path);
	m->inode = e->inode;
	m->dev_major = e->dev_major;
	m->dev_minor = e->dev_minor;
	/* Tried once: a module without debug information is not read
	 * again for every frame. */
	module_load(pid, e, m);
	m->next = modules[b];
	modules[b] = m;
	return m;
}

/* SRC may be DST itself (demangle_into() wrote it there). */
static void copy(char *dst, size_t size, const char *src)
{
	if (src != dst)
		snprintf(dst, size, "%s", src ? src : "");
}

/* The name of an inlined function: its C++ name when the DWARF has the
 * linkage name, else the plain one. */
static void die_name(Dwarf_Die *die, char *dst, size_t size)
{
	Dwarf_Attribute attr;
	const char *link = dwarf_formstring(
		dwarf_attr_integrate(die, DW_AT_linkage_name, &attr));

	if (!link)
		link = dwarf_formstring(dwarf_attr_integrate(
			die, DW_AT_MIPS_linkage_name, &attr));
	if (link) {
		copy(dst, size, demangle_into(link, dst, size));
		return;
	}
	copy(dst, size, dwarf_diename(die));
}

/* Where the inlined subroutine DIE was called: file and line. */
static void call_site(Dwarf_Die *cu, Dwarf_Die *die, struct stack_frame *f)
{
	Dwarf_Attribute attr;
	Dwarf_Word file = 0, line = 0;
	Dwarf_Files *files;
	size_t nfiles;

	if (dwarf_formudata(dwarf_attr(die, DW_AT_call_file, &attr), &file) ||
	    dwarf_getsrcfiles(cu, &files, &nfiles) || file >= nfiles)
		return;
	copy(f->file, sizeof(f->file), dwarf_filesrc(files, file, NULL, NULL));
	if (!dwarf_formudata(dwarf_attr(die, DW_AT_call_line, &attr), &line))
		f->line = (uint32_t)line;
}

size_t dwarf_source(pid_t pid, const struct map_entry *e, uint64_t addr,
		    struct stack_frame *out, size_t room)
{
	struct dw_module *m;
	Dwarf_Die cu, *scopes = NULL;
	Dwarf_Line *line;
	uint64_t vaddr;
	size_t n = 0;
	int nscopes, lineno = 0;

	if (room == 0 || !elf_file_vaddr(pid, e, addr, &vaddr))
		return 0;
	m = module_of(pid, e);
	if (!m || !m->dw || !dwarf_addrdie(m->dw, vaddr, &cu))
		return 0;
	memset(out, 0, sizeof(*out));
	line = dwarf_getsrc_die(&cu, vaddr);
	if (line) {
		copy(out->file, sizeof(out->file), dwarf_linesrc(line, NULL, NULL));
		if (dwarf_lineno(line, &lineno) == 0 && lineno > 0)
			out->line = (uint32_t)lineno;
	}
	nscopes = dwarf_getscopes(&cu, vaddr, &scopes);
	for (int i = 0; i < nscopes && n + 1 < room; i++) {
		if (dwarf_tag(&scopes[i]) != DW_TAG_inlined_subroutine)
			continue;
		/* out[n] is inlined here: name it; the next frame is at its
		 * call site. */
		out[n].inlined = true;
		die_name(&scopes[i], out[n].symbol, sizeof(out[n].symbol));
		n++;
		memset(&out[n], 0, sizeof(out[n]));
		call_site(&cu, &scopes[i], &out[n]);
	}
	free(scopes);
	return out[0].file[0] || n ? n + 1 : 0;
}

const char *stack_source_backend(void)
{
	return "libdw";
}
