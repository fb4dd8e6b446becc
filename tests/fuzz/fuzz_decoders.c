/* SPDX-License-Identifier: MIT */
/*
 * fuzz_decoders - the siginfo decoder and the name tables fed arbitrary
 * bytes: a siginfo_t, a kernel sigaction's flags and mask, a signal-set
 * expression, signal and code names.  Must never crash or read out of
 * bounds (run under ASan).
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "siginfo.h"
#include "sigtab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	siginfo_t si;
	struct ev_signal sig;
	uint64_t flags = 0, mask = 0, unknown;
	const char *names[32];
	char buf[1024], err[128], *text;
	sigbits_t set;

	memset(&si, 0, sizeof(si));
	memcpy(&si, data, size < sizeof(si) ? size : sizeof(si));
	memset(&sig, 0, sizeof(sig));
	siginfo_decode(&si, &sig);
	si_code_name(sig.signo, sig.code, buf, sizeof(buf));
	sig_name(sig.signo, buf, sizeof(buf));
	if (size >= 16) {
		memcpy(&flags, data, 8);
		memcpy(&mask, data + 8, 8);
	}
	sa_flags_names(flags, names, 32, &unknown);
	sa_flags_format(flags, buf, sizeof(buf));
	sa_flags_format(flags, buf, 8);	/* too small on purpose */
	sigset_format(mask, buf, sizeof(buf));
	sigset_format(mask, buf, 5);
	errno_code_name(-(long)(flags & 0xffff));

	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	sigset_parse(text, &set, err, sizeof(err));
	sigset_parse(text, &set, err, 3);
	sig_from_name(text);
	si_code_from_name((int)(flags & 0x7f), text, &(int){ 0 });
	syscall_never_restarted(text);
	free(text);
	return 0;
}
