/* SPDX-License-Identifier: MIT */
/*
 * JUnit XML in its common dialects, streamed through libxml2's push
 * parser (lib/xml_push.c) so that memory stays bounded whatever the
 * file's size: nothing is kept between test cases but the names of the
 * testsuites around the current one, and a test case's strings live in
 * buffers reused from one test case to the next (each text capped at
 * output_cap).  The parser calls back for each element and piece of
 * text; struct junit remembers where in a test case it is (enum mode).
 *
 * What is counted: every <testcase> element is one test; its outcome
 * comes from its children (<error>, <failure>, <skipped>: the worst one
 * wins, several of one kind are one result with their messages joined) and,
 * when it has none, from a status attribute (Google Test's
 * status="notrun" / result="skipped", ctest's status="disabled").  The
 * totals a producer writes into <testsuite tests= failures= ...> are not
 * what is counted: they count different things in different dialects
 * (doctest counts failed assertions, gotestsum a package that did not
 * build).  But a suite whose totals disagree with its test cases may have
 * lost some (a runner that crashed mid-write, a converter that drops
 * cases), so each disagreement is reported (on_mismatch): the test cases
 * are counted by the children they have as written (<error>, <failure>,
 * <skipped>, before the decisions below), the last attempt of each; a
 * suite agrees when its totals are those of all the test cases inside it,
 * or of its own test cases only (mocha counts so).
 *
 * Decisions where a producer's own summary and its XML part ways (checked
 * against ../shared/fixtures/junit):
 *  - doctest 2.4.9 prints "test cases: 8 | 4 passed | 4 failed | 1 skipped"
 *    but its XML cannot say that: each subcase is its own <testcase>, a
 *    test skipped with skip() is left out, a timeout is not marked, and
 *    may_fail / should_fail / expected_failures tests still carry their
 *    <failure>s.  Its XML says tests="9" errors="1": Assay reads the 9
 *    test cases as written (3 pass, 5 fail, 1 error), one result per test
 *    case however many assertions failed in it.
 *  - unittest-xml-reporting writes an expected failure as
 *    <skipped type="XFAIL"> (kept: skip, as pytest's xfail) and an
 *    unexpected success as <error type="UnexpectedSuccess">.  unittest
 *    itself does not count the latter among its errors ("errors 1"), but
 *    it makes the run unsuccessful: Assay records it as fail.
 *  - ctest --output-junit: see ctest_not_run() below.
 *  - gotestsum's "DONE 14 tests, ..., 1 error" counts a package that did
 *    not build; no <testcase> stands for it (only errors="1" on the root),
 *    so the 14 test cases are what Assay records.
 *
 * Reruns (Maven Surefire) become attempts of one test:
 *  - <flakyFailure>/<flakyError>: failed attempts of a test that then
 *    passed: attempts 1..k fail (final=0), then the test case's own
 *    outcome as attempt k+1 (final=1).
 *  - <rerunFailure>/<rerunError>: reruns of a test that kept failing: the
 *    test case's own <failure>/<error> is attempt 1, each rerun the next
 *    one, the last final.  Each attempt is reported as soon as a later one
 *    shows up, so a thousand reruns cost no more memory than one.
 */
#include "parsers.h"
#include "buf.h"
#include "mem.h"
#include "xml.h"

#include <jansson.h>
#include <stdint.h>
#include <string.h>

/* A text kept up to a cap, cut at a UTF-8 character boundary. */
struct capbuf {
	assay_buf b;
	int full;
};

/* One attempt of a test case, as far as it has been read. */
struct rec {
	enum assay_status status; /* the worst child decides (rank_of) */
	enum assay_status raw;    /* the same, as the children say before any decision: for the totals */
	struct capbuf msg, out, err;
	assay_buf type, file;
	long line;
	int64_t duration_us;
};

/* A suite's totals: tests, failures, errors, skipped. */
enum { T_TESTS, T_FAILURES, T_ERRORS, T_SKIPPED, NTOTALS };

struct suite {
	size_t off; /* of its name in junit.suite_names */
	int depth;
	int collection;         /* a <testsuites>: counted, but names no test's suite */
	long line;              /* of its start tag */
	long declared[NTOTALS]; /* -1: not declared */
	long own[NTOTALS];      /* its own test cases */
	long all[NTOTALS];      /* every test case inside it */
};

