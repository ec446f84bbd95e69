/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE /* memfd_create */
#include "fuzz_input.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static int mem_fd = -1;
static char mem_path[64];

static void die(const char *what)
{
	perror(what);
	abort();
}

const char *fuzz_bytes_path(const uint8_t *data, size_t n)
{
	if (mem_fd < 0) {
		mem_fd = memfd_create("assay-fuzz", MFD_CLOEXEC);
		if (mem_fd < 0)
			die("memfd_create");
		snprintf(mem_path, sizeof(mem_path), "/proc/self/fd/%d", mem_fd);
	}
	if (ftruncate(mem_fd, 0) != 0)
		die("ftruncate");
	for (size_t done = 0; done < n;) {
		ssize_t w = pwrite(mem_fd, data + done, n - done, (off_t)done);
		if (w <= 0)
			die("pwrite");
		done += (size_t)w;
	}
	return mem_path;
}

void fuzz_input_open(assay_input **in, const uint8_t *data, size_t n)
{
	assay_err err = ASSAY_ERR_INIT;
	if (assay_input_open(in, fuzz_bytes_path(data, n), &err) < 0) {
		fprintf(stderr, "fuzz: %s\n", err.msg);
		abort();
	}
}

void fuzz_check_rc(int rc, const assay_err *err)
{
	if (rc == 0)
		return;
	if (rc != -ASSAY_EINPUT || err->code != ASSAY_EINPUT || !err->msg[0]) {
		fprintf(stderr, "fuzz: a parser returned %d (err code %d, message \"%s\"): bytes "
				"can only be bad input (%d)\n",
			rc, err->code, err->msg, -ASSAY_EINPUT);
		abort();
	}
}
