/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* dl_iterate_phdr: the program's build ID */
#include "site.h"
#include "buf.h"
#include "helper.h"
#include "input.h"
#include "mem.h"
#include "outfile.h"

#include <dirent.h>
#include <elf.h>
#include <link.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST ".assay-report"

/*
 * A private file starts with "#sealed HASH\n", HASH the hash of the rest.
 * It is written over in place (overwrite_at), so a crash partway leaves a
 * mix of old and new text, which the seal refuses as if there were no file.
 * One without a seal is an older Assay's, taken as it is.
 */
#define SEAL "#sealed "
#define SEAL_LEN (sizeof(SEAL) - 1 + 16 + 1)

/* A page of the earlier render, as the manifest says. */
struct old_page {
	char *rel;
	uint64_t hash; /* of its content */
	uint64_t key;  /* of its inputs and the renderer; 0: none */
	uint64_t size;
};

struct rep_site {
	char *path;
	int dir;                /* the output directory, opened without following a link */
	uint64_t build;         /* a hash of the renderer's program, mixed into keys; 0: no key holds */
	assay_hashmap old;      /* rel -> index in olds */
	struct old_page *olds;  /* in the manifest's order */
	size_t nold, aold;
	assay_hashmap now;      /* rel -> hash, of this render */
	assay_buf manifest;     /* "HASH KEY SIZE REL\n" lines of this render */
	struct subdir {
		char *name;
		int fd;
		int listed;           /* files holds the regular files the directory had when first asked */
		assay_hashmap files;
	} *subs;                      /* the output directory ("") and its subdirectories opened, kept open */
	size_t nsubs, asubs;
	struct rep_site_stats stats;
	char *was;              /* the manifest as the earlier render left it, NULL: none */
	size_t was_len;
	int was_sealed;
	int stale;              /* a page was written: the manifest on disk no longer holds until rewritten */
	/*
	 * The manifest is read and the page folders listed by the helper thread
	 * while the store is read; every call below that needs them waits for it.
	 */
	assay_helper_job *reader; /* NULL: none running */
};

/* mkdir -p of path, refusing a symbolic link or a file on the way. */
static int make_dirs(const char *path, assay_err *err)
{
	char *p = assay_xstrdup(path);
	int rc = 0;
	for (char *s = p + 1;; s++) {
		if (*s && *s != '/')
			continue;
		char c = *s;
		*s = 0;
		struct stat st;
		if (lstat(p, &st) == 0) {
			if (S_ISLNK(st.st_mode) && c == 0)
				rc = assay_err_set(err, ASSAY_EUSAGE, "--out %s is a symbolic link: give the directory itself", path);
			else if (!S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode))
				rc = assay_err_set(err, ASSAY_EUSAGE, "--out %s: %s is not a directory", path, p);
		} else if (errno != ENOENT || mkdir(p, 0755) < 0) {
			rc = assay_err_set(err, ASSAY_EIO, "cannot make %s: %s", p, strerror(errno));
		}
		*s = c;
		if (rc < 0 || !c)
			break;
	}
	free(p);
	return rc;
}

/*
 * A name the report makes: "name" or "dir/name", each part of letters,
 * digits, '-', '_' and '.', not starting with '.'.  What the manifest says
 * is held to it too, so that a manifest someone edited cannot name a file
 * outside the report for removal.
 */
static int safe_rel(const char *rel)
{
	int parts = 0;
	for (const char *p = rel;; p++) {
		const char *start = p;
		while (*p && *p != '/') {
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
			      *p == '-' || *p == '_' || *p == '.'))
				return 0;
			p++;
		}
		if (p == start || *start == '.' || ++parts > 2)
			return 0;
		if (!*p)
			return 1;
	}
}