/* Where the parser is, as far as a test case goes. */
enum mode {
	M_OUTSIDE,        /* not in a test case */
	M_CASE,           /* in a test case, between its children */
	M_IGNORED,        /* in a child of the test case that says nothing of it (<properties>) */
	M_OUTPUT,         /* in a <system-out> / <system-err> of the test case */
	M_PROBLEM,        /* in a <failure>-like child: its text is the message, unless
			     an attribute gave one; text in elements inside it too */
	M_PROBLEM_OUTPUT, /* in a <system-out> / <system-err> inside that (Surefire nests them) */
};

struct junit {
	assay_xml *x;
	assay_input *in;
	size_t cap;
	assay_result_cb cb;
	void *ud;
	const struct assay_junit_opts *opts;
	assay_err *err;
	enum mode mode;
	struct capbuf *into; /* where text goes now, or NULL */
	/* the testsuites around the current node, innermost last */
	assay_buf suite_names; /* NUL-separated */
	struct suite *suites;
	size_t nsuites, suites_alloc;
	/* the test case being read, at case_depth */
	int case_depth;
	assay_buf name, classname, file, status_attr, result_attr;
	assay_buf num; /* a numeric attribute, NUL-terminated for the parsers */
	long line;
	int attempts;     /* attempts reported so far */
	int primary_sent; /* its own outcome went out as attempt 1: reruns follow */
	int rerun_held;   /* rerun holds an attempt not yet reported */
	struct rec primary, rerun, flaky;
	/* the failure-like child being read: for which attempt, what it says */
	struct rec *prob;
	enum assay_status prob_status, prob_raw;
	struct capbuf *prob_text; /* where its text goes: &a_msg, or NULL */
	int output_depth;         /* of the <system-out> / <system-err> inside it */
	/* the attributes of one failure-like element */
	struct capbuf a_msg;
	assay_buf a_type, a_file;
	long a_line;
	int64_t a_duration;
};

enum kind {
	K_OTHER,
	K_FAILURE,
	K_ERROR,
	K_SKIPPED,
	K_FLAKY_FAILURE,
	K_FLAKY_ERROR,
	K_RERUN_FAILURE,
	K_RERUN_ERROR,
	K_SYSTEM_OUT,
	K_SYSTEM_ERR,
};

static const struct {
	const char *name;
	enum kind kind;
} kinds[] = {
	{ "failure", K_FAILURE },
	{ "error", K_ERROR },
	{ "skipped", K_SKIPPED },
	{ "system-out", K_SYSTEM_OUT },
	{ "system-err", K_SYSTEM_ERR },
	{ "flakyFailure", K_FLAKY_FAILURE },
	{ "flakyError", K_FLAKY_ERROR },
	{ "rerunFailure", K_RERUN_FAILURE },
	{ "rerunError", K_RERUN_ERROR },
};

static enum kind kind_of(const char *name)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(name, kinds[i].name))
			return kinds[i].kind;
	return K_OTHER;
}

/* How bad: 0 pass, 1 skip, 2 fail, 3 error. */
static int rank_of(enum assay_status s)
{
	switch (s) {
	case ASSAY_PASS:
		return 0;
	case ASSAY_SKIP:
		return 1;
	case ASSAY_FAIL:
		return 2;
	case ASSAY_ERROR:
		return 3;
	}
	return 3;
}

/* ---- small text helpers ---- */

static void cap_reset(struct capbuf *c)
{
	assay_buf_reset(&c->b);
	c->full = 0;
}

static void cap_add(struct capbuf *c, const char *s, size_t n, size_t cap)
{
	if (c->full || !n)
		return;
	if (c->b.len + n > cap) {
		size_t k = cap - c->b.len;
		/* never keep half of a UTF-8 character */
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		n = k;
		c->full = 1;
	}
	assay_buf_add(&c->b, s, n);
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Messages are one-line summaries at heart: no surrounding whitespace. */
static void cap_trim(struct capbuf *c)
{
	size_t a = 0, z = c->b.len;
	while (z > 0 && is_ws(c->b.buf[z - 1]))
		z--;
	while (a < z && is_ws(c->b.buf[a]))
		a++;
	if (a)
		memmove(c->b.buf, c->b.buf + a, z - a);
	assay_buf_setlen(&c->b, z - a);
}

static void set_strn(assay_buf *b, const char *s, size_t n)
{
	assay_buf_reset(b);
	assay_buf_add(b, s, n);
}

/* An attribute's value NUL-terminated (in j->num), for the number parsers. */
static const char *num_value(struct junit *j, const assay_xml_attribute *a)
{
	set_strn(&j->num, a->value, a->len);
	return j->num.buf;
}

static const char *or_null(const assay_buf *b)
{
	return b->len ? b->buf : NULL;
}

static long parse_line(const char *s)
{
	long v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > 100000000)
			return 0;
		v = v * 10 + (*s - '0');
	}
	return *s ? 0 : v;
}

