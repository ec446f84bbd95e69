/* SPDX-License-Identifier: MIT */
/*
 * The tables of files: files.html, every file flat and worst first, and
 * d/NAME.html, one page a directory with its subdirectories and files (the
 * tree).  Sortable by every column (report.js) and pre-sorted worst first,
 * so that they read well without script; filtered by name and by band.
 */
#include "pages.h"
#include "helper.h"
#include "mem.h"
#include "pagekey.h"

#include <stdlib.h>
#include <string.h>

struct totals {
	uint64_t hit[3], found[3];
	size_t survived, mutants, flaky, files;
	size_t cats[REP_CATS];
};

static void add_file(struct totals *t, const struct rep_file *f)
{
	t->hit[0] += f->cov->lines_hit;
	t->found[0] += f->cov->lines_found;
	t->hit[1] += f->cov->branches_hit;
	t->found[1] += f->cov->branches_found;
	t->hit[2] += f->cov->functions_hit;
	t->found[2] += f->cov->functions_found;
	t->survived += f->survived;
	t->mutants += f->nmutants;
	t->flaky += f->nflaky;
	t->files++;
	for (int k = 0; k < REP_CATS; k++)
		t->cats[k] += f->cats[k];
}

static double line_pct(const struct totals *t)
{
	return t->found[0] ? (double)t->hit[0] / (double)t->found[0] : 2; /* nothing to cover: last */
}

static void table_head(assay_buf *b, const char *first, int base)
{
	assay_buf_addf(b, "<div class=filters><input type=search class=filter placeholder=\"Filter by name\" "
		       "aria-label=\"Filter by name\"> <select class=band aria-label=\"Coverage band\">"
		       "<option value=\"\">every file</option><option value=0>0%% covered</option>"
		       "<option value=50>under 50%%</option><option value=80>under 80%%</option></select></div>\n"
		       "<table class=\"files sortable\"><thead><tr><th data-type=text>%s</th><th>Lines</th>"
		       "<th>Branches</th><th>Functions</th><th>Survived mutants</th><th>Flaky lines</th>%s</tr></thead>\n<tbody>\n",
		       first, base ? "<th>Uncovered new (UNC)</th><th>Lost (LBC)</th><th data-type=text>Against the base</th>" : "");
}

/* "<td data-v=N class=CLS>N</td>": a count, sortable */
static void count_cell(assay_buf *b, size_t n, const char *cls)
{
	assay_buf_adds(b, "<td data-v=");
	assay_buf_add_u64(b, n);
	if (cls) {
		assay_buf_adds(b, " class=");
		assay_buf_adds(b, cls);
	}
	assay_buf_addc(b, '>');
	assay_buf_add_u64(b, n);
	assay_buf_adds(b, "</td>");
}

/* A table's row; shown is the caller's, for the escaped name (one buffer for a thousand rows). */
static void row(struct rep_ctx *c, assay_buf *b, assay_buf *shown, const char *href, const char *name,
		const struct totals *t)
{
	/* the name, escaped once: the filter's attribute and the link's text (which the sort reads) */
	assay_buf_reset(shown);
	rep_text(shown, name);
	assay_buf_adds(b, "<tr data-name=\"");
	assay_buf_add(b, shown->buf, shown->len);
	assay_buf_adds(b, "\" data-pct=");
	if (t->found[0])
		rep_add_pct4(b, t->hit[0], t->found[0]);
	else
		assay_buf_adds(b, "100.0000");
	assay_buf_adds(b, "><td><a href=\"");
	assay_buf_adds(b, href);
	assay_buf_adds(b, "\">");
	assay_buf_add(b, shown->buf, shown->len);
	assay_buf_adds(b, "</a></td>");
	for (int k = 0; k < 3; k++)
		rep_pct_cell(b, &c->o->bands, t->hit[k], t->found[k]);
	count_cell(b, t->survived, t->survived ? "lo" : "zero");
	count_cell(b, t->flaky, t->flaky ? "flaky" : NULL);
	if (c->m->have_base) {
		assay_buf_addf(b, "<td data-v=%zu class=%s>%zu</td><td data-v=%zu class=%s>%zu</td><td>", t->cats[REP_UNC],
			       t->cats[REP_UNC] ? "lo" : "zero", t->cats[REP_UNC], t->cats[REP_LBC],
			       t->cats[REP_LBC] ? "lo" : "zero", t->cats[REP_LBC]);
		const char *sep = "";
		for (int k = 1; k < REP_CATS; k++) {
			if (!t->cats[k] || k == REP_CBC || k == REP_UBC)
				continue;
			assay_buf_addf(b, "%s<span class=k-%s title=\"%s\">%s %zu</span>", sep, rep_cat_name(k),
				       rep_cat_meaning(k), rep_cat_name(k), t->cats[k]);
			sep = " ";
		}
		assay_buf_adds(b, "</td>");
	}
	assay_buf_adds(b, "</tr>\n");
}

/* A row of files.html: what it shows, copied out of the model for the thread that makes the page. */
struct ranked {
	const char *path, *page;
	struct totals t;
};