/* One manifest line (NUL ended) into the pages of the earlier render. */
static void manifest_line(rep_site *s, const char *line)
{
	struct old_page pg = { NULL, 0, 0, 0 };
	if (!assay_parse_hex64(line, ' ', &pg.hash))
		return;
	const char *rel = line + 17;
	if (assay_parse_hex64(rel, ' ', &pg.key)) {
		int64_t size;
		const char *end = assay_parse_i64(rel + 17, ' ', &size);
		if (!end || size < 0)
			return;
		pg.size = (uint64_t)size;
		rel = end + 1;
	}
	if (!safe_rel(rel))
		return;
	int created;
	uint64_t *at = assay_hashmap_upsert(&s->old, rel, strlen(rel), &created);
	if (created) {
		*at = s->nold;
		ASSAY_GROW(s->olds, s->aold, s->nold + 1);
		pg.rel = assay_xstrdup(rel);
		s->olds[s->nold++] = pg;
	} else {
		pg.rel = s->olds[*at].rel;
		s->olds[*at] = pg;
	}
}

/* A private file's text, its seal checked and taken off; *sealed says whether it had one. */
static char *read_sealed(rep_site *s, const char *name, size_t *len, int *sealed)
{
	size_t n;
	char *text = assay_read_small(s->dir, name, 64u << 20, &n);
	*sealed = 0;
	if (!text || strncmp(text, SEAL, sizeof(SEAL) - 1)) {
		*len = text ? n : 0;
		return text;
	}
	uint64_t h;
	if (n < SEAL_LEN || !assay_parse_hex64(text + sizeof(SEAL) - 1, '\n', &h) ||
	    h != assay_hashmap_hash(text + SEAL_LEN, n - SEAL_LEN)) {
		free(text);
		*len = 0;
		return NULL;
	}
	memmove(text, text + SEAL_LEN, n - SEAL_LEN + 1);
	*len = n - SEAL_LEN;
	*sealed = 1;
	return text;
}

/*
 * Lines "HASH KEY SIZE REL" (an older Assay's "HASH REL" are read too, with
 * no key); a line of neither form, or whose REL is not a name the report
 * makes, is ignored.  The text is kept, to tell at the end whether the new
 * manifest is the same.
 */
static void read_manifest(rep_site *s)
{
	s->was = read_sealed(s, MANIFEST, &s->was_len, &s->was_sealed);
	if (!s->was)
		return;
	char *copy = assay_xmalloc(s->was_len + 1);
	memcpy(copy, s->was, s->was_len + 1);
	for (char *line = copy, *next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		manifest_line(s, line);
	}
	free(copy);
}

/* The main program's GNU build ID (the linker's hash of its code and data), hashed; 0 when it has none. */
static int build_id_of(struct dl_phdr_info *info, size_t size, void *ud)
{
	(void)size;
	uint64_t *out = ud;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
		while (p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const void *)p;
			const unsigned char *name = p + sizeof(*n), *desc = name + ((n->n_namesz + 3) & ~3u);
			if (desc + n->n_descsz > end)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && !memcmp(name, "GNU", 4) && n->n_descsz) {
				*out = assay_hashmap_hash(desc, n->n_descsz) | 1;
				return 1;
			}
			p = desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 1; /* the first object is the program: no other is looked at */
}

/*
 * The renderer's identity for the keys, so that pages another build of
 * Assay made are made again: its build ID where the linker wrote one (no
 * read: the note is in memory), else a hash of the running program's file.
 * 0 (no page kept by its key) when neither can be had.
 */
static uint64_t program_hash(void)
{
	uint64_t id = 0;
	dl_iterate_phdr(build_id_of, &id);
	if (id)
		return id;
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return 0;
	uint64_t h = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size < (256u << 20)) {
		size_t got;
		char *data = assay_read_all(fd, (size_t)st.st_size, &got);
		if (got == (size_t)st.st_size)
			h = assay_hashmap_hash(data, got) | 1;
		free(data);
	}
	close(fd);
	return h;
}

static void list_files(struct subdir *d);

/* A subdirectory the site keeps open: name (owned by it now) at the descriptor fd. */
static struct subdir *add_subdir(rep_site *s, char *name, int fd)
{
	ASSAY_GROW(s->subs, s->asubs, s->nsubs + 1);
	struct subdir *d = &s->subs[s->nsubs++];
	*d = (struct subdir){ name, fd, 0, { 0 } };
	assay_hashmap_init(&d->files);
	return d;
}

