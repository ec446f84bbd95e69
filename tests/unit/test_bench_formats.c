/* SPDX-License-Identifier: MIT */
/* formats/bench_json.c, gbench.c, hyperfine.c, bench_custom.c on the fixtures made by the real producers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "benchset.h"
#include "bench_parsers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX ASSAY_TEST_DATA "/bench/"

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)size + 1);
	*n = fread(buf, 1, (size_t)size, f);
	buf[*n] = '\0';
	fclose(f);
	return buf;
}

/* Decode and parse a fixture by its sniffed format; returns the parser's code. */
static int parse_fixture(const char *name, bench_set *s, enum bench_format *fmt, assay_err *err)
{
	char path[512];
	snprintf(path, sizeof(path), FIX "%s", name);
	size_t n;
	char *text = slurp(path, &n);
	json_t *doc = NULL;
	int rc = bench_json_decode(&doc, name, text, n, err);
	free(text);
	if (rc < 0)
		return rc;
	*fmt = bench_format_sniff(doc);
	switch (*fmt) {
	case BENCH_FMT_GBENCH:
		rc = bench_gbench_parse(doc, name, s, err);
		break;
	case BENCH_FMT_HYPERFINE:
		rc = bench_hyperfine_parse(doc, name, s, err);
		break;
	case BENCH_FMT_CUSTOM:
		rc = bench_custom_parse(doc, name, strstr(name, "bigger") != NULL, s, err);
		break;
	default:
		rc = -ASSAY_EINPUT;
	}
	json_decref(doc);
	return rc;
}

static const struct bench_series *series(const bench_set *s, const char *name, const char *metric)
{
	for (size_t i = 0; i < s->nseries; i++)
		if (!strcmp(s->series[i].name, name) && !strcmp(s->series[i].metric, metric))
			return &s->series[i];
	return NULL;
}

static size_t count_of(const bench_set *s, const char *name, const char *metric)
{
	const struct bench_series *b = series(s, name, metric);
	return b ? bench_set_count(s, (size_t)(b - s->series)) : 0;
}

static void test_nonfinite_tokens(void **state)
{
	(void)state;
	const char *text = "{\"a\": NaN, \"b\":-Infinity, \"s\": \"NaN, Infinity\", "
			   "\"q\": \"x\\\", NaN\", \"c\": [Infinity, -NaN, 1.5], \"NaN\": 2}";
	json_t *doc = NULL;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(bench_json_decode(&doc, "t.json", text, strlen(text), &err), 0);
	double v;
	assert_int_equal(bench_json_number(json_object_get(doc, "a"), &v), 0);
	assert_true(isnan(v));
	assert_int_equal(bench_json_number(json_object_get(doc, "b"), &v), 0);
	assert_true(isinf(v) && v < 0);
	/* inside strings nothing changes, escaped quotes included */
	assert_string_equal(json_string_value(json_object_get(doc, "s")), "NaN, Infinity");
	assert_string_equal(json_string_value(json_object_get(doc, "q")), "x\", NaN");
	const json_t *c = json_object_get(doc, "c");
	assert_int_equal(bench_json_number(json_array_get(c, 0), &v), 0);
	assert_true(isinf(v) && v > 0);
	assert_int_equal(bench_json_number(json_array_get(c, 1), &v), 0);
	assert_true(isnan(v));
	assert_int_equal(bench_json_number(json_array_get(c, 2), &v), 0);
	assert_true(v == 1.5);
	assert_int_equal(bench_json_number(json_object_get(doc, "NaN"), &v), 0);
	assert_true(v == 2);
	/* a string that is not a number is not taken for one */
	assert_int_equal(bench_json_number(json_object_get(doc, "s"), &v), -1);
	json_decref(doc);
}

static void test_bad_json(void **state)
{
	(void)state;
	json_t *doc = NULL;
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(bench_json_decode(&doc, "e.json", " \n\t", 3, &err), -ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, "e.json: empty file"));
	const char *broken = "{\n  \"benchmarks\": [\n    {\"name\": }\n";
	assert_int_equal(bench_json_decode(&doc, "b.json", broken, strlen(broken), &err), -ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, "b.json:3: not valid JSON"));
	assert_null(doc);

	const char *other = "{\"foo\": [1, 2]}";
	assert_int_equal(bench_json_decode(&doc, "o.json", other, strlen(other), &err), 0);
	assert_int_equal(bench_format_sniff(doc), BENCH_FMT_AUTO);
	json_decref(doc);
	assert_int_equal(bench_format_parse("hyperfine"), BENCH_FMT_HYPERFINE);
	assert_int_equal(bench_format_parse("xml"), -1);
}

