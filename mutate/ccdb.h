/* SPDX-License-Identifier: MIT */
/*
 * compile_commands.json: how each translation unit is compiled.
 * Written by CMake (CMAKE_EXPORT_COMPILE_COMMANDS) or bear; entries give
 * either "arguments" or a shell "command", which is split here.
 */
#ifndef ASSAY_MUTATE_CCDB_H
#define ASSAY_MUTATE_CCDB_H

#include "err.h"

#include <stddef.h>

typedef struct mut_ccentry {
	char *dir;   /* the directory the compiler runs in (absolute) */
	char *file;  /* the source, absolute and cleaned */
	char **argv; /* the compiler and its arguments, as given */
	size_t argc;
} mut_ccentry;

typedef struct mut_ccdb {
	char *path; /* the file read */
	mut_ccentry *entries;
	size_t n;
} mut_ccdb;

/*
 * Read BUILD_DIR/compile_commands.json.  A missing file, bad JSON or an
 * empty list is -ASSAY_EINPUT with err naming the file.  Release with
 * mut_ccdb_release().
 */
int mut_ccdb_load(mut_ccdb *out, const char *build_dir, assay_err *err);
void mut_ccdb_release(mut_ccdb *db);

/*
 * The arguments that matter to a parser: the compile command less the
 * compiler, the source, "-c" and "-o FILE".  A new NULL-terminated array
 * of borrowed strings (free() the array only); *n gets the count.
 */
const char **mut_ccdb_parse_args(const mut_ccentry *e, size_t *n);

/*
 * A command that compiles src (in place of the entry's source) with the
 * entry's flags and then `extra` (NULL-terminated, may be NULL): to an
 * object at obj, or only checked for errors when obj is NULL.  A new
 * NULL-terminated array of borrowed strings: free() the array only.
 */
const char **mut_ccdb_compile_argv(const mut_ccentry *e, const char *src, const char *obj,
				   const char *const *extra);

/* Split a shell command line (quotes and backslashes) into *argv (new strings, NULL-ended). */
int mut_shell_split(const char *cmd, char ***argv, size_t *argc);
void mut_argv_free(char **argv);

#endif
