/* SPDX-License-Identifier: MIT */
#include "benchset.h"
#include "mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void bench_set_release(bench_set *s)
{
	for (size_t i = 0; i < s->nseries; i++) {
		free(s->series[i].name);
		free(s->series[i].metric);
		free(s->series[i].unit);
		free(s->series[i].params);
	}
	for (size_t i = 0; i < s->nsamples; i++)
		free(s->samples[i].extra);
	for (size_t i = 0; i < s->nskips; i++) {
		free(s->skips[i].name);
		free(s->skips[i].message);
	}
	free(s->series);
	free(s->samples);
	free(s->skips);
	memset(s, 0, sizeof(*s));
}

int bench_set_series(bench_set *s, const char *name, const char *metric, const char *unit,
		     int bigger_is_better, int primary, size_t *out, assay_err *err)
{
	/* a linear search: a file names tens or hundreds of series, not millions */
	for (size_t i = s->nseries; i-- > 0;) {
		struct bench_series *b = &s->series[i];
		if (strcmp(b->name, name) || strcmp(b->metric, metric))
			continue;
		if (strcmp(b->unit, unit) || b->bigger_is_better != bigger_is_better)
			return assay_err_set(err, ASSAY_EINPUT,
					     "benchmark '%s' (%s) given both in %s%s and in %s%s",
					     name, metric, b->unit,
					     b->bigger_is_better ? ", bigger is better" : "", unit,
					     bigger_is_better ? ", bigger is better" : "");
		*out = i;
		return 0;
	}
	ASSAY_GROW(s->series, s->aseries, s->nseries + 1);
	s->series[s->nseries] = (struct bench_series){
		.name = assay_xstrdup(name),
		.metric = assay_xstrdup(metric),
		.unit = assay_xstrdup(unit),
		.bigger_is_better = bigger_is_better,
		.primary = primary,
		.threshold = NAN,
	};
	*out = s->nseries++;
	return 0;
}

void bench_set_add(bench_set *s, size_t series, int rep, double value, const char *extra)
{
	ASSAY_GROW(s->samples, s->asamples, s->nsamples + 1);
	s->samples[s->nsamples++] = (struct bench_sample){
		.series = series, .rep = rep, .value = value, .extra = assay_xstrdup(extra),
	};
	s->series[series].count++;
}

void bench_set_add_exit(bench_set *s, size_t series, int rep, double value, int exit_code)
{
	bench_set_add(s, series, rep, value, NULL);
	s->samples[s->nsamples - 1].has_exit_code = 1;
	s->samples[s->nsamples - 1].exit_code = exit_code;
}

void bench_set_skip(bench_set *s, const char *name, int errored, const char *message)
{
	for (size_t i = 0; i < s->nskips; i++) {
		if (!strcmp(s->skips[i].name, name) && s->skips[i].errored == errored) {
			s->skips[i].count++;
			return;
		}
	}
	ASSAY_GROW(s->skips, s->askips, s->nskips + 1);
	s->skips[s->nskips++] = (struct bench_skip){
		.name = assay_xstrdup(name), .errored = errored, .count = 1,
		.message = assay_xstrdup(message),
	};
}

size_t bench_set_count(const bench_set *s, size_t series)
{
	return s->series[series].count;
}
