/* SPDX-License-Identifier: MIT */
/*
 * The commit HEAD names and the top of the work tree, read from the
 * repository's own files in the plain case: what `git rev-parse
 * --show-toplevel HEAD` prints, without starting git.  Starting it was a
 * quarter of a report's re-render (2.5 ms of 10 on a thousand files); the
 * plain case is three small files.  Anything else (a linked work tree or a
 * submodule, whose .git is a file; GIT_DIR and its kin; a ceiling; a
 * repository owned by someone else; core.worktree, includes or extensions
 * in its config, reftable; an unborn branch) is left to git.
 */
#ifndef ASSAY_GITHEAD_H
#define ASSAY_GITHEAD_H

/*
 * 1 with *sha (the hex object name) and *top (absolute, as git prints it)
 * set for the caller to free(); 0 when git must be asked (both NULL).  cwd
 * NULL: the current directory.
 */
int assay_git_head_read(const char *cwd, char **sha, char **top);

#endif
