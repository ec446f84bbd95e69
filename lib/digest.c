/* SPDX-License-Identifier: MIT */
#include "digest.h"
#include "mem.h"

#include <stdio.h>
#include <string.h>
#include <xxhash.h>

struct assay_digest {
	XXH3_state_t *st;
};

assay_digest *assay_digest_new(void)
{
	assay_digest *d = assay_xmalloc(sizeof(*d));
	d->st = XXH3_createState();
	if (!d->st)
		abort();
	XXH3_128bits_reset(d->st);
	return d;
}

void assay_digest_free(assay_digest *d)
{
	if (!d)
		return;
	XXH3_freeState(d->st);
	free(d);
}

void assay_digest_update(assay_digest *d, const void *data, size_t n)
{
	XXH3_128bits_update(d->st, data, n);
}

void assay_digest_update_str(assay_digest *d, const char *s)
{
	if (!s)
		s = "";
	XXH3_128bits_update(d->st, s, strlen(s) + 1);
}

void assay_digest_hex(const assay_digest *d, char hex[33])
{
	XXH128_hash_t h = XXH3_128bits_digest(d->st);
	snprintf(hex, 33, "%016llx%016llx", (unsigned long long)h.high64,
		 (unsigned long long)h.low64);
}
