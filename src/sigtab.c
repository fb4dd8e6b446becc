/*
 * sigtab.c - static name tables: signals, default actions (signal(7)),
 * si_code names per signal, SA_* flag names, errno names, the syscalls
 * that signal(7) says are never restarted, and the `-e signal=SET` syntax.
 *
 * Everything here is a lookup in a static const table; no function keeps
 * state, so all of them are safe to call from anywhere.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sigtab.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The kernel's realtime range (glibc's SIGRTMIN is 34: it keeps two). */
#define K_SIGRTMIN 32
#define K_SIGRTMAX SIG_MAX

/* Longest token sig_from_name() can be given by sigset_parse(). */
#define SIG_TOKEN_MAX 32

/* ------------------------------------------------------------------ */
/* Signal names                                                        */

#define SIGNAME(s) [s] = #s
#define RTNAME(n) [K_SIGRTMIN + n] = "SIGRTMIN+" #n

static const char *const sig_names[SIG_MAX + 1] = {
	SIGNAME(SIGHUP), SIGNAME(SIGINT), SIGNAME(SIGQUIT), SIGNAME(SIGILL),
	SIGNAME(SIGTRAP), SIGNAME(SIGABRT), SIGNAME(SIGBUS), SIGNAME(SIGFPE),
	SIGNAME(SIGKILL), SIGNAME(SIGUSR1), SIGNAME(SIGSEGV),
	SIGNAME(SIGUSR2), SIGNAME(SIGPIPE), SIGNAME(SIGALRM),
	SIGNAME(SIGTERM), SIGNAME(SIGSTKFLT), SIGNAME(SIGCHLD),
	SIGNAME(SIGCONT), SIGNAME(SIGSTOP), SIGNAME(SIGTSTP),
	SIGNAME(SIGTTIN), SIGNAME(SIGTTOU), SIGNAME(SIGURG),
	SIGNAME(SIGXCPU), SIGNAME(SIGXFSZ), SIGNAME(SIGVTALRM),
	SIGNAME(SIGPROF), SIGNAME(SIGWINCH), SIGNAME(SIGIO),
	SIGNAME(SIGPWR), SIGNAME(SIGSYS),
	[K_SIGRTMIN] = "SIGRTMIN",
	RTNAME(1), RTNAME(2), RTNAME(3), RTNAME(4), RTNAME(5), RTNAME(6),
	RTNAME(7), RTNAME(8), RTNAME(9), RTNAME(10), RTNAME(11),
	RTNAME(12), RTNAME(13), RTNAME(14), RTNAME(15), RTNAME(16),
	RTNAME(17), RTNAME(18), RTNAME(19), RTNAME(20), RTNAME(21),
	RTNAME(22), RTNAME(23), RTNAME(24), RTNAME(25), RTNAME(26),
	RTNAME(27), RTNAME(28), RTNAME(29), RTNAME(30), RTNAME(31),
	[K_SIGRTMAX] = "SIGRTMAX",
};

/* Other spellings sig_from_name() accepts (without the SIG prefix). */
static const struct {
	const char *name;
	int signo;
} sig_aliases[] = {
	{ "IOT", SIGABRT }, { "POLL", SIGIO }, { "CLD", SIGCHLD },
};

