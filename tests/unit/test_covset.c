/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "covblob.h"
#include "covset.h"
#include "path.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static void merges_hits_branches_and_functions(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_filecov *f = assay_covset_file(cs, "src/a.h");
	assay_filecov_line(f, 10, 2);
	assay_filecov_line(f, 3, 0);
	assay_filecov_line(f, 10, 5);
	assay_filecov_branch(f, 10, 0, 1, -1);
	assay_filecov_branch(f, 10, 0, 0, 3);
	assay_filecov_function(f, "inc", 9, 12, 1);
	/* the same header from a second translation unit */
	assert_ptr_equal(assay_covset_file(cs, "src/a.h"), f);
	assay_filecov_line(f, 3, 4);
	assay_filecov_branch(f, 10, 0, 1, 2);
	assay_filecov_branch(f, 10, 0, 0, -1);
	assay_filecov_function(f, "inc", 9, 12, 2);
	assay_covset_file(cs, "src/0.c");
	assay_covset_finalize(cs);

	assert_int_equal(assay_covset_count(cs), 2);
	assert_string_equal(assay_covset_at(cs, 0)->path, "src/0.c");
	assert_ptr_equal(assay_covset_at(cs, 1), f);
	assert_int_equal(f->nlines, 2);
	assert_int_equal(f->lines[0].line, 3);
	assert_int_equal(f->lines[0].count, 4);
	assert_int_equal(f->lines[1].count, 7);
	assert_int_equal(f->nbranches, 2);
	assert_int_equal(f->branches[0].taken, 3);
	assert_int_equal(f->branches[1].taken, 2);
	assert_int_equal(f->nfuncs, 1);
	assert_int_equal(f->funcs[0].count, 3);
	assert_int_equal(f->lines_found, 2);
	assert_int_equal(f->lines_hit, 2);
	assert_int_equal(f->branches_hit, 2);
	assert_int_equal(f->functions_hit, 1);
	assay_covset_free(cs);
}

static void counts_unexecuted_and_dropped(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_filecov *f = assay_covset_file(cs, "b.c");
	for (uint32_t l = 1; l <= 5; l++)
		assay_filecov_line(f, l, l % 2);
	assay_filecov_branch(f, 2, 0, 0, -1);
	assay_filecov_branch(f, 2, 0, 1, 0);
	assay_filecov_branch(f, 4, 1, 0, 7);
	unsigned char map[6] = { 0 };
	map[4] = ASSAY_EXCL_LINE;
	assay_filecov_exclude(f, map, 5);
	assay_covset_finalize(cs);
	assert_int_equal(f->lines_found, 4);
	assert_int_equal(f->lines_hit, 3);
	assert_int_equal(f->branches_found, 2);
	assert_int_equal(f->branches_hit, 0);
	assay_covset_free(cs);
}

static void blobs_round_trip(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_filecov *f = assay_covset_file(cs, "c.c");
	assay_filecov_line(f, 1, 0);
	assay_filecov_line(f, 70000, 1ULL << 40);
	assay_filecov_branch(f, 5, 2, 1, -1);
	assay_filecov_branch(f, 5, 2, 0, 9);
	assay_filecov_function(f, "main", 4, 20, 1);
	assay_filecov_function(f, "ns::f(int)", 30, 0, 0);
	assay_covset_finalize(cs);

	assay_buf l = ASSAY_BUF_INIT, b = ASSAY_BUF_INIT, fn = ASSAY_BUF_INIT;
	assay_covblob_encode_lines(&l, f);
	assay_covblob_encode_branches(&b, f);
	assay_covblob_encode_functions(&fn, f);
	assert_true(l.len < 16);

	assay_covset *back = assay_covset_new();
	assay_filecov *g = assay_covset_file(back, "c.c");
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_covblob_decode_lines(g, l.buf, l.len, &err), 0);
	assert_int_equal(assay_covblob_decode_branches(g, b.buf, b.len, &err), 0);
	assert_int_equal(assay_covblob_decode_functions(g, fn.buf, fn.len, &err), 0);
	assay_covset_finalize(back);
	assert_int_equal(g->nlines, 2);
	assert_int_equal(g->lines[1].line, 70000);
	assert_true(g->lines[1].count == 1ULL << 40);
	assert_int_equal(g->nbranches, 2);
	assert_int_equal(g->branches[0].branch, 0);
	assert_int_equal(g->branches[0].taken, 9);
	assert_int_equal(g->branches[1].taken, -1);
	assert_int_equal(g->nfuncs, 2);
	assert_string_equal(g->funcs[1].name, "ns::f(int)");
	assert_int_equal(g->funcs[0].end_line, 20);

	/* a cut blob is damage, not a crash */
	assert_int_equal(assay_covblob_decode_functions(g, fn.buf, fn.len - 3, &err), -ASSAY_EDB);
	unsigned char bad[] = { 0x80, 0x80 };
	assert_int_equal(assay_covblob_decode_lines(g, bad, sizeof(bad), &err), -ASSAY_EDB);

	assay_buf_release(&l);
	assay_buf_release(&b);
	assay_buf_release(&fn);
	assay_covset_free(back);
	assay_covset_free(cs);
}