/* ---- durations ---- */

/* Scale of a unit after the number, as a power of ten of microseconds and a factor. */
static int unit_scale(const char *u, int *pow10, int64_t *mult)
{
	static const struct {
		const char *name;
		int pow10;
		int64_t mult;
	} units[] = {
		{ "", 6, 1 },   { "s", 6, 1 },      { "sec", 6, 1 },   { "secs", 6, 1 },
		{ "ms", 3, 1 }, { "msec", 3, 1 },   { "us", 0, 1 },    { "\xc2\xb5s", 0, 1 },
		{ "\xce\xbcs", 0, 1 },              { "ns", -3, 1 },   { "m", 6, 60 },
		{ "min", 6, 60 },                   { "h", 6, 3600 },
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(u, units[i].name)) {
			*pow10 = units[i].pow10;
			*mult = units[i].mult;
			return 0;
		}
	return -1;
}

/*
 * Which of '.' and ',' is the decimal separator in s[0..n): the one that
 * comes last, unless it comes more than once (then both are grouping).
 * A lone comma is a decimal comma: "0,5" and "1,234" (1.234 s) come from
 * locales that write decimals so, while a single test running 1234 s is
 * rarer; "1,234.5" and "1.234,5" say which is which.
 */
static char decimal_sep(const char *s, size_t n)
{
	int dots = 0, commas = 0;
	char last = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.' || s[i] == ',') {
			dots += s[i] == '.';
			commas += s[i] == ',';
			last = s[i];
		}
	}
	if ((last == '.' && dots > 1) || (last == ',' && commas > 1))
		return 0;
	return last;
}

/* m * 10^e, rounded half up, or -1 when it does not fit. */
static int64_t scale10(uint64_t m, int e)
{
	if (m == 0)
		return 0;
	for (; e > 0; e--) {
		if (m > (uint64_t)INT64_MAX / 10)
			return -1;
		m *= 10;
	}
	if (e < 0) {
		if (e < -19)
			return 0;
		uint64_t p = 1;
		for (; e < 0; e++)
			p *= 10;
		uint64_t q = m / p, r = m % p;
		m = q + (r >= p - r);
	}
	return m > (uint64_t)INT64_MAX ? -1 : (int64_t)m;
}

/*
 * A duration as producers write it, in microseconds; -1 when missing or
 * unreadable.  Seconds unless a unit follows: "0.001", "1e-05", "1,234.5",
 * "0,5", "12ms", "1.5 s", "250us", "2min".  Parsed by hand, not by strtod,
 * so that the process's locale cannot change the result.
 */
static int64_t parse_duration(const char *s)
{
	while (is_ws(*s))
		s++;
	if (*s == '+')
		s++;
	size_t n = strspn(s, "0123456789.,");
	char dec = decimal_sep(s, n);
	uint64_t m = 0;
	int e = 0, digits = 0, in_frac = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.' || s[i] == ',') {
			in_frac |= s[i] == dec;
			continue;
		}
		digits++;
		if (m < 100000000000000000ULL) {
			m = m * 10 + (uint64_t)(s[i] - '0');
			e -= in_frac;
		} else {
			e += !in_frac; /* too many digits to keep: only their magnitude counts */
		}
	}
	if (!digits)
		return -1;
	s += n;
	if ((*s == 'e' || *s == 'E') && (s[1] == '-' || s[1] == '+' || (s[1] >= '0' && s[1] <= '9'))) {
		int neg = s[1] == '-', x = 0;
		s += 1 + (s[1] == '-' || s[1] == '+');
		if (!(*s >= '0' && *s <= '9'))
			return -1;
		for (; *s >= '0' && *s <= '9'; s++)
			if (x < 1000)
				x = x * 10 + (*s - '0');
		e += neg ? -x : x;
	}
	while (is_ws(*s))
		s++;
	char unit[8];
	size_t k = strcspn(s, " \t\r\n");
	if (k >= sizeof(unit))
		return -1;
	memcpy(unit, s, k);
	unit[k] = '\0';
	for (s += k; is_ws(*s); s++)
		;
	int p10;
	int64_t mult;
	if (*s || unit_scale(unit, &p10, &mult) < 0)
		return -1;
	int64_t us = scale10(m, e + p10);
	if (us < 0 || us > INT64_MAX / mult)
		return -1;
	return us * mult;
}

/* ---- the testsuite stack ---- */

