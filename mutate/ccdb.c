/* SPDX-License-Identifier: MIT */
#include "ccdb.h"
#include "mem.h"
#include "path.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int mut_shell_split(const char *cmd, char ***argv_out, size_t *argc_out)
{
	char **argv = NULL;
	size_t n = 0, alloc = 0;
	const char *p = cmd;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		char *word = assay_xmalloc(strlen(p) + 1);
		size_t w = 0;
		char quote = 0;
		while (*p && (quote || (*p != ' ' && *p != '\t' && *p != '\n'))) {
			if (quote == '\'') {
				if (*p == '\'')
					quote = 0;
				else
					word[w++] = *p;
			} else if (*p == '\\' && p[1] && (!quote || strchr("\"\\$`", p[1]))) {
				word[w++] = *++p;
			} else if (quote == '"' && *p == '"') {
				quote = 0;
			} else if (!quote && (*p == '\'' || *p == '"')) {
				quote = *p;
			} else {
				word[w++] = *p;
			}
			p++;
		}
		word[w] = '\0';
		ASSAY_GROW(argv, alloc, n + 2);
		argv[n++] = word;
		if (quote) {
			argv[n] = NULL;
			mut_argv_free(argv);
			return -1;
		}
	}
	ASSAY_GROW(argv, alloc, n + 1);
	argv[n] = NULL;
	*argv_out = argv;
	*argc_out = n;
	return 0;
}

void mut_argv_free(char **argv)
{
	if (!argv)
		return;
	for (size_t i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

static char *absolute(const char *path, const char *dir)
{
	char *abs = path[0] == '/' ? assay_xstrdup(path) : assay_xasprintf("%s/%s", dir, path);
	assay_path_clean(abs);
	return abs;
}

static int load_entry(mut_ccentry *e, json_t *obj, const char *file, size_t i, assay_err *err)
{
	json_t *dir = json_object_get(obj, "directory");
	json_t *src = json_object_get(obj, "file");
	json_t *args = json_object_get(obj, "arguments");
	json_t *cmd = json_object_get(obj, "command");
	if (!json_is_string(dir) || !json_is_string(src) ||
	    !(json_is_array(args) || json_is_string(cmd)))
		return assay_err_at(err, ASSAY_EINPUT, file, 0,
				    "entry %zu: needs \"directory\", \"file\" and \"arguments\" or \"command\"", i + 1);
	e->dir = absolute(json_string_value(dir), "/");
	e->file = absolute(json_string_value(src), e->dir);
	if (json_is_array(args)) {
		size_t n = json_array_size(args);
		e->argv = assay_xcalloc(n + 1, sizeof(char *));
		for (size_t k = 0; k < n; k++) {
			json_t *a = json_array_get(args, k);
			e->argv[k] = assay_xstrdup(json_is_string(a) ? json_string_value(a) : "");
		}
		e->argc = n;
	} else if (mut_shell_split(json_string_value(cmd), &e->argv, &e->argc) < 0) {
		return assay_err_at(err, ASSAY_EINPUT, file, 0, "entry %zu: unbalanced quotes in \"command\"", i + 1);
	}
	if (e->argc == 0)
		return assay_err_at(err, ASSAY_EINPUT, file, 0, "entry %zu: an empty command", i + 1);
	return 0;
}

int mut_ccdb_load(mut_ccdb *db, const char *build_dir, assay_err *err)
{
	memset(db, 0, sizeof(*db));
	db->path = assay_xasprintf("%s/compile_commands.json", build_dir);
	struct stat st;
	if (stat(db->path, &st) < 0)
		return assay_err_set(err, ASSAY_EINPUT,
				     "%s: %s (configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or build under bear)",
				     db->path, strerror(errno));
	json_error_t je;
	json_t *root = json_load_file(db->path, 0, &je);
	if (!root)
		return assay_err_at(err, ASSAY_EINPUT, db->path, je.line, "not JSON: %s", je.text);
	int rc = 0;
	if (!json_is_array(root)) {
		rc = assay_err_at(err, ASSAY_EINPUT, db->path, 0, "not a list of compile commands");
	} else if (json_array_size(root) == 0) {
		rc = assay_err_at(err, ASSAY_EINPUT, db->path, 0, "no compile commands: nothing to mutate");
	} else {
		db->n = json_array_size(root);
		db->entries = assay_xcalloc(db->n, sizeof(*db->entries));
		for (size_t i = 0; i < db->n && rc == 0; i++) {
			json_t *obj = json_array_get(root, i);
			if (!json_is_object(obj))
				rc = assay_err_at(err, ASSAY_EINPUT, db->path, 0, "entry %zu: not an object", i + 1);
			else
				rc = load_entry(&db->entries[i], obj, db->path, i, err);
		}
	}
	json_decref(root);
	return rc;
}

void mut_ccdb_release(mut_ccdb *db)
{
	for (size_t i = 0; i < db->n; i++) {
		free(db->entries[i].dir);
		free(db->entries[i].file);
		mut_argv_free(db->entries[i].argv);
	}
	free(db->entries);
	free(db->path);
	memset(db, 0, sizeof(*db));
}

/* 1 when argv[i] names the entry's source (as given, or once made absolute). */
static int is_source(const mut_ccentry *e, const char *arg)
{
	if (arg[0] == '-')
		return 0;
	char *abs = absolute(arg, e->dir);
	int same = !strcmp(abs, e->file);
	free(abs);
	return same;
}

/* Copy the entry's flags into out (from index 1), skipping -c, -o X and the source. */
static size_t copy_flags(const mut_ccentry *e, const char **out, size_t k)
{
	for (size_t i = 1; i < e->argc; i++) {
		const char *a = e->argv[i];
		if (!strcmp(a, "-c"))
			continue;
		if (!strcmp(a, "-o")) {
			i++;
			continue;
		}
		if (!strncmp(a, "-o", 2) || is_source(e, a))
			continue;
		out[k++] = a;
	}
	return k;
}

const char **mut_ccdb_parse_args(const mut_ccentry *e, size_t *n)
{
	const char **out = assay_xcalloc(e->argc + 1, sizeof(char *));
	*n = copy_flags(e, out, 0);
	out[*n] = NULL;
	return out;
}

const char **mut_ccdb_compile_argv(const mut_ccentry *e, const char *src, const char *obj,
				   const char *const *extra)
{
	size_t nextra = 0;
	while (extra && extra[nextra])
		nextra++;
	const char **out = assay_xcalloc(e->argc + nextra + 6, sizeof(char *));
	size_t k = 0;
	out[k++] = e->argv[0];
	k = copy_flags(e, out, k);
	for (size_t i = 0; i < nextra; i++)
		out[k++] = extra[i];
	if (obj) {
		out[k++] = "-c";
		out[k++] = "-o";
		out[k++] = obj;
	} else {
		out[k++] = "-fsyntax-only";
	}
	out[k++] = src;
	out[k] = NULL;
	return out;
}