static void test_gbench_repetitions(void **state)
{
	(void)state;
	bench_set s = BENCH_SET_INIT;
	assay_err err = ASSAY_ERR_INIT;
	enum bench_format fmt;
	assert_int_equal(parse_fixture("gbench-repetitions.json", &s, &fmt, &err), 0);
	assert_int_equal(fmt, BENCH_FMT_GBENCH);
	/* BM_Sort/64 and /512: real, cpu, elements, items_per_second; BM_Odd: real, cpu */
	assert_int_equal(s.nseries, 10);
	assert_int_equal(s.nsamples, 30);
	assert_int_equal(s.aggregates_ignored, 12);
	assert_int_equal(s.nonfinite, 6); /* ratio = NaN and limit = Infinity, 3 repetitions */
	assert_int_equal(count_of(&s, "BM_Sort/64", "real_time"), 3);
	assert_int_equal(count_of(&s, "BM_Odd", "cpu_time"), 3);
	assert_int_equal(count_of(&s, "BM_Odd", "ratio"), 0);
	const struct bench_series *ips = series(&s, "BM_Sort/512", "items_per_second");
	assert_non_null(ips);
	assert_true(ips->bigger_is_better);
	assert_false(ips->primary);
	assert_string_equal(ips->unit, "1/s");
	const struct bench_series *rt = series(&s, "BM_Sort/512", "real_time");
	assert_true(rt->primary);
	assert_string_equal(rt->unit, "s");
	/* ns became seconds: a sort of 512 ints takes microseconds, not thousands of seconds */
	for (size_t i = 0; i < s.nsamples; i++) {
		if (s.samples[i].series == (size_t)(rt - s.series)) {
			assert_true(s.samples[i].value > 1e-9 && s.samples[i].value < 1e-2);
			assert_true(s.samples[i].rep >= 0 && s.samples[i].rep <= 2);
		}
	}
	assert_int_equal(s.nskips, 1);
	assert_string_equal(s.skips[0].name, "BM_Fails");
	assert_int_equal(s.skips[0].count, 3);
	assert_true(s.skips[0].errored);
	assert_string_equal(s.skips[0].message, "resource unavailable");
	bench_set_release(&s);
}

static void test_gbench_aggregates_only(void **state)
{
	(void)state;
	bench_set s = BENCH_SET_INIT;
	assay_err err = ASSAY_ERR_INIT;
	enum bench_format fmt;
	assert_int_equal(parse_fixture("gbench-aggregates-only.json", &s, &fmt, &err), 0);
	/* the median stands for each family: one sample per metric */
	assert_int_equal(s.nsamples, 10);
	assert_int_equal(s.aggregates_ignored, 9);
	assert_int_equal(s.nonfinite, 2);
	assert_int_equal(count_of(&s, "BM_Sort/64", "real_time"), 1);
	for (size_t i = 0; i < s.nsamples; i++)
		assert_string_equal(s.samples[i].extra, "{\"aggregate\":\"median\",\"repetitions\":3}");
	assert_int_equal(s.nskips, 1);
	bench_set_release(&s);

	/* the older format of the shared fixtures: no run_type, no run_name */
	const char *old = "{\"benchmarks\": [{\"name\": \"BM_a\", \"iterations\": 10, \"real_time\": 2,"
			  " \"cpu_time\": 1, \"time_unit\": \"ms\"}, {\"name\": \"BM_a\", \"iterations\": 10,"
			  " \"real_time\": 4, \"cpu_time\": 3, \"time_unit\": \"ms\"}]}";
	json_t *doc = NULL;
	assert_int_equal(bench_json_decode(&doc, "old.json", old, strlen(old), &err), 0);
	assert_int_equal(bench_gbench_parse(doc, "old.json", &s, &err), 0);
	json_decref(doc);
	assert_int_equal(count_of(&s, "BM_a", "real_time"), 2);
	assert_true(fabs(s.samples[0].value - 0.002) < 1e-15);
	assert_int_equal(s.samples[0].rep, 0);
	assert_int_equal(s.samples[2].rep, 1);
	bench_set_release(&s);
}