/* What the earlier render left: its manifest, and the folders its pages are in, listed. */
static void read_earlier(void *ud)
{
	rep_site *s = ud;
	read_manifest(s);
	static const char *const folders[] = { "f", "d" };
	for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]); i++) {
		int fd = openat(s->dir, folders[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0)
			list_files(add_subdir(s, assay_xstrdup(folders[i]), fd));
	}
}

/* The earlier render's manifest and listings at hand. */
static void joined(rep_site *s)
{
	assay_helper_wait(s->reader);
	s->reader = NULL;
}

int rep_site_open(rep_site **out, const char *dir, assay_err *err)
{
	*out = NULL;
	int rc = make_dirs(dir, err);
	if (rc < 0)
		return rc;
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return assay_err_set(err, ASSAY_EIO, "cannot open %s: %s", dir, strerror(errno));
	rep_site *s = assay_xcalloc(1, sizeof(*s));
	s->path = assay_xstrdup(dir);
	s->dir = fd;
	s->build = program_hash();
	assay_hashmap_init(&s->old);
	assay_hashmap_init(&s->now);
	s->reader = assay_helper_queue(read_earlier, s);
	if (!s->reader)
		read_earlier(s);
	*out = s;
	return 0;
}

/*
 * The directory of rel inside the output (made if need be), as a
 * descriptor the site keeps open (a thousand pages in one directory, one
 * open); *name the file's name.
 */
static struct subdir *subdir_of(rep_site *s, const char *rel, const char **name, assay_err *err)
{
	const char *slash = strchr(rel, '/');
	size_t n = slash ? (size_t)(slash - rel) : 0;
	*name = slash ? slash + 1 : rel;
	for (size_t i = 0; i < s->nsubs; i++)
		if (strlen(s->subs[i].name) == n && !memcmp(s->subs[i].name, rel, n))
			return &s->subs[i];
	char *sub = assay_xstrndup(rel, n);
	if (!slash)
		return add_subdir(s, sub, s->dir);
	if (mkdirat(s->dir, sub, 0755) < 0 && errno != EEXIST) {
		assay_err_set(err, ASSAY_EIO, "cannot make %s/%s: %s", s->path, sub, strerror(errno));
		free(sub);
		return NULL;
	}
	int fd = openat(s->dir, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		assay_err_set(err, ASSAY_EIO, "%s/%s: not a directory of the report's (%s)", s->path, sub, strerror(errno));
		free(sub);
		return NULL;
	}
	return add_subdir(s, sub, fd);
}

static int parent_of(rep_site *s, const char *rel, const char **name, assay_err *err)
{
	struct subdir *d = subdir_of(s, rel, name, err);
	return d ? d->fd : -ASSAY_EIO;
}

static int write_at(int dir, const char *name, const void *data, size_t len)
{
	char tmp[300];
	snprintf(tmp, sizeof(tmp), ".%s.tmp", name);
	int fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (assay_write_all(fd, data, len) < 0) {
		int e = errno;
		close(fd);
		unlinkat(dir, tmp, 0);
		errno = e;
		return -1;
	}
	if (close(fd) < 0 || renameat(dir, tmp, dir, name) < 0) {
		int e = errno;
		unlinkat(dir, tmp, 0);
		errno = e;
		return -1;
	}
	return 0;
}

/*
 * A file written over, not a new file renamed onto it: making a file was
 * most of a re-render's writing on ext4, whose inode allocator passes over
 * the inodes just freed (each rename freed one).  A reader may see a page
 * half written while a render runs; a crash's torn page is never kept, as
 * the manifest says no page of it from the first write on (go_stale).
 * Only a regular file of one link is written over, never a hard link to a
 * file elsewhere; anything else is replaced as write_at does.
 */
