/* SPDX-License-Identifier: MIT */
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

/* An installed utility, and what it says it is for ("" when it says nothing). */
struct utility {
	char *name, *what;
};

/*
 * The one line a utility installs beside itself (DIR/../share/assay/utilities/NAME,
 * as assay_utility_what in CMakeLists.txt writes it); a new string, "" if none.
 */
static char *utility_what(const char *dir, const char *name)
{
	char *path = assay_xasprintf("%s/../share/assay/utilities/%s", dir, name);
	FILE *f = fopen(path, "r");
	free(path);
	char line[256] = "";
	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\r\n")] = '\0';
	return assay_xstrdup(line);
}

static int cmp_utility(const void *a, const void *b)
{
	return strcmp(((const struct utility *)a)->name, ((const struct utility *)b)->name);
}

/*
 * The assay-NAME programs beside us and on PATH (the first of each name),
 * sorted; *n_out of them.  Their descriptions too when with_what, else "".
 */
static struct utility *installed(size_t *n_out, int with_what)
{
	char **dirs = search_dirs();
	struct utility *u = NULL;
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
				dup = !strcmp(u[k].name, e->d_name + 6);
			if (ok && !dup) {
				ASSAY_GROW(u, alloc, n + 1);
				u[n].name = assay_xstrdup(e->d_name + 6);
				u[n].what = with_what ? utility_what(dirs[i], u[n].name) : assay_xstrdup("");
				n++;
			}
		}
		closedir(d);
	}
	if (n > 1)
		qsort(u, n, sizeof(*u), cmp_utility);
	free_dirs(dirs);
	*n_out = n;
	return u;
}

static void free_utilities(struct utility *u, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(u[i].name);
		free(u[i].what);
	}
	free(u);
}

static void list_utilities(FILE *out)
{
	size_t n;
	struct utility *u = installed(&n, 1);
	fprintf(out, "usage: assay [--version] [--help] NAME [ARGS...]\n\n"
		     "Test-quality analytics: tests, coverage, mutation, flakiness and speed, per commit.\n\n"
		     "Installed utilities:\n");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "    %-10s %s\n", u[i].name, u[i].what);
	if (!n)
		fprintf(out, "    (none found beside assay or on PATH)\n");
	fprintf(out, "\nSee 'assay NAME --help' for a utility's options.\n");
	free_utilities(u, n);
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
	struct utility *u = installed(&n, 0);
	const char **names = assay_xcalloc(n + 1, sizeof(*names));
	for (size_t i = 0; i < n; i++)
		names[i] = u[i].name;
	const char *near = assay_did_you_mean(argv[1], strlen(argv[1]), names, n);
	fprintf(stderr, "assay: '%s' is not an assay utility (no %s beside assay or on PATH)", argv[1], prog);
	if (near)
		fprintf(stderr, "; did you mean 'assay %s'?\n", near);
	else
		fprintf(stderr, "; see 'assay --help'\n");
	free(names);
	free_utilities(u, n);
	free(prog);
	return 2;
}
