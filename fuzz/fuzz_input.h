/* SPDX-License-Identifier: MIT */
/*
 * What every harness starts with: the fuzzer's bytes as a file the parsers
 * open the way a front end opens one (assay_input_open(), or a path for
 * the exclusion markers' source), held in memory (memfd_create(2)), so
 * that an iteration writes nothing to disk and leaves nothing behind.
 */
#ifndef ASSAY_FUZZ_INPUT_H
#define ASSAY_FUZZ_INPUT_H

#include "input.h"

#include <stddef.h>
#include <stdint.h>

/*
 * A path ("/proc/self/fd/N") that reads as data[0..n), valid until the next
 * call.  The memory file is the process's one, rewritten each time; it
 * aborts if the bytes cannot be written, which is no finding of the parsers.
 */
const char *fuzz_bytes_path(const uint8_t *data, size_t n);

/* assay_input_open() on fuzz_bytes_path(data, n): *in is closed with assay_input_close(). */
void fuzz_input_open(assay_input **in, const uint8_t *data, size_t n);

/*
 * What a parser returned, checked: 0, or -ASSAY_EINPUT with a message in
 * err (bytes can only be bad input: any other code, a code that disagrees
 * with err, or an empty message aborts, which libFuzzer reports).
 */
void fuzz_check_rc(int rc, const assay_err *err);

#endif
