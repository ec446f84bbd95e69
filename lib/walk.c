#include "walk.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void push(struct assay_walk *w, char *path)
{
	ASSAY_GROW(w->paths, w->alloc, w->n + 1);
	w->paths[w->n++] = path;
}

static int walk_dir(struct assay_walk *w, const char *dir, int depth, assay_err *err)
{
	if (depth > 64)
		return 0; /* a symlink loop: stop, there is nothing real that deep */
	DIR *d = opendir(dir);
	if (!d)
		return assay_err_set(err, ASSAY_EIO, "%s: cannot read directory: %s", dir, strerror(errno));
	struct dirent *e;
	int rc = 0;
	while (rc == 0 && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = assay_xasprintf("%s/%s", dir, e->d_name);
		struct stat sb;
		if (stat(path, &sb) < 0) {
			free(path); /* a dangling link: nothing to read */
			continue;
		}
		if (S_ISDIR(sb.st_mode)) {
			rc = walk_dir(w, path, depth + 1, err);
			free(path);
		} else if (S_ISREG(sb.st_mode)) {
			push(w, path);
		} else {
			free(path);
		}
	}
	closedir(d);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
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
	int rc = walk_dir(w, dir, 0, err);
	free(dir);
	if (rc < 0) {
		assay_walk_release(w);
		return rc;
	}
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

int assay_remove_tree(const char *path, assay_err *err)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT ? 0 : assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) < 0 && errno != ENOENT)
			return assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
		return 0;
	}
	DIR *d = opendir(path);
	if (!d)
		return assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
	/* on past an entry that will not go: as much as can be removed is */
	int rc = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *sub = assay_xasprintf("%s/%s", path, de->d_name);
		assay_err e = ASSAY_ERR_INIT;
		int r = assay_remove_tree(sub, rc ? &e : err);
		if (rc == 0)
			rc = r;
		free(sub);
	}
	closedir(d);
	if (rc == 0 && rmdir(path) < 0)
		rc = assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
	return rc;
}
