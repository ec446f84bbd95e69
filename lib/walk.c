/* SPDX-License-Identifier: MIT */
#include "walk.h"
#include "mem.h"

#include <errno.h>
#include <fts.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void push(struct assay_walk *w, char *path)
{
	ASSAY_GROW(w->paths, w->alloc, w->n + 1);
	w->paths[w->n++] = path;
}

/* A regular file found below the directory, and which file it is. */
struct found {
	char *path;
	dev_t dev;
	ino_t ino;
	int linked; /* reached through a symbolic link */
};

static int by_name(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

/* One file's names together, its own name before a link's, then in order. */
static int by_file(const void *a, const void *b)
{
	const struct found *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	if (x->linked != y->linked)
		return x->linked - y->linked;
	return strcmp(x->path, y->path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_found(struct found **f, size_t *n, size_t *alloc, const char *path,
		      const struct stat *st, int linked)
{
	ASSAY_GROW(*f, *alloc, *n + 1);
	(*f)[(*n)++] = (struct found){ assay_xstrdup(path), st->st_dev, st->st_ino, linked };
}

/*
 * Every regular file below dir.  fts(3) with FTS_PHYSICAL never follows a
 * symbolic link, so no link can make a cycle or lead out of the tree; a
 * link to a regular file is read as that file, once: a file reached by
 * several names is collected under its own name, else the first link's.
 */
static int walk_dir(struct assay_walk *w, const char *dir, assay_err *err)
{
	char *roots[] = { (char *)dir, NULL };
	/* the operand itself may be a link to the directory: it names what to read */
	FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_COMFOLLOW | FTS_NOCHDIR, by_name);
	if (!fts)
		return assay_err_set(err, ASSAY_EIO, "%s: cannot read directory: %s", dir, strerror(errno));
	struct found *f = NULL;
	size_t nf = 0, alloc = 0;
	int rc = 0;
	while (rc == 0) {
		errno = 0;
		FTSENT *e = fts_read(fts);
		if (!e) {
			if (errno)
				rc = assay_err_set(err, ASSAY_EIO, "%s: cannot read directory: %s", dir,
						   strerror(errno));
			break;
		}
		/* hidden (.git, .assay): skipped, the operand itself excepted */
		int hidden = e->fts_level > 0 && e->fts_name[0] == '.';
		struct stat target;
		switch (e->fts_info) {
		case FTS_D:
			if (hidden)
				fts_set(fts, e, FTS_SKIP);
			break;
		case FTS_DNR:
		case FTS_ERR:
			rc = assay_err_set(err, ASSAY_EIO, "%s: cannot read directory: %s", e->fts_path,
					   strerror(e->fts_errno));
			break;
		case FTS_F:
			if (!hidden)
				add_found(&f, &nf, &alloc, e->fts_path, e->fts_statp, 0);
			break;
		case FTS_SL:
			/* a link to a directory is not followed; a dangling one has nothing to read */
			if (!hidden && stat(e->fts_accpath, &target) == 0 && S_ISREG(target.st_mode))
				add_found(&f, &nf, &alloc, e->fts_path, &target, 1);
			break;
		default:
			/* FTS_DC needs a followed link (or a bind mount): nothing new is there */
			break;
		}
	}
	fts_close(fts);
	if (nf > 1)
		qsort(f, nf, sizeof(*f), by_file);
	for (size_t i = 0; i < nf; i++) {
		if (rc == 0 && (i == 0 || f[i].dev != f[i - 1].dev || f[i].ino != f[i - 1].ino))
			push(w, f[i].path);
		else
			free(f[i].path);
	}
	free(f);
	return rc;
}

int assay_walk_collect(struct assay_walk *w, const char *operand, assay_err *err)
{
	memset(w, 0, sizeof(*w));
	if (!strcmp(operand, "-")) {
		push(w, assay_xstrdup(operand));
		return 0;
	}
	struct stat sb;
	if (stat(operand, &sb) < 0)
		return assay_err_set(err, ASSAY_EINPUT, "%s: %s", operand, strerror(errno));
	if (!S_ISDIR(sb.st_mode)) {
		push(w, assay_xstrdup(operand));
		return 0;
	}
	w->is_dir = 1;
	size_t len = strlen(operand);
	char *dir = assay_xstrndup(operand, len > 1 && operand[len - 1] == '/' ? len - 1 : len);
	int rc = walk_dir(w, dir, err);
	free(dir);
	if (rc < 0) {
		assay_walk_release(w);
		return rc;
	}
	/* in the order of the paths, not of the walk: the same tree gives the same digest as ever */
	if (w->n > 1)
		qsort(w->paths, w->n, sizeof(*w->paths), cmp_str);
	return 0;
}

void assay_walk_release(struct assay_walk *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->paths[i]);
	free(w->paths);
	memset(w, 0, sizeof(*w));
}