/* signal(7), "Standard signals"; realtime signals terminate. */
static const unsigned char sig_actions[K_SIGRTMIN] = {
	[SIGHUP] = SIG_ACT_TERM,	[SIGINT] = SIG_ACT_TERM,
	[SIGQUIT] = SIG_ACT_CORE,	[SIGILL] = SIG_ACT_CORE,
	[SIGTRAP] = SIG_ACT_CORE,	[SIGABRT] = SIG_ACT_CORE,
	[SIGBUS] = SIG_ACT_CORE,	[SIGFPE] = SIG_ACT_CORE,
	[SIGKILL] = SIG_ACT_TERM,	[SIGUSR1] = SIG_ACT_TERM,
	[SIGSEGV] = SIG_ACT_CORE,	[SIGUSR2] = SIG_ACT_TERM,
	[SIGPIPE] = SIG_ACT_TERM,	[SIGALRM] = SIG_ACT_TERM,
	[SIGTERM] = SIG_ACT_TERM,	[SIGSTKFLT] = SIG_ACT_TERM,
	[SIGCHLD] = SIG_ACT_IGN,	[SIGCONT] = SIG_ACT_CONT,
	[SIGSTOP] = SIG_ACT_STOP,	[SIGTSTP] = SIG_ACT_STOP,
	[SIGTTIN] = SIG_ACT_STOP,	[SIGTTOU] = SIG_ACT_STOP,
	[SIGURG] = SIG_ACT_IGN,		[SIGXCPU] = SIG_ACT_CORE,
	[SIGXFSZ] = SIG_ACT_CORE,	[SIGVTALRM] = SIG_ACT_TERM,
	[SIGPROF] = SIG_ACT_TERM,	[SIGWINCH] = SIG_ACT_IGN,
	[SIGIO] = SIG_ACT_TERM,		[SIGPWR] = SIG_ACT_TERM,
	[SIGSYS] = SIG_ACT_CORE,
};

static const char *const sig_action_names[] = {
	[SIG_ACT_TERM] = "term",
	[SIG_ACT_CORE] = "core",
	[SIG_ACT_STOP] = "stop",
	[SIG_ACT_CONT] = "cont",
	[SIG_ACT_IGN] = "ign",
};

/* Seed 003: sent in practice, yet their default action terminates. */
static const int sig_dangerous[] = {
	SIGHUP, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGPROF, SIGVTALRM,
	SIGIO, SIGPWR, SIGSTKFLT,
};

/*
 * Copy S into BUF (LEN bytes) at *POS, truncating like snprintf: the
 * result is always NUL-terminated when LEN > 0.
 */
static void buf_add(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos + 1 >= len)
		return;
	if (n > len - 1 - *pos)
		n = len - 1 - *pos;
	memcpy(buf + *pos, s, n);
	*pos += n;
	buf[*pos] = '\0';
}

const char *sig_name(int signo, char *buf, size_t len)
{
	/* Every signal 1..64 has a static name: BUF is never needed. */
	if (signo < 1 || signo > SIG_MAX)
		return NULL;
	return sig_names[signo];
}

/*
 * Decimal digits, with a leading '-' only when MIN < 0, nothing else (no
 * blanks, no '+'); the value in MIN..MAX (within int).  0 or -1.
 */
static int parse_dec(const char *s, long min, long max, int *out)
{
	bool neg = *s == '-' && min < 0;
	long v = 0;

	if (neg)
		s++;
	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > 2147483648L)
			return -1;
	}
	if (neg)
		v = -v;
	if (v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* "RTMIN", "RTMIN+N", "RTMAX", "RTMAX-N" (no SIG prefix): signo or -1. */
static int parse_rt(const char *s)
{
	int base, dir, n = 0;

	if (strncasecmp(s, "RTMIN", 5) == 0) {
		base = K_SIGRTMIN;
		dir = '+';
	} else if (strncasecmp(s, "RTMAX", 5) == 0) {
		base = K_SIGRTMAX;
		dir = '-';
	} else {
		return -1;
	}
	s += 5;
	if (*s != '\0') {
		if (*s != dir ||
		    parse_dec(s + 1, 0, K_SIGRTMAX - K_SIGRTMIN, &n) < 0)
			return -1;
	}
	return dir == '+' ? base + n : base - n;
}

int sig_from_name(const char *s)
{
	size_t i;
	int n;

	if (!s || *s == '\0')
		return -1;
	if (*s >= '0' && *s <= '9') {
		if (parse_dec(s, 1, SIG_MAX, &n) < 0)
			return -1;
		return n;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	n = parse_rt(s);
	if (n > 0)
		return n;
	for (i = 1; i < K_SIGRTMIN; i++)
		if (strcasecmp(s, sig_names[i] + 3) == 0)
			return (int)i;
	for (i = 0; i < ARRAY_SIZE(sig_aliases); i++)
		if (strcasecmp(s, sig_aliases[i].name) == 0)
			return sig_aliases[i].signo;
	return -1;
}

enum sig_action sig_default_action(int signo)
{
	/* Realtime signals and (meaninglessly) out-of-range numbers. */
	if (signo < 1 || signo >= K_SIGRTMIN)
		return SIG_ACT_TERM;
	return (enum sig_action)sig_actions[signo];
}

const char *sig_action_name(enum sig_action action)
{
	if ((unsigned int)action >= ARRAY_SIZE(sig_action_names))
		return "unknown";
	return sig_action_names[action];
}

sigbits_t sig_dangerous_defaults(void)
{
	sigbits_t set = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sig_dangerous); i++)
		set |= SIGBIT(sig_dangerous[i]);
	return set;
}