static void many_files(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	char name[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "f%05d.c", 4999 - i);
		assay_filecov_line(assay_covset_file(cs, name), 1, (uint64_t)i);
	}
	assay_covset_finalize(cs);
	assert_int_equal(assay_covset_count(cs), 5000);
	assert_string_equal(assay_covset_at(cs, 0)->path, "f00000.c");
	assert_string_equal(assay_covset_at(cs, 10)->path, "f00010.c");
	assert_int_equal(assay_covset_file(cs, "f04999.c")->lines[0].count, 0);
	assert_int_equal(assay_covset_count(cs), 5000);
	assay_covset_free(cs);
}

static int keep_even(void *ud, const assay_filecov *f)
{
	(void)ud;
	return f->lines[0].count % 2 == 0;
}

/* The index of files follows finalize's sort and retain's drops: each path finds its own entry. */
static void index_follows_sort_and_retain(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_covset_set_format(cs, ASSAY_COVFMT_LCOV);
	char name[32];
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "d/f%d.c", 299 - i); /* "d/f1.c" is a prefix of "d/f10.c" */
		assay_filecov_line(assay_covset_file(cs, name), 1, (uint64_t)(299 - i));
	}
	assay_covset_finalize(cs);
	assert_int_equal(assay_covset_count(cs), 300);
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "d/f%d.c", i);
		assay_filecov *f = assay_covset_file(cs, name);
		assert_string_equal(f->path, name);
		assert_int_equal(f->lines[0].count, i);
	}
	assert_int_equal(assay_covset_count(cs), 300);
	assay_covset_retain(cs, keep_even, NULL);
	assert_int_equal(assay_covset_count(cs), 150);
	for (int i = 0; i < 300; i += 2) {
		snprintf(name, sizeof(name), "d/f%d.c", i);
		assert_int_equal(assay_covset_file(cs, name)->lines[0].count, i);
	}
	assert_int_equal(assay_covset_count(cs), 150);
	/* a dropped path, and a kept path in another format, are new entries */
	assert_int_equal(assay_covset_file(cs, "d/f1.c")->nlines, 0);
	assay_covset_set_format(cs, ASSAY_COVFMT_COBERTURA);
	assert_int_equal(assay_covset_file(cs, "d/f2.c")->nlines, 0);
	assert_int_equal(assay_covset_count(cs), 152);
	assay_covset_free(cs);
}

/* Counts written as reals: rounded up, negatives and NaN as 0, saturated. */
static void counts_from_reals(void **state)
{
	(void)state;
	assert_true(assay_count_from_real(0.0) == 0);
	assert_true(assay_count_from_real(-3.5) == 0);
	assert_true(assay_count_from_real(NAN) == 0);
	assert_true(assay_count_from_real(0.001) == 1);
	assert_true(assay_count_from_real(1.0) == 1);
	assert_true(assay_count_from_real(2.5) == 3);
	assert_true(assay_count_from_real(9007199254740992.0) == 9007199254740992ULL);
	assert_true(assay_count_from_real(18446744073709551615.0) == UINT64_MAX);
	assert_true(assay_count_from_real(1e300) == UINT64_MAX);
	assert_true(assay_count_from_real(INFINITY) == UINT64_MAX);
}

/* A producer's path is normalised before it names an entry. */
static void file_by_producer_path(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	struct assay_pathopts po = { .root = "/repo", .strip = NULL };
	assay_filecov *f = assay_covset_file_norm(cs, "/repo/src/./a.c", NULL, &po);
	assert_string_equal(f->path, "src/a.c");
	assert_ptr_equal(assay_covset_file_norm(cs, "../src/a.c", "/repo/build", &po), f);
	assert_ptr_equal(assay_covset_file(cs, "src/a.c"), f);
	assert_int_equal(assay_covset_count(cs), 1);
	assay_covset_free(cs);
}

