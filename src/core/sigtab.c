/* SPDX-License-Identifier: MIT */
/*
 * sigtab.c - static name tables: signals, default actions (signal(7)),
 * si_code names per signal, SA_* flag names, errno names (all of them
 * xlat tables), the syscalls that signal(7) says wait for signals or are
 * never restarted, the one spelling of a signal or syscall that has no
 * name, and the `-e signal=SET` syntax.
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

#include "arch.h"
#include "sigtab.h"
#include "xlat.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The tables spell signal numbers with this libc's macros, which on
 * Linux are the kernel's; kconst.h has the two that code compares
 * against, so they must agree. */
_Static_assert(SIGKILL == K_SIGKILL && SIGSTOP == K_SIGSTOP,
	       "libc and kernel disagree on SIGKILL/SIGSTOP");

/* Longest token sig_from_name() can be given by sigset_parse(). */
#define SIG_TOKEN_MAX 32

/* ------------------------------------------------------------------ */
/* Signal names                                                        */

#define RTNAME(n) XLAT_PAIR(K_SIGRTMIN + n, "SIGRTMIN+" #n)

/* Every signal 1..64 by the kernel's numbering, in order. */
static const struct xlat sig_names[] = {
	XLAT(SIGHUP), XLAT(SIGINT), XLAT(SIGQUIT), XLAT(SIGILL),
	XLAT(SIGTRAP), XLAT(SIGABRT), XLAT(SIGBUS), XLAT(SIGFPE),
	XLAT(SIGKILL), XLAT(SIGUSR1), XLAT(SIGSEGV), XLAT(SIGUSR2),
	XLAT(SIGPIPE), XLAT(SIGALRM), XLAT(SIGTERM), XLAT(SIGSTKFLT),
	XLAT(SIGCHLD), XLAT(SIGCONT), XLAT(SIGSTOP), XLAT(SIGTSTP),
	XLAT(SIGTTIN), XLAT(SIGTTOU), XLAT(SIGURG), XLAT(SIGXCPU),
	XLAT(SIGXFSZ), XLAT(SIGVTALRM), XLAT(SIGPROF), XLAT(SIGWINCH),
	XLAT(SIGIO), XLAT(SIGPWR), XLAT(SIGSYS),
	XLAT_PAIR(K_SIGRTMIN, "SIGRTMIN"),
	RTNAME(1), RTNAME(2), RTNAME(3), RTNAME(4), RTNAME(5), RTNAME(6),
	RTNAME(7), RTNAME(8), RTNAME(9), RTNAME(10), RTNAME(11),
	RTNAME(12), RTNAME(13), RTNAME(14), RTNAME(15), RTNAME(16),
	RTNAME(17), RTNAME(18), RTNAME(19), RTNAME(20), RTNAME(21),
	RTNAME(22), RTNAME(23), RTNAME(24), RTNAME(25), RTNAME(26),
	RTNAME(27), RTNAME(28), RTNAME(29), RTNAME(30), RTNAME(31),
	XLAT_PAIR(K_SIGRTMAX, "SIGRTMAX"),
	XLAT_END
};