/* ------------------------------------------------------------------ */
/* si_code names                                                       */

/*
 * Values from the kernel's include/uapi/asm-generic/siginfo.h (6.18),
 * written as numbers: glibc's headers lag behind (no SEGV_CPERR).
 */
struct code_name {
	int code;
	const char *name;
};

/* Codes <= 0 and SI_KERNEL mean the same for every signal. */
static const struct code_name generic_codes[] = {
	{ 0, "SI_USER" }, { 0x80, "SI_KERNEL" }, { -1, "SI_QUEUE" },
	{ -2, "SI_TIMER" }, { -3, "SI_MESGQ" }, { -4, "SI_ASYNCIO" },
	{ -5, "SI_SIGIO" }, { -6, "SI_TKILL" }, { -7, "SI_DETHREAD" },
	{ -60, "SI_ASYNCNL" },
};

static const struct code_name ill_codes[] = {
	{ 1, "ILL_ILLOPC" }, { 2, "ILL_ILLOPN" }, { 3, "ILL_ILLADR" },
	{ 4, "ILL_ILLTRP" }, { 5, "ILL_PRVOPC" }, { 6, "ILL_PRVREG" },
	{ 7, "ILL_COPROC" }, { 8, "ILL_BADSTK" }, { 9, "ILL_BADIADDR" },
};

static const struct code_name fpe_codes[] = {
	{ 1, "FPE_INTDIV" }, { 2, "FPE_INTOVF" }, { 3, "FPE_FLTDIV" },
	{ 4, "FPE_FLTOVF" }, { 5, "FPE_FLTUND" }, { 6, "FPE_FLTRES" },
	{ 7, "FPE_FLTINV" }, { 8, "FPE_FLTSUB" }, { 14, "FPE_FLTUNK" },
	{ 15, "FPE_CONDTRAP" },
};

static const struct code_name segv_codes[] = {
	{ 1, "SEGV_MAPERR" }, { 2, "SEGV_ACCERR" }, { 3, "SEGV_BNDERR" },
	{ 4, "SEGV_PKUERR" }, { 5, "SEGV_ACCADI" }, { 6, "SEGV_ADIDERR" },
	{ 7, "SEGV_ADIPERR" }, { 8, "SEGV_MTEAERR" }, { 9, "SEGV_MTESERR" },
	{ 10, "SEGV_CPERR" },
};

static const struct code_name bus_codes[] = {
	{ 1, "BUS_ADRALN" }, { 2, "BUS_ADRERR" }, { 3, "BUS_OBJERR" },
	{ 4, "BUS_MCEERR_AR" }, { 5, "BUS_MCEERR_AO" },
};

static const struct code_name trap_codes[] = {
	{ 1, "TRAP_BRKPT" }, { 2, "TRAP_TRACE" }, { 3, "TRAP_BRANCH" },
	{ 4, "TRAP_HWBKPT" }, { 5, "TRAP_UNK" }, { 6, "TRAP_PERF" },
};

static const struct code_name chld_codes[] = {
	{ 1, "CLD_EXITED" }, { 2, "CLD_KILLED" }, { 3, "CLD_DUMPED" },
	{ 4, "CLD_TRAPPED" }, { 5, "CLD_STOPPED" }, { 6, "CLD_CONTINUED" },
};

