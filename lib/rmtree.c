/* SPDX-License-Identifier: MIT */
/* nftw(3) is XSI: glibc declares it only with _XOPEN_SOURCE. */
#define _XOPEN_SOURCE 700
#include "rmtree.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Directories nftw keeps open at once: deeper trees are walked too, reopening as needed. */
#define RMTREE_OPEN_FDS 32

/*
 * nftw's callback takes no pointer of the caller's, so the removal in
 * progress is kept here, one per thread (mutate's workers may remove
 * their trees at once); it lives only while assay_rmtree() runs.
 */
static _Thread_local struct {
	assay_err *err;
	int rc;
} removal;

static void failed(const char *path, const char *what, int e)
{
	if (removal.rc == 0)
		removal.rc = assay_err_set(removal.err, ASSAY_EIO, "%s: %s%s", path, what, strerror(e));
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	/* depth first (FTW_DEPTH): a directory comes after what it holds, as FTW_DP */
	int rc = type == FTW_DP || type == FTW_DNR ? rmdir(path) : unlink(path);
	/* gone already (another remover, a temporary file): that is what was wanted */
	if (rc < 0 && errno != ENOENT)
		failed(path, type == FTW_DNR ? "cannot read the directory to empty it: " : "", errno);
	/* on past what will not go: as much as can be removed is */
	return 0;
}

int assay_rmtree(const char *path, assay_err *err)
{
	removal.err = err;
	removal.rc = 0;
	/* FTW_PHYS: a link is an entry (FTW_SL), unlinked; FTW_MOUNT: no other file system */
	if (nftw(path, remove_entry, RMTREE_OPEN_FDS, FTW_PHYS | FTW_DEPTH | FTW_MOUNT) < 0 &&
	    errno != ENOENT)
		failed(path, "", errno);
	int rc = removal.rc;
	removal.err = NULL;
	return rc;
}
