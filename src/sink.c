/*
 * sink.c - what all sinks share: the -e signal=SET filter and a write
 * that delivers a whole line or reports why it could not.
 */
#include <errno.h>
#include <unistd.h>

#include "sink.h"

/*
 * The signal an event is about, or 0 when it is about none.  A table of
 * the event types that carry one would need an offset per union member;
 * this small switch is the clearer of the two.
 */
static int event_signo(const struct event *e, bool *carries)
{
	*carries = true;
	switch (e->type) {
	case EV_SIGNAL:
		return e->u.sig.signo;
	case EV_SIGACTION:
		return e->u.sa.signo;
	case EV_INTERRUPTED:
	case EV_EINTR:
	case EV_RESTARTED:
		return e->u.sc.signo;
	case EV_FINDING:
		return e->u.finding.signo;
	default:
		*carries = false;
		return 0;
	}
}

bool sink_event_selected(const struct sink_config *cfg, const struct event *e)
{
	bool carries;
	int signo = event_signo(e, &carries);

	if (!carries)
		return true;
	/* A signal number outside 1..64 (rt_sigaction(0, ...) failing
	 * with EINVAL) is in no set but "all". */
	if (signo < 1 || signo > SIG_MAX)
		return cfg->signals == ~(sigbits_t)0;
	return (cfg->signals & SIGBIT(signo)) != 0;
}

int sink_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EIO;	/* no progress and no reason: give up */
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}
