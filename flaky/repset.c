/* SPDX-License-Identifier: MIT */
#include "repset.h"
#include "mem.h"
#include "stats.h"

#include <stdlib.h>
#include <string.h>

void flaky_repset_init(flaky_repset *s, size_t nreps)
{
	memset(s, 0, sizeof(*s));
	assay_hashmap_init(&s->index);
	assay_buf_init(&s->key);
	s->reps = assay_xcalloc(nreps ? nreps : 1, sizeof(*s->reps));
	s->nreps = nreps;
}

void flaky_repset_release(flaky_repset *s)
{
	for (size_t i = 0; i < s->ntests; i++) {
		free(s->tests[i].suite);
		free(s->tests[i].classname);
		free(s->tests[i].name);
		free(s->tests[i].file);
	}
	for (size_t r = 0; r < s->nreps; r++) {
		for (size_t i = 0; i < s->reps[r].n; i++) {
			free(s->reps[r].v[i].message);
			free(s->reps[r].v[i].type);
			free(s->reps[r].v[i].system_out);
			free(s->reps[r].v[i].system_err);
		}
		free(s->reps[r].v);
	}
	free(s->tests);
	assay_hashmap_free(&s->index);
	assay_buf_release(&s->key);
	free(s->reps);
	memset(s, 0, sizeof(*s));
}

/* A test's index in tests[] by suite, classname and name, each NUL-terminated (none has a NUL). */
static uint32_t intern(flaky_repset *s, const assay_result *r)
{
	const char *suite = r->suite ? r->suite : "", *cls = r->classname ? r->classname : "";
	assay_buf_reset(&s->key);
	assay_buf_add(&s->key, suite, strlen(suite) + 1);
	assay_buf_add(&s->key, cls, strlen(cls) + 1);
	assay_buf_add(&s->key, r->name, strlen(r->name) + 1);
	int created;
	uint64_t *idx = assay_hashmap_upsert(&s->index, s->key.buf, s->key.len, &created);
	if (!created)
		return (uint32_t)*idx;
	*idx = s->ntests;
	ASSAY_GROW(s->tests, s->atests, s->ntests + 1);
	s->tests[s->ntests] = (struct flaky_test){
		.suite = assay_xstrdup(suite),
		.classname = assay_xstrdup(cls),
		.name = assay_xstrdup(r->name),
		.file = assay_xstrdup(r->file),
		.line = r->line,
	};
	return (uint32_t)s->ntests++;
}

static int blank(const char *s)
{
	return !s || !s[strspn(s, " \t\r\n")];
}

/* The end of s, at most FLAKY_OUTPUT_TAIL bytes, starting on a UTF-8 character; NULL if blank. */
static char *tail(const char *s)
{
	if (blank(s))
		return NULL;
	size_t n = strlen(s), from = n > FLAKY_OUTPUT_TAIL ? n - FLAKY_OUTPUT_TAIL : 0;
	while (from < n && ((unsigned char)s[from] & 0xc0) == 0x80)
		from++;
	return assay_xstrdup(s + from);
}

void flaky_repset_add(flaky_repset *s, size_t rep, const assay_result *r)
{
	struct flaky_rep *p = &s->reps[rep];
	int bad = r->status == ASSAY_FAIL || r->status == ASSAY_ERROR;
	int silent = bad && blank(r->message);
	ASSAY_GROW(p->v, p->alloc, p->n + 1);
	p->v[p->n++] = (struct flaky_result){
		.test = intern(s, r),
		.status = (uint8_t)r->status,
		.final = (uint8_t)(r->final != 0),
		.attempt = (uint16_t)(r->attempt > 0 ? r->attempt : 1),
		.duration_us = r->duration_us,
		.message = bad ? assay_xstrdup(r->message) : NULL,
		.type = bad ? assay_xstrdup(r->type) : NULL,
		.system_out = silent ? tail(r->system_out) : NULL,
		.system_err = silent ? tail(r->system_err) : NULL,
	};
}

void flaky_repset_result(const flaky_repset *s, const struct flaky_result *x, assay_result *out)
{
	const struct flaky_test *t = &s->tests[x->test];
	*out = (assay_result){
		.suite = t->suite,
		.classname = t->classname,
		.name = t->name,
		.file = t->file,
		.line = t->line,
		.status = (enum assay_status)x->status,
		.attempt = x->attempt,
		.final = x->final,
		.duration_us = x->duration_us,
		.message = x->message,
		.type = x->type,
		.system_out = x->system_out,
		.system_err = x->system_err,
	};
}

static int cmp_verdict(const void *a, const void *b)
{
	const struct flaky_verdict *x = a, *y = b;
	/* higher fail rate first; ties by more evidence, then by name order */
	double rx = x->runs ? (double)x->fails / x->runs : 0, ry = y->runs ? (double)y->fails / y->runs : 0;
	if (rx != ry)
		return rx < ry ? 1 : -1;
	if (x->fails != y->fails)
		return x->fails < y->fails ? 1 : -1;
	return (x->test > y->test) - (x->test < y->test);
}

void flaky_repset_verdicts(const flaky_repset *s, struct flaky_verdict **out, size_t *n,
			   size_t *always)
{
	struct flaky_verdict *v = assay_xcalloc(s->ntests + 1, sizeof(*v));
	/* per test, within the current repetition: did an attempt fail? */
	unsigned *seen_fail = assay_xcalloc(s->ntests + 1, sizeof(*seen_fail));
	for (size_t i = 0; i < s->ntests; i++)
		v[i].test = (uint32_t)i;
	for (size_t r = 0; r < s->nreps; r++) {
		const struct flaky_rep *p = &s->reps[r];
		for (size_t i = 0; i < p->n; i++) {
			const struct flaky_result *x = &p->v[i];
			struct flaky_verdict *t = &v[x->test];
			int bad = x->status == ASSAY_FAIL || x->status == ASSAY_ERROR;
			if (bad && !t->first_failure) {
				t->first_failure = x;
				t->first_rep = r;
			}
			if (!x->final) {
				if (bad)
					seen_fail[x->test] = (unsigned)r + 1;
				continue;
			}
			if (x->status == ASSAY_SKIP)
				continue;
			t->runs++;
			if (bad)
				t->fails++;
			else if (seen_fail[x->test] == r + 1)
				t->reruns++;
		}
	}
	size_t k = 0;
	*always = 0;
	for (size_t i = 0; i < s->ntests; i++) {
		struct flaky_verdict *t = &v[i];
		if (t->runs && t->fails == t->runs)
			(*always)++;
		if (!((t->fails > 0 && t->fails < t->runs) || t->reruns > 0))
			continue;
		assay_stats_wilson(t->fails, t->runs, 1.959964, &t->lo, &t->hi);
		v[k++] = *t;
	}
	free(seen_fail);
	qsort(v, k, sizeof(*v), cmp_verdict);
	*out = v;
	*n = k;
}
