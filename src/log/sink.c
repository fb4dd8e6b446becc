/* SPDX-License-Identifier: MIT */
/*
 * sink.c - what all sinks share: the life of an instance, the -e
 * signal=SET filter and a write that delivers a whole line or reports
 * why it could not.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "sink.h"

void sink_open(struct sink *s, void *arg)
{
	s->data = s->ops->open ? s->ops->open(s, arg) : NULL;
}

void sink_wrap_open(struct sink *wrap, const struct sink_ops *ops,
		    const struct sink *inner, void *arg)
{
	memset(wrap, 0, sizeof(*wrap));
	wrap->ops = ops;
	wrap->fd = -1;		/* the inner sink's: reach it by sink_put */
	wrap->path = inner->path;
	wrap->cfg = inner->cfg;
	sink_open(wrap, arg);
}

int sink_close(struct sink *s)
{
	int ret = sink_flush(s), rc;

	sb_free(&s->out);
	/* Only the state open made: a second close finds none. */
	if (s->data && s->ops->close && (rc = s->ops->close(s)) < 0 &&
	    ret == 0)
		ret = rc;
	s->data = NULL;
	if (s->error)
		ret = -s->error;
	if (s->owns_fd && s->fd >= 0) {
		/* close(2) is where NFS and full disks report late. */
		if (close(s->fd) < 0 && ret == 0)
			ret = -errno;
		s->fd = -1;
	}
	return ret;
}

void sink_failed(struct sink *s, int rc)
{
	s->error = -rc;
	warnx_msg("writing %s: %s; further events to it are lost", s->path,
		  strerror(-rc));
}

bool sink_emit_all(struct sink **sinks, size_t nsinks, const struct event *e)
{
	bool held = false;

	for (size_t i = 0; i < nsinks; i++) {
		struct sink *s = sinks[i];
		int rc;

		if (s->error)
			continue;
		rc = s->ops->write(s, e);
		if (rc < 0)
			sink_failed(s, rc);
		else if (sink_pending(s) || s->ops->flush)
			held = true;	/* a wrapper's inner log may hold it */
	}
	return held;
}

/*
 * The signals an event is about, bit (signo - 1); *CARRIES false when
 * its type is about no signal.  A table of the types that carry one
 * would need an offset per union member; this switch is the clearer.
 */
static sigbits_t event_signals(const struct event *e, bool *carries)
{
	int signo;

	*carries = true;
	switch (e->type) {
	case EV_SIGNAL:
		signo = e->u.sig.signo;
		break;
	case EV_SIGACTION:
		signo = e->u.sa.signo;
		break;
	case EV_INTERRUPTED:
	case EV_EINTR:
	case EV_RESTARTED:
		signo = e->u.sc.signo;
		break;
	case EV_FINDING:
		/* dangerous_defaults names a set, not one signal. */
		if (e->u.finding.signo == 0)
			return e->u.finding.signals;
		signo = e->u.finding.signo;
		break;
	default:
		*carries = false;
		return 0;
	}
	return signo >= 1 && signo <= SIG_MAX ? SIGBIT(signo) : 0;
}

bool sink_event_selected(const struct sink_config *cfg, const struct event *e)
{
	bool carries;
	sigbits_t set = event_signals(e, &carries);

	/* No valid signal named (rt_sigaction(0, ...) = -EINVAL, a finding
	 * about the whole table): nothing for the filter to judge. */
	if (!carries || set == 0)
		return true;
	return (cfg->signals & set) != 0;
}

int sink_put(struct sink *s, const char *buf, size_t len)
{
	int rc = 0;

	if (s->error)
		return -s->error;
	if (s->ops->put) {
		rc = s->ops->put(s, buf, len);
	} else {
		sb_add(&s->out, buf, len);
		if (s->out.len >= SINK_BUF_MAX)
			return sink_flush(s);
	}
	if (rc < 0)
		s->error = -rc;
	return rc;
}

int sink_flush(struct sink *s)
{
	int rc = 0;

	if (s->error)
		return -s->error;
	if (s->out.len) {
		rc = sink_write_all(s->fd, s->out.buf, s->out.len);
		sb_reset(&s->out);
	}
	if (rc == 0 && s->data && s->ops->flush)
		rc = s->ops->flush(s);
	if (rc < 0)
		s->error = -rc;
	return rc;
}

void sink_trigger(struct sink *s)
{
	if (s->data && s->ops->trigger)
		s->ops->trigger(s);
}

static bool (*give_up_hook)(void);

void sink_set_give_up(bool (*give_up)(void))
{
	give_up_hook = give_up;
}

/* Until FD can take more: 0, or -errno (the reader is gone, or giving
 * up was asked for). */
static int wait_writable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };

	for (;;) {
		if (poll(&p, 1, -1) > 0)
			return (p.revents & POLLOUT) ? 0 : -EPIPE;
		if (errno != EINTR)
			return -errno;
		if (give_up_hook && give_up_hook())
			return -EINTR;
	}
}

int sink_write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			int rc;

			if (errno == EINTR)
				continue;
			if (errno != EAGAIN && errno != EWOULDBLOCK)
				return -errno;
			rc = wait_writable(fd);
			if (rc < 0)
				return rc;
			continue;
		}
		if (n == 0)
			return -EIO;	/* no progress and no reason: give up */
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}
