/* SPDX-License-Identifier: MIT */
#include "gitdiff.h"
#include "mem.h"
#include "proc.h"

#include <stdlib.h>
#include <string.h>

static struct assay_hunk *add_hunk(assay_changes *c, const char *path, const char *old_path, unsigned first,
				    unsigned last)
{
	ASSAY_GROW(c->v, c->alloc, c->n + 1);
	struct assay_hunk *h = &c->v[c->n++];
	memset(h, 0, sizeof(*h));
	h->path = assay_xstrdup(path);
	h->old_path = old_path ? assay_xstrdup(old_path) : NULL;
	h->first = first;
	h->last = last;
	return h;
}

/*
 * A path as git prints it after "+++ " or "rename to ": "b/x" with the
 * prefix, or C-quoted ("\"b/a\\tb\"") when it holds a quote, a backslash
 * or a control character.  Returns a new string without the prefix, or
 * NULL for /dev/null.
 */
static char *diff_path(const char *s, const char *prefix)
{
	size_t plen = strlen(prefix);
	if (*s != '"')
		return strncmp(s, prefix, plen) ? NULL : assay_xstrdup(s + plen);
	char *out = assay_xmalloc(strlen(s) + 1), *o = out;
	for (s++; *s && *s != '"'; s++) {
		if (*s != '\\' || !s[1]) {
			*o++ = *s;
			continue;
		}
		s++;
		static const char esc[] = "abtnvfr", val[] = "\a\b\t\n\v\f\r";
		const char *e = strchr(esc, *s);
		if (*s >= '0' && *s <= '7') {
			unsigned v = 0;
			for (int k = 0; k < 3 && *s >= '0' && *s <= '7'; k++, s++)
				v = v * 8 + (unsigned)(*s - '0');
			s--;
			*o++ = (char)v;
		} else {
			*o++ = e && *s ? val[e - esc] : *s;
		}
	}
	*o = 0;
	if (strncmp(out, prefix, plen)) {
		free(out);
		return NULL;
	}
	memmove(out, out + plen, strlen(out + plen) + 1);
	return out;
}

/* The full sha of rev, or an error naming it that says what to do. */
static int verify(char **sha, const char *root, const char *rev, assay_err *err)
{
	char *spec = assay_xasprintf("%s^{commit}", rev);
	const char *args[] = { "rev-parse", "--verify", "--quiet", spec, NULL };
	assay_err ignored = ASSAY_ERR_INIT;
	int rc = assay_git(sha, root, args, &ignored);
	free(spec);
	if (rc == 0)
		return 0;
	free(*sha);
	*sha = NULL;
	char *shallow = NULL;
	const char *sargs[] = { "rev-parse", "--is-shallow-repository", NULL };
	int is_shallow = assay_git(&shallow, root, sargs, &ignored) == 0 && shallow && !strcmp(shallow, "true");
	free(shallow);
	if (is_shallow)
		return assay_err_set(err, ASSAY_EUSAGE,
				     "%s: not a commit this shallow clone has; fetch it (git fetch --unshallow, "
				     "or actions/checkout with fetch-depth: 0)", rev);
	return assay_err_set(err, ASSAY_EUSAGE, "%s: not a revision git knows in %s", rev, root);
}

int assay_changes_between(assay_changes *out, const char *root, const char *from, const char *to,
			  assay_err *err)
{
	memset(out, 0, sizeof(*out));
	char *top = NULL;
	if (assay_git_toplevel(&top, root, err) < 0)
		return assay_err_set(err, ASSAY_EUSAGE, "%s is not in a git work tree: no diff to read", root);
	free(top);
	char *a = NULL, *b = NULL;
	int rc = verify(&a, root, from, err);
	if (rc == 0 && to)
		rc = verify(&b, root, to, err);
	if (rc < 0) {
		free(a);
		return rc;
	}
	/* every setting that changes the text is given: a user's diff.* config must not */
	const char *args[] = { "-c", "core.quotePath=true", "diff", "--no-color", "--no-ext-diff",
			       "--no-textconv", "-M", "-U0", "--src-prefix=a/", "--dst-prefix=b/",
			       a, b ? b : "--", b ? "--" : NULL, NULL };
	char *diff = NULL;
	rc = assay_git(&diff, root, args, err);
	free(a);
	free(b);
	if (rc < 0)
		return rc;
	char *path = NULL, *old_path = NULL, *minus = NULL, *save = NULL;
	int hunks = 0;
	for (char *line = strtok_r(diff, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "diff --git ", 11)) {
			if (path && old_path && !hunks)
				add_hunk(out, path, old_path, 0, 0);
			free(path);
			free(old_path);
			free(minus);
			path = old_path = minus = NULL;
			hunks = 0;
		} else if (!strncmp(line, "rename from ", 12)) {
			free(old_path);
			old_path = diff_path(line + 12, "");
		} else if (!strncmp(line, "rename to ", 10)) {
			free(path);
			path = diff_path(line + 10, "");
		} else if (!strncmp(line, "--- ", 4)) {
			free(minus);
			minus = diff_path(line + 4, "a/");
		} else if (!strncmp(line, "+++ ", 4)) {
			free(path);
			path = diff_path(line + 4, "b/");
		} else if (!strncmp(line, "@@ ", 3)) {
			const char *plus = strstr(line, " +");
			const char *side = path ? path : minus;
			if (!plus || !side)
				continue;
			char *end;
			unsigned long old_start = strtoul(line + 4, &end, 10), old_count = 1;
			if (*end == ',')
				old_count = strtoul(end + 1, NULL, 10);
			unsigned long first = strtoul(plus + 2, &end, 10), count = 1;
			if (*end == ',')
				count = strtoul(end + 1, NULL, 10);
			hunks++;
			/* a pure deletion (count 0) changes no line of the new file */
			struct assay_hunk *h = add_hunk(out, side, old_path, count ? (unsigned)first : 0,
							count ? (unsigned)(first + count - 1) : 0);
			h->deleted = !path;
			h->old_start = (unsigned)old_start;
			h->old_count = (unsigned)old_count;
			h->new_start = (unsigned)first;
			h->new_count = (unsigned)count;
		}
	}
	if (path && old_path && !hunks)
		add_hunk(out, path, old_path, 0, 0);
	free(path);
	free(old_path);
	free(minus);
	free(diff);
	return 0;
}

int assay_changes_touch(const assay_changes *c, const char *path, unsigned first, unsigned last)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].first && !strcmp(c->v[i].path, path) && c->v[i].first <= last &&
		    first <= c->v[i].last)
			return 1;
	return 0;
}

size_t assay_changes_lines(const assay_changes *c)
{
	size_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].first)
			n += c->v[i].last - c->v[i].first + 1;
	return n;
}

void assay_changes_release(assay_changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].path);
		free(c->v[i].old_path);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}
