/* SPDX-License-Identifier: MIT */
/*
 * Mutant schemata: a translation unit rewritten once with all its mutants
 * behind a runtime switch.  Each mutated expression becomes
 *
 *   (__assay_h40[3] = 1, __assay_m40 == 17 ? (a - b) : __assay_m40 == 18 ? (a * b) : (a + b))
 *
 * where 40, the file's first site number, tags the names (several files'
 * schemata can meet in one translation unit), __assay_m40 is read once, by
 * a constructor, from $ASSAY_MUTANT, and __assay_h40 records which sites
 * ran: a destructor appends their numbers to $ASSAY_TRACE, which is how coverage is measured per test without gcov.
 * ASSAY_MUTANT=-1 makes the program trap at start: the sanity pass uses it
 * to prove that the variable reaches the tests.  #line directives keep the
 * line numbers of the original after a site that spans lines.
 */
#ifndef ASSAY_MUTATE_SCHEMATA_H
#define ASSAY_MUTATE_SCHEMATA_H

#include "mutant.h"

#include <stddef.h>

/* The sanity pass's value of ASSAY_MUTANT: every schemata program traps at start. */
#define MUT_SANITY_ID (-1)

/*
 * The schemata source of file fi with the mutants for which in[id-1] is
 * set; NULL when none of its mutants is in (the file stays as it is).  A new
 * string (free()); *len gets its length.
 */
char *mut_schemata_render(const mut_project *p, size_t fi, const unsigned char *in, size_t *len);

/* The file of m with m alone applied, as a naive tool would build it. A new string. */
char *mut_render_single(const mut_project *p, const mut_mutant *m, size_t *len);

#endif
