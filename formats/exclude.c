/* SPDX-License-Identifier: MIT */
/*
 * Exclusion markers in the sources, read the way lcov's geninfo and gcovr
 * read them:
 *
 *   PREFIX_EXCL_LINE         this line: no line, branch or function data
 *   PREFIX_EXCL_START/STOP   the same for the lines from START up to the
 *                            line before STOP (the STOP line is counted)
 *   PREFIX_EXCL_BR_LINE      this line's branches only
 *   PREFIX_EXCL_BR_START/STOP  the same for branches over a region
 *
 * PREFIX is LCOV, GCOVR or GCOV (gcovr takes [GL]COVR?); a marker is found
 * anywhere in a line, in a comment or not, as both tools match it.  A
 * function whose first line is excluded is dropped with the line, as
 * lcov and gcovr drop it.  A START with no STOP runs to the end of the
 * file, as in lcov (gcovr warns and ignores it; hiding too much is easier
 * to notice than a region silently ignored).
 */
#include "parsers.h"

#include "mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
	M_LINE = 1,
	M_START = 2,
	M_STOP = 4,
	M_BR_LINE = 8,
	M_BR_START = 16,
	M_BR_STOP = 32,
};

static int has_prefix_before(const char *line, const char *at, const char *prefix)
{
	size_t n = strlen(prefix);
	return (size_t)(at - line) >= n && !strncmp(at - n, prefix, n);
}

/* The markers in one source line, as M_* bits. */
static int markers(const char *line)
{
	static const struct {
		const char *suffix;
		int bit;
	} kinds[] = {
		{ "LINE", M_LINE },	    { "START", M_START },	{ "STOP", M_STOP },
		{ "BR_LINE", M_BR_LINE }, { "BR_START", M_BR_START }, { "BR_STOP", M_BR_STOP },
	};
	int found = 0;
	for (const char *p = strstr(line, "_EXCL_"); p; p = strstr(p + 1, "_EXCL_")) {
		if (!has_prefix_before(line, p, "LCOV") && !has_prefix_before(line, p, "GCOV") &&
		    !has_prefix_before(line, p, "GCOVR") && !has_prefix_before(line, p, "LCOVR"))
			continue;
		const char *s = p + 6;
		for (size_t i = 0; i < sizeof(kinds) / sizeof(*kinds); i++)
			if (!strncmp(s, kinds[i].suffix, strlen(kinds[i].suffix)))
				found |= kinds[i].bit;
	}
	return found;
}

unsigned assay_exclude_line(struct assay_exclude_state *st, const char *line)
{
	int k = strstr(line, "_EXCL_") ? markers(line) : 0;
	/* START counts its own line, STOP does not: lcov's order of tests */
	if (k & M_START)
		st->in_region = 1;
	if (k & M_STOP)
		st->in_region = 0;
	if (k & M_BR_START)
		st->in_br_region = 1;
	if (k & M_BR_STOP)
		st->in_br_region = 0;
	return ((k & M_LINE) || st->in_region ? ASSAY_EXCL_LINE : 0u) |
	       ((k & M_BR_LINE) || st->in_br_region ? ASSAY_EXCL_BRANCH : 0u);
}

/*
 * Read the source and build map[1..*n]: ASSAY_EXCL_LINE / _BRANCH per line.
 * Returns 0 with *map NULL when the file cannot be opened.
 */
static int read_map(const char *path, unsigned char **map, size_t *n, assay_err *err)
{
	*map = NULL;
	*n = 0;
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	FILE *fp = fopen(path, "r");
	if (!fp)
		return 0;
	unsigned char *m = NULL;
	size_t alloc = 0, lineno = 0;
	struct assay_exclude_state state = { 0, 0 };
	char *buf = NULL;
	size_t cap = 0;
	while (getline(&buf, &cap, fp) >= 0) {
		lineno++;
		ASSAY_GROW(m, alloc, lineno + 1);
		m[lineno] = (unsigned char)assay_exclude_line(&state, buf);
	}
	int failed = ferror(fp);
	int saved = errno;
	free(buf);
	fclose(fp);
	if (failed) {
		free(m);
		return assay_err_set(err, ASSAY_EIO, "%s: cannot read: %s", path, strerror(saved));
	}
	*map = m;
	*n = lineno;
	return 0;
}

/*
 * Apply the exclusion markers of f's source (root/f->path, or f->path when
 * absolute or root is NULL).  A source that is not at hand: 0, f as it
 * was.  A source that cannot be read: -ASSAY_EIO.  Call before finalize.
 */
int assay_exclude_apply(assay_filecov *f, const char *root, assay_err *err)
{
	char *path = f->path[0] == '/' || !root || !*root
			     ? assay_xstrdup(f->path)
			     : assay_xasprintf("%s/%s", root, f->path);
	unsigned char *map;
	size_t n;
	int rc = read_map(path, &map, &n, err);
	free(path);
	if (rc < 0 || !map)
		return rc;
	assay_filecov_exclude(f, map, n);
	free(map);
	return 0;
}