/* SIGPOLL's, and any signal's without its own (fcntl F_SETSIG). */
static const struct code_name poll_codes[] = {
	{ 1, "POLL_IN" }, { 2, "POLL_OUT" }, { 3, "POLL_MSG" },
	{ 4, "POLL_ERR" }, { 5, "POLL_PRI" }, { 6, "POLL_HUP" },
};

static const struct code_name sys_codes[] = {
	{ 1, "SYS_SECCOMP" }, { 2, "SYS_USER_DISPATCH" },
};

#define CODES(sig, tab) { sig, tab, ARRAY_SIZE(tab) }

static const struct sig_codes {
	int signo;
	const struct code_name *tab;
	size_t n;
} specific_codes[] = {
	CODES(SIGILL, ill_codes),
	CODES(SIGFPE, fpe_codes),
	CODES(SIGSEGV, segv_codes),
	CODES(SIGBUS, bus_codes),
	CODES(SIGTRAP, trap_codes),
	CODES(SIGCHLD, chld_codes),
	CODES(SIGIO, poll_codes),
	CODES(SIGSYS, sys_codes),
};

/* The table that names positive codes of SIGNO. */
static const struct sig_codes *codes_for(int signo)
{
	static const struct sig_codes poll = CODES(SIGIO, poll_codes);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(specific_codes); i++)
		if (specific_codes[i].signo == signo)
			return &specific_codes[i];
	return &poll;
}

static const char *code_lookup(const struct code_name *tab, size_t n,
			       int code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tab[i].code == code)
			return tab[i].name;
	return NULL;
}

static int code_rlookup(const struct code_name *tab, size_t n,
			const char *name, int *code)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(tab[i].name, name) == 0) {
			*code = tab[i].code;
			return 0;
		}
	}
	return -1;
}

const char *si_code_name(int signo, int code, char *buf, size_t len)
{
	const struct sig_codes *sc;
	const char *name;

	if (code <= 0 || code == SI_KERNEL) {
		name = code_lookup(generic_codes, ARRAY_SIZE(generic_codes),
				   code);
	} else {
		sc = codes_for(signo);
		name = code_lookup(sc->tab, sc->n, code);
	}
	if (name)
		return name;
	if (!buf || len == 0)
		return "";
	snprintf(buf, len, "%d", code);
	return buf;
}

int si_code_from_name(int signo, const char *name, int *code)
{
	const struct sig_codes *sc;
	int c;

	if (!name || !code)
		return -1;
	if (code_rlookup(generic_codes, ARRAY_SIZE(generic_codes), name,
			 code) == 0)
		return 0;
	sc = codes_for(signo);
	if (code_rlookup(sc->tab, sc->n, name, code) == 0)
		return 0;
	/* si_code_name() writes unknown codes as numbers. */
	if (parse_dec(name, INT_MIN, INT_MAX, &c) < 0)
		return -1;
	*code = c;
	return 0;
}

bool si_code_from_process(int signo, int code)
{
	/*
	 * SI_USER: kill(2) (or the kernel on the process's own behalf,
	 * e.g. SIGPIPE, with the process itself as si_pid).  Negative
	 * codes come from rt_sigqueueinfo/tgkill/mq_notify and glibc's
	 * aio and getaddrinfo_a, except the three the kernel itself sends.
	 */
	if (code == SI_USER)
		return true;
	if (code >= 0)
		return false;
	return code != SI_TIMER && code != SI_SIGIO && code != SI_DETHREAD;
}

/* ------------------------------------------------------------------ */
/* SA_* flags                                                          */

/*
 * The kernel's values (arch/x86/include/uapi/asm/signal.h and
 * asm-generic/signal-defs.h), not glibc's, which hides some.
 */