/* Other spellings sig_from_name() accepts. */
static const struct xlat sig_aliases[] = {
	XLAT_PAIR(SIGABRT, "SIGIOT"), XLAT_PAIR(SIGIO, "SIGPOLL"),
	XLAT_PAIR(SIGCHLD, "SIGCLD"), XLAT_END
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

static const struct xlat sig_action_names[] = {
	XLAT_PAIR(SIG_ACT_TERM, "term"), XLAT_PAIR(SIG_ACT_CORE, "core"),
	XLAT_PAIR(SIG_ACT_STOP, "stop"), XLAT_PAIR(SIG_ACT_CONT, "cont"),
	XLAT_PAIR(SIG_ACT_IGN, "ign"), XLAT_END
};

/* Seed 003: sent in practice, yet their default action terminates. */
static const int sig_dangerous[] = {
	SIGHUP, SIGUSR1, SIGUSR2, SIGPIPE, SIGALRM, SIGPROF, SIGVTALRM,
	SIGIO, SIGPWR, SIGSTKFLT,
};

const char *sig_name(int signo, char *buf, size_t len)
{
	/* Every signal 1..64 has a static name: BUF is never needed. */
	if (signo < 1 || signo > SIG_MAX)
		return NULL;
	return xlat_name(sig_names, (uint64_t)signo);
}

const char *sig_label(int signo, const char *prefix, char *buf, size_t len)
{
	const char *name = sig_name(signo, NULL, 0);

	if (name)
		return name;
	if (!buf || len == 0)
		return "";
	snprintf(buf, len, "%s%d", prefix ? prefix : "", signo);
	return buf;
}

const char *syscall_label(const char *name, long nr, char *buf, size_t len)
{
	if (!name)
		name = arch_syscall_name(nr);
	if (name)
		return name;
	if (!buf || len == 0)
		return "";
	snprintf(buf, len, "syscall_%ld", nr);
	return buf;
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
	uint64_t v;
	int n;

	if (!s || *s == '\0')
		return -1;
	if (*s >= '0' && *s <= '9') {
		if (parse_dec(s, 1, SIG_MAX, &n) < 0)
			return -1;
		return n;
	}
	if (xlat_value_loose(sig_names, s, "SIG", &v) == 0 ||
	    xlat_value_loose(sig_aliases, s, "SIG", &v) == 0)
		return (int)v;
	/* "RTMIN+03", "SIGRTMAX-2": the forms no table spells. */
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	return parse_rt(s);
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
	const char *name = xlat_name(sig_action_names, (uint64_t)action);

	return name ? name : "unknown";
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
#define KERNEL_CODE 0x80	/* SI_KERNEL */

/* Codes <= 0 and SI_KERNEL mean the same for every signal. */
static const struct xlat generic_codes[] = {
	XLAT_PAIR(0, "SI_USER"), XLAT_PAIR(KERNEL_CODE, "SI_KERNEL"),
	XLAT_PAIR(-1, "SI_QUEUE"), XLAT_PAIR(-2, "SI_TIMER"),
	XLAT_PAIR(-3, "SI_MESGQ"), XLAT_PAIR(-4, "SI_ASYNCIO"),
	XLAT_PAIR(-5, "SI_SIGIO"), XLAT_PAIR(-6, "SI_TKILL"),
	XLAT_PAIR(-7, "SI_DETHREAD"), XLAT_PAIR(-60, "SI_ASYNCNL"),
	XLAT_END
};

static const struct xlat ill_codes[] = {
	XLAT_PAIR(1, "ILL_ILLOPC"), XLAT_PAIR(2, "ILL_ILLOPN"),
	XLAT_PAIR(3, "ILL_ILLADR"), XLAT_PAIR(4, "ILL_ILLTRP"),
	XLAT_PAIR(5, "ILL_PRVOPC"), XLAT_PAIR(6, "ILL_PRVREG"),
	XLAT_PAIR(7, "ILL_COPROC"), XLAT_PAIR(8, "ILL_BADSTK"),
	XLAT_PAIR(9, "ILL_BADIADDR"), XLAT_END
};

static const struct xlat fpe_codes[] = {
	XLAT_PAIR(1, "FPE_INTDIV"), XLAT_PAIR(2, "FPE_INTOVF"),
	XLAT_PAIR(3, "FPE_FLTDIV"), XLAT_PAIR(4, "FPE_FLTOVF"),
	XLAT_PAIR(5, "FPE_FLTUND"), XLAT_PAIR(6, "FPE_FLTRES"),
	XLAT_PAIR(7, "FPE_FLTINV"), XLAT_PAIR(8, "FPE_FLTSUB"),
	XLAT_PAIR(14, "FPE_FLTUNK"), XLAT_PAIR(15, "FPE_CONDTRAP"),
	XLAT_END
};

static const struct xlat segv_codes[] = {
	XLAT_PAIR(1, "SEGV_MAPERR"), XLAT_PAIR(2, "SEGV_ACCERR"),
	XLAT_PAIR(3, "SEGV_BNDERR"), XLAT_PAIR(4, "SEGV_PKUERR"),
	XLAT_PAIR(5, "SEGV_ACCADI"), XLAT_PAIR(6, "SEGV_ADIDERR"),
	XLAT_PAIR(7, "SEGV_ADIPERR"), XLAT_PAIR(8, "SEGV_MTEAERR"),
	XLAT_PAIR(9, "SEGV_MTESERR"), XLAT_PAIR(10, "SEGV_CPERR"),
	XLAT_END
};

static const struct xlat bus_codes[] = {
	XLAT_PAIR(1, "BUS_ADRALN"), XLAT_PAIR(2, "BUS_ADRERR"),
	XLAT_PAIR(3, "BUS_OBJERR"), XLAT_PAIR(4, "BUS_MCEERR_AR"),
	XLAT_PAIR(5, "BUS_MCEERR_AO"), XLAT_END
};

static const struct xlat trap_codes[] = {
	XLAT_PAIR(1, "TRAP_BRKPT"), XLAT_PAIR(2, "TRAP_TRACE"),
	XLAT_PAIR(3, "TRAP_BRANCH"), XLAT_PAIR(4, "TRAP_HWBKPT"),
	XLAT_PAIR(5, "TRAP_UNK"), XLAT_PAIR(6, "TRAP_PERF"), XLAT_END
};

static const struct xlat chld_codes[] = {
	XLAT_PAIR(1, "CLD_EXITED"), XLAT_PAIR(2, "CLD_KILLED"),
	XLAT_PAIR(3, "CLD_DUMPED"), XLAT_PAIR(4, "CLD_TRAPPED"),
	XLAT_PAIR(5, "CLD_STOPPED"), XLAT_PAIR(6, "CLD_CONTINUED"),
	XLAT_END
};

/* SIGPOLL's, and any signal's without its own (fcntl F_SETSIG). */
static const struct xlat poll_codes[] = {
	XLAT_PAIR(1, "POLL_IN"), XLAT_PAIR(2, "POLL_OUT"),
	XLAT_PAIR(3, "POLL_MSG"), XLAT_PAIR(4, "POLL_ERR"),
	XLAT_PAIR(5, "POLL_PRI"), XLAT_PAIR(6, "POLL_HUP"), XLAT_END
};

static const struct xlat sys_codes[] = {
	XLAT_PAIR(1, "SYS_SECCOMP"), XLAT_PAIR(2, "SYS_USER_DISPATCH"),
	XLAT_END
};

static const struct {
	int signo;
	const struct xlat *codes;
} specific_codes[] = {
	{ SIGILL, ill_codes }, { SIGFPE, fpe_codes },
	{ SIGSEGV, segv_codes }, { SIGBUS, bus_codes },
	{ SIGTRAP, trap_codes }, { SIGCHLD, chld_codes },
	{ SIGIO, poll_codes }, { SIGSYS, sys_codes },
};

/* The table that names the codes of SIGNO: the generic ones for codes
 * <= 0 and SI_KERNEL, else the signal's own (SIGPOLL's by default). */
static const struct xlat *codes_for(int signo, int code)
{
	if (code <= 0 || code == KERNEL_CODE)
		return generic_codes;
	for (size_t i = 0; i < ARRAY_SIZE(specific_codes); i++)
		if (specific_codes[i].signo == signo)
			return specific_codes[i].codes;
	return poll_codes;
}

const char *si_code_name(int signo, int code, char *buf, size_t len)
{
	const char *name = xlat_name(codes_for(signo, code), (uint64_t)code);

	if (name)
		return name;
	if (!buf || len == 0)
		return "";
	snprintf(buf, len, "%d", code);
	return buf;
}

int si_code_from_name(int signo, const char *name, int *code)
{
	uint64_t v;
	int c;

	if (!name || !code)
		return -1;
	if (xlat_value_loose(generic_codes, name, NULL, &v) == 0 ||
	    xlat_value_loose(codes_for(signo, 1), name, NULL, &v) == 0) {
		*code = (int)(int64_t)v;
		return 0;
	}
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

/* The kernel's values (kconst.h), not glibc's, which hides some; in
 * the order they are printed. */
static const struct xlat sa_flag_names[] = {
	XLAT_PAIR(K_SA_RESTART, "SA_RESTART"),
	XLAT_PAIR(K_SA_SIGINFO, "SA_SIGINFO"),
	XLAT_PAIR(K_SA_RESETHAND, "SA_RESETHAND"),
	XLAT_PAIR(K_SA_NODEFER, "SA_NODEFER"),
	XLAT_PAIR(K_SA_ONSTACK, "SA_ONSTACK"),
	XLAT_PAIR(K_SA_NOCLDSTOP, "SA_NOCLDSTOP"),
	XLAT_PAIR(K_SA_NOCLDWAIT, "SA_NOCLDWAIT"),
#if K_SA_RESTORER
	XLAT_PAIR(K_SA_RESTORER, "SA_RESTORER"),
#endif
	XLAT_PAIR(K_SA_UNSUPPORTED, "SA_UNSUPPORTED"),
	XLAT_PAIR(K_SA_EXPOSE_TAGBITS, "SA_EXPOSE_TAGBITS"),
	XLAT_END
};

/* Old names glibc still defines; accepted when parsing only. */
static const struct xlat sa_flag_aliases[] = {
	XLAT_PAIR(K_SA_RESETHAND, "SA_ONESHOT"),
	XLAT_PAIR(K_SA_NODEFER, "SA_NOMASK"),
	XLAT_PAIR(K_SA_ONSTACK, "SA_STACK"),
	XLAT_END
};

size_t sa_flags_names(uint64_t flags, const char *names[], size_t max,
		      uint64_t *unknown)
{
	return xlat_flags(sa_flag_names, flags, names, max, unknown);
}

const char *sa_flags_format(uint64_t flags, char *buf, size_t len)
{
	return xlat_flags_format(sa_flag_names, flags, buf, len);
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

int sa_flag_from_name(const char *name, uint64_t *bit)
{
	if (!name || !bit)
		return -1;
	if (parse_hex64(name, bit) == 0)
		return 0;
	if (xlat_value_loose(sa_flag_names, name, "SA_", bit) == 0)
		return 0;
	return xlat_value_loose(sa_flag_aliases, name, "SA_", bit);
}

/* ------------------------------------------------------------------ */
/* errno names                                                         */

/* Every errno of the generic Linux table (1..133), by this libc's
 * numbering, which is the kernel's for this architecture. */
static const struct xlat errno_names[] = {
	XLAT(EPERM), XLAT(ENOENT), XLAT(ESRCH), XLAT(EINTR), XLAT(EIO),
	XLAT(ENXIO), XLAT(E2BIG), XLAT(ENOEXEC), XLAT(EBADF), XLAT(ECHILD),
	XLAT(EAGAIN), XLAT(ENOMEM), XLAT(EACCES), XLAT(EFAULT), XLAT(ENOTBLK),
	XLAT(EBUSY), XLAT(EEXIST), XLAT(EXDEV), XLAT(ENODEV), XLAT(ENOTDIR),
	XLAT(EISDIR), XLAT(EINVAL), XLAT(ENFILE), XLAT(EMFILE), XLAT(ENOTTY),
	XLAT(ETXTBSY), XLAT(EFBIG), XLAT(ENOSPC), XLAT(ESPIPE), XLAT(EROFS),
	XLAT(EMLINK), XLAT(EPIPE), XLAT(EDOM), XLAT(ERANGE), XLAT(EDEADLK),
	XLAT(ENAMETOOLONG), XLAT(ENOLCK), XLAT(ENOSYS), XLAT(ENOTEMPTY),
	XLAT(ELOOP), XLAT(ENOMSG), XLAT(EIDRM), XLAT(ECHRNG), XLAT(EL2NSYNC),
	XLAT(EL3HLT), XLAT(EL3RST), XLAT(ELNRNG), XLAT(EUNATCH), XLAT(ENOCSI),
	XLAT(EL2HLT), XLAT(EBADE), XLAT(EBADR), XLAT(EXFULL), XLAT(ENOANO),
	XLAT(EBADRQC), XLAT(EBADSLT), XLAT(EBFONT), XLAT(ENOSTR),
	XLAT(ENODATA), XLAT(ETIME), XLAT(ENOSR), XLAT(ENONET), XLAT(ENOPKG),
	XLAT(EREMOTE), XLAT(ENOLINK), XLAT(EADV), XLAT(ESRMNT), XLAT(ECOMM),
	XLAT(EPROTO), XLAT(EMULTIHOP), XLAT(EDOTDOT), XLAT(EBADMSG),
	XLAT(EOVERFLOW), XLAT(ENOTUNIQ), XLAT(EBADFD), XLAT(EREMCHG),
	XLAT(ELIBACC), XLAT(ELIBBAD), XLAT(ELIBSCN), XLAT(ELIBMAX),
	XLAT(ELIBEXEC), XLAT(EILSEQ), XLAT(ERESTART), XLAT(ESTRPIPE),
	XLAT(EUSERS), XLAT(ENOTSOCK), XLAT(EDESTADDRREQ), XLAT(EMSGSIZE),
	XLAT(EPROTOTYPE), XLAT(ENOPROTOOPT), XLAT(EPROTONOSUPPORT),
	XLAT(ESOCKTNOSUPPORT), XLAT(EOPNOTSUPP), XLAT(EPFNOSUPPORT),
	XLAT(EAFNOSUPPORT), XLAT(EADDRINUSE), XLAT(EADDRNOTAVAIL),
	XLAT(ENETDOWN), XLAT(ENETUNREACH), XLAT(ENETRESET),
	XLAT(ECONNABORTED), XLAT(ECONNRESET), XLAT(ENOBUFS), XLAT(EISCONN),
	XLAT(ENOTCONN), XLAT(ESHUTDOWN), XLAT(ETOOMANYREFS), XLAT(ETIMEDOUT),
	XLAT(ECONNREFUSED), XLAT(EHOSTDOWN), XLAT(EHOSTUNREACH),
	XLAT(EALREADY), XLAT(EINPROGRESS), XLAT(ESTALE), XLAT(EUCLEAN),
	XLAT(ENOTNAM), XLAT(ENAVAIL), XLAT(EISNAM), XLAT(EREMOTEIO),
	XLAT(EDQUOT), XLAT(ENOMEDIUM), XLAT(EMEDIUMTYPE), XLAT(ECANCELED),
	XLAT(ENOKEY), XLAT(EKEYEXPIRED), XLAT(EKEYREVOKED),
	XLAT(EKEYREJECTED), XLAT(EOWNERDEAD), XLAT(ENOTRECOVERABLE),
	XLAT(ERFKILL), XLAT(EHWPOISON), XLAT_END
};

/* Kernel-internal codes (kconst.h) seen at signal stops. */
static const struct xlat errno_kernel[] = {
	XLAT_PAIR(K_ERESTARTSYS, "ERESTARTSYS"),
	XLAT_PAIR(K_ERESTARTNOINTR, "ERESTARTNOINTR"),
	XLAT_PAIR(K_ERESTARTNOHAND, "ERESTARTNOHAND"),
	XLAT_PAIR(K_ENOIOCTLCMD, "ENOIOCTLCMD"),
	XLAT_PAIR(K_ERESTART_RESTARTBLOCK, "ERESTART_RESTARTBLOCK"),
	XLAT_PAIR(K_ENOTSUPP, "ENOTSUPP"),
	XLAT_END
};

/* Second names of the same number; accepted when parsing only. */
static const struct xlat errno_aliases[] = {
	XLAT_PAIR(EAGAIN, "EWOULDBLOCK"), XLAT_PAIR(EDEADLK, "EDEADLOCK"),
	XLAT_PAIR(EOPNOTSUPP, "ENOTSUP"), XLAT_END
};

const char *errno_code_name(long err)
{
	const char *name;

	/* Accept the error number and the syscall return (-err) alike;
	 * returns below -K_MAX_ERRNO are addresses, not errors. */
	if (err < 0) {
		if (err < -K_MAX_ERRNO)
			return NULL;
		err = -err;
	}
	if (err == 0)
		return NULL;
	name = xlat_name(errno_names, (uint64_t)err);
	return name ? name : xlat_name(errno_kernel, (uint64_t)err);
}

int errno_code_from_name(const char *name, long *err)
{
	uint64_t v;

	if (!name || !err)
		return -1;
	if (xlat_value_loose(errno_names, name, NULL, &v) < 0 &&
	    xlat_value_loose(errno_kernel, name, NULL, &v) < 0 &&
	    xlat_value_loose(errno_aliases, name, NULL, &v) < 0)
		return -1;
	*err = (long)v;
	return 0;
}

bool sig_ret_is_interrupt(long ret)
{
	return ret == -K_ERESTARTSYS || ret == -K_ERESTARTNOINTR ||
	       ret == -K_ERESTARTNOHAND || ret == -K_ERESTART_RESTARTBLOCK ||
	       ret == -EINTR;
}

/* ------------------------------------------------------------------ */
/* Syscall lists of signal(7)                                          */

/*
 * By syscall name, for every architecture's table (the _time64 and
 * legacy names are the 32-bit ABIs').  NULL-terminated.
 */

/* Calls made to wait for a signal: EINTR is their normal return. */
static const char *const waiting_for_signals[] = {
	"pause", "sigsuspend", "rt_sigsuspend", "rt_sigtimedwait",
	"rt_sigtimedwait_time64", NULL,
};

/*
 * The others that are "never restarted after being interrupted by a
 * signal handler, regardless of the use of SA_RESTART".  The socket
 * calls signal(7) lists are never restarted only when a SO_RCVTIMEO/
 * SO_SNDTIMEO timeout is set, which a name cannot tell: not here.
 */
/* Calls that wait for events on descriptors: an event loop's wait, which
 * fails with EINTR after any handler and is simply called again. */
static const char *const waiting_for_events[] = {
	"epoll_wait", "epoll_pwait", "epoll_pwait2", "poll", "ppoll",
	"ppoll_time64", "select", "_newselect", "pselect6",
	"pselect6_time64", NULL,
};

/* Sleeps: an EINTR ends one early and says how long was left. */
static const char *const sleeping[] = {
	"nanosleep", "clock_nanosleep", "clock_nanosleep_time64", NULL,
};

static const char *const never_restarted[] = {
	/* System V IPC */
	"msgrcv", "msgsnd", "semop", "semtimedop", "semtimedop_time64",
	/* AIO */
	"io_getevents", "io_pgetevents", "io_pgetevents_time64", NULL,
};

static bool in_list(const char *const *list, const char *name)
{
	if (!name)
		return false;
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

bool syscall_waits_for_signals(const char *syscall_name)
{
	return in_list(waiting_for_signals, syscall_name);
}

/* The calls of syscall_restart_is_exact(): which argument is the
 * timeout, and whether it is a count of ms or a pointer to a time. */
static const struct {
	const char *name;
	int arg;
	bool pointer;		/* NULL: no limit; else a negative int */
} waits_forever[] = {
	{ "epoll_wait", 3, false },
	{ "epoll_pwait", 3, false },
	{ "epoll_pwait2", 3, true },
	{ "rt_sigtimedwait", 2, true },
	{ "rt_sigtimedwait_time64", 2, true },
};

bool syscall_restart_is_exact(const char *syscall_name,
			      const uint64_t args[6])
{
	for (size_t i = 0; syscall_name &&
	     i < sizeof(waits_forever) / sizeof(waits_forever[0]); i++) {
		if (strcmp(syscall_name, waits_forever[i].name) != 0)
			continue;
		if (waits_forever[i].pointer)
			return args[waits_forever[i].arg] == 0;
		return (int)args[waits_forever[i].arg] < 0;
	}
	return false;
}

bool syscall_never_restarted(const char *syscall_name)
{
	return syscall_waits_for_signals(syscall_name) ||
	       in_list(waiting_for_events, syscall_name) ||
	       in_list(sleeping, syscall_name) ||
	       in_list(never_restarted, syscall_name);
}

enum call_class syscall_class(const char *syscall_name)
{
	if (syscall_waits_for_signals(syscall_name))
		return CALL_SIGNAL_WAIT;
	if (in_list(waiting_for_events, syscall_name))
		return CALL_EVENT_WAIT;
	if (in_list(sleeping, syscall_name))
		return CALL_SLEEP;
	return CALL_OTHER;
}

const char *call_class_name(enum call_class c)
{
	static const char *const names[] = {
		[CALL_OTHER] = "other",
		[CALL_SIGNAL_WAIT] = "signal_wait",
		[CALL_EVENT_WAIT] = "event_wait",
		[CALL_SLEEP] = "sleep",
	};

	return (unsigned)c <= CALL_SLEEP ? names[c] : "other";
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
	int n;

	if (!buf || len == 0)
		return "";
	snprintf(buf, len, "%s", set ? "" : "[]");
	for (int signo = 1; signo <= SIG_MAX && pos < len; signo++) {
		if (!(set & SIGBIT(signo)))
			continue;
		n = snprintf(buf + pos, len - pos, "%s%s", pos ? "|" : "",
			     sig_name(signo, NULL, 0));
		pos += n > 0 ? (size_t)n : 0;
	}
	return buf;
}