/*
 * unittest-xml-reporting names a suite "module.Class-20261123131008": a
 * timestamp that would make every run's tests new ones.  Drop it.
 */
static size_t suite_name_len(const char *s, size_t n)
{
	if (n < 16 || s[n - 15] != '-')
		return n;
	for (size_t i = n - 14; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return n;
	return n - 15;
}

/* A declared total: a count, else -1 (absent or not a number). */
static long parse_total(const char *s)
{
	if (!*s)
		return -1;
	long v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > 1000000000L)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return *s ? -1 : v;
}

static int total_of(const char *attr)
{
	static const char *const names[] = { "tests", "failures", "errors", "skipped", "skip" };
	for (int k = 0; k < 5; k++)
		if (!strcmp(attr, names[k]))
			return k < NTOTALS ? k : T_SKIPPED; /* nose writes skip= */
	return -1;
}

static void push_suite(struct junit *j, int depth, int collection, const assay_xml_attribute *a,
		       size_t na)
{
	ASSAY_GROW(j->suites, j->suites_alloc, j->nsuites + 1);
	struct suite *su = &j->suites[j->nsuites++];
	memset(su, 0, sizeof(*su));
	su->off = j->suite_names.len;
	su->depth = depth;
	su->collection = collection;
	su->line = assay_xml_line(j->x);
	for (int k = 0; k < NTOTALS; k++)
		su->declared[k] = -1;
	int named = 0;
	for (size_t i = 0; i < na; i++) {
		int k;
		if (!named && !strcmp(a[i].name, "name")) {
			assay_buf_add(&j->suite_names, a[i].value, suite_name_len(a[i].value, a[i].len));
			named = 1;
		} else if ((k = total_of(a[i].name)) >= 0 && su->declared[k] < 0) {
			su->declared[k] = parse_total(num_value(j, &a[i]));
		}
	}
	assay_buf_addc(&j->suite_names, '\0');
}

/* One test case more in every suite around it, by the status its children give its last attempt. */
static void count_case(struct junit *j, enum assay_status raw)
{
	int k = raw == ASSAY_FAIL ? T_FAILURES : raw == ASSAY_ERROR ? T_ERRORS
		: raw == ASSAY_SKIP ? T_SKIPPED : -1;
	for (size_t i = 0; i < j->nsuites; i++) {
		struct suite *su = &j->suites[i];
		su->all[T_TESTS]++;
		if (k >= 0)
			su->all[k]++;
		if (i + 1 == j->nsuites) {
			su->own[T_TESTS]++;
			if (k >= 0)
				su->own[k]++;
		}
	}
}

static int agrees(const struct suite *su, const long *held)
{
	for (int k = 0; k < NTOTALS; k++)
		if (su->declared[k] >= 0 && su->declared[k] != held[k])
			return 0;
	return 1;
}

/* Control bytes of a name show as '?' in a message: it may be printed on a terminal. */
static void add_shown(assay_buf *b, const char *s)
{
	for (; *s; s++)
		assay_buf_addc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s);
}

/* The suite closing: say so if what it declares is neither what it holds nor what its own cases are. */
static int check_totals(struct junit *j, const struct suite *su, const char *name)
{
	static const char *const names[] = { "tests", "failures", "errors", "skipped" };
	if (!j->opts || !j->opts->on_mismatch || agrees(su, su->all) || agrees(su, su->own))
		return 0;
	assay_buf msg = ASSAY_BUF_INIT;
	/* the detail is a JSON document for a gate to read: built by jansson, as formats' others are */
	json_t *detail = json_object();
	assay_buf_addf(&msg, "%s:%ld: %s ", assay_input_name(j->in), su->line,
		       su->collection ? "testsuites" : "testsuite");
	if (*name) {
		assay_buf_addc(&msg, '\'');
		add_shown(&msg, name);
		assay_buf_addc(&msg, '\'');
	} else {
		assay_buf_adds(&msg, "(no name)");
	}
	assay_buf_adds(&msg, " declares");
	for (int pass = 0; pass < 2; pass++) {
		if (pass)
			assay_buf_adds(&msg, ", its test cases");
		json_t *counts = json_object();
		json_object_set_new(detail, pass ? "held" : "declared", counts);
		for (int k = 0; k < NTOTALS; k++) {
			if (su->declared[k] < 0)
				continue;
			long v = pass ? su->all[k] : su->declared[k];
			assay_buf_addf(&msg, " %s=%ld", names[k], v);
			json_object_set_new(counts, names[k], json_integer(v));
		}
	}
	assay_buf_adds(&msg, ": stored as the test cases say");
	char *text = assay_xcheck(json_dumps(detail, JSON_COMPACT | JSON_PRESERVE_ORDER));
	json_decref(detail);
	struct assay_junit_mismatch m = {
		.input = assay_input_name(j->in), .line = su->line, .suite = name,
		.message = msg.buf, .detail = text,
	};
	int rc = j->opts->on_mismatch(j->opts->mismatch_ud, &m, j->err);
	assay_buf_release(&msg);
	free(text);
	return rc < 0 ? rc : 0;
}