#define K_SA_NOCLDSTOP		0x00000001ULL
#define K_SA_NOCLDWAIT		0x00000002ULL
#define K_SA_SIGINFO		0x00000004ULL
#define K_SA_UNSUPPORTED	0x00000400ULL
#define K_SA_EXPOSE_TAGBITS	0x00000800ULL
#define K_SA_RESTORER		0x04000000ULL
#define K_SA_ONSTACK		0x08000000ULL
#define K_SA_RESTART		0x10000000ULL
#define K_SA_NODEFER		0x40000000ULL
#define K_SA_RESETHAND		0x80000000ULL

struct flag_name {
	uint64_t bit;
	const char *name;
};

/* In the order they are printed. */
static const struct flag_name sa_flag_names[] = {
	{ K_SA_RESTART, "SA_RESTART" }, { K_SA_SIGINFO, "SA_SIGINFO" },
	{ K_SA_RESETHAND, "SA_RESETHAND" }, { K_SA_NODEFER, "SA_NODEFER" },
	{ K_SA_ONSTACK, "SA_ONSTACK" }, { K_SA_NOCLDSTOP, "SA_NOCLDSTOP" },
	{ K_SA_NOCLDWAIT, "SA_NOCLDWAIT" }, { K_SA_RESTORER, "SA_RESTORER" },
	{ K_SA_UNSUPPORTED, "SA_UNSUPPORTED" },
	{ K_SA_EXPOSE_TAGBITS, "SA_EXPOSE_TAGBITS" },
};

/* Old names glibc still defines; accepted when parsing only. */
static const struct flag_name sa_flag_aliases[] = {
	{ K_SA_RESETHAND, "SA_ONESHOT" }, { K_SA_NODEFER, "SA_NOMASK" },
	{ K_SA_ONSTACK, "SA_STACK" },
};

size_t sa_flags_names(uint64_t flags, const char *names[], size_t max,
		      uint64_t *unknown)
{
	uint64_t rest = flags;
	size_t i, n = 0;

	/* A named bit that does not fit in NAMES is left in *UNKNOWN, so
	 * that no set bit is ever silently dropped. */
	for (i = 0; i < ARRAY_SIZE(sa_flag_names) && n < max; i++) {
		if (flags & sa_flag_names[i].bit) {
			names[n++] = sa_flag_names[i].name;
			rest &= ~sa_flag_names[i].bit;
		}
	}
	if (unknown)
		*unknown = rest;
	return n;
}

const char *sa_flags_format(uint64_t flags, char *buf, size_t len)
{
	const char *names[ARRAY_SIZE(sa_flag_names)];
	uint64_t unknown;
	size_t i, n, pos = 0;
	char hex[24];

	if (!buf || len == 0)
		return "";
	buf[0] = '\0';
	if (flags == 0) {
		buf_add(buf, len, &pos, "0");
		return buf;
	}
	n = sa_flags_names(flags, names, ARRAY_SIZE(names), &unknown);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_add(buf, len, &pos, "|");
		buf_add(buf, len, &pos, names[i]);
	}
	if (unknown) {
		snprintf(hex, sizeof(hex), "%s0x%llx", n ? "|" : "",
			 (unsigned long long)unknown);
		buf_add(buf, len, &pos, hex);
	}
	return buf;
}

/* "0x..." (non-zero, up to 64 bits): 0 or -1. */
static int parse_hex64(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	int digits = 0;

	if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -1;
	for (s += 2; *s; s++, digits++) {
		int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		if (v >> 60)
			return -1;	/* more than 64 bits */
		v = v << 4 | (uint64_t)d;
	}
	if (digits == 0 || v == 0)
		return -1;
	*out = v;
	return 0;
}

/* "SA_RESTART", "sa_restart" or "RESTART" in TAB: 0 or -1. */
static int flag_rlookup(const struct flag_name *tab, size_t n,
			const char *name, uint64_t *bit)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(name, tab[i].name) == 0 ||
		    strcasecmp(name, tab[i].name + 3) == 0) {
			*bit = tab[i].bit;
			return 0;
		}
	}
	return -1;
}

