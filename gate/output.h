/* SPDX-License-Identifier: MIT */
/* The gate's result, written for a person, a pull request, a CI and a machine. */
#ifndef ASSAY_GATE_OUTPUT_H
#define ASSAY_GATE_OUTPUT_H

#include "gate.h"

#include <stdio.h>

/* GitHub's limit for a job summary or a comment; the Markdown stays below it. */
#define GATE_MARKDOWN_LIMIT 65536
/* GitHub shows at most 10 error annotations a step: the most important go first. */
#define GATE_ANNOTATIONS_MAX 10

/* "passed", "FAILED", "could not decide" for gate_verdict()'s 0, 1, 2. */
const char *gate_verdict_name(int verdict);

/* The items in the order they matter: blocking first, by kind, then as found. */
void gate_sort_items(struct gate_result *r);

void gate_write_text(FILE *out, const struct gate_ctx *g, int verdict, const char *defaults);
/* The Markdown, at most limit bytes, into b. */
void gate_write_markdown(assay_buf *b, const struct gate_ctx *g, int verdict, const char *defaults,
			 size_t limit);
/* GitHub and Gitea Actions workflow commands: ::error file=F,line=L,endLine=E,title=T::MESSAGE. */
void gate_write_annotations(FILE *out, const struct gate_ctx *g);
/* GitLab's Code Quality report (a JSON array of issues), for merge requests to show inline. */
void gate_write_codequality(assay_buf *b, const struct gate_ctx *g);
/* The checks as JUnit test cases. */
void gate_write_junit(assay_buf *b, const struct gate_ctx *g);
void gate_write_json(assay_buf *b, const struct gate_ctx *g, int verdict, const char *defaults);

#endif
