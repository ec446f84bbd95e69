/* SPDX-License-Identifier: MIT */
/*
 * Glob patterns over '/'-separated paths, the way gitignore and gcovr's
 * users write them (--include/--exclude for coverage files):
 *
 *   *, ?, [...]   within one part of the path: '*' never crosses a '/'
 *   **            as a whole part: any number of parts, none included
 *   a/b, /a/b     a '/' at the start or in the middle anchors the pattern:
 *                 it is matched from the path's first part; a leading '/'
 *                 matches absolute paths only
 *   name, name/   no '/' but a trailing one: matches a part at any depth,
 *                 as if "**" and a '/' came before it
 *
 * A pattern matches a path when it matches the whole path or one of its
 * leading directories: "build" and "build/" take everything below build/.
 */
#ifndef ASSAY_GLOB_H
#define ASSAY_GLOB_H

/* 1 if pattern matches path, else 0 (also for an empty pattern). */
int assay_glob_match(const char *pattern, const char *path);

#endif