static int pop_suite(struct junit *j)
{
	struct suite *su = &j->suites[j->nsuites - 1];
	int rc = check_totals(j, su, j->suite_names.buf + su->off);
	j->nsuites--;
	assay_buf_setlen(&j->suite_names, su->off);
	return rc;
}

/* The innermost <testsuite>'s name: a <testsuites> names no test's suite. */
static const char *suite_name(const struct junit *j)
{
	for (size_t i = j->nsuites; i-- > 0;)
		if (!j->suites[i].collection)
			return j->suite_names.buf + j->suites[i].off;
	return "";
}

/* ---- reporting ---- */

static void rec_reset(struct rec *r)
{
	r->status = ASSAY_PASS;
	r->raw = ASSAY_PASS;
	cap_reset(&r->msg);
	cap_reset(&r->out);
	cap_reset(&r->err);
	assay_buf_reset(&r->type);
	assay_buf_reset(&r->file);
	r->line = 0;
	r->duration_us = -1;
}

static void rec_release(struct rec *r)
{
	assay_buf_release(&r->msg.b);
	assay_buf_release(&r->out.b);
	assay_buf_release(&r->err.b);
	assay_buf_release(&r->type);
	assay_buf_release(&r->file);
}

static int report(struct junit *j, const struct rec *r, int final)
{
	/* file and line go together: the test case's, else the failure's */
	int own = j->file.len || j->line;
	assay_result res = {
		.suite = suite_name(j),
		.classname = j->classname.buf,
		.name = j->name.buf,
		.file = own ? or_null(&j->file) : or_null(&r->file),
		.line = own ? j->line : r->line,
		.status = r->status,
		.attempt = ++j->attempts,
		.final = final,
		.duration_us = r->duration_us,
		.message = or_null(&r->msg.b),
		.type = or_null(&r->type),
		.system_out = or_null(&r->out.b),
		.system_err = or_null(&r->err.b),
	};
	int rc = j->cb(j->ud, &res, j->err);
	return rc < 0 ? rc : 0;
}

/* ---- failure-like elements ---- */

/* Keep the attributes of a <failure>-like element in j->a_*; 1 when it has a message. */
static int read_problem_attrs(struct junit *j, const assay_xml_attribute *a, size_t na)
{
	int have_msg = 0;
	cap_reset(&j->a_msg);
	assay_buf_reset(&j->a_type);
	assay_buf_reset(&j->a_file);
	j->a_line = 0;
	j->a_duration = -1;
	for (size_t i = 0; i < na; i++) {
		const char *n = a[i].name;
		if (!strcmp(n, "message")) {
			const char *v = a[i].value;
			size_t len = a[i].len;
			for (; len && is_ws(*v); len--)
				v++;
			cap_add(&j->a_msg, v, len, j->cap);
			cap_trim(&j->a_msg);
			have_msg = j->a_msg.b.len > 0;
		} else if (!strcmp(n, "type")) {
			set_strn(&j->a_type, a[i].value, a[i].len);
		} else if (!strcmp(n, "file")) {
			set_strn(&j->a_file, a[i].value, a[i].len);
		} else if (!strcmp(n, "line")) {
			j->a_line = parse_line(num_value(j, &a[i]));
		} else if (!strcmp(n, "time")) {
			j->a_duration = parse_duration(num_value(j, &a[i]));
		}
	}
	return have_msg;
}

/* Merge what the element just read says into r: the worst outcome wins. */
static void merge_problem(struct junit *j, struct rec *r, enum assay_status st)
{
	if (rank_of(j->prob_raw) > rank_of(r->raw))
		r->raw = j->prob_raw;
	int rank = rank_of(st), had = rank_of(r->status);
	if (rank > had) {
		had = rank;
		r->status = st;
		cap_reset(&r->msg);
		assay_buf_reset(&r->type);
	}
	if (rank == had && j->a_msg.b.len) {
		/* joined by newlines; a separator with no room after it is left out */
		if (r->msg.b.len && r->msg.b.len + 1 >= j->cap)
			r->msg.full = 1;
		else if (r->msg.b.len)
			cap_add(&r->msg, "\n", 1, j->cap);
		cap_add(&r->msg, j->a_msg.b.buf, j->a_msg.b.len, j->cap);
	}
	if (rank == had && !r->type.len && j->a_type.len)
		assay_buf_add(&r->type, j->a_type.buf, j->a_type.len);
	if (!r->file.len && !r->line && (j->a_file.len || j->a_line)) {
		assay_buf_add(&r->file, j->a_file.buf, j->a_file.len);
		r->line = j->a_line;
	}
}

