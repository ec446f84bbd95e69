/*
 * assay: the front end.  `assay NAME ARGS...` runs `assay-NAME ARGS...`,
 * as git runs its commands: first from the directory this program is in,
 * then from PATH.  `assay --help` lists the utilities that are installed.
 */
#define _GNU_SOURCE
#include "buf.h"
#include "mem.h"
#include "options.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What each known utility is for; others found on PATH are listed too. */
static const struct {
	const char *name, *what;
} known[] = {
	{ "ingest", "read JUnit XML, gcov JSON, lcov and Cobertura into the store" },
	{ "show", "a commit (the current one) or a run: tests, coverage, mutation, flaky, benchmarks" },
	{ "ls", "list the runs in the store" },
	{ "mutate", "mutation testing of C code with libclang" },
	{ "merge", "join mutation shard stores into one" },
	{ "flaky", "repeat-run flakiness detection and flaky-test history" },
	{ "bench", "benchmarks per commit and regression detection" },
	{ "sql", "run SQL on the store, its results and tests tables included" },
	{ "report", "HTML trend reports and the weekly test-health report" },
	{ "gate", "thresholds that fail a pre-merge check" },
	{ "site-gen", "a static report site for GitHub Pages" },
};

static char *self_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return assay_xstrdup(buf);
}

static int is_exec(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, X_OK) == 0;
}

/* The directories to look in: ours first, then PATH's. Returns a NULL-terminated list. */
static char **search_dirs(void)
{
	size_t n = 0, alloc = 0;
	char **dirs = NULL;
	char *self = self_dir();
	if (self) {
		ASSAY_GROW(dirs, alloc, n + 1);
		dirs[n++] = self;
	}
	const char *path = getenv("PATH");
	char *copy = assay_xstrdup(path ? path : "/usr/local/bin:/usr/bin:/bin");
	char *save = NULL;
	for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		ASSAY_GROW(dirs, alloc, n + 1);
		dirs[n++] = assay_xstrdup(*d ? d : ".");
	}
	free(copy);
	ASSAY_GROW(dirs, alloc, n + 1);
	dirs[n] = NULL;
	return dirs;
}

static void free_dirs(char **dirs)
{
	for (size_t i = 0; dirs[i]; i++)
		free(dirs[i]);
	free(dirs);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NAMEs of the assay-NAME programs beside us and on PATH, sorted; *n_out of them. */
static char **installed(size_t *n_out)
{
	char **dirs = search_dirs();
	char **names = NULL;
	size_t n = 0, alloc = 0;
	for (size_t i = 0; dirs[i]; i++) {
		DIR *d = opendir(dirs[i]);
		if (!d)
			continue;
		struct dirent *e;
		while ((e = readdir(d))) {
			if (strncmp(e->d_name, "assay-", 6) || !e->d_name[6])
				continue;
			char *full = assay_xasprintf("%s/%s", dirs[i], e->d_name);
			int ok = is_exec(full);
			free(full);
			int dup = 0;
			for (size_t k = 0; k < n && !dup; k++)
				dup = !strcmp(names[k], e->d_name + 6);
			if (ok && !dup) {
				ASSAY_GROW(names, alloc, n + 1);
				names[n++] = assay_xstrdup(e->d_name + 6);
			}
		}
		closedir(d);
	}
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_str);
	free_dirs(dirs);
	*n_out = n;
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void list_utilities(FILE *out)
{
	size_t n;
	char **names = installed(&n);
	fprintf(out, "usage: assay [--version] [--help] NAME [ARGS...]\n\n"
		     "Test-quality analytics: tests, coverage, mutation, flakiness and speed, per commit.\n\n"
		     "Installed utilities:\n");
	for (size_t i = 0; i < n; i++) {
		const char *what = "";
		for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			if (!strcmp(known[k].name, names[i]))
				what = known[k].what;
		fprintf(out, "    %-10s %s\n", names[i], what);
	}
	if (!n)
		fprintf(out, "    (none found beside assay or on PATH)\n");
	fprintf(out, "\nSee 'assay NAME --help' for a utility's options.\n");
	free_names(names, n);
}

int main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		if (argc >= 3 && !strcmp(argv[1], "help")) {
			/* assay help NAME: the utility's own help */
			argv[1] = argv[2];
			argv[2] = "--help";
			argc = 3;
		} else {
			list_utilities(stdout);
			return argc < 2 ? 2 : 0;
		}
	}
	if (!strcmp(argv[1], "--version")) {
		printf("assay %s\n", ASSAY_VERSION);
		return 0;
	}
	if (argv[1][0] == '-' || strchr(argv[1], '/')) {
		fprintf(stderr, "assay: unknown option '%s'\n", argv[1]);
		list_utilities(stderr);
		return 2;
	}
	char *prog = assay_xasprintf("assay-%s", argv[1]);
	char **dirs = search_dirs();
	for (size_t i = 0; dirs[i]; i++) {
		char *full = assay_xasprintf("%s/%s", dirs[i], prog);
		if (is_exec(full)) {
			argv[1] = prog;
			execv(full, argv + 1);
			fprintf(stderr, "assay: cannot run %s: %s\n", full, strerror(errno));
			free(full);
			free_dirs(dirs);
			free(prog);
			return 2;
		}
		free(full);
	}
	free_dirs(dirs);
	size_t n;
	char **names = installed(&n);
	const char *near = assay_did_you_mean(argv[1], strlen(argv[1]), (const char *const *)names, n);
	fprintf(stderr, "assay: '%s' is not an assay utility (no %s beside assay or on PATH)", argv[1], prog);
	if (near)
		fprintf(stderr, "; did you mean 'assay %s'?\n", near);
	else
		fprintf(stderr, "; see 'assay --help'\n");
	free_names(names, n);
	free(prog);
	return 2;
}
