/* SPDX-License-Identifier: MIT */
/*
 * fnmatch(3) alone cannot read "**" (glibc takes it for '*', and with
 * FNM_PATHNAME for one part only), so paths and patterns are split into
 * parts, each pair of parts is left to fnmatch, and "**" is matched here,
 * by a table over (pattern part, path part): no backtracking, so no
 * pattern costs more than parts x parts steps.
 */
#include "glob.h"
#include "mem.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* A '/' at the start of an absolute path or pattern is a part of its own, "/". */
static const char root_part[] = "/";

/* Split s (modified) at '/' into parts, empty ones skipped; *n set. Caller frees the array. */
static const char **split(char *s, size_t *n)
{
	size_t cap = 2;
	for (const char *c = s; *c; c++)
		cap += *c == '/';
	const char **parts = assay_xcalloc(cap, sizeof(*parts));
	size_t k = 0;
	if (*s == '/')
		parts[k++] = root_part;
	for (char *p = s; *p;) {
		char *slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (*p)
			parts[k++] = p;
		if (!slash)
			break;
		p = slash + 1;
	}
	*n = k;
	return parts;
}

static int is_globstar(const char *part)
{
	return !strcmp(part, "**");
}

static int part_matches(const char *pattern, const char *part)
{
	if (pattern == root_part || part == root_part)
		return pattern == part;
	return fnmatch(pattern, part, FNM_PATHNAME) == 0;
}

int assay_glob_match(const char *pattern, const char *path)
{
	if (!*pattern)
		return 0;
	size_t plen = strlen(pattern);
	while (plen > 1 && pattern[plen - 1] == '/')
		plen--;
	/* no '/' but a trailing one: at any depth */
	int floating = !memchr(pattern, '/', plen);
	char *pat = assay_xasprintf("%s%.*s", floating ? "**/" : "", (int)plen, pattern);
	char *pth = assay_xstrdup(path);
	size_t m, n;
	const char **pp = split(pat, &m);
	const char **sp = split(pth, &n);
	/* ok[i * (n + 1) + j]: pattern parts i.. match path parts j.. (or a leading directory of them) */
	unsigned char *ok = assay_xcalloc((m + 1) * (n + 1), 1);
	for (size_t i = m + 1; i-- > 0;) {
		for (size_t j = n + 1; j-- > 0;) {
			unsigned char *cell = &ok[i * (n + 1) + j];
			if (i == m)
				*cell = 1; /* the rest of the path lies below what matched */
			else if (is_globstar(pp[i]))
				*cell = ok[(i + 1) * (n + 1) + j] || (j < n && ok[i * (n + 1) + j + 1]);
			else
				*cell = j < n && part_matches(pp[i], sp[j]) && ok[(i + 1) * (n + 1) + j + 1];
		}
	}
	/* a pattern of parts that match nothing ("/" alone, "**" alone) still needs a path part */
	int r = m > 0 && n > 0 && ok[0];
	free(ok);
	free(pp);
	free(sp);
	free(pat);
	free(pth);
	return r;
}
