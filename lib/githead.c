/* SPDX-License-Identifier: MIT */
#include "githead.h"
#include "input.h"
#include "mem.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SMALL_MAX (1u << 20)

/* The file at dir/name (assay_read_small), or NULL.  free() it. */
static char *read_small(const char *dir, const char *name, size_t max)
{
	char *path = assay_xasprintf("%s/%s", dir, name);
	size_t len;
	char *text = assay_read_small(AT_FDCWD, path, max, &len);
	free(path);
	return text;
}

/* The environment that changes where git looks, or what it finds there. */
static int git_env_set(void)
{
	static const char *const vars[] = {
		"GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
		"GIT_CONFIG_COUNT", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG", "GIT_NAMESPACE", "GIT_OBJECT_DIRECTORY",
	};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if (getenv(vars[i]))
			return 1;
	return 0;
}

/* Does the repository's config say anything that moves the work tree or changes how refs are kept? */
static int config_unusual(const char *gitdir)
{
	char *text = read_small(gitdir, "config", SMALL_MAX);
	if (!text)
		return 0;
	for (char *p = text; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	int unusual = strstr(text, "worktree") || strstr(text, "include") || strstr(text, "extensions") ||
		      strstr(text, "bare = true") || strstr(text, "bare=true");
	free(text);
	return unusual;
}

/* The length of the object name p starts with: 40 lower-case hex digits (SHA-1) or 64 (SHA-256); else 0. */
static size_t object_name(const char *p)
{
	size_t n = 0;
	while ((p[n] >= '0' && p[n] <= '9') || (p[n] >= 'a' && p[n] <= 'f'))
		n++;
	return n == 40 || n == 64 ? n : 0;
}

/* A ref name that is safe to open under the git directory: "refs/...", no "..", no empty part. */
static int plain_ref(const char *ref)
{
	return !strncmp(ref, "refs/", 5) && !strstr(ref, "..") && !strstr(ref, "//") && ref[strlen(ref) - 1] != '/' &&
	       !strpbrk(ref, " \t\\:?*[~^");
}

/* ref's object name from packed-refs ("NAME REF" lines, "^NAME" peeled, "#" comments), or NULL. */
static char *packed(const char *gitdir, const char *ref)
{
	char *text = read_small(gitdir, "packed-refs", 256u << 20), *found = NULL;
	size_t rn = strlen(ref);
	for (char *line = text; line && *line && !found;) {
		char *next = strchr(line, '\n');
		size_t n = object_name(line);
		if (n && line[n] == ' ' && !strncmp(line + n + 1, ref, rn) && (line[n + 1 + rn] == '\n' || !line[n + 1 + rn]))
			found = assay_xstrndup(line, n);
		line = next ? next + 1 : NULL;
	}
	free(text);
	return found;
}

/* The object name that HEAD leads to (a symbolic ref followed a few steps), or NULL. */
static char *resolve_head(const char *gitdir)
{
	char *text = read_small(gitdir, "HEAD", 4096);
	for (int depth = 0; text && depth < 5; depth++) {
		size_t n = object_name(text);
		if (n && (text[n] == '\n' || !text[n])) {
			text[n] = 0;
			return text;
		}
		if (strncmp(text, "ref: ", 5))
			break;
		char *ref = text + 5;
		ref[strcspn(ref, "\n")] = 0;
		if (!plain_ref(ref))
			break;
		char *next = read_small(gitdir, ref, 4096);
		if (!next) {
			next = packed(gitdir, ref);
			free(text);
			return next; /* NULL: unborn, or kept in a way left to git */
		}
		free(text);
		text = next;
	}
	free(text);
	return NULL;
}

/* The directory dir's .git names, when it is one of the plain case; NULL to ask git. */
static char *plain_gitdir(const char *dir, dev_t dev, int *stop)
{
	char *gitdir = assay_xasprintf("%s/.git", strcmp(dir, "/") ? dir : "");
	struct stat st, top;
	*stop = 0;
	if (lstat(gitdir, &st) < 0) {
		free(gitdir);
		return NULL;
	}
	*stop = 1;
	/* a file (linked work tree, submodule) or a link; another's repository (safe.directory): git's to judge */
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || stat(dir, &top) < 0 || top.st_uid != geteuid() ||
	    top.st_dev != dev || config_unusual(gitdir)) {
		free(gitdir);
		return NULL;
	}
	char *commondir = read_small(gitdir, "commondir", 4096);
	struct stat refs;
	char *refs_path = assay_xasprintf("%s/refs", gitdir), *reftable = assay_xasprintf("%s/reftable", gitdir);
	int plain = !commondir && stat(refs_path, &refs) == 0 && S_ISDIR(refs.st_mode) && lstat(reftable, &refs) < 0;
	free(commondir);
	free(refs_path);
	free(reftable);
	if (!plain) {
		free(gitdir);
		return NULL;
	}
	return gitdir;
}

int assay_git_head_read(const char *cwd, char **sha, char **top)
{
	*sha = *top = NULL;
	if (git_env_set())
		return 0;
	char *dir = cwd ? realpath(cwd, NULL) : getcwd(NULL, 0);
	struct stat st;
	if (!dir || dir[0] != '/' || stat(dir, &st) < 0) {
		free(dir);
		return 0;
	}
	dev_t dev = st.st_dev;
	for (;;) {
		int stop;
		char *gitdir = plain_gitdir(dir, dev, &stop);
		if (gitdir) {
			*sha = resolve_head(gitdir);
			free(gitdir);
			if (*sha) {
				*top = dir;
				return 1;
			}
			break;
		}
		char *slash = strrchr(dir, '/');
		if (stop || slash == dir || !slash)
			break;
		*slash = 0;
		/* git stops at the edge of the file system it started in */
		if (stat(dir, &st) < 0 || st.st_dev != dev)
			break;
	}
	free(dir);
	return 0;
}
