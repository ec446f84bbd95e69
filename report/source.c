/* SPDX-License-Identifier: MIT */
#include "source.h"
#include "buf.h"
#include "hashmap.h"
#include "helper.h"
#include "input.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define SOURCE_MAX (64u << 20)
#define DIGESTS ".assay-report-sources"

/* What a file's status was when its digest was taken. */
struct stamp {
	uint64_t dev, ino, size;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
};

struct entry {
	char *path;
	struct stamp st;
	uint64_t digest;
	int used;  /* looked up in this render: saved for the next */
	int fresh; /* its status now is the stamp's, checked while the tables were made */
};

struct rep_sources {
	char *root;
	int rootfd;            /* -1: no root, or it cannot be opened */
	rep_site *site;
	assay_hashmap index;   /* path -> index in v */
	struct entry *v;
	size_t n, alloc;
	time_t started;
	/*
	 * The digests are read and every file's status checked by the helper
	 * thread while the first pages are made (a status each was the largest
	 * part of a re-render); every call below waits for it first.  Once the
	 * digests are read (digests_read), the caller joins in rather than
	 * wait: each thread takes the next status not yet taken (a status is
	 * microseconds of the kernel's, and two run side by side on two CPUs).
	 */
	assay_helper_job *checker; /* NULL: none running */
	atomic_int digests_read;
	atomic_size_t next_check;
	char *was; /* the digests as the earlier render left them, NULL: none */
	size_t was_len;
};

static struct stamp stamp_of(const struct stat *st)
{
	return (struct stamp){ (uint64_t)st->st_dev, (uint64_t)st->st_ino, (uint64_t)st->st_size,
			       st->st_mtim.tv_sec, st->st_mtim.tv_nsec, st->st_ctim.tv_sec, st->st_ctim.tv_nsec };
}

static int same_stamp(const struct stamp *a, const struct stamp *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_s == b->mtime_s &&
	       a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

static struct entry *entry_of(rep_sources *s, const char *path, int create)
{
	uint64_t i;
	if (assay_hashmap_get(&s->index, path, strlen(path), &i))
		return &s->v[i];
	if (!create)
		return NULL;
	int created;
	*assay_hashmap_upsert(&s->index, path, strlen(path), &created) = s->n;
	ASSAY_GROW(s->v, s->alloc, s->n + 1);
	struct entry *e = &s->v[s->n++];
	memset(e, 0, sizeof(*e));
	e->path = assay_xstrdup(path);
	return e;
}

/* "DIGEST DEV INO SIZE MTIME_S MTIME_NS CTIME_S CTIME_NS PATH" lines; any other line is ignored. */
static void read_digests(rep_sources *s)
{
	size_t len;
	char *text = rep_site_read_private(s->site, DIGESTS, &len);
	if (text) {
		s->was = assay_xmalloc(len + 1);
		memcpy(s->was, text, len + 1);
		s->was_len = len;
	}
	for (char *line = text, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (!next)
			break;
		*next++ = 0;
		/* the digest, seven numbers, each ended by a space, then the path */
		uint64_t digest;
		int64_t v[7];
		if (!assay_parse_hex64(line, ' ', &digest))
			continue;
		const char *p = line + 17;
		int k = 0;
		for (; k < 7 && (p = assay_parse_i64(p, ' ', &v[k])); k++)
			p++;
		if (k < 7 || !*p)
			continue;
		struct entry *e = entry_of(s, p, 1);
		e->st = (struct stamp){ (uint64_t)v[0], (uint64_t)v[1], (uint64_t)v[2], v[3], v[4], v[5], v[6] };
		e->digest = digest;
	}
	free(text);
}

static int leads_out(const char *path)
{
	size_t n = strlen(path);
	return path[0] == '/' || !strcmp(path, "..") || !strncmp(path, "../", 3) || strstr(path, "/../") ||
	       (n >= 3 && !strcmp(path + n - 3, "/..")) || strstr(path, "//");
}

/* Is the file the digest was taken of still the same: the same status (and never a path that leads out)? */
static int still_same(const rep_sources *s, const struct entry *e)
{
	struct stat st;
	if (!e->digest || s->rootfd < 0 || leads_out(e->path) || fstatat(s->rootfd, e->path, &st, 0) < 0 ||
	    !S_ISREG(st.st_mode))
		return 0;
	struct stamp now = stamp_of(&st);
	return same_stamp(&e->st, &now);
}

static void check_some(rep_sources *s)
{
	for (size_t i; (i = atomic_fetch_add_explicit(&s->next_check, 1, memory_order_relaxed)) < s->n;)
		s->v[i].fresh = still_same(s, &s->v[i]);
}

static void check_digests(void *ud)
{
	rep_sources *s = ud;
	read_digests(s);
	atomic_store_explicit(&s->digests_read, 1, memory_order_release);
	check_some(s);
}

static void checked(rep_sources *s)
{
	if (!s->checker)
		return;
	if (atomic_load_explicit(&s->digests_read, memory_order_acquire))
		check_some(s);
	assay_helper_wait(s->checker);
	s->checker = NULL;
}

rep_sources *rep_sources_open(const char *root, rep_site *site)
{
	rep_sources *s = assay_xcalloc(1, sizeof(*s));
	s->root = root ? assay_xstrdup(root) : NULL;
	s->rootfd = root ? open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	s->site = site;
	s->started = time(NULL);
	assay_hashmap_init(&s->index);
	atomic_init(&s->digests_read, 0);
	atomic_init(&s->next_check, 0);
	s->checker = assay_helper_queue(check_digests, s);
	if (!s->checker)
		check_digests(s);
	return s;
}

int rep_sources_save(rep_sources *s, assay_err *err)
{
	checked(s);
	assay_buf b = ASSAY_BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		const struct entry *e = &s->v[i];
		if (!e->used || strchr(e->path, '\n'))
			continue;
		const int64_t v[7] = { (int64_t)e->st.dev, (int64_t)e->st.ino, (int64_t)e->st.size, e->st.mtime_s,
				       e->st.mtime_ns, e->st.ctime_s, e->st.ctime_ns };
		assay_buf_add_hex64(&b, e->digest);
		for (int k = 0; k < 7; k++) {
			assay_buf_addc(&b, ' ');
			assay_buf_add_i64(&b, v[k]);
		}
		assay_buf_addc(&b, ' ');
		assay_buf_adds(&b, e->path);
		assay_buf_addc(&b, '\n');
	}
	/* the same digests as were read: nothing to write (a file gone since costs a reading next time, no more) */
	int rc = s->was && s->was_len == b.len && !memcmp(s->was, b.buf ? b.buf : "", b.len)
		? 0 : rep_site_write_private(s->site, DIGESTS, b.buf ? b.buf : "", b.len, err);
	assay_buf_release(&b);
	return rc;
}