int sa_flag_from_name(const char *name, uint64_t *bit)
{
	if (!name || !bit)
		return -1;
	if (parse_hex64(name, bit) == 0)
		return 0;
	if (flag_rlookup(sa_flag_names, ARRAY_SIZE(sa_flag_names), name,
			 bit) == 0)
		return 0;
	return flag_rlookup(sa_flag_aliases, ARRAY_SIZE(sa_flag_aliases),
			    name, bit);
}

/* ------------------------------------------------------------------ */
/* errno names                                                         */

#define ENAME(e) [e] = #e

/* Every errno of the generic Linux table (1..133), by this libc's
 * numbering, which is the kernel's for this architecture. */
static const char *const errno_names[] = {
	ENAME(EPERM), ENAME(ENOENT), ENAME(ESRCH), ENAME(EINTR), ENAME(EIO),
	ENAME(ENXIO), ENAME(E2BIG), ENAME(ENOEXEC), ENAME(EBADF),
	ENAME(ECHILD), ENAME(EAGAIN), ENAME(ENOMEM), ENAME(EACCES),
	ENAME(EFAULT), ENAME(ENOTBLK), ENAME(EBUSY), ENAME(EEXIST),
	ENAME(EXDEV), ENAME(ENODEV), ENAME(ENOTDIR), ENAME(EISDIR),
	ENAME(EINVAL), ENAME(ENFILE), ENAME(EMFILE), ENAME(ENOTTY),
	ENAME(ETXTBSY), ENAME(EFBIG), ENAME(ENOSPC), ENAME(ESPIPE),
	ENAME(EROFS), ENAME(EMLINK), ENAME(EPIPE), ENAME(EDOM),
	ENAME(ERANGE), ENAME(EDEADLK), ENAME(ENAMETOOLONG), ENAME(ENOLCK),
	ENAME(ENOSYS), ENAME(ENOTEMPTY), ENAME(ELOOP), ENAME(ENOMSG),
	ENAME(EIDRM), ENAME(ECHRNG), ENAME(EL2NSYNC), ENAME(EL3HLT),
	ENAME(EL3RST), ENAME(ELNRNG), ENAME(EUNATCH), ENAME(ENOCSI),
	ENAME(EL2HLT), ENAME(EBADE), ENAME(EBADR), ENAME(EXFULL),
	ENAME(ENOANO), ENAME(EBADRQC), ENAME(EBADSLT), ENAME(EBFONT),
	ENAME(ENOSTR), ENAME(ENODATA), ENAME(ETIME), ENAME(ENOSR),
	ENAME(ENONET), ENAME(ENOPKG), ENAME(EREMOTE), ENAME(ENOLINK),
	ENAME(EADV), ENAME(ESRMNT), ENAME(ECOMM), ENAME(EPROTO),
	ENAME(EMULTIHOP), ENAME(EDOTDOT), ENAME(EBADMSG), ENAME(EOVERFLOW),
	ENAME(ENOTUNIQ), ENAME(EBADFD), ENAME(EREMCHG), ENAME(ELIBACC),
	ENAME(ELIBBAD), ENAME(ELIBSCN), ENAME(ELIBMAX), ENAME(ELIBEXEC),
	ENAME(EILSEQ), ENAME(ERESTART), ENAME(ESTRPIPE), ENAME(EUSERS),
	ENAME(ENOTSOCK), ENAME(EDESTADDRREQ), ENAME(EMSGSIZE),
	ENAME(EPROTOTYPE), ENAME(ENOPROTOOPT), ENAME(EPROTONOSUPPORT),
	ENAME(ESOCKTNOSUPPORT), ENAME(EOPNOTSUPP), ENAME(EPFNOSUPPORT),
	ENAME(EAFNOSUPPORT), ENAME(EADDRINUSE), ENAME(EADDRNOTAVAIL),
	ENAME(ENETDOWN), ENAME(ENETUNREACH), ENAME(ENETRESET),
	ENAME(ECONNABORTED), ENAME(ECONNRESET), ENAME(ENOBUFS),
	ENAME(EISCONN), ENAME(ENOTCONN), ENAME(ESHUTDOWN),
	ENAME(ETOOMANYREFS), ENAME(ETIMEDOUT), ENAME(ECONNREFUSED),
	ENAME(EHOSTDOWN), ENAME(EHOSTUNREACH), ENAME(EALREADY),
	ENAME(EINPROGRESS), ENAME(ESTALE), ENAME(EUCLEAN), ENAME(ENOTNAM),
	ENAME(ENAVAIL), ENAME(EISNAM), ENAME(EREMOTEIO), ENAME(EDQUOT),
	ENAME(ENOMEDIUM), ENAME(EMEDIUMTYPE), ENAME(ECANCELED),
	ENAME(ENOKEY), ENAME(EKEYEXPIRED), ENAME(EKEYREVOKED),
	ENAME(EKEYREJECTED), ENAME(EOWNERDEAD), ENAME(ENOTRECOVERABLE),
	ENAME(ERFKILL), ENAME(EHWPOISON),
};

