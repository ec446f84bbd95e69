/* SPDX-License-Identifier: MIT */
#include "tmpdir.h"
#include "mem.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *assay_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");
	return dir && *dir ? dir : "/tmp";
}

int assay_mkdtemp(char **out, const char *prefix, assay_err *err)
{
	char *path = assay_xasprintf("%s/%s.XXXXXX", assay_tmpdir(), prefix);
	if (!mkdtemp(path)) {
		int rc = assay_err_set(err, ASSAY_EIO, "cannot make a temporary directory in %s: %s",
				       assay_tmpdir(), strerror(errno));
		free(path);
		return rc;
	}
	*out = path;
	return 0;
}
