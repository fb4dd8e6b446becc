/* SPDX-License-Identifier: MIT */
/*
 * sender_nobpf.c - the bpf back end of a build without BPF (configure
 * --without-bpf, or no clang, bpftool or libbpf found): it says so, and
 * the observer goes on to the next back end.
 */
#include <errno.h>
#include <stdio.h>

#include "sender_priv.h"

static int nobpf_open(struct sender_backend *b, char *why, size_t len)
{
	snprintf(why, len, "not built in (configure found no clang, bpftool "
		 "or libbpf, or was given --without-bpf)");
	return -ENOSYS;
}

static void nobpf_close(struct sender_backend *b)
{
}

const struct sender_backend_ops sender_bpf_ops = {
	.name = "bpf",
	.kind = SENDER_BPF,
	.sees_sends = true,
	.names_senders = true,
	.open = nobpf_open,
	.close = nobpf_close,
};