/*
 * Formats number branches differently: one file described by several is kept
 * in one format (gcov JSON, then lcov, then Cobertura, whatever the order),
 * inputs of one format still merge, and the files left out are recorded.
 */
static void keeps_one_format_per_file(void **state)
{
	(void)state;
	assay_covset *cs = assay_covset_new();
	assay_covset_set_format(cs, ASSAY_COVFMT_COBERTURA);
	assay_filecov *cob = assay_covset_file(cs, "src/a.c");
	assay_filecov_line(cob, 5, 1);
	assay_filecov_branch(cob, 5, 0, 0, 1);
	assay_filecov_branch(cob, 5, 0, 1, 0);
	assay_filecov_line(assay_covset_file(cs, "src/only-cob.c"), 1, 1);
	assay_covset_set_format(cs, ASSAY_COVFMT_LCOV);
	assay_filecov *lcov = assay_covset_file(cs, "src/a.c");
	assert_ptr_not_equal(lcov, cob);
	assay_filecov_line(lcov, 5, 2);
	assay_filecov_branch(lcov, 5, 0, 0, 0);
	assay_filecov_branch(lcov, 5, 0, 1, 2);
	assay_covset_set_format(cs, ASSAY_COVFMT_COBERTURA);
	/* a second Cobertura input: the same entry, merged */
	assert_ptr_equal(assay_covset_file(cs, "src/a.c"), cob);
	assay_covset_set_format(cs, ASSAY_COVFMT_NONE);
	assay_filecov_line(assay_covset_file(cs, "src/b.c"), 1, 0);
	assay_covset_set_format(cs, ASSAY_COVFMT_GCOV_JSON);
	assay_filecov_line(assay_covset_file(cs, "src/b.c"), 1, 3);
	assay_covset_finalize(cs);

	assert_int_equal(assay_covset_count(cs), 3);
	assay_filecov *a = assay_covset_at(cs, 0);
	assert_ptr_equal(a, lcov);
	assert_int_equal(a->format, ASSAY_COVFMT_LCOV);
	/* lcov's branches alone: 1 of 2, not the union 2 of 2 */
	assert_int_equal(a->branches_found, 2);
	assert_int_equal(a->branches_hit, 1);
	assert_int_equal(a->lines[0].count, 2);
	assert_int_equal(assay_covset_at(cs, 1)->format, ASSAY_COVFMT_GCOV_JSON);
	assert_int_equal(assay_covset_at(cs, 1)->lines[0].count, 3);
	assert_string_equal(assay_covset_at(cs, 2)->path, "src/only-cob.c");

	assert_int_equal(assay_covset_ndropped(cs), 2);
	const struct assay_covdrop *d = assay_covset_dropped_at(cs, 0);
	assert_string_equal(d->path, "src/a.c");
	assert_int_equal(d->kept, ASSAY_COVFMT_LCOV);
	assert_int_equal(d->dropped, 1u << ASSAY_COVFMT_COBERTURA);
	d = assay_covset_dropped_at(cs, 1);
	assert_string_equal(d->path, "src/b.c");
	assert_int_equal(d->kept, ASSAY_COVFMT_GCOV_JSON);
	assert_int_equal(d->dropped, 1u << ASSAY_COVFMT_NONE);
	assert_null(assay_covset_dropped_at(cs, 2));
	/* idempotent: nothing more dropped */
	assay_covset_finalize(cs);
	assert_int_equal(assay_covset_count(cs), 3);
	assert_int_equal(assay_covset_ndropped(cs), 2);
	assert_string_equal(assay_covformat_name(ASSAY_COVFMT_GCOV_JSON), "gcov JSON");
	assay_covset_free(cs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(merges_hits_branches_and_functions),
		cmocka_unit_test(keeps_one_format_per_file),
		cmocka_unit_test(counts_unexecuted_and_dropped),
		cmocka_unit_test(blobs_round_trip),
		cmocka_unit_test(many_files),
		cmocka_unit_test(index_follows_sort_and_retain),
		cmocka_unit_test(counts_from_reals),
		cmocka_unit_test(file_by_producer_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