/*
 * A <failure>, <error> or <skipped> (or a Surefire rerun/flaky element)
 * opens, for the attempt r: its message is the message attribute, or
 * else its text, read until it closes (end_problem).
 */
static void begin_problem(struct junit *j, struct rec *r, enum assay_status st,
			  const assay_xml_attribute *a, size_t na)
{
	int have_msg = read_problem_attrs(j, a, na);
	j->prob_raw = st;
	/*
	 * unittest's unexpected success: not an error of the test's code, but
	 * a broken promise that it would fail (see the top of this file).
	 */
	if (st == ASSAY_ERROR && !strcmp(j->a_type.buf, "UnexpectedSuccess"))
		st = ASSAY_FAIL;
	j->prob = r;
	j->prob_status = st;
	j->prob_text = have_msg ? NULL : &j->a_msg;
	j->into = j->prob_text;
	j->mode = M_PROBLEM;
}

static int end_problem(struct junit *j)
{
	struct rec *r = j->prob;
	if (j->prob_text)
		cap_trim(&j->a_msg);
	if (j->a_duration >= 0 && r->duration_us < 0)
		r->duration_us = j->a_duration;
	merge_problem(j, r, j->prob_status);
	return r == &j->flaky ? report(j, &j->flaky, 0) : 0;
}

/* ---- test cases ---- */

/* Keep the test case's attributes (its time goes to the primary attempt). */
static void read_testcase_attrs(struct junit *j, const assay_xml_attribute *a, size_t na)
{
	assay_buf_reset(&j->name);
	assay_buf_reset(&j->classname);
	assay_buf_reset(&j->file);
	assay_buf_reset(&j->status_attr);
	assay_buf_reset(&j->result_attr);
	j->line = 0;
	for (size_t i = 0; i < na; i++) {
		const char *n = a[i].name;
		switch (n[0]) {
		case 'c':
			if (!strcmp(n, "classname"))
				set_strn(&j->classname, a[i].value, a[i].len);
			break;
		case 'f':
			if (!strcmp(n, "file"))
				set_strn(&j->file, a[i].value, a[i].len);
			break;
		case 'l':
			if (!strcmp(n, "line"))
				j->line = parse_line(num_value(j, &a[i]));
			break;
		case 'n':
			if (!strcmp(n, "name"))
				set_strn(&j->name, a[i].value, a[i].len);
			break;
		case 'r':
			if (!strcmp(n, "result"))
				set_strn(&j->result_attr, a[i].value, a[i].len);
			break;
		case 's':
			if (!strcmp(n, "status"))
				set_strn(&j->status_attr, a[i].value, a[i].len);
			break;
		case 't':
			if (!strcmp(n, "time"))
				j->primary.duration_us = parse_duration(num_value(j, &a[i]));
			break;
		default:
			break;
		}
	}
}

/*
 * A test case with no outcome child may still say it did not run:
 * Google Test status="notrun" or result="skipped"/"suppressed", ctest
 * status="notrun"/"disabled", and "fail"/"error" from writers that use
 * only the attribute.
 */
static int may_say_not_passed(const char *v)
{
	return *v && strchr("ndsfe", *v);
}

static void status_from_attrs(struct junit *j)
{
	static const struct {
		const char *value;
		enum assay_status st;
	} words[] = {
		{ "notrun", ASSAY_SKIP }, { "disabled", ASSAY_SKIP }, { "skipped", ASSAY_SKIP },
		{ "skip", ASSAY_SKIP },   { "suppressed", ASSAY_SKIP }, { "fail", ASSAY_FAIL },
		{ "failed", ASSAY_FAIL }, { "failure", ASSAY_FAIL },   { "error", ASSAY_ERROR },
	};
	/* the common case, quickly: no attribute, or "run" / "completed" */
	if (!may_say_not_passed(j->status_attr.buf) && !may_say_not_passed(j->result_attr.buf))
		return;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (!strcmp(j->status_attr.buf, words[i].value) ||
		    !strcmp(j->result_attr.buf, words[i].value)) {
			j->primary.status = words[i].st;
			return;
		}
	}
}

