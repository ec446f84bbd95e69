/* SPDX-License-Identifier: MIT */
/*
 * Mutation results in the store: earlier results and people's verdicts
 * taken over before a run, and the run written as its results come.
 */
#ifndef ASSAY_MUTATE_RESULTS_H
#define ASSAY_MUTATE_RESULTS_H

#include "engine.h"
#include "runctx.h"
#include "store.h"

/* Scores as the mutation-testing report schema defines them; -1 when there is nothing to score. */
struct mut_score {
	size_t counts[MUT_NSTATUS];
	double score;         /* (killed + timeout) / (killed + timeout + survived + no_coverage) */
	double covered_score; /* the same without no_coverage */
};
void mut_score_compute(const mut_project *p, struct mut_score *s);
/* The scores of s->counts (filled by the caller). */
void mut_score_from_counts(struct mut_score *s);

/*
 * For each selected mutant: a verdict of equivalence marked by a person,
 * else (when reuse is on) the latest result stored for its key under the
 * same tests digest, finished runs' and partial ones' alike (a run resumes
 * where an interrupted one stopped).  Returns the number taken over in
 * *taken, and in *partial the latest partial run some came from (0: none).
 */
int mut_store_take_over(assay_store *st, mut_project *p, const char *tests_digest, int reuse,
			size_t *taken, int64_t *partial, assay_err *err);

/*
 * A mutation run written as its results come.  mut_sink_open() stores the
 * run (state 'partial'), its mutants and which tests reached which of them
 * (mutation_reach, when this run measured per-test coverage), committed at once.  Results go in
 * through mut_sink_result() (a mut_result_fn: give it to the engine), and
 * are written in batches, each one transaction that also brings the run's
 * counts and figures up to date: killed at any point, the run stays
 * partial with what it stored, and the next run takes that over.
 * mut_sink_close() writes the rest; complete: the run is 'complete' and
 * gets digest (mut_results_digest) unless an earlier run has it.  A batch
 * that fails sets cfg.stop (nothing more could be kept), and close returns
 * that failure.
 */
typedef struct mut_sink mut_sink;
int mut_sink_open(mut_sink **out, assay_store *st, const assay_runctx *ctx, mut_engine *e, assay_err *err);
void mut_sink_result(void *sink, mut_mutant *m);
int mut_sink_close(mut_sink *s, int complete, const char *digest, assay_err *err);
int64_t mut_sink_run_id(const mut_sink *s);
size_t mut_sink_done(const mut_sink *s); /* results stored so far */
void mut_sink_free(mut_sink *s);

/* What a run's results are: the same commit, label, tests, shard and results give the same digest. */
void mut_results_digest(const mut_engine *e, const assay_runctx *ctx, char out[33]);
/* The run stored with that digest in *run_id, else 0. */
int mut_store_find_digest(assay_store *st, const char *digest, int64_t *run_id, assay_err *err);

/*
 * Record a person's verdict on the mutant whose key starts with key_prefix
 * (at least 8 hex digits, one mutant).  *full gets the whole key (33 bytes).
 */
int mut_store_mark(assay_store *st, const char *key_prefix, const char *why, char full[33],
		   assay_err *err);

#endif
