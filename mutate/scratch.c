/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "scratch.h"
#include "outfile.h"
#include "buf.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void mut_remap_add(mut_remap *r, const char *from, const char *to)
{
	if (r->n >= 4)
		return;
	/* longest first, so a build dir inside the root is mapped on its own terms */
	int i = r->n++;
	while (i > 0 && strlen(r->from[i - 1]) < strlen(from)) {
		r->from[i] = r->from[i - 1];
		r->to[i] = r->to[i - 1];
		i--;
	}
	r->from[i] = from;
	r->to[i] = to;
}

/* A path continues after a prefix only with '/' or ends there. */
static int path_end(char c)
{
	return !(c == '_' || c == '-' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		 (c >= 'A' && c <= 'Z') || c == '+');
}

static void remap_into(assay_buf *out, const mut_remap *r, const char *s, size_t len, int werror)
{
	size_t i = 0;
	while (i < len) {
		int done = 0;
		for (int k = 0; k < r->n && !done; k++) {
			size_t fl = strlen(r->from[k]);
			if (fl && i + fl <= len && !memcmp(s + i, r->from[k], fl) &&
			    (i + fl == len || path_end(s[i + fl]))) {
				assay_buf_adds(out, r->to[k]);
				i += fl;
				done = 1;
			}
		}
		if (!done && werror && i + 7 <= len && !memcmp(s + i, "-Werror", 7) &&
		    (i + 7 == len || s[i + 7] == '=' || s[i + 7] == ' ' || s[i + 7] == '"' ||
		     s[i + 7] == '\n' || s[i + 7] == ';' || s[i + 7] == '\'')) {
			assay_buf_adds(out, "-Wno-error");
			i += 7;
			done = 1;
		}
		if (!done)
			assay_buf_addc(out, s[i++]);
	}
}

char *mut_remap_str(const mut_remap *r, const char *s)
{
	assay_buf out = ASSAY_BUF_INIT;
	remap_into(&out, r, s, strlen(s), 0);
	return assay_buf_detach(&out, NULL);
}

int mut_path_under(const char *path, const char *dir)
{
	if (!dir)
		return 0;
	size_t n = strlen(dir);
	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

int mut_write_file(const char *path, const void *data, size_t len, assay_err *err)
{
	if (unlink(path) < 0 && errno != ENOENT)
		return assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
	if (assay_write_all(fd, data, len) < 0) {
		int e = errno;
		close(fd);
		return assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(e));
	}
	if (close(fd) < 0)
		return assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
	return 0;
}

int mut_touch_later(const char *path, assay_err *err)
{
	static time_t last; /* callers from workers hold e->lock: one writer at a time */
	time_t t = time(NULL) + 1;
	if (t <= last)
		t = last + 1;
	last = t;
	struct timespec times[2] = { { t, 0 }, { t, 0 } };
	if (utimensat(AT_FDCWD, path, times, 0) < 0)
		return assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
	return 0;
}

int mut_read_file(const char *path, assay_buf *out, assay_err *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fd, &st) == 0 && st.st_size > 0)
		assay_buf_grow(out, (size_t)st.st_size); /* one allocation, usually */
	char tmp[65536];
	for (;;) {
		ssize_t n = read(fd, tmp, sizeof(tmp));
		if (n > 0) {
			assay_buf_add(out, tmp, (size_t)n);
		} else if (n == 0) {
			break;
		} else if (errno != EINTR) {
			int e = errno;
			close(fd);
			return assay_err_set(err, ASSAY_EIO, "%s: %s", path, strerror(e));
		}
	}
	close(fd);
	return 0;
}

static int copy_file(const char *src, const char *dst, const struct stat *st, int remap,
		     const struct mut_copy_opts *o, assay_err *err)
{
	assay_buf data = ASSAY_BUF_INIT;
	int rc = mut_read_file(src, &data, err);
	if (rc == 0) {
		size_t probe = data.len < 8192 ? data.len : 8192;
		if (remap && data.len < ((size_t)16 << 20) && !memchr(data.buf, '\0', probe)) {
			assay_buf out = ASSAY_BUF_INIT;
			remap_into(&out, o->remap, data.buf, data.len, 1);
			rc = mut_write_file(dst, out.buf, out.len, err);
			assay_buf_release(&out);
		} else {
			rc = mut_write_file(dst, data.buf, data.len, err);
		}
	}
	assay_buf_release(&data);
	if (rc == 0) {
		chmod(dst, st->st_mode & 07777);
		struct timespec times[2] = { st->st_atim, st->st_mtim };
		utimensat(AT_FDCWD, dst, times, 0);
	}
	return rc;
}

static int copy_dir(const struct mut_copy_opts *o, const char *src, const char *dst, assay_err *err)
{
	if (mkdir(dst, 0755) < 0 && errno != EEXIST)
		return assay_err_set(err, ASSAY_EIO, "cannot create %s: %s", dst, strerror(errno));
	DIR *d = opendir(src);
	if (!d)
		return assay_err_set(err, ASSAY_EIO, "%s: %s", src, strerror(errno));
	int rc = 0;
	struct dirent *de;
	while (rc == 0 && (de = readdir(d))) {
		const char *name = de->d_name;
		if (!strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, ".git") ||
		    !strcmp(name, ".assay"))
			continue;
		char *s = assay_xasprintf("%s/%s", src, name);
		char *t = assay_xasprintf("%s/%s", dst, name);
		int skip = 0;
		for (size_t i = 0; o->skip && o->skip[i] && !skip; i++)
			skip = !strcmp(o->skip[i], s);
		struct stat st;
		if (!skip && lstat(s, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				/* another build tree inside the sources is not ours to copy */
				char *cache = assay_xasprintf("%s/CMakeCache.txt", s);
				int other_build = access(cache, F_OK) == 0 &&
						  !(o->keep_build && mut_path_under(o->keep_build, s));
				free(cache);
				if (!other_build)
					rc = copy_dir(o, s, t, err);
			} else if (S_ISLNK(st.st_mode)) {
				char target[4096];
				ssize_t n = readlink(s, target, sizeof(target) - 1);
				if (n >= 0) {
					target[n] = '\0';
					char *mapped = target[0] == '/' ? mut_remap_str(o->remap, target)
									: assay_xstrdup(target);
					unlink(t);
					if (symlink(mapped, t) < 0)
						rc = assay_err_set(err, ASSAY_EIO, "symlink %s: %s", t, strerror(errno));
					free(mapped);
				}
			} else if (S_ISREG(st.st_mode)) {
				int remap = mut_path_under(s, o->text_under);
				rc = copy_file(s, t, &st, remap, o, err);
			}
		}
		free(s);
		free(t);
	}
	closedir(d);
	return rc;
}

int mut_copy_tree(const struct mut_copy_opts *o, assay_err *err)
{
	return copy_dir(o, o->src, o->dst, err);
}

