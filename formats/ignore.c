/* SPDX-License-Identifier: MIT */
/* lcov 2's --ignore-errors names (the list of lcov(1) and genhtml(1) 2.x). */
#include "parsers.h"

#include "buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	unsigned bit; /* 0: accepted, nothing in Assay to ignore */
} categories[] = {
	{ "annotate", 0 },    { "branch", 0 },	     { "callback", 0 },	    { "category", 0 },
	{ "child", 0 },	      { "corrupt", 0 },	     { "count", 0 },	    { "deprecated", 0 },
	{ "empty", ASSAY_IGNORE_EMPTY },	     { "excessive", 0 },    { "fork", 0 },
	{ "format", ASSAY_IGNORE_FORMAT },	     { "gcov", 0 },	    { "graph", 0 },
	{ "inconsistent", 0 }, { "internal", 0 },    { "mismatch", 0 },	    { "missing", 0 },
	{ "negative", 0 },    { "package", 0 },	     { "parallel", 0 },	    { "parent", 0 },
	{ "range", 0 },	      { "source", 0 },	     { "unreachable", 0 },  { "unsupported", 0 },
	{ "unused", ASSAY_IGNORE_UNUSED },	     { "usage", 0 },	    { "utility", 0 },
	{ "version", 0 },
};

int assay_ignore_errors_parse(unsigned *out, const char *list, assay_err *err)
{
	const char *p = list;
	for (;;) {
		size_t n = strcspn(p, ",");
		size_t i = 0, count = sizeof(categories) / sizeof(*categories);
		while (i < count && !(strlen(categories[i].name) == n && !strncasecmp(categories[i].name, p, n)))
			i++;
		if (i == count) {
			assay_buf names = ASSAY_BUF_INIT;
			for (size_t k = 0; k < count; k++)
				assay_buf_addf(&names, "%s%s", k ? ", " : "", categories[k].name);
			int rc = assay_err_set(err, ASSAY_EUSAGE,
					       "--ignore-errors: unknown category '%.*s' (lcov 2's are: %s)",
					       (int)(n > 40 ? 40 : n), p, names.buf);
			assay_buf_release(&names);
			return rc;
		}
		*out |= categories[i].bit;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}
