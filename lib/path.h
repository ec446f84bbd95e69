/* SPDX-License-Identifier: MIT */
/*
 * Source paths as Assay stores them: repo-relative, '/'-separated, no "."
 * or ".." parts.  Producers write them every which way (absolute, relative
 * to a build directory, with Windows separators, from another machine).
 */
#ifndef ASSAY_PATH_H
#define ASSAY_PATH_H

struct assay_pathopts {
	const char *root;  /* the repository's top (absolute); paths under it become relative */
	const char *strip; /* a prefix removed first (--strip: the producer's checkout path) */
};

/*
 * Normalise a producer's path.  base, when not NULL, is the directory a
 * relative path is relative to (gcov's cwd, Cobertura's <source>).
 * Returns a new string (free()).
 */
char *assay_path_normalize(const char *path, const char *base, const struct assay_pathopts *o);

/*
 * Collapse "//", "/./" and "dir/../" in place; keeps a leading "/".  What
 * collapses to nothing becomes "."; "" has no room for it and stays "".
 */
void assay_path_clean(char *path);

#endif