static int worst_first(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	double px = line_pct(&x->t), py = line_pct(&y->t);
	if (px != py)
		return px < py ? -1 : 1;
	return strcmp(x->path, y->path);
}

struct rep_files_job {
	struct rep_ctx *c;
	struct ranked *r;
	size_t n;
	struct rep_page p;
	assay_helper_job *made; /* NULL: made already */
};

static void make_files(void *ud)
{
	struct rep_files_job *j = ud;
	struct rep_ctx *c = j->c;
	qsort(j->r, j->n, sizeof(*j->r), worst_first);
	struct rep_page *p = &j->p;
	rep_page_begin(p, "", c->title, "Files, worst covered first", "files.html");
	assay_buf_addf(&p->b, "<p>%zu files. Click a column's heading to sort by it.</p>\n", j->n);
	table_head(&p->b, "File", c->m->have_base);
	assay_buf_grow(&p->b, j->n * 512); /* a row's size: the page grows once, not ten times */
	assay_buf shown = ASSAY_BUF_INIT;
	for (size_t i = 0; i < j->n; i++)
		row(c, &p->b, &shown, j->r[i].page, j->r[i].path, &j->r[i].t);
	assay_buf_release(&shown);
	assay_buf_adds(&p->b, "</tbody></table>\n");
}

struct rep_files_job *rep_files_begin(struct rep_ctx *c)
{
	struct rep_files_job *j = assay_xcalloc(1, sizeof(*j));
	j->c = c;
	j->n = c->m->nfiles;
	j->r = assay_xcalloc(j->n + 1, sizeof(*j->r));
	for (size_t i = 0; i < j->n; i++) {
		const struct rep_file *f = &c->m->files[i];
		j->r[i].path = f->cov->path;
		j->r[i].page = f->page;
		add_file(&j->r[i].t, f);
	}
	j->made = assay_helper_queue(make_files, j);
	if (!j->made)
		make_files(j);
	return j;
}

int rep_files_end(struct rep_files_job *j, int rc, assay_err *err)
{
	assay_helper_wait(j->made);
	if (rc == 0)
		rc = rep_emit(j->c, &j->p, "files.html", err);
	else
		assay_buf_release(&j->p.b);
	free(j->r);
	free(j);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * A row of a directory's table: a subdirectory (dir, its path; name owned,
 * "NAME/") or a file (page, its first page; name the end of its path).
 * Its link is made only if the page is.
 */
struct entry {
	const char *name, *dir, *page;
	char *owned;
	struct totals t;
};

static int entry_worst_first(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	double px = line_pct(&x->t), py = line_pct(&y->t);
	if (px != py)
		return px < py ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* The directories of every file's path ("" for the top), sorted and unique. */
static char **directories(const struct rep_model *m, size_t *n)
{
	size_t alloc = 0;
	char **v = NULL;
	*n = 0;
	ASSAY_GROW(v, alloc, 1);
	v[(*n)++] = assay_xstrdup("");
	for (size_t i = 0; i < m->nfiles; i++) {
		const char *path = m->files[i].cov->path;
		for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
			ASSAY_GROW(v, alloc, *n + 1);
			v[(*n)++] = assay_xstrndup(path, (size_t)(s - path));
		}
	}
	qsort(v, *n, sizeof(*v), cmp_str);
	size_t u = 0;
	for (size_t i = 0; i < *n; i++) {
		if (u && !strcmp(v[u - 1], v[i])) {
			free(v[i]);
			continue;
		}
		v[u++] = v[i];
	}
	*n = u;
	return v;
}

static char *dir_page(const char *dir)
{
	return *dir ? rep_page_name("d", dir, 0) : assay_xstrdup("d/root.html");
}

/*
 * A directory page's key: its directory and its rows, each what the row
 * shows.  A re-render after one file changed makes again only the pages of
 * the directories above it; the differential view's are always made.
 */
static uint64_t dir_key(const struct rep_ctx *c, const char *dir, const struct entry *e, size_t n)
{
	if (c->m->have_base)
		return 0;
	assay_buf k = ASSAY_BUF_INIT;
	rep_key_begin(&k, c);
	rep_key_str(&k, dir);
	rep_key_u64(&k, n);
	for (size_t i = 0; i < n; i++) {
		const struct totals *t = &e[i].t;
		rep_key_str(&k, e[i].name); /* its link follows from its name: "/" ends a directory's */
		uint64_t v[] = { t->hit[0], t->hit[1], t->hit[2], t->found[0], t->found[1], t->found[2], t->survived,
				 t->mutants, t->flaky, t->files };
		assay_buf_add(&k, v, sizeof(v));
	}
	return rep_key_end(&k);
}

/* The part of path below dir ("" for the top): NULL when path is not below it. */
static const char *below(const char *path, const char *dir)
{
	if (!*dir)
		return path;
	size_t n = strlen(dir);
	return !strncmp(path, dir, n) && path[n] == '/' ? path + n + 1 : NULL;
}

