/* SPDX-License-Identifier: MIT */
/*
 * The compact per-file coverage blobs of the coverage table.
 *
 * A blob is a sequence of unsigned LEB128 varints, lines ascending:
 *   lines:     (line - previous line, count) ...
 *   branches:  (line - previous line, block, branch, taken + 1) ...   taken + 1 = 0: not executed
 *   functions: (line - previous line, end_line, count, name length, name bytes) ...
 * About two bytes a line for a typical file, so a year of daily runs of a
 * large project stays small.
 */
#ifndef ASSAY_COVBLOB_H
#define ASSAY_COVBLOB_H

#include "buf.h"
#include "covset.h"
#include "err.h"

#include <stddef.h>
#include <stdint.h>

void assay_covblob_encode_lines(assay_buf *out, const assay_filecov *f);
void assay_covblob_encode_branches(assay_buf *out, const assay_filecov *f);
void assay_covblob_encode_functions(assay_buf *out, const assay_filecov *f);

/*
 * Decode blobs into f (adding to what is there, so several runs merge).
 * A blob that does not decode is -ASSAY_EDB: the store is damaged.
 */
int assay_covblob_decode_lines(assay_filecov *f, const void *blob, size_t n, assay_err *err);
int assay_covblob_decode_branches(assay_filecov *f, const void *blob, size_t n, assay_err *err);
int assay_covblob_decode_functions(assay_filecov *f, const void *blob, size_t n, assay_err *err);

/*
 * A coverage row's digest (its digest column): a hash of its lines,
 * branches and functions blobs as stored (NULL with length 0 for none),
 * never 0.
 */
uint64_t assay_covblob_digest(const void *lines, size_t nlines, const void *branches, size_t nbranches,
			      const void *functions, size_t nfunctions);

#endif