/*
 * ctest writes every test it did not run as status="notrun" with a
 * <skipped message="why"/>, but counts only two reasons as skips
 * (SKIP_RETURN_CODE=N, SKIP_REGULAR_EXPRESSION_MATCHED); the others
 * ("Unable to find executable", "Required Files Missing", "Fixture
 * dependency failed") it reports as FAILED: the test could not run, an
 * error.  No other producer puts a <skipped> under status="notrun".
 */
static int ctest_not_run(const struct junit *j)
{
	const char *m = j->primary.msg.b.buf;
	return j->primary.status == ASSAY_SKIP && !strcmp(j->status_attr.buf, "notrun") &&
	       strncmp(m, "SKIP_RETURN_CODE=", 17) && strcmp(m, "SKIP_REGULAR_EXPRESSION_MATCHED");
}

/* Where output and outcome children of the test case go: reruns take over from the first. */
static struct rec *current(struct junit *j)
{
	return j->primary_sent ? &j->rerun : &j->primary;
}

/* A rerun opens: the attempt before it goes out now, so a thousand reruns cost no more than one. */
static int begin_rerun(struct junit *j)
{
	int rc = 0;
	if (!j->primary_sent) {
		rc = report(j, &j->primary, 0);
		j->primary_sent = 1;
	} else if (j->rerun_held) {
		rc = report(j, &j->rerun, 0);
	}
	rec_reset(&j->rerun);
	j->rerun_held = 1;
	return rc;
}

/* A child of the test case opens. */
static int on_child(struct junit *j, enum kind k, const assay_xml_attribute *a, size_t na)
{
	static const enum assay_status status_of[] = {
		[K_FAILURE] = ASSAY_FAIL,       [K_ERROR] = ASSAY_ERROR,
		[K_SKIPPED] = ASSAY_SKIP,       [K_FLAKY_FAILURE] = ASSAY_FAIL,
		[K_FLAKY_ERROR] = ASSAY_ERROR,  [K_RERUN_FAILURE] = ASSAY_FAIL,
		[K_RERUN_ERROR] = ASSAY_ERROR,
	};
	int rc = 0;
	switch (k) {
	case K_FAILURE:
	case K_ERROR:
	case K_SKIPPED:
		begin_problem(j, current(j), status_of[k], a, na);
		break;
	case K_FLAKY_FAILURE:
	case K_FLAKY_ERROR:
		rec_reset(&j->flaky);
		begin_problem(j, &j->flaky, status_of[k], a, na);
		break;
	case K_RERUN_FAILURE:
	case K_RERUN_ERROR:
		rc = begin_rerun(j);
		begin_problem(j, &j->rerun, status_of[k], a, na);
		break;
	case K_SYSTEM_OUT:
	case K_SYSTEM_ERR:
		j->mode = M_OUTPUT;
		j->into = k == K_SYSTEM_OUT ? &current(j)->out : &current(j)->err;
		break;
	case K_OTHER:
		j->mode = M_IGNORED;
		break;
	}
	return rc;
}

static void begin_testcase(struct junit *j, int depth, const assay_xml_attribute *a, size_t na)
{
	rec_reset(&j->primary);
	j->attempts = 0;
	j->primary_sent = 0;
	j->rerun_held = 0;
	read_testcase_attrs(j, a, na);
	j->case_depth = depth;
	j->mode = M_CASE;
}

/* The test case closes: report its last attempt. */
static int end_testcase(struct junit *j)
{
	j->mode = M_OUTSIDE;
	count_case(j, j->rerun_held ? j->rerun.raw : j->primary.raw);
	if (j->rerun_held)
		return report(j, &j->rerun, 1);
	if (rank_of(j->primary.status) == 0)
		status_from_attrs(j);
	else if (ctest_not_run(j))
		j->primary.status = ASSAY_ERROR;
	return report(j, &j->primary, 1);
}

/* ---- the parser's events ---- */

static int not_junit(struct junit *j, const char *root)
{
	return assay_err_at(j->err, ASSAY_EINPUT, assay_input_name(j->in), assay_xml_line(j->x),
			    "not JUnit XML: the root element is <%s>, not <testsuites> or <testsuite>",
			    root);
}