void rep_sources_free(rep_sources *s)
{
	if (!s)
		return;
	checked(s);
	if (s->rootfd >= 0)
		close(s->rootfd);
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].path);
	free(s->v);
	free(s->was);
	assay_hashmap_free(&s->index);
	free(s->root);
	free(s);
}

/*
 * Open path beneath the root: openat2's RESOLVE_BENEATH refuses, in the
 * kernel and in one call, any step of the path or of a link in it that
 * leaves the root.  Where the kernel has no openat2 (older than 5.6, or a
 * sandbox that forbids it), and for an absolute link (which it refuses
 * even when it leads back inside), the same is checked by resolving the
 * path in full, a call for each of its parts.
 */
static int open_beneath(rep_sources *s, const char *path, const char **why)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK, .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS };
	int fd = (int)syscall(SYS_openat2, s->rootfd, path, &how, sizeof(how));
	if (fd >= 0)
		return fd;
	/* EXDEV may be an absolute link that leads back inside: resolved in full below */
	if (errno != ENOSYS && errno != EPERM && errno != EXDEV) {
		*why = errno == ENOENT || errno == ENOTDIR ? "no such file in the repository" : "it cannot be read";
		return -1;
	}
	char *full = assay_xasprintf("%s/%s", s->root, path), *real = realpath(full, NULL), *top = realpath(s->root, NULL);
	free(full);
	size_t tn = top ? strlen(top) : 0;
	if (!real || !top || strncmp(real, top, tn) || real[tn] != '/') {
		*why = real && top ? "it is a link that leads outside the repository" : "no such file in the repository";
		free(real);
		free(top);
		return -1;
	}
	free(top);
	fd = open(real, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	free(real);
	if (fd < 0)
		*why = "it cannot be read";
	return fd;
}

/*
 * path opened (never waiting: a FIFO in the store's paths would block an
 * open for reading) and its status taken, or -1 with *why saying why it is
 * not at hand.
 */
static int open_source(rep_sources *s, const char *path, struct stat *st, const char **why)
{
	if (!s->root || s->rootfd < 0) {
		*why = "no repository to read it from";
		return -1;
	}
	if (leads_out(path)) {
		*why = "its path leads outside the repository";
		return -1;
	}
	int fd = open_beneath(s, path, why);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || (uint64_t)st->st_size > SOURCE_MAX) {
		close(fd);
		*why = "it is not a regular file of a readable size";
		return -1;
	}
	return fd;
}

char *rep_source_read(rep_sources *s, const char *path, size_t *len, const char **why)
{
	struct stat st;
	*len = 0;
	checked(s);
	int fd = open_source(s, path, &st, why);
	if (fd < 0)
		return NULL;
	char *text = assay_read_all(fd, (size_t)st.st_size, len);
	close(fd);
	return text;
}

uint64_t rep_source_digest(rep_sources *s, const char *path, char **text, size_t *len, const char **why)
{
	struct stat st;
	if (text)
		*text = NULL;
	*len = 0;
	checked(s);
	struct entry *e = entry_of(s, path, 0);
	/*
	 * The file the digest was taken of, when its status is the same: the
	 * same device and inode, which was read from inside the repository then
	 * (a status is one call where opening beneath the root is three).
	 */
	if (e && e->fresh) {
		e->used = 1;
		return e->digest;
	}
	int fd = open_source(s, path, &st, why);
	if (fd < 0)
		return 0;
	struct stamp now = stamp_of(&st);
	char *content = assay_read_all(fd, (size_t)st.st_size, len);
	close(fd);
	uint64_t d = assay_hashmap_hash(content, *len) | 1;
	/*
	 * A file changed within the second of its stamp might change again with
	 * the same stamp (a coarse clock): such a digest is not kept, and the
	 * file is read again next time.
	 */
	if (now.mtime_s < (int64_t)s->started - 1 && now.ctime_s < (int64_t)s->started - 1) {
		e = entry_of(s, path, 1);
		e->st = now;
		e->digest = d;
		e->used = 1;
	}
	if (text)
		*text = content;
	else
		free(content);
	return d;
}