struct errno_entry {
	long err;
	const char *name;
};

/* Kernel-internal codes (include/linux/errno.h) seen at signal stops;
 * ENOTSUPP sometimes leaks to user space. */
static const struct errno_entry errno_kernel[] = {
	{ ERESTARTSYS_CODE, "ERESTARTSYS" },
	{ ERESTARTNOINTR_CODE, "ERESTARTNOINTR" },
	{ ERESTARTNOHAND_CODE, "ERESTARTNOHAND" },
	{ 515, "ENOIOCTLCMD" },
	{ ERESTART_RESTARTBLOCK_CODE, "ERESTART_RESTARTBLOCK" },
	{ 524, "ENOTSUPP" },
};

/* Second names of the same number; accepted when parsing only. */
static const struct errno_entry errno_aliases[] = {
	{ EAGAIN, "EWOULDBLOCK" }, { EDEADLK, "EDEADLOCK" },
	{ EOPNOTSUPP, "ENOTSUP" },
};

const char *errno_code_name(long err)
{
	size_t i;

	/* Accept the error number and the syscall return (-err) alike;
	 * returns below -4095 are addresses, not errors. */
	if (err < 0) {
		if (err < -4095)
			return NULL;
		err = -err;
	}
	if (err == 0)
		return NULL;
	if ((size_t)err < ARRAY_SIZE(errno_names))
		return errno_names[err];
	for (i = 0; i < ARRAY_SIZE(errno_kernel); i++)
		if (errno_kernel[i].err == err)
			return errno_kernel[i].name;
	return NULL;
}

static int errno_rlookup(const struct errno_entry *tab, size_t n,
			 const char *name, long *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(tab[i].name, name) == 0) {
			*err = tab[i].err;
			return 0;
		}
	}
	return -1;
}

int errno_code_from_name(const char *name, long *err)
{
	size_t i;

	if (!name || !err)
		return -1;
	for (i = 1; i < ARRAY_SIZE(errno_names); i++) {
		if (errno_names[i] && strcasecmp(errno_names[i], name) == 0) {
			*err = (long)i;
			return 0;
		}
	}
	if (errno_rlookup(errno_kernel, ARRAY_SIZE(errno_kernel), name,
			  err) == 0)
		return 0;
	return errno_rlookup(errno_aliases, ARRAY_SIZE(errno_aliases), name,
			     err);
}

bool sig_ret_is_interrupt(long ret)
{
	return ret == -ERESTARTSYS_CODE || ret == -ERESTARTNOINTR_CODE ||
	       ret == -ERESTARTNOHAND_CODE ||
	       ret == -ERESTART_RESTARTBLOCK_CODE || ret == -EINTR;
}

/* ------------------------------------------------------------------ */
/* signal(7): "never restarted after being interrupted by a signal     */
/* handler, regardless of the use of SA_RESTART"                       */

/*
 * By syscall name, for every architecture's table (the _time64 and
 * legacy names are the 32-bit ABIs').  The socket calls signal(7) lists
 * are never restarted only when a SO_RCVTIMEO/SO_SNDTIMEO timeout is
 * set, which a name cannot tell: they are not here.
 */
