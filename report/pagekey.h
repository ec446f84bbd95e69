/* SPDX-License-Identifier: MIT */
/*
 * A page's key: a hash of everything it is made of, field by field (so
 * that no padding byte counts), for rep_site_keep to keep the page of an
 * earlier render made of the same.
 */
#ifndef ASSAY_REPORT_PAGEKEY_H
#define ASSAY_REPORT_PAGEKEY_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

struct rep_ctx;

/* Start k (an empty buffer) with what every page shows of the options: the title, the bands, the page size. */
void rep_key_begin(assay_buf *k, const struct rep_ctx *c);
void rep_key_u64(assay_buf *k, uint64_t v);
/* s with its length, so that ("ab", "c") and ("a", "bc") differ; NULL differs from "" */
void rep_key_str(assay_buf *k, const char *s);
/* The key (never 0), k released. */
uint64_t rep_key_end(assay_buf *k);

#endif
