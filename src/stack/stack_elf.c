/* SPDX-License-Identifier: MIT */
/*
 * stack_elf.c - function names from ELF symbol tables, cached per module.
 *
 * A module (one file, by device, inode and path) is read once: its
 * PT_LOAD segments (to turn a run-time address into the file's virtual
 * address) and the function symbols of .symtab, or of .dynsym when it
 * was stripped, or of the separate debug file /usr/lib/debug/.build-id/
 * when one is installed.  Lookups are a binary search.
 *
 * The files belong to the traced program and are untrusted: everything
 * is read with pread into bounded buffers (no mmap, which a truncating
 * tracee could turn into a SIGBUS here), every offset is checked, and
 * the file is opened without blocking and only when it is a regular file.
 */
#include <elf.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "stack_elf.h"
#include "xmalloc.h"

#define MODULE_BUCKETS 256
#define LOADS_MAX 16
#define SECTIONS_MAX 65280u		/* below SHN_LORESERVE */
#define TABLE_MAX (256u << 20)		/* a symbol or string table */
#define BACKSCAN 64			/* nested/overlapping symbols */
#define DEBUG_DIR "/usr/lib/debug/.build-id/"

struct elf_load {
	uint64_t offset;
	uint64_t filesz;
	uint64_t vaddr;
};

struct elf_sym {
	uint64_t start;
	uint64_t size;
	uint32_t name;		/* offset in names */
	unsigned rank;		/* lower: the better name at one address */
};

struct module {
	struct module *next;
	uint64_t inode;
	unsigned dev_major, dev_minor;
	char *path;
	bool usable;		/* read, with a symbol table */
	size_t nloads;
	struct elf_load loads[LOADS_MAX];
	size_t nsyms;
	struct elf_sym *syms;	/* sorted by start, one per start */
	char *names;
	size_t names_len;
};

static struct module *modules[MODULE_BUCKETS];

/* ---- reading an ELF file ---- */

struct elf_file {
	int fd;
	uint64_t size;
	Elf64_Ehdr eh;
	Elf64_Shdr *sh;
	size_t shnum;
};