static const char *const never_restarted[] = {
	/* waiting for signals */
	"pause", "sigsuspend", "rt_sigsuspend", "rt_sigtimedwait",
	"rt_sigtimedwait_time64",
	/* file descriptor multiplexing */
	"epoll_wait", "epoll_pwait", "epoll_pwait2", "poll", "ppoll",
	"ppoll_time64", "select", "_newselect", "pselect6",
	"pselect6_time64",
	/* System V IPC */
	"msgrcv", "msgsnd", "semop", "semtimedop", "semtimedop_time64",
	/* sleeping */
	"nanosleep", "clock_nanosleep", "clock_nanosleep_time64",
	/* AIO */
	"io_getevents", "io_pgetevents", "io_pgetevents_time64",
};

bool syscall_never_restarted(const char *syscall_name)
{
	size_t i;

	if (!syscall_name)
		return false;
	for (i = 0; i < ARRAY_SIZE(never_restarted); i++)
		if (strcmp(syscall_name, never_restarted[i]) == 0)
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* Signal sets: `-e signal=SET`                                        */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * One comma-separated token TOK (N bytes, not NUL-terminated) of SPEC
 * into *BITS.  0, or -1 with a message in ERR.
 */
static int sigset_token(const char *spec, const char *tok, size_t n,
			sigbits_t *bits, char *err, size_t errlen)
{
	char name[SIG_TOKEN_MAX];
	int signo;

	while (n > 0 && is_blank(*tok)) {
		tok++;
		n--;
	}
	while (n > 0 && is_blank(tok[n - 1]))
		n--;
	if (n == 0) {
		snprintf(err, errlen, "empty signal name in signal set '%s'",
			 spec);
		return -1;
	}
	if (*tok == '!') {
		snprintf(err, errlen, "'!' is only allowed first: '%.*s'",
			 (int)n, tok);
		return -1;
	}
	if (n < sizeof(name)) {
		memcpy(name, tok, n);
		name[n] = '\0';
		if (strcasecmp(name, "all") == 0) {
			*bits = ~(sigbits_t)0;
			return 0;
		}
		if (strcasecmp(name, "none") == 0)
			return 0;
		signo = sig_from_name(name);
		if (signo > 0) {
			*bits |= SIGBIT(signo);
			return 0;
		}
	}
	snprintf(err, errlen, "unknown signal '%.*s'", (int)n, tok);
	return -1;
}

int sigset_parse(const char *spec, sigbits_t *set, char *err, size_t errlen)
{
	const char *p, *end, *whole = spec;
	sigbits_t bits = 0;
	bool negate = false;
	char dummy[1];

	/* snprintf(NULL, 0, ...) is fine, but keep ERR always usable. */
	if (!err || errlen == 0) {
		err = dummy;
		errlen = sizeof(dummy);
	}
	if (!spec) {
		snprintf(err, errlen, "empty signal set");
		return -1;
	}
	if (*spec == '!') {
		negate = true;
		spec++;
	}
	if (*spec == '\0') {
		snprintf(err, errlen, "empty signal set '%s'", whole);
		return -1;
	}
	for (p = spec;; p = end + 1) {
		end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		if (sigset_token(whole, p, (size_t)(end - p), &bits, err,
				 errlen) < 0)
			return -1;
		if (*end == '\0')
			break;
	}
	*set = negate ? ~bits : bits;
	return 0;
}

const char *sigset_format(sigbits_t set, char *buf, size_t len)
{
	size_t pos = 0;
	int signo;
	bool first = true;

	if (!buf || len == 0)
		return "";
	buf[0] = '\0';
	if (set == 0) {
		buf_add(buf, len, &pos, "[]");
		return buf;
	}
	for (signo = 1; signo <= SIG_MAX; signo++) {
		if (!(set & SIGBIT(signo)))
			continue;
		if (!first)
			buf_add(buf, len, &pos, "|");
		buf_add(buf, len, &pos, sig_names[signo]);
		first = false;
	}
	return buf;
}
