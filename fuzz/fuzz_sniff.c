/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the sniffer that tells the four report formats apart,
 * given the head of an input as `assay ingest` gives it (assay_input_peek:
 * gzip is undone first), and the name of what it found.
 */
#include "fuzz_input.h"
#include "parsers.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	assay_input *in;
	fuzz_input_open(&in, data, size);
	const unsigned char *head;
	size_t n;
	assay_err err = ASSAY_ERR_INIT;
	int rc = assay_input_peek(in, &head, &n, ASSAY_SNIFF_BYTES, &err);
	if (rc == 0) {
		enum assay_format f = assay_format_sniff(head, n);
		const char *name = assay_format_name(f);
		if (!name || assay_format_parse(name) != (int)f) {
			fprintf(stderr, "fuzz: format %d has no name that reads back\n", (int)f);
			abort();
		}
	}
	assay_input_close(in);
	fuzz_check_rc(rc, &err); /* damaged gzip is bad input too */
	return 0;
}