static bool read_at(int fd, void *buf, size_t len, uint64_t off)
{
	char *p = buf;

	while (len > 0) {
		ssize_t n = pread(fd, p, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return true;
}

static bool in_file(const struct elf_file *f, uint64_t off, uint64_t len)
{
	return off <= f->size && len <= f->size - off;
}

/* Read [off, off+len) into a new buffer (one byte more, a NUL).  LEN
 * comes from the file (up to TABLE_MAX): when it cannot be had, the
 * module is unreadable, not sigtrace out of memory (docs/design.md). */
static void *read_table(const struct elf_file *f, uint64_t off, uint64_t len)
{
	char *buf;

	if (len == 0 || len > TABLE_MAX || !in_file(f, off, len))
		return NULL;
	buf = malloc((size_t)len + 1);
	if (!buf)
		return NULL;
	if (!read_at(f->fd, buf, (size_t)len, off)) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

static bool elf_open(int fd, struct elf_file *f)
{
	struct stat st;
	const unsigned char *id = f->eh.e_ident;

	memset(f, 0, sizeof(*f));
	f->fd = fd;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return false;
	f->size = (uint64_t)st.st_size;
	if (!read_at(fd, &f->eh, sizeof(f->eh), 0) ||
	    memcmp(id, ELFMAG, SELFMAG) != 0 || id[EI_CLASS] != ELFCLASS64 ||
#if __BYTE_ORDER == __LITTLE_ENDIAN
	    id[EI_DATA] != ELFDATA2LSB ||
#else
	    id[EI_DATA] != ELFDATA2MSB ||
#endif
	    f->eh.e_shentsize != sizeof(Elf64_Shdr))
		return false;
	f->shnum = f->eh.e_shnum;
	if (f->shnum == 0 || f->shnum > SECTIONS_MAX ||
	    !in_file(f, f->eh.e_shoff, (uint64_t)f->shnum * sizeof(Elf64_Shdr)))
		return false;
	f->sh = read_table(f, f->eh.e_shoff, f->shnum * sizeof(Elf64_Shdr));
	return f->sh != NULL;
}

static void elf_close(struct elf_file *f)
{
	free(f->sh);
	f->sh = NULL;
}

static bool read_loads(const struct elf_file *f, struct module *m)
{
	size_t n = f->eh.e_phnum;
	Elf64_Phdr *ph;

	if (f->eh.e_phentsize != sizeof(Elf64_Phdr) || n == 0 || n > 4096)
		return false;
	ph = read_table(f, f->eh.e_phoff, n * sizeof(Elf64_Phdr));
	if (!ph)
		return false;
	for (size_t i = 0; i < n && m->nloads < LOADS_MAX; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		m->loads[m->nloads].offset = ph[i].p_offset;
		m->loads[m->nloads].filesz = ph[i].p_filesz;
		m->loads[m->nloads].vaddr = ph[i].p_vaddr;
		m->nloads++;
	}
	free(ph);
	return m->nloads > 0;
}

static const Elf64_Shdr *find_section(const struct elf_file *f, uint32_t type)
{
	for (size_t i = 0; i < f->shnum; i++)
		if (f->sh[i].sh_type == type)
			return &f->sh[i];
	return NULL;
}

/* Among functions at one address: "kill" before "__kill" before
 * "__GI___kill", exported before local. */
static unsigned name_rank(const char *name, unsigned bind)
{
	unsigned r = 0;

	while (name[r] == '_' && r < 3)
		r++;
	r *= 2;
	if (bind == STB_LOCAL)
		r++;
	return r;
}

static int cmp_sym(const void *a, const void *b)
{
	const struct elf_sym *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->size > y->size ? -1 : x->size < y->size;
}

/* The function symbols of section SYMTAB (SHT_SYMTAB or SHT_DYNSYM). */
static bool read_symbols(const struct elf_file *f, const Elf64_Shdr *symtab,
			 struct module *m)
{
	const Elf64_Shdr *strtab;
	Elf64_Sym *syms;
	size_t n, kept = 0;
	char *names;

	if (symtab->sh_entsize != sizeof(Elf64_Sym) ||
	    symtab->sh_link >= f->shnum)
		return false;
	strtab = &f->sh[symtab->sh_link];
	if (strtab->sh_type != SHT_STRTAB)
		return false;
	n = symtab->sh_size / sizeof(Elf64_Sym);
	syms = read_table(f, symtab->sh_offset, n * sizeof(Elf64_Sym));
	if (!syms)
		return false;
	names = read_table(f, strtab->sh_offset, strtab->sh_size);
	if (!names) {
		free(syms);
		return false;
	}
	/* As many as the file says, like read_table's: may fail. */
	m->syms = malloc((n ? n : 1) * sizeof(*m->syms));
	if (!m->syms) {
		free(syms);
		free(names);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const Elf64_Sym *s = &syms[i];
		unsigned type = ELF64_ST_TYPE(s->st_info);
		char *at;

		if ((type != STT_FUNC && type != STT_GNU_IFUNC) ||
		    s->st_shndx == SHN_UNDEF || s->st_value == 0 ||
		    s->st_name == 0 || s->st_name >= strtab->sh_size ||
		    names[s->st_name] == '\0')
			continue;
		/* "__libc_start_main@@GLIBC_2.34": the version is noise. */
		at = strchr(names + s->st_name + 1, '@');
		if (at)
			*at = '\0';
		m->syms[kept].start = s->st_value;
		m->syms[kept].size = s->st_size;
		m->syms[kept].name = s->st_name;
		m->syms[kept].rank = name_rank(names + s->st_name,
					       ELF64_ST_BIND(s->st_info));
		kept++;
	}
	free(syms);
	if (kept == 0) {
		free(m->syms);
		free(names);
		m->syms = NULL;
		return false;
	}
	qsort(m->syms, kept, sizeof(*m->syms), cmp_sym);
	/* One symbol per address: the best-ranked name, the largest size. */
	n = 0;
	for (size_t i = 0; i < kept; i++)
		if (n == 0 || m->syms[n - 1].start != m->syms[i].start)
			m->syms[n++] = m->syms[i];
	m->nsyms = n;
	m->names = names;
	m->names_len = strtab->sh_size;
	return true;
}

/* The GNU build-id of F as lowercase hex, from its note sections. */
static bool read_build_id(const struct elf_file *f, char *hex, size_t len)
{
	for (size_t i = 0; i < f->shnum; i++) {
		const Elf64_Shdr *s = &f->sh[i];
		unsigned char *notes;
		uint64_t pos = 0;

		if (s->sh_type != SHT_NOTE || s->sh_size > 4096)
			continue;
		notes = read_table(f, s->sh_offset, s->sh_size);
		if (!notes)
			continue;
		while (pos + sizeof(Elf64_Nhdr) <= s->sh_size) {
			Elf64_Nhdr nh;
			uint64_t name_len, desc_len;

			memcpy(&nh, notes + pos, sizeof(nh));
			pos += sizeof(nh);
			name_len = ((uint64_t)nh.n_namesz + 3) & ~3ull;
			desc_len = ((uint64_t)nh.n_descsz + 3) & ~3ull;
			if (name_len > s->sh_size - pos ||
			    desc_len > s->sh_size - pos - name_len)
				break;
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    memcmp(notes + pos, "GNU", 4) == 0 &&
			    nh.n_descsz >= 2 && nh.n_descsz * 2 + 1 <= len) {
				const unsigned char *d = notes + pos + name_len;

				for (unsigned k = 0; k < nh.n_descsz; k++)
					snprintf(hex + 2 * k, 3, "%02x", d[k]);
				free(notes);
				return true;
			}
			pos += name_len + desc_len;
		}
		free(notes);
	}
	return false;
}

static int open_regular(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The symbols of the separate debug file, when one is installed. */
static void read_debug_symbols(const struct elf_file *f, struct module *m)
{
	char id[2 * 64 + 1], path[sizeof(DEBUG_DIR) + sizeof(id) + 8];
	struct elf_file dbg;
	const Elf64_Shdr *symtab;
	int fd;

	if (!read_build_id(f, id, sizeof(id)))
		return;
	snprintf(path, sizeof(path), DEBUG_DIR "%.2s/%s.debug", id, id + 2);
	fd = open_regular(path);
	if (fd < 0)
		return;
	if (elf_open(fd, &dbg)) {
		symtab = find_section(&dbg, SHT_SYMTAB);
		if (symtab)
			read_symbols(&dbg, symtab, m);
		elf_close(&dbg);
	}
	close(fd);
}

static void load_module(int fd, struct module *m)
{
	struct elf_file f;
	const Elf64_Shdr *symtab;

	if (!elf_open(fd, &f))
		return;
	if (!read_loads(&f, m)) {
		elf_close(&f);
		return;
	}
	symtab = find_section(&f, SHT_SYMTAB);
	if (!symtab || !read_symbols(&f, symtab, m)) {
		read_debug_symbols(&f, m);
		symtab = find_section(&f, SHT_DYNSYM);
		if (!m->nsyms && symtab)
			read_symbols(&f, symtab, m);
	}
	m->usable = m->nsyms > 0;
	elf_close(&f);
}

/* ---- finding the file a mapping came from ---- */

static bool is_mapped_file(int fd, const struct map_entry *e, bool inode_only)
{
	struct stat st;

	if (fstat(fd, &st) < 0 || (uint64_t)st.st_ino != e->inode)
		return false;
	return inode_only || (major(st.st_dev) == e->dev_major &&
			      minor(st.st_dev) == e->dev_minor);
}

/*
 * The file mapped at E: by its path, or through the process's root (a
 * tracee in another mount namespace), or /proc/PID/map_files (a file
 * deleted or replaced since: an upgraded library).  A path whose inode
 * matches but not its device (overlay file systems report either) is
 * taken last.  -1 when none is the mapped file.
 */
int elf_open_mapped(pid_t pid, const struct map_entry *e)
{
	char path[PATH_MAX + 64];
	int fd;

	if (!e->deleted) {
		fd = open_regular(e->path);
		if (fd >= 0 && is_mapped_file(fd, e, false))
			return fd;
		if (fd >= 0)
			close(fd);
		snprintf(path, sizeof(path), "/proc/%d/root%s", (int)pid,
			 e->path);
		fd = open_regular(path);
		if (fd >= 0 && is_mapped_file(fd, e, false))
			return fd;
		if (fd >= 0)
			close(fd);
	}
	snprintf(path, sizeof(path), "/proc/%d/map_files/%llx-%llx", (int)pid,
		 (unsigned long long)e->start, (unsigned long long)e->end);
	fd = open_regular(path);
	if (fd >= 0 && is_mapped_file(fd, e, true))
		return fd;
	if (fd >= 0)
		close(fd);
	if (e->deleted)
		return -1;
	fd = open_regular(e->path);
	if (fd >= 0 && is_mapped_file(fd, e, true))
		return fd;
	if (fd >= 0)
		close(fd);
	return -1;
}

static struct module *module_of(pid_t pid, const struct map_entry *e)
{
	unsigned b = (unsigned)(e->inode ^ e->dev_minor) % MODULE_BUCKETS;
	struct module *m;
	int fd;

	for (m = modules[b]; m; m = m->next)
		if (m->inode == e->inode && m->dev_major == e->dev_major &&
		    m->dev_minor == e->dev_minor && strcmp(m->path, e->path) == 0)
			return m;
	m = xcalloc(1, sizeof(*m));
	m->path = xstrdup(e->path);
	m->inode = e->inode;
	m->dev_major = e->dev_major;
	m->dev_minor = e->dev_minor;
	/* Unreadable modules are remembered too: tried once, not per frame. */
	fd = elf_open_mapped(pid, e);
	if (fd >= 0) {
		load_module(fd, m);
		close(fd);
	}
	m->next = modules[b];
	modules[b] = m;
	return m;
}

/* ADDR, mapped by E, as a virtual address of the ELF file. */
static bool file_vaddr(const struct module *m, const struct map_entry *e,
		       uint64_t addr, uint64_t *vaddr)
{
	uint64_t off = addr - e->start + e->offset;

	for (size_t i = 0; i < m->nloads; i++) {
		const struct elf_load *l = &m->loads[i];

		if (off >= l->offset && off - l->offset < l->filesz) {
			*vaddr = l->vaddr + (off - l->offset);
			return true;
		}
	}
	return false;
}

static const struct elf_sym *lookup(const struct module *m, uint64_t vaddr)
{
	size_t lo = 0, hi = m->nsyms;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->syms[mid].start <= vaddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	/* The nearest start at or below VADDR; an enclosing function may
	 * start before it (a nested or cold part's symbol). */
	for (size_t i = lo, seen = 0; i-- > 0 && seen < BACKSCAN; seen++) {
		const struct elf_sym *s = &m->syms[i];

		if (s->size && vaddr - s->start < s->size)
			return s;
	}
	return m->syms[lo - 1].size == 0 ? &m->syms[lo - 1] : NULL;
}

bool elf_symbol_at(pid_t pid, const struct map_entry *e, uint64_t addr,
		   const char **name, uint64_t *offset)
{
	const struct module *m;
	const struct elf_sym *s;
	uint64_t vaddr;

	if (!e || !map_is_file(e) || addr < e->start || addr >= e->end)
		return false;
	m = module_of(pid, e);
	if (!m || !m->usable || !file_vaddr(m, e, addr, &vaddr))
		return false;
	s = lookup(m, vaddr);
	if (!s || s->name >= m->names_len)
		return false;
	*name = m->names + s->name;
	*offset = vaddr - s->start;
	return true;
}

bool elf_file_vaddr(pid_t pid, const struct map_entry *e, uint64_t addr,
		    uint64_t *vaddr)
{
	const struct module *m;

	if (!e || !map_is_file(e) || addr < e->start || addr >= e->end)
		return false;
	m = module_of(pid, e);
	return m && m->nloads && file_vaddr(m, e, addr, vaddr);
}
