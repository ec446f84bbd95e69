/* SPDX-License-Identifier: MIT */
#include "measure.h"
#include "buf.h"
#include "mem.h"
#include "proc.h"
#include "rmtree.h"
#include "tmpdir.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bench_measure_run(const char *const *argv, double timeout_s, struct bench_measure *out,
		      assay_err *err)
{
	memset(out, 0, sizeof(*out));
	struct assay_proc_opts o = {
		.argv = argv,
		.timeout_s = timeout_s,
		/* a message is at the end: keep the last 64 KiB, however much it writes */
		.flags = ASSAY_PROC_OUT_DISCARD | ASSAY_PROC_ERR_CAPTURE | ASSAY_PROC_KEEP_TAIL,
		.capture_cap = (size_t)64 << 10,
	};
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	int rc = assay_proc_run(&o, &r, err);
	if (rc == 0) {
		out->wall_s = (double)r.wall_us * 1e-6;
		out->user_s = (double)r.user_us * 1e-6;
		out->sys_s = (double)r.sys_us * 1e-6;
		out->maxrss_bytes = (double)r.maxrss_kb * 1024;
		out->exited = r.exited;
		out->status = r.status;
		out->signal = r.signal;
		out->timed_out = r.timed_out;
		assay_proc_describe(&r, out->how, sizeof(out->how));
		if (r.timed_out)
			snprintf(out->how + strlen(out->how), sizeof(out->how) - strlen(out->how),
				 " after %g s", timeout_s);
		/* the end of the last line: where a message says what went wrong */
		size_t k;
		const char *line = assay_last_line(r.err.buf, r.err.len, &k);
		if (k > sizeof(out->err_tail) - 1) {
			line += k - (sizeof(out->err_tail) - 1);
			k = sizeof(out->err_tail) - 1;
		}
		memcpy(out->err_tail, line, k);
		out->err_tail[k] = '\0';
	}
	assay_proc_result_release(&r);
	return rc;
}

int bench_measure_ok(const struct bench_measure *m)
{
	return m->exited && m->status == 0 && !m->timed_out;
}

int bench_callgrind_parse(const char *text, uint64_t *out)
{
	static const char *const keys[] = { "\nsummary:", "\ntotals:" };
	for (size_t k = 0; k < 2; k++) {
		const char *p = strstr(text, keys[k]);
		if (!p && !strncmp(text, keys[k] + 1, strlen(keys[k]) - 1))
			p = text - 1; /* at the very start */
		if (!p)
			continue;
		p += strlen(keys[k]);
		char *end;
		errno = 0;
		unsigned long long v = strtoull(p, &end, 10);
		if (end != p && !errno) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

static int read_file(const char *path, assay_buf *b)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assay_buf_add(b, chunk, n);
	fclose(f);
	return 0;
}

int bench_callgrind_run(const char *const *argv, double timeout_s, uint64_t *instructions,
			struct bench_measure *m, assay_err *err)
{
	char *dir;
	int made = assay_mkdtemp(&dir, "assay-callgrind", err);
	if (made < 0)
		return made;
	size_t argc = 0;
	while (argv[argc])
		argc++;
	char *outfile = assay_xasprintf("--callgrind-out-file=%s/callgrind.out.%%p", dir);
	const char **vg = assay_xcalloc(argc + 7, sizeof(*vg));
	size_t k = 0;
	vg[k++] = "valgrind";
	vg[k++] = "--tool=callgrind";
	vg[k++] = "--trace-children=yes";
	vg[k++] = "-q";
	vg[k++] = outfile;
	vg[k++] = "--";
	for (size_t i = 0; i < argc; i++)
		vg[k++] = argv[i];
	int rc = bench_measure_run(vg, timeout_s, m, err);
	free(vg);
	free(outfile);

	/* sum the counts of every process callgrind followed, and clean up */
	uint64_t total = 0;
	size_t files = 0;
	int bad = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = assay_xasprintf("%s/%s", dir, e->d_name);
		assay_buf b = ASSAY_BUF_INIT;
		uint64_t v;
		if (read_file(path, &b) == 0 && bench_callgrind_parse(b.buf, &v) == 0) {
			total += v;
			files++;
		} else {
			bad = 1;
		}
		assay_buf_release(&b);
		free(path);
	}
	if (d)
		closedir(d);
	assay_err ignored = ASSAY_ERR_INIT; /* a temporary directory left behind is no failure */
	assay_rmtree(dir, &ignored);
	free(dir);
	if (rc < 0)
		return rc;
	if (bench_measure_ok(m) && (files == 0 || bad))
		return assay_err_set(err, ASSAY_ECHILD,
				     "callgrind wrote no instruction count (is valgrind installed? %s)",
				     m->err_tail);
	*instructions = total;
	return 0;
}
