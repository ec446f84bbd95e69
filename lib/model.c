/* SPDX-License-Identifier: MIT */
#include "model.h"

#include <string.h>

static const char *const status_names[] = { "pass", "fail", "error", "skip" };

const char *assay_status_name(enum assay_status s)
{
	return (unsigned)s < 4 ? status_names[s] : "error";
}

void assay_test_display_name(assay_buf *out, const char *suite, const char *classname,
			     const char *name)
{
	assay_buf_reset(out);
	if (classname && *classname)
		assay_buf_addf(out, "%s.", classname);
	else if (suite && *suite)
		assay_buf_addf(out, "%s.", suite);
	assay_buf_adds(out, name ? name : "");
}

int assay_status_parse(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(name, status_names[i]))
			return i;
	return -1;
}
