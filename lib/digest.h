/* SPDX-License-Identifier: MIT */
/*
 * Content digests: 128-bit XXH3, shown as 32 hex digits.  Used to make
 * ingest idempotent (the same input for the same commit is one run), not
 * for security: nothing trusts a digest that an attacker could choose.
 */
#ifndef ASSAY_DIGEST_H
#define ASSAY_DIGEST_H

#include <stddef.h>

typedef struct assay_digest assay_digest;

/* A new streaming digest; free with assay_digest_free(). */
assay_digest *assay_digest_new(void);
void assay_digest_free(assay_digest *d);
void assay_digest_update(assay_digest *d, const void *data, size_t n);
/* A string: its bytes and a terminating NUL, so "ab","c" differs from "a","bc". */
void assay_digest_update_str(assay_digest *d, const char *s);
/* Write 32 hex digits and a NUL to hex; the digest can go on being updated. */
void assay_digest_hex(const assay_digest *d, char hex[33]);

#endif
