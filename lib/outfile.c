/* SPDX-License-Identifier: MIT */
#include "outfile.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int assay_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int assay_outfile_replace(const char *path, const void *data, size_t len, assay_err *err)
{
	char *tmp = assay_xasprintf("%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return assay_err_set(err, ASSAY_EIO, "cannot write %s: %s", path, strerror(e));
	}
	int rc = assay_write_all(fd, data, len);
	int e = errno;
	if (close(fd) < 0 && rc == 0)
		rc = -1, e = errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -1, e = errno;
	if (rc < 0) {
		unlink(tmp);
		free(tmp);
		return assay_err_set(err, ASSAY_EIO, "cannot write %s: %s", path, strerror(e));
	}
	free(tmp);
	return 0;
}

int assay_outfile_append(const char *path, const void *data, size_t len, assay_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0)
		return assay_err_set(err, ASSAY_EIO, "cannot append to %s: %s", path, strerror(errno));
	int rc = assay_write_all(fd, data, len);
	int e = errno;
	if (close(fd) < 0 && rc == 0)
		rc = -1, e = errno;
	if (rc < 0)
		return assay_err_set(err, ASSAY_EIO, "cannot append to %s: %s", path, strerror(e));
	return 0;
}
