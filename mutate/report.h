/* SPDX-License-Identifier: MIT */
/*
 * Reports of a finished run: the mutation-testing-report-schema JSON
 * (schemaVersion 2, what Stryker's mutation-testing-elements viewer reads),
 * SARIF 2.1.0 for code scanning, and the JSON summary of --json.
 */
#ifndef ASSAY_MUTATE_REPORT_H
#define ASSAY_MUTATE_REPORT_H

#include "buf.h"
#include "engine.h"

void mut_report_json(assay_buf *out, const mut_engine *e);
void mut_report_sarif(assay_buf *out, const mut_engine *e);
/* The schema's status name for a status ("Killed", ...). */
const char *mut_schema_status(enum mut_status s);

#endif