/* Aggregates with no median or mean to stand for their benchmark: series of their own. */
static void test_gbench_custom_aggregates(void **state)
{
	(void)state;
	bench_set s = BENCH_SET_INIT;
	assay_err err = ASSAY_ERR_INIT;
	enum bench_format fmt;
	assert_int_equal(parse_fixture("gbench-custom-aggregates.json", &s, &fmt, &err), 0);
	assert_int_equal(fmt, BENCH_FMT_GBENCH);
	/* 2 benchmarks x 2 statistics, each real_time and cpu_time */
	assert_int_equal(s.nseries, 8);
	assert_int_equal(s.nsamples, 8);
	assert_int_equal(s.aggregates_ignored, 0);
	const char *names[] = { "BM_Accumulate/256/max", "BM_Accumulate/256/spread",
				"BM_Accumulate/4096/max", "BM_Accumulate/4096/spread" };
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(count_of(&s, names[i], "real_time"), 1);
		assert_int_equal(count_of(&s, names[i], "cpu_time"), 1);
		const struct bench_series *b = series(&s, names[i], "real_time");
		assert_true(b->primary);
		assert_string_equal(b->unit, strstr(names[i], "spread") ? "%" : "s");
	}
	assert_int_equal(count_of(&s, "BM_Accumulate/256", "real_time"), 0);
	/* a time in seconds, a percentage times 100: the values the file holds */
	for (size_t i = 0; i < s.nsamples; i++) {
		const struct bench_sample *x = &s.samples[i];
		const struct bench_series *b = &s.series[x->series];
		if (!strcmp(b->name, "BM_Accumulate/256/max") && !strcmp(b->metric, "real_time"))
			assert_true(fabs(x->value - 417.41142497169886e-9) < 1e-18);
		if (!strcmp(b->name, "BM_Accumulate/256/spread") && !strcmp(b->metric, "real_time"))
			assert_true(fabs(x->value - 62.13214119271339) < 1e-9);
	}
	assert_string_equal(s.samples[0].extra, "{\"aggregate\":\"max\",\"repetitions\":3}");
	bench_set_release(&s);

	/* compare.py's own test input: one benchmark, one aggregate of its own */
	const char *zz = "{\"benchmarks\": [{\"name\": \"whocares\", \"run_type\": \"aggregate\","
			 " \"aggregate_name\": \"zz\", \"aggregate_unit\": \"percentage\", \"iterations\": 1000,"
			 " \"real_time\": 0.01, \"cpu_time\": 0.10, \"time_unit\": \"ns\"}]}";
	json_t *doc = NULL;
	assert_int_equal(bench_json_decode(&doc, "zz.json", zz, strlen(zz), &err), 0);
	assert_int_equal(bench_gbench_parse(doc, "zz.json", &s, &err), 0);
	json_decref(doc);
	assert_int_equal(count_of(&s, "whocares/zz", "real_time"), 1);
	assert_true(fabs(s.samples[0].value - 1.0) < 1e-12);
	bench_set_release(&s);
}