static int overwrite_at(int dir, const char *name, const void *data, size_t len)
{
	int fd = openat(dir, name, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return write_at(dir, name, data, len);
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
		close(fd);
		return write_at(dir, name, data, len);
	}
	if (assay_write_all(fd, data, len) < 0 || ((uint64_t)st.st_size > len && ftruncate(fd, (off_t)len) < 0)) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

/*
 * Before the first page is written: the manifest read at the start no
 * longer tells the pages on disk, so it is broken (its seal's first digit)
 * until rep_site_close writes the new one; a crash in between leaves none,
 * and the next render compares every page anew.
 */
static int go_stale(rep_site *s)
{
	if (s->stale || !s->was)
		return s->stale = 1, 0;
	s->stale = 1;
	if (!s->was_sealed)
		return unlinkat(s->dir, MANIFEST, 0) < 0 && errno != ENOENT ? -1 : 0;
	int fd = openat(s->dir, MANIFEST, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	struct stat st;
	int rc = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1
		? (pwrite(fd, "x", 1, sizeof(SEAL) - 1) == 1 ? 0 : -1)
		: unlinkat(s->dir, MANIFEST, 0);
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

/* The key stored for a page of inputs key: the renderer's mixed in; 0 when either is unknown. */
static uint64_t full_key(const rep_site *s, uint64_t key)
{
	if (!key || !s->build)
		return 0;
	uint64_t both[2] = { key, s->build };
	return assay_hashmap_hash(both, sizeof(both)) | 1;
}

/* rel is a page of this render, of content hash h and size len. */
static void record(rep_site *s, const char *rel, uint64_t h, uint64_t key, uint64_t len)
{
	int created;
	*assay_hashmap_upsert(&s->now, rel, strlen(rel), &created) = h;
	assay_buf_add_hex64(&s->manifest, h);
	assay_buf_addc(&s->manifest, ' ');
	assay_buf_add_hex64(&s->manifest, key);
	assay_buf_addc(&s->manifest, ' ');
	assay_buf_add_u64(&s->manifest, len);
	assay_buf_addc(&s->manifest, ' ');
	assay_buf_adds(&s->manifest, rel);
	assay_buf_addc(&s->manifest, '\n');
	s->stats.bytes += len;
	if (len > s->stats.largest)
		s->stats.largest = (size_t)len;
}

static const struct old_page *old_page(const rep_site *s, const char *rel)
{
	uint64_t i;
	return assay_hashmap_get(&s->old, rel, strlen(rel), &i) ? &s->olds[i] : NULL;
}

/* The regular files of d (never a link), listed once. */
static void list_files(struct subdir *d)
{
	d->listed = 1;
	int fd = openat(d->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir) {
		if (fd >= 0)
			close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(dir))) {
		struct stat st;
		int reg = e->d_type == DT_REG ||
			  (e->d_type == DT_UNKNOWN && fstatat(d->fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			   S_ISREG(st.st_mode));
		int created;
		if (reg)
			*assay_hashmap_upsert(&d->files, e->d_name, strlen(e->d_name), &created) = 1;
	}
	closedir(dir);
}

/*
 * Is rel in the output, a regular file?  Taken from a listing of its
 * directory, one call for a thousand pages where a status each was a
 * tenth of a re-render; a page someone changed is not told from one the
 * report wrote either way, short of reading it.
 */
static int there(rep_site *s, const char *rel)
{
	const char *name;
	assay_err ignored = ASSAY_ERR_INIT;
	struct subdir *d = subdir_of(s, rel, &name, &ignored);
	if (!d)
		return 0;
	if (!d->listed)
		list_files(d);
	uint64_t v;
	return assay_hashmap_get(&d->files, name, strlen(name), &v);
}

int rep_site_keep(rep_site *s, const char *const *rels, size_t n, uint64_t key)
{
	joined(s);
	uint64_t k = full_key(s, key);
	if (!k)
		return 0;
	/* the earlier render's pages are all safe names (read_manifest keeps no other): no check here */
	for (size_t i = 0; i < n; i++) {
		const struct old_page *o = old_page(s, rels[i]);
		if (!o || o->key != k || !there(s, rels[i]))
			return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const struct old_page *o = old_page(s, rels[i]);
		record(s, rels[i], o->hash, k, o->size);
		s->stats.unchanged++;
	}
	return 1;
}

int rep_site_write(rep_site *s, const char *rel, const void *data, size_t len, assay_err *err)
{
	return rep_site_write_keyed(s, rel, 0, data, len, err);
}

int rep_site_write_keyed(rep_site *s, const char *rel, uint64_t key, const void *data, size_t len, assay_err *err)
{
	if (!safe_rel(rel))
		return assay_err_set(err, ASSAY_EINPUT, "no page may be called '%s'", rel);
	joined(s);
	uint64_t h = assay_hashmap_hash(data, len);
	record(s, rel, h, full_key(s, key), len);
	const struct old_page *o = old_page(s, rel);
	if (o && o->hash == h && there(s, rel)) {
		/* the same text as last time, and the file still there: nothing to write */
		s->stats.unchanged++;
		return 0;
	}
	const char *name;
	int dir = parent_of(s, rel, &name, err);
	if (dir < 0)
		return dir;
	if (go_stale(s) < 0)
		return assay_err_set(err, ASSAY_EIO, "cannot write %s/%s: %s", s->path, MANIFEST, strerror(errno));
	if (overwrite_at(dir, name, data, len) < 0)
		return assay_err_set(err, ASSAY_EIO, "cannot write %s/%s: %s", s->path, rel, strerror(errno));
	s->stats.written++;
	return 0;
}

int rep_site_had(rep_site *s, const char *rel, uint64_t key)
{
	joined(s);
	uint64_t k = full_key(s, key);
	const struct old_page *o = k ? old_page(s, rel) : NULL;
	return o && o->key == k;
}

char *rep_site_read_private(rep_site *s, const char *name, size_t *len)
{
	int sealed;
	return read_sealed(s, name, len, &sealed);
}

static int write_sealed(rep_site *s, const char *name, const void *data, size_t len, assay_err *err)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_buf_grow(&b, SEAL_LEN + len);
	assay_buf_adds(&b, SEAL);
	assay_buf_add_hex64(&b, assay_hashmap_hash(data, len));
	assay_buf_addc(&b, '\n');
	assay_buf_add(&b, data, len);
	int rc = overwrite_at(s->dir, name, b.buf, b.len) < 0
		? assay_err_set(err, ASSAY_EIO, "cannot write %s/%s: %s", s->path, name, strerror(errno)) : 0;
	assay_buf_release(&b);
	return rc;
}

int rep_site_write_private(rep_site *s, const char *name, const void *data, size_t len, assay_err *err)
{
	if (name[0] != '.' || strchr(name, '/'))
		return assay_err_set(err, ASSAY_EINPUT, "no file of the report's may be called '%s'", name);
	return write_sealed(s, name, data, len, err);
}

int rep_site_close(rep_site *s, assay_err *err)
{
	joined(s);
	/* the pages of an earlier render this one has no more (a file gone from the coverage) */
	for (size_t i = 0; i < s->nold; i++) {
		const char *rel = s->olds[i].rel;
		uint64_t v;
		if (assay_hashmap_get(&s->now, rel, strlen(rel), &v))
			continue;
		const char *name;
		assay_err ignored = ASSAY_ERR_INIT;
		int dir = parent_of(s, rel, &name, &ignored);
		if (dir >= 0)
			s->stats.removed += unlinkat(dir, name, 0) == 0;
	}
	/* the same manifest as the one read at the start, sealed and still there: nothing to write */
	struct stat st;
	if (!s->stale && s->was && s->was_sealed && s->was_len == s->manifest.len &&
	    !memcmp(s->was, s->manifest.buf ? s->manifest.buf : "", s->was_len) &&
	    fstatat(s->dir, MANIFEST, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size == SEAL_LEN + s->was_len)
		return 0;
	return write_sealed(s, MANIFEST, s->manifest.buf ? s->manifest.buf : "", s->manifest.len, err);
}

void rep_site_free(rep_site *s)
{
	if (!s)
		return;
	joined(s);
	close(s->dir);
	for (size_t i = 0; i < s->nsubs; i++) {
		if (s->subs[i].fd != s->dir)
			close(s->subs[i].fd);
		assay_hashmap_free(&s->subs[i].files);
		free(s->subs[i].name);
	}
	free(s->subs);
	assay_hashmap_free(&s->old);
	for (size_t i = 0; i < s->nold; i++)
		free(s->olds[i].rel);
	free(s->olds);
	assay_hashmap_free(&s->now);
	assay_buf_release(&s->manifest);
	free(s->was);
	free(s->path);
	free(s);
}

void rep_site_stats(const rep_site *s, struct rep_site_stats *out)
{
	*out = s->stats;
}
