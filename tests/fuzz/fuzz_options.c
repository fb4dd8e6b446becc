/* SPDX-License-Identifier: MIT */
/*
 * fuzz_options - the command line parser fed arbitrary bytes, split on
 * NUL into argv.  Must never crash, and must always answer one of the
 * three results with a message on error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1), *argv[64];
	char err[512];
	struct options o;
	int argc = 0;
	size_t i = 0;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[argc++] = "sigtrace";
	while (i <= size && argc < 63) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	switch (options_parse(argc, argv, &o, err, sizeof(err))) {
	case OPTIONS_USAGE_ERROR:
		if (!err[0])
			abort();	/* every error names its cause */
		break;
	case OPTIONS_OK:
		if (o.npids == 0 && (!o.command || !o.command[0]))
			abort();	/* OK means something to trace */
		break;
	case OPTIONS_EXIT:
		break;
	}
	free(buf);
	return 0;
}
