#include "model.h"

#include <string.h>

static const char *const status_names[] = { "pass", "fail", "error", "skip" };

const char *assay_status_name(enum assay_status s)
{
	return (unsigned)s < 4 ? status_names[s] : "error";
}

int assay_status_parse(const char *name)
{
	for (int i = 0; i < 4; i++)
		if (!strcmp(name, status_names[i]))
			return i;
	return -1;
}