static int on_start(void *ud, const char *name, int depth, const assay_xml_attribute *a, size_t na)
{
	struct junit *j = ud;
	switch (j->mode) {
	case M_OUTSIDE:
		if (depth == 0 && strcmp(name, "testsuites") && strcmp(name, "testsuite"))
			return not_junit(j, name);
		if (!strcmp(name, "testcase"))
			begin_testcase(j, depth, a, na);
		else if (!strcmp(name, "testsuite"))
			push_suite(j, depth, 0, a, na);
		else if (!strcmp(name, "testsuites"))
			push_suite(j, depth, 1, a, na);
		return 0;
	case M_CASE:
		/* only the test case's own children count; what is inside them is not looked at */
		return on_child(j, kind_of(name), a, na);
	case M_PROBLEM: {
		enum kind k = kind_of(name);
		if (k == K_SYSTEM_OUT || k == K_SYSTEM_ERR) {
			j->mode = M_PROBLEM_OUTPUT;
			j->output_depth = depth;
			j->into = k == K_SYSTEM_OUT ? &j->prob->out : &j->prob->err;
		}
		return 0;
	}
	case M_IGNORED:
	case M_OUTPUT:
	case M_PROBLEM_OUTPUT:
		break;
	}
	return 0;
}

static int on_end(void *ud, const char *name, int depth)
{
	struct junit *j = ud;
	(void)name;
	switch (j->mode) {
	case M_OUTSIDE:
		if (j->nsuites && j->suites[j->nsuites - 1].depth == depth)
			return pop_suite(j);
		return 0;
	case M_CASE:
		return end_testcase(j);
	case M_IGNORED:
	case M_OUTPUT:
	case M_PROBLEM:
		if (depth == j->case_depth + 1) {
			int problem = j->mode == M_PROBLEM;
			j->mode = M_CASE;
			j->into = NULL;
			return problem ? end_problem(j) : 0;
		}
		return 0;
	case M_PROBLEM_OUTPUT:
		if (depth == j->output_depth) {
			j->mode = M_PROBLEM;
			j->into = j->prob_text;
		}
		return 0;
	}
	return 0;
}

static int on_text(void *ud, const char *s, size_t n)
{
	struct junit *j = ud;
	struct capbuf *into = j->into;
	if (!into)
		return 0;
	/* a message is trimmed in the end: leading blanks must not use up its cap */
	if (into == &j->a_msg && !into->b.len)
		for (; n && is_ws(*s); n--)
			s++;
	cap_add(into, s, n, j->cap);
	return 0;
}

static void rec_init(struct rec *r)
{
	assay_buf_init(&r->msg.b);
	assay_buf_init(&r->out.b);
	assay_buf_init(&r->err.b);
	assay_buf_init(&r->type);
	assay_buf_init(&r->file);
	rec_reset(r);
}

static void junit_init(struct junit *j)
{
	memset(j, 0, sizeof(*j));
	assay_buf_init(&j->suite_names);
	assay_buf_init(&j->name);
	assay_buf_init(&j->classname);
	assay_buf_init(&j->file);
	assay_buf_init(&j->status_attr);
	assay_buf_init(&j->result_attr);
	assay_buf_init(&j->num);
	assay_buf_init(&j->a_msg.b);
	assay_buf_init(&j->a_type);
	assay_buf_init(&j->a_file);
	rec_init(&j->primary);
	rec_init(&j->rerun);
	rec_init(&j->flaky);
}

static void junit_release(struct junit *j)
{
	assay_xml_free(j->x);
	rec_release(&j->primary);
	rec_release(&j->rerun);
	rec_release(&j->flaky);
	assay_buf_release(&j->suite_names);
	assay_buf_release(&j->name);
	assay_buf_release(&j->classname);
	assay_buf_release(&j->file);
	assay_buf_release(&j->status_attr);
	assay_buf_release(&j->result_attr);
	assay_buf_release(&j->num);
	assay_buf_release(&j->a_msg.b);
	assay_buf_release(&j->a_type);
	assay_buf_release(&j->a_file);
	free(j->suites);
}

int assay_junit_parse(assay_input *in, const struct assay_junit_opts *o, assay_result_cb cb,
		      void *ud, assay_err *err)
{
	static const struct assay_xml_handler handler = { on_start, on_end, on_text };
	struct junit j;
	junit_init(&j);
	j.in = in;
	j.cap = o ? o->output_cap : ASSAY_JUNIT_OUTPUT_CAP_DEFAULT;
	j.cb = cb;
	j.ud = ud;
	j.opts = o;
	j.err = err;
	int rc = assay_xml_open(&j.x, in, ASSAY_XML_MULTIROOT, err);
	if (rc == 0)
		rc = assay_xml_push(j.x, &handler, &j, err);
	junit_release(&j);
	return rc;
}
