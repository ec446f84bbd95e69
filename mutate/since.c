/* SPDX-License-Identifier: MIT */
#include "since.h"
#include "mem.h"
#include "proc.h"

#include <stdlib.h>
#include <string.h>

static void add_hunk(mut_changes *c, const char *path, unsigned first, unsigned count)
{
	if (!path || count == 0)
		return; /* a pure deletion changes no line of the new file */
	ASSAY_GROW(c->v, c->alloc, c->n + 1);
	c->v[c->n++] = (struct mut_hunk){ assay_xstrdup(path), first, first + count - 1 };
}

int mut_changes_since(mut_changes *out, const char *root, const char *rev, assay_err *err)
{
	memset(out, 0, sizeof(*out));
	char *sha = NULL;
	const char *verify[] = { "rev-parse", "--verify", "--quiet", NULL, NULL };
	char *spec = assay_xasprintf("%s^{commit}", rev);
	verify[3] = spec;
	int rc = assay_git(&sha, root, verify, err);
	free(spec);
	if (rc < 0) {
		free(sha);
		return assay_err_set(err, ASSAY_EUSAGE, "--since %s: not a revision git knows in %s", rev, root);
	}
	char *diff = NULL;
	const char *args[] = { "diff", "--no-color", "--no-ext-diff", "-U0", sha, "--", NULL };
	rc = assay_git(&diff, root, args, err);
	free(sha);
	if (rc < 0)
		return rc;
	char *path = NULL, *save = NULL;
	for (char *line = strtok_r(diff, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "+++ ", 4)) {
			free(path);
			path = strncmp(line + 4, "b/", 2) ? NULL : assay_xstrdup(line + 6);
		} else if (!strncmp(line, "@@ ", 3)) {
			const char *plus = strchr(line, '+');
			if (!plus)
				continue;
			char *end;
			unsigned long first = strtoul(plus + 1, &end, 10), count = 1;
			if (*end == ',')
				count = strtoul(end + 1, NULL, 10);
			add_hunk(out, path, (unsigned)first, (unsigned)count);
		}
	}
	free(path);
	free(diff);
	return 0;
}

int mut_changes_touch(const mut_changes *c, const char *path, unsigned first, unsigned last)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].path, path) && c->v[i].first <= last && first <= c->v[i].last)
			return 1;
	return 0;
}

void mut_changes_release(mut_changes *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].path);
	free(c->v);
	memset(c, 0, sizeof(*c));
}
