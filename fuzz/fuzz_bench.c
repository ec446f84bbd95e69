/* SPDX-License-Identifier: MIT */
#include "fuzz_bench.h"
#include "fuzz_input.h"

#include "buf.h"

#include <stdio.h>
#include <stdlib.h>

static void bad(const char *what)
{
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

/* Every sample is of a series there, and each series counts its own samples. */
static void check_set(const bench_set *s)
{
	size_t total = 0;
	for (size_t i = 0; i < s->nseries; i++) {
		if (!s->series[i].name || !s->series[i].metric || !s->series[i].unit)
			bad("a series without name, metric or unit");
		total += s->series[i].count;
	}
	if (total != s->nsamples)
		bad("the series' counts do not add up to the samples");
	for (size_t i = 0; i < s->nsamples; i++)
		if (s->samples[i].series >= s->nseries)
			bad("a sample of no series");
}

static int parse(enum bench_format format, const json_t *doc, const char *name, bench_set *s,
		 int bigger, assay_err *err)
{
	switch (format) {
	case BENCH_FMT_GBENCH:
		return bench_gbench_parse(doc, name, s, err);
	case BENCH_FMT_HYPERFINE:
		return bench_hyperfine_parse(doc, name, s, err);
	case BENCH_FMT_CUSTOM:
		return bench_custom_parse(doc, name, bigger, s, err);
	case BENCH_FMT_AUTO:
		break;
	}
	bad("no format to parse");
	return -1;
}

void fuzz_bench_run(enum bench_format format, const uint8_t *data, size_t n)
{
	assay_input *in;
	fuzz_input_open(&in, data, n);
	assay_err err = ASSAY_ERR_INIT;
	assay_buf text = ASSAY_BUF_INIT;
	char chunk[4096];
	ssize_t got;
	while ((got = assay_input_read(in, chunk, sizeof(chunk), &err)) > 0)
		assay_buf_add(&text, chunk, (size_t)got);
	const char *name = assay_input_name(in);
	json_t *doc = NULL;
	int rc = got < 0 ? (int)got : bench_json_decode(&doc, name, text.buf, text.len, &err);
	if (rc == 0) {
		enum bench_format found = bench_format_sniff(doc);
		if (bench_format_parse(bench_format_name(found)) != (int)found)
			bad("a sniffed format whose name does not read back");
		bench_set s = BENCH_SET_INIT;
		/* the direction custom JSON does not carry: from the size, both are reached */
		rc = parse(format, doc, name, &s, (int)(n & 1), &err);
		if (rc == 0)
			check_set(&s);
		bench_set_release(&s);
	}
	json_decref(doc);
	assay_buf_release(&text);
	assay_input_close(in);
	fuzz_check_rc(rc, &err);
}