static void test_gbench_bad(void **state)
{
	(void)state;
	bench_set s = BENCH_SET_INIT;
	assay_err err = ASSAY_ERR_INIT;
	const char *cases[][2] = {
		{ "{\"benchmarks\": []}", "no benchmarks in the file" },
		{ "{\"benchmarks\": [{\"name\": \"x\", \"real_time\": 1, \"cpu_time\": 1, \"time_unit\": \"ks\"}]}",
		  "unknown time_unit 'ks'" },
		{ "{\"benchmarks\": [{\"name\": \"x\", \"iterations\": 3}]}", "a benchmark with no samples" },
		{ "{\"benchmarks\": [7]}", "not a benchmark entry" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *doc = NULL;
		assert_int_equal(bench_json_decode(&doc, "g.json", cases[i][0], strlen(cases[i][0]), &err), 0);
		assert_int_equal(bench_gbench_parse(doc, "g.json", &s, &err), -ASSAY_EINPUT);
		assert_non_null(strstr(err.msg, cases[i][1]));
		json_decref(doc);
		bench_set_release(&s);
	}
	size_t n;
	char *text = slurp(FIX "gbench-empty.json", &n);
	json_t *doc = NULL;
	assert_int_equal(bench_json_decode(&doc, "gbench-empty.json", text, n, &err), -ASSAY_EINPUT);
	free(text);
}

static void test_hyperfine(void **state)
{
	(void)state;
	bench_set s = BENCH_SET_INIT;
	assay_err err = ASSAY_ERR_INIT;
	enum bench_format fmt;
	assert_int_equal(parse_fixture("hyperfine-params.json", &s, &fmt, &err), 0);
	assert_int_equal(fmt, BENCH_FMT_HYPERFINE);
	assert_int_equal(s.nseries, 2);
	assert_int_equal(count_of(&s, "seq 1", "wall"), 4);
	assert_int_equal(count_of(&s, "seq 2", "wall"), 4);
	assert_string_equal(series(&s, "seq 2", "wall")->params, "{\"n\":\"2\"}");
	for (size_t i = 0; i < s.nsamples; i++) {
		assert_true(s.samples[i].has_exit_code);
		assert_int_equal(s.samples[i].exit_code, 0);
	}
	bench_set_release(&s);

	assert_int_equal(parse_fixture("hyperfine-exit-codes.json", &s, &fmt, &err), 0);
	assert_int_equal(s.nsamples, 3);
	for (size_t i = 0; i < s.nsamples; i++) {
		assert_int_equal(s.samples[i].exit_code, 1);
		assert_int_equal(s.samples[i].rep, (int)i);
	}
	bench_set_release(&s);

	const char *none = "{\"results\": [{\"command\": \"x\", \"times\": []}]}";
	json_t *doc = NULL;
	assert_int_equal(bench_json_decode(&doc, "h.json", none, strlen(none), &err), 0);
	assert_int_equal(bench_format_sniff(doc), BENCH_FMT_HYPERFINE);
	assert_int_equal(bench_hyperfine_parse(doc, "h.json", &s, &err), -ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, "no times"));
	json_decref(doc);
	bench_set_release(&s);
}

static void test_custom(void **state)
{
	(void)state;
	bench_set s = BENCH_SET_INIT;
	assay_err err = ASSAY_ERR_INIT;
	enum bench_format fmt;
	assert_int_equal(parse_fixture("custom-smaller.json", &s, &fmt, &err), 0);
	assert_int_equal(fmt, BENCH_FMT_CUSTOM);
	assert_int_equal(s.nsamples, 2);
	const struct bench_series *mem = series(&s, "parse config - memory", "value");
	assert_string_equal(mem->unit, "Megabytes");
	assert_false(mem->bigger_is_better);
	assert_string_equal(s.samples[1].extra,
			    "{\"extra\":\"peak during the second phase\\nsampled every 10 ms\",\"range\":\"3\"}");
	assert_null(s.samples[0].extra);
	bench_set_release(&s);

	assert_int_equal(parse_fixture("custom-bigger.json", &s, &fmt, &err), 0);
	assert_int_equal(s.nseries, 1);
	assert_int_equal(count_of(&s, "requests served", "value"), 2);
	assert_true(s.series[0].bigger_is_better);
	assert_int_equal(s.samples[1].rep, 1);

	/* the same benchmark in another unit cannot join the series */
	const char *clash = "[{\"name\": \"requests served\", \"unit\": \"req/min\", \"value\": 9}]";
	json_t *doc = NULL;
	assert_int_equal(bench_json_decode(&doc, "c.json", clash, strlen(clash), &err), 0);
	assert_int_equal(bench_custom_parse(doc, "c.json", 1, &s, &err), -ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, "given both in req/s"));
	json_decref(doc);
	bench_set_release(&s);

	const char *novalue = "[{\"name\": \"a\", \"unit\": \"ms\", \"value\": \"fast\"}]";
	assert_int_equal(bench_json_decode(&doc, "c.json", novalue, strlen(novalue), &err), 0);
	assert_int_equal(bench_custom_parse(doc, "c.json", 0, &s, &err), -ASSAY_EINPUT);
	assert_non_null(strstr(err.msg, "c.json: [0] 'a': value is not a number"));
	json_decref(doc);
	bench_set_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nonfinite_tokens),
		cmocka_unit_test(test_bad_json),
		cmocka_unit_test(test_gbench_repetitions),
		cmocka_unit_test(test_gbench_aggregates_only),
		cmocka_unit_test(test_gbench_custom_aggregates),
		cmocka_unit_test(test_gbench_bad),
		cmocka_unit_test(test_hyperfine),
		cmocka_unit_test(test_custom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
