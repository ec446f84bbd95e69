/* SPDX-License-Identifier: MIT */
#include "covblob.h"
#include "hashmap.h"
#include "mem.h"
#include "varint.h"

#include <stdint.h>
#include <string.h>

static void put(assay_buf *out, uint64_t v)
{
	assay_varint_put(out, v);
}

struct cursor {
	const unsigned char *p, *end;
};

static int get(struct cursor *c, uint64_t *v)
{
	return assay_varint_get(&c->p, c->end, v);
}

void assay_covblob_encode_lines(assay_buf *out, const assay_filecov *f)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < f->nlines; i++) {
		put(out, f->lines[i].line - prev);
		put(out, f->lines[i].count);
		prev = f->lines[i].line;
	}
}

void assay_covblob_encode_branches(assay_buf *out, const assay_filecov *f)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < f->nbranches; i++) {
		const struct assay_branchcov *b = &f->branches[i];
		put(out, b->line - prev);
		put(out, b->block);
		put(out, b->branch);
		put(out, (uint64_t)(b->taken + 1));
		prev = b->line;
	}
}

void assay_covblob_encode_functions(assay_buf *out, const assay_filecov *f)
{
	uint32_t prev = 0;
	for (size_t i = 0; i < f->nfuncs; i++) {
		const struct assay_funccov *fn = &f->funcs[i];
		size_t len = strlen(fn->name);
		put(out, fn->line - prev);
		put(out, fn->end_line);
		put(out, fn->count);
		put(out, len);
		assay_buf_add(out, fn->name, len);
		prev = fn->line;
	}
}

static int damaged(assay_err *err, const char *what)
{
	return assay_err_set(err, ASSAY_EDB, "damaged %s coverage blob in the store", what);
}

int assay_covblob_decode_lines(assay_filecov *f, const void *blob, size_t n, assay_err *err)
{
	struct cursor c = { blob, (const unsigned char *)blob + n };
	uint64_t line = 0, d, count;
	while (c.p < c.end) {
		if (get(&c, &d) < 0 || get(&c, &count) < 0 || line + d > UINT32_MAX)
			return damaged(err, "line");
		line += d;
		assay_filecov_line(f, (uint32_t)line, count);
	}
	return 0;
}

int assay_covblob_decode_branches(assay_filecov *f, const void *blob, size_t n, assay_err *err)
{
	struct cursor c = { blob, (const unsigned char *)blob + n };
	uint64_t line = 0, d, block, branch, taken;
	while (c.p < c.end) {
		if (get(&c, &d) < 0 || get(&c, &block) < 0 || get(&c, &branch) < 0 ||
		    get(&c, &taken) < 0 || line + d > UINT32_MAX || block > UINT32_MAX ||
		    branch > UINT32_MAX || taken > INT64_MAX)
			return damaged(err, "branch");
		line += d;
		assay_filecov_branch(f, (uint32_t)line, (uint32_t)block, (uint32_t)branch,
				     (int64_t)taken - 1);
	}
	return 0;
}

int assay_covblob_decode_functions(assay_filecov *f, const void *blob, size_t n, assay_err *err)
{
	struct cursor c = { blob, (const unsigned char *)blob + n };
	uint64_t line = 0, d, end_line, count, len;
	while (c.p < c.end) {
		if (get(&c, &d) < 0 || get(&c, &end_line) < 0 || get(&c, &count) < 0 ||
		    get(&c, &len) < 0 || len > (uint64_t)(c.end - c.p) || line + d > UINT32_MAX ||
		    end_line > UINT32_MAX)
			return damaged(err, "function");
		line += d;
		char *name = assay_xstrndup((const char *)c.p, (size_t)len);
		c.p += len;
		assay_filecov_function(f, name, (uint32_t)line, (uint32_t)end_line, count);
		free(name);
	}
	return 0;
}

uint64_t assay_covblob_digest(const void *lines, size_t nlines, const void *branches, size_t nbranches,
			      const void *functions, size_t nfunctions)
{
	/* each blob hashed apart, then the three: no two splits of the same bytes agree */
	uint64_t h[3] = { assay_hashmap_hash(nlines ? lines : "", nlines), assay_hashmap_hash(nbranches ? branches : "", nbranches),
			  assay_hashmap_hash(nfunctions ? functions : "", nfunctions) };
	return assay_hashmap_hash(h, sizeof(h)) | 1;
}
