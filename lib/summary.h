/*
 * What a run (or a commit) amounts to: test counts by status, total and
 * slowest durations, failures, and coverage totals.  Read from the store;
 * shown by `assay show`, and the basis of reports and gates.
 */
#ifndef ASSAY_SUMMARY_H
#define ASSAY_SUMMARY_H

#include "err.h"
#include "model.h"
#include "store.h"

#include <stddef.h>
#include <stdint.h>

struct assay_summary_test {
	char *suite, *classname, *name;
	enum assay_status status;
	int64_t duration_us; /* -1: unknown */
	char *message;       /* first line of the failure, NULL if none */
};

struct assay_summary {
	char *commit, *branch, *subject;
	int64_t commit_time;
	int64_t tests_run;      /* run whose tests are counted, 0 if none */
	int64_t coverage_run;   /* run whose coverage is counted, 0 if none */
	long tests, by_status[4];
	long reruns;            /* earlier attempts (Surefire reruns) */
	int64_t duration_us;    /* sum of known durations */
	long files;
	uint64_t lines_found, lines_hit, branches_found, branches_hit, functions_found, functions_hit;
	struct assay_summary_test *slowest; /* by duration, at most `top` */
	size_t nslowest;
	struct assay_summary_test *failures; /* fail and error, in run order, at most `top` */
	size_t nfailures;
};

/*
 * What a failed result has to say, for a person: the first `lines` lines
 * of its message when it has one (more than blanks), else the last `lines`
 * lines of its system_err, else of its system_out.  ctest writes <failure message=""/> and the
 * test's output in system-out, so the message alone would say nothing.
 * Blank lines at either end are dropped, and so is carriage return; the
 * text is at most ASSAY_FAILURE_TEXT_MAX bytes (its start cut, for a tail;
 * its end, for a message).  Returns a new string (free() it), or NULL when
 * there is nothing to say.  The text is the test's own: escape it to show it.
 */
#define ASSAY_FAILURE_TEXT_MAX 2000
char *assay_failure_text(const char *message, const char *system_out, const char *system_err,
			 int lines);

/*
 * The commit rev names, in *commit_id: a sha in the store, a unique prefix
 * of one (at least 4 hex digits), else what git makes of rev in the current
 * directory (a branch, a tag, HEAD~2).  Not in the store: -ASSAY_ENOTFOUND
 * (err says so); a prefix of several: -ASSAY_EUSAGE.
 */
int assay_summary_find_commit(assay_store *st, const char *rev, int64_t *commit_id,
			      assay_err *err);

/*
 * What TARGET names: a run id ("12"), a commit (as assay_summary_find_commit()
 * finds one), or NULL for the newest run.
 * For a commit, *run_out is 0 and *commit_out its id.
 */
int assay_summary_resolve(assay_store *st, const char *target, int64_t *run_out,
			  int64_t *commit_out, assay_err *err);

/*
 * Summarise a run (run_id != 0) or a commit (its newest run with test
 * results and its newest run with coverage).  Lists keep at most `top`.
 * Release with assay_summary_release().
 */
int assay_summary_load(assay_store *st, int64_t run_id, int64_t commit_id, size_t top,
		       struct assay_summary *out, assay_err *err);
void assay_summary_release(struct assay_summary *s);

#endif
