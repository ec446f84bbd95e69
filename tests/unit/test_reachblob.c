/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "reachblob.h"

#include <stdint.h>
#include <stdlib.h>

/* Sorted, repeats and non-ids dropped, deltas a byte each until one is 128 or more. */
static void round_trip(void **state)
{
	(void)state;
	int64_t in[] = { 9, 3, 3, 0, 1000000000000LL, 4, 131, -2 };
	assay_buf b = ASSAY_BUF_INIT;
	assay_reachblob_encode(&b, in, sizeof(in) / sizeof(in[0]));
	/* 3, +1, +5, +122, +(10^12 - 131): 1 + 1 + 1 + 1 + 6 bytes */
	assert_int_equal(b.len, 10);
	assert_int_equal((unsigned char)b.buf[0], 3);
	int64_t *ids = NULL;
	size_t n = 0, alloc = 0;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_reachblob_decode(b.buf, b.len, &ids, &n, &alloc, &err), 0);
	assert_int_equal(n, 5);
	const int64_t want[] = { 3, 4, 9, 131, 1000000000000LL };
	for (size_t i = 0; i < n; i++)
		assert_int_equal(ids[i], want[i]);
	/* decoding appends: a second blob after the first */
	assert_int_equal(assay_reachblob_decode(b.buf, 1, &ids, &n, &alloc, &err), 0);
	assert_int_equal(n, 6);
	assert_int_equal(ids[5], 3);
	free(ids);
	assay_buf_release(&b);
}

static void empty(void **state)
{
	(void)state;
	assay_buf b = ASSAY_BUF_INIT;
	assay_reachblob_encode(&b, NULL, 0);
	assert_int_equal(b.len, 0);
	int64_t *ids = NULL;
	size_t n = 0, alloc = 0;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_reachblob_decode("", 0, &ids, &n, &alloc, &err), 0);
	assert_int_equal(n, 0);
	assert_null(ids);
}

/* A varint cut short, a delta of 0 (a repeat), an id past INT64_MAX: the store is damaged. */
static void damaged(void **state)
{
	(void)state;
	static const unsigned char cut[] = { 0x05, 0x80 }, zero[] = { 0x05, 0x00 },
		huge[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x02 };
	const struct {
		const unsigned char *b;
		size_t n;
	} bad[] = { { cut, sizeof(cut) }, { zero, sizeof(zero) }, { huge, sizeof(huge) } };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int64_t *ids = NULL;
		size_t n = 0, alloc = 0;
		assay_err err = ASSAY_ERR_INIT;
		assert_int_equal(assay_reachblob_decode(bad[i].b, bad[i].n, &ids, &n, &alloc, &err), -ASSAY_EDB);
		assert_string_equal(err.msg, "damaged mutation reach blob in the store");
		free(ids);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(empty),
		cmocka_unit_test(damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
