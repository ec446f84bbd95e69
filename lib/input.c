/* SPDX-License-Identifier: MIT */
#include "input.h"
#include "digest.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK (256 * 1024)

struct assay_input {
	gzFile gz;
	char *name;
	unsigned char *buf; /* buf[pos..end) not yet consumed */
	size_t pos, end, alloc;
	int eof;
	long lineno;
	char *line;         /* getline's buffer */
	size_t line_alloc;
	assay_digest *digest;
	long long size; /* of a regular file, else 0 */
};

int assay_input_open(assay_input **out, const char *path, assay_err *err)
{
	*out = NULL;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : dup(0);
	if (fd < 0)
		return assay_err_set(err, errno == ENOENT ? ASSAY_EINPUT : ASSAY_EIO,
				     "%s: cannot open: %s", path, strerror(errno));
	struct stat sb;
	long long size = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (long long)sb.st_size : 0;
	gzFile gz = gzdopen(fd, "rb");
	if (!gz) {
		close(fd);
		return assay_err_set(err, ASSAY_ENOMEM, "%s: cannot open: out of memory", path);
	}
	gzbuffer(gz, CHUNK);
	assay_input *in = assay_xcalloc(1, sizeof(*in));
	in->gz = gz;
	in->name = assay_xstrdup(strcmp(path, "-") ? path : "<stdin>");
	in->size = size;
	in->alloc = CHUNK;
	in->buf = assay_xmalloc(in->alloc);
	*out = in;
	return 0;
}

void assay_input_close(assay_input *in)
{
	if (!in)
		return;
	gzclose(in->gz);
	free(in->name);
	free(in->buf);
	free(in->line);
	free(in);
}

const char *assay_input_name(const assay_input *in)
{
	return in->name;
}

long assay_input_lineno(const assay_input *in)
{
	return in->lineno;
}

void assay_input_progress(const assay_input *in, long long *done, long long *total)
{
	*done = (long long)gzoffset(in->gz);
	*total = in->size;
}

void assay_input_set_digest(assay_input *in, assay_digest *d)
{
	in->digest = d;
	/* what is buffered but not yet consumed still counts */
}

/* Read more into the buffer, keeping buf[pos..end). Returns bytes added, 0 at EOF. */
static ssize_t fill(assay_input *in, assay_err *err)
{
	if (in->eof)
		return 0;
	if (in->pos > 0) {
		memmove(in->buf, in->buf + in->pos, in->end - in->pos);
		in->end -= in->pos;
		in->pos = 0;
	}
	if (in->end == in->alloc) {
		in->alloc *= 2;
		in->buf = assay_xrealloc(in->buf, in->alloc);
	}
	int n = gzread(in->gz, in->buf + in->end, (unsigned)(in->alloc - in->end));
	if (n < 0) {
		int zerr;
		const char *msg = gzerror(in->gz, &zerr);
		return assay_err_set(err, ASSAY_EINPUT, "%s: cannot read: %s", in->name,
				     zerr == Z_ERRNO ? strerror(errno) : msg);
	}
	if (n == 0) {
		in->eof = 1;
		/* a truncated .gz reads as a short file without an error: ask zlib */
		int zerr;
		const char *msg = gzerror(in->gz, &zerr);
		if (zerr != Z_OK && zerr != Z_BUF_ERROR)
			return assay_err_set(err, ASSAY_EINPUT, "%s: cannot read: %s", in->name, msg);
		if (zerr == Z_BUF_ERROR)
			return assay_err_set(err, ASSAY_EINPUT, "%s: truncated gzip data", in->name);
	}
	in->end += (size_t)n;
	return n;
}

/* Consume n buffered bytes, feeding the digest. */
static void consume(assay_input *in, size_t n)
{
	if (in->digest)
		assay_digest_update(in->digest, in->buf + in->pos, n);
	in->pos += n;
}

int assay_input_peek(assay_input *in, const unsigned char **data, size_t *n, size_t want,
		     assay_err *err)
{
	while (in->end - in->pos < want && !in->eof) {
		ssize_t r = fill(in, err);
		if (r < 0)
			return (int)r;
	}
	*data = in->buf + in->pos;
	*n = in->end - in->pos < want ? in->end - in->pos : want;
	return 0;
}

ssize_t assay_input_read(assay_input *in, void *buf, size_t n, assay_err *err)
{
	if (in->pos == in->end) {
		ssize_t r = fill(in, err);
		if (r <= 0)
			return r;
	}
	size_t k = in->end - in->pos < n ? in->end - in->pos : n;
	memcpy(buf, in->buf + in->pos, k);
	consume(in, k);
	return (ssize_t)k;
}

int assay_input_getline(assay_input *in, char **line, size_t *len, assay_err *err)
{
	size_t scanned = 0;
	for (;;) {
		unsigned char *start = in->buf + in->pos;
		size_t avail = in->end - in->pos;
		unsigned char *nl = memchr(start + scanned, '\n', avail - scanned);
		if (nl || (in->eof && avail)) {
			size_t k = nl ? (size_t)(nl - start) : avail;
			size_t take = nl ? k + 1 : k;
			if (k && start[k - 1] == '\r')
				k--;
			if (k + 1 > in->line_alloc) {
				in->line_alloc = k + 1 > 256 ? k + 1 : 256;
				free(in->line);
				in->line = assay_xmalloc(in->line_alloc);
			}
			memcpy(in->line, start, k);
			in->line[k] = '\0';
			consume(in, take);
			in->lineno++;
			*line = in->line;
			*len = k;
			return 1;
		}
		if (in->eof)
			return 0;
		scanned = avail;
		ssize_t r = fill(in, err);
		if (r < 0)
			return (int)r;
	}
}

char *assay_read_small(int dirfd, const char *name, size_t max, size_t *len)
{
	*len = 0;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	char *text = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size <= max)
		text = assay_read_all(fd, (size_t)st.st_size, len);
	close(fd);
	return text;
}

char *assay_read_all(int fd, size_t size, size_t *len)
{
	char *text = assay_xmalloc(size + 1);
	size_t got = 0;
	while (got < size) {
		ssize_t r = read(fd, text + got, size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	text[got] = 0;
	*len = got;
	return text;
}
