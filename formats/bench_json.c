/* SPDX-License-Identifier: MIT */
/* Loading benchmark JSON: the non-standard numbers, and telling the formats apart. */
#include "bench_parsers.h"
#include "buf.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <string.h>

static const struct {
	const char *token;
	double value;
} nonfinite[] = {
	{ "-Infinity", -INFINITY },
	{ "Infinity", INFINITY },
	{ "-NaN", NAN },
	{ "NaN", NAN },
};

/*
 * Copy data to out, quoting the bare non-finite tokens.  Only outside
 * string literals (escapes honoured) and only where a value starts, so a
 * benchmark named "NaN" or text like "xNaN" is left alone.
 */
static void quote_nonfinite(assay_buf *out, const char *data, size_t n)
{
	int in_string = 0;
	char prev = ',';
	for (size_t i = 0; i < n;) {
		char c = data[i];
		if (in_string) {
			assay_buf_addc(out, c);
			if (c == '\\' && i + 1 < n) {
				assay_buf_addc(out, data[i + 1]);
				i += 2;
				continue;
			}
			if (c == '"')
				in_string = 0;
			i++;
			continue;
		}
		if (c == '"') {
			in_string = 1;
		} else if (prev == ':' || prev == ',' || prev == '[') {
			size_t k;
			for (k = 0; k < sizeof(nonfinite) / sizeof(nonfinite[0]); k++) {
				size_t len = strlen(nonfinite[k].token);
				if (i + len <= n && !memcmp(data + i, nonfinite[k].token, len) &&
				    (i + len == n || !isalnum((unsigned char)data[i + len]))) {
					assay_buf_addc(out, '"');
					assay_buf_add(out, data + i, len);
					assay_buf_addc(out, '"');
					i += len;
					prev = 'x';
					break;
				}
			}
			if (k < sizeof(nonfinite) / sizeof(nonfinite[0]))
				continue;
		}
		assay_buf_addc(out, c);
		if (!isspace((unsigned char)c))
			prev = c;
		i++;
	}
}

int bench_json_decode(json_t **out, const char *name, const char *data, size_t n,
		      assay_err *err)
{
	size_t i = 0;
	while (i < n && isspace((unsigned char)data[i]))
		i++;
	if (i == n)
		return assay_err_at(err, ASSAY_EINPUT, name, 0,
				    "empty file: the producer wrote no results (did any benchmark run?)");
	assay_buf text = ASSAY_BUF_INIT;
	quote_nonfinite(&text, data, n);
	json_error_t je;
	/* ints as reals: counters and iteration counts may pass 2^63 */
	*out = json_loadb(text.buf, text.len, JSON_DECODE_INT_AS_REAL, &je);
	assay_buf_release(&text);
	if (!*out)
		return assay_err_at(err, ASSAY_EINPUT, name, je.line, "not valid JSON: %s", je.text);
	return 0;
}

int bench_json_number(const json_t *v, double *out)
{
	if (json_is_number(v)) {
		*out = json_number_value(v);
		return 0;
	}
	if (json_is_string(v)) {
		for (size_t k = 0; k < sizeof(nonfinite) / sizeof(nonfinite[0]); k++) {
			if (!strcmp(json_string_value(v), nonfinite[k].token)) {
				*out = nonfinite[k].value;
				return 0;
			}
		}
	}
	return -1;
}

int bench_json_int(const json_t *v, int *out)
{
	if (!json_is_number(v))
		return -1;
	double d = json_number_value(v);
	if (!(d > INT_MIN - 1.0 && d < INT_MAX + 1.0))
		return -1;
	*out = (int)d;
	return 0;
}

enum bench_format bench_format_sniff(const json_t *doc)
{
	if (json_is_object(doc)) {
		if (json_is_array(json_object_get(doc, "benchmarks")))
			return BENCH_FMT_GBENCH;
		const json_t *results = json_object_get(doc, "results");
		if (json_is_array(results)) {
			const json_t *first = json_array_get(results, 0);
			if (!first || json_object_get(first, "times") || json_object_get(first, "command"))
				return BENCH_FMT_HYPERFINE;
		}
		return BENCH_FMT_AUTO;
	}
	if (json_is_array(doc)) {
		const json_t *first = json_array_get(doc, 0);
		if (!first || (json_is_object(first) && json_object_get(first, "name") &&
			       json_object_get(first, "value")))
			return BENCH_FMT_CUSTOM;
	}
	return BENCH_FMT_AUTO;
}

static const char *const format_names[] = {
	[BENCH_FMT_AUTO] = "auto",
	[BENCH_FMT_GBENCH] = "gbench",
	[BENCH_FMT_HYPERFINE] = "hyperfine",
	[BENCH_FMT_CUSTOM] = "custom",
};

int bench_format_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(format_names) / sizeof(format_names[0]); i++)
		if (!strcmp(name, format_names[i]))
			return (int)i;
	return -1;
}

const char *bench_format_name(enum bench_format f)
{
	return format_names[f];
}

double bench_time_scale(const char *unit)
{
	static const struct {
		const char *unit;
		double scale;
	} units[] = { { "ns", 1e-9 }, { "us", 1e-6 }, { "ms", 1e-3 }, { "s", 1 } };
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(unit, units[i].unit))
			return units[i].scale;
	return 0;
}