/* The first file (in path order) whose path is not below key: key "dir/" starts them, "dir0" ends them. */
static size_t first_from(const struct rep_model *m, const char *key, size_t klen)
{
	size_t lo = 0, hi = m->nfiles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strncmp(m->files[mid].cov->path, key, klen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The files below dir, [*lo, *hi) of the model's (in path order, those
 * that start with "dir/" are side by side): two searches where a pass over
 * every file for each directory was a tenth of a re-render.
 */
static void files_below(const struct rep_model *m, const char *dir, size_t *lo, size_t *hi)
{
	if (!*dir) {
		*lo = 0;
		*hi = m->nfiles;
		return;
	}
	size_t n = strlen(dir);
	char *key = assay_xmalloc(n + 2);
	memcpy(key, dir, n);
	key[n] = '/';
	key[n + 1] = 0;
	*lo = first_from(m, key, n + 1);
	key[n] = '/' + 1;
	*hi = first_from(m, key, n + 1);
	free(key);
}

/* The rows of dir's table: its subdirectories (those one level below, their files summed) and files, worst first. */
static struct entry *dir_entries(const struct rep_ctx *c, char **dirs, size_t ndirs, const char *dir, size_t *n)
{
	struct entry *e = NULL;
	size_t ae = 0;
	*n = 0;
	for (size_t k = 0; k < ndirs; k++) {
		const char *rest = below(dirs[k], dir);
		if (!rest || !*rest || strchr(rest, '/'))
			continue;
		ASSAY_GROW(e, ae, *n + 1);
		struct entry *x = &e[(*n)++];
		memset(x, 0, sizeof(*x));
		size_t lo, hi;
		files_below(c->m, dirs[k], &lo, &hi);
		for (size_t i = lo; i < hi; i++)
			add_file(&x->t, &c->m->files[i]);
		x->dir = dirs[k];
		x->name = x->owned = assay_xasprintf("%s/", rest);
	}
	size_t lo, hi;
	files_below(c->m, dir, &lo, &hi);
	for (size_t i = lo; i < hi; i++) {
		const char *rest = below(c->m->files[i].cov->path, dir);
		if (!rest || strchr(rest, '/'))
			continue;
		ASSAY_GROW(e, ae, *n + 1);
		struct entry *x = &e[(*n)++];
		memset(x, 0, sizeof(*x));
		add_file(&x->t, &c->m->files[i]);
		x->page = c->m->files[i].page;
		x->name = rest;
	}
	if (e)
		qsort(e, *n, sizeof(*e), entry_worst_first);
	return e;
}

static int write_dir(struct rep_ctx *c, const char *dir, const struct entry *e, size_t ne, assay_err *err)
{
	char *rel = dir_page(dir);
	uint64_t key = dir_key(c, dir, e, ne);
	if (key && rep_site_keep(c->site, (const char *const *)&rel, 1, key)) {
		free(rel);
		return 0;
	}
	struct rep_page p;
	rep_page_begin(&p, "../", c->title, *dir ? dir : "All files", "d/root.html");
	if (*dir) {
		/* the way up: each parent a link */
		assay_buf_adds(&p.b, "<p class=crumbs><a href=\"root.html\">top</a>");
		for (const char *s = strchr(dir, '/'); s; s = strchr(s + 1, '/')) {
			char *parent = assay_xstrndup(dir, (size_t)(s - dir));
			char *pp = dir_page(parent);
			assay_buf_addf(&p.b, " / <a href=\"../%s\">", pp);
			rep_text(&p.b, strrchr(parent, '/') ? strrchr(parent, '/') + 1 : parent);
			assay_buf_adds(&p.b, "</a>");
			free(pp);
			free(parent);
		}
		assay_buf_adds(&p.b, "</p>\n");
	}
	table_head(&p.b, "Name", c->m->have_base);
	assay_buf shown = ASSAY_BUF_INIT, href = ASSAY_BUF_INIT;
	for (size_t k = 0; k < ne; k++) {
		char *sub = e[k].dir ? dir_page(e[k].dir) : NULL;
		assay_buf_reset(&href);
		assay_buf_adds(&href, "../");
		assay_buf_adds(&href, sub ? sub : e[k].page);
		free(sub);
		row(c, &p.b, &shown, href.buf, e[k].name, &e[k].t);
	}
	assay_buf_release(&href);
	assay_buf_release(&shown);
	assay_buf_adds(&p.b, "</tbody></table>\n");
	int rc = rep_emit_keyed(c, &p, rel, key, err);
	free(rel);
	return rc;
}

int rep_write_dirs(struct rep_ctx *c, assay_err *err)
{
	size_t ndirs;
	char **dirs = directories(c->m, &ndirs);
	int rc = 0;
	for (size_t d = 0; d < ndirs && rc == 0; d++) {
		size_t ne;
		struct entry *e = dir_entries(c, dirs, ndirs, dirs[d], &ne);
		rc = write_dir(c, dirs[d], e, ne, err);
		for (size_t k = 0; k < ne; k++)
			free(e[k].owned);
		free(e);
	}
	for (size_t d = 0; d < ndirs; d++)
		free(dirs[d]);
	free(dirs);
	return rc;
}
