/* SPDX-License-Identifier: MIT */
#include "options.h"
#include "mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void assay_strlist_push(struct assay_strlist *l, const char *s)
{
	ASSAY_GROW(l->items, l->alloc, l->n + 1);
	l->items[l->n++] = s;
}

void assay_strlist_release(struct assay_strlist *l)
{
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static int takes_arg(const struct assay_option *o)
{
	return o->type == ASSAY_OPTION_STRING || o->type == ASSAY_OPTION_INT ||
	       o->type == ASSAY_OPTION_DOUBLE || o->type == ASSAY_OPTION_LIST;
}

static int set_value(const struct assay_option *o, const char *arg, int negate,
		     const char *spelled, assay_err *err)
{
	char *end;
	switch (o->type) {
	case ASSAY_OPTION_BOOL:
		*(int *)o->value = !negate;
		return 0;
	case ASSAY_OPTION_COUNT:
		(*(int *)o->value)++;
		return 0;
	case ASSAY_OPTION_STRING:
		*(const char **)o->value = arg;
		return 0;
	case ASSAY_OPTION_LIST:
		assay_strlist_push(o->value, arg);
		return 0;
	case ASSAY_OPTION_INT: {
		errno = 0;
		long v = strtol(arg, &end, 10);
		if (errno || end == arg || *end)
			return assay_err_set(err, ASSAY_EUSAGE, "%s takes a whole number, not '%s'",
					     spelled, arg);
		*(long *)o->value = v;
		return 0;
	}
	case ASSAY_OPTION_DOUBLE: {
		errno = 0;
		double v = strtod(arg, &end);
		if (errno || end == arg || *end)
			return assay_err_set(err, ASSAY_EUSAGE, "%s takes a number, not '%s'", spelled, arg);
		*(double *)o->value = v;
		return 0;
	}
	case ASSAY_OPTION_END:
		break;
	}
	return 0;
}

/*
 * Edit distance of a[0..na) and b, a swap of two neighbours one edit (the
 * optimal string alignment distance); at most 64 bytes of each counted.
 */
static size_t distance(const char *a, size_t na, const char *b)
{
	size_t nb = strlen(b);
	if (na > 64)
		na = 64;
	if (nb > 64)
		nb = 64;
	size_t d[65][65];
	for (size_t i = 0; i <= na; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= nb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= na; i++)
		for (size_t j = 1; j <= nb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[na][nb];
}

const char *assay_did_you_mean(const char *word, size_t len, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		size_t d = distance(word, len, names[i]);
		/* a prefix is what people type short; else at most a third of the word wrong */
		int prefix = len >= 2 && !strncmp(word, names[i], len);
		if ((prefix || d * 3 <= len + 1) && d < best_d) {
			best = names[i];
			best_d = prefix ? 0 : d;
		}
	}
	return best;
}

/* "unknown option --NAME", with the nearest long option opts has, if one is near. */
static int unknown_long(const struct assay_option *opts, const char *body, size_t len, assay_err *err)
{
	const char *names[128];
	size_t n = 0;
	for (const struct assay_option *o = opts; o->type && n < 128; o++)
		if (o->long_name)
			names[n++] = o->long_name;
	const char *near = assay_did_you_mean(body, len, names, n);
	if (near)
		return assay_err_set(err, ASSAY_EUSAGE, "unknown option --%.*s; did you mean --%s?",
				     (int)len, body, near);
	return assay_err_set(err, ASSAY_EUSAGE, "unknown option --%.*s", (int)len, body);
}

static int parse_long(const struct assay_option *opts, int argc, char **argv, int *i,
		      assay_err *err)
{
	const char *body = argv[*i] + 2;
	const char *eq = strchr(body, '=');
	size_t len = eq ? (size_t)(eq - body) : strlen(body);
	int negate = 0;
	const struct assay_option *found = NULL;
	for (const struct assay_option *o = opts; o->type; o++) {
		if (!o->long_name)
			continue;
		if (strlen(o->long_name) == len && !strncmp(o->long_name, body, len)) {
			found = o;
			break;
		}
		if (o->type == ASSAY_OPTION_BOOL && len > 3 && !strncmp(body, "no-", 3) &&
		    strlen(o->long_name) == len - 3 && !strncmp(o->long_name, body + 3, len - 3)) {
			found = o;
			negate = 1;
			break;
		}
	}
	if (!found)
		return unknown_long(opts, body, len, err);
	char spelled[128];
	snprintf(spelled, sizeof(spelled), "--%s", found->long_name);
	const char *arg = NULL;
	if (takes_arg(found)) {
		if (eq)
			arg = eq + 1;
		else if (*i + 1 < argc)
			arg = argv[++*i];
		else
			return assay_err_set(err, ASSAY_EUSAGE, "%s needs a value (%s)", spelled,
					     found->argh ? found->argh : "VALUE");
	} else if (eq) {
		return assay_err_set(err, ASSAY_EUSAGE, "%s takes no value", spelled);
	}
	return set_value(found, arg, negate, spelled, err);
}

static int parse_short(const struct assay_option *opts, int argc, char **argv, int *i,
		       assay_err *err)
{
	for (const char *p = argv[*i] + 1; *p; p++) {
		const struct assay_option *found = NULL;
		for (const struct assay_option *o = opts; o->type; o++)
			if (o->short_name && o->short_name == *p)
				found = o;
		if (!found)
			return assay_err_set(err, ASSAY_EUSAGE, "unknown option -%c", *p);
		char spelled[4] = { '-', *p, 0, 0 };
		if (takes_arg(found)) {
			const char *arg;
			if (p[1])
				arg = p + 1;
			else if (*i + 1 < argc)
				arg = argv[++*i];
			else
				return assay_err_set(err, ASSAY_EUSAGE, "%s needs a value (%s)", spelled,
						     found->argh ? found->argh : "VALUE");
			return set_value(found, arg, 0, spelled, err);
		}
		int rc = set_value(found, NULL, 0, spelled, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int assay_options_parse(const struct assay_option *opts, int argc, char **argv,
			int stop_at_operand, assay_err *err)
{
	int nout = 1;
	int i;
	for (i = 1; i < argc; i++) {
		char *a = argv[i];
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			return ASSAY_OPTIONS_HELP;
		int rc = 0;
		if (a[0] == '-' && a[1] == '-')
			rc = parse_long(opts, argc, argv, &i, err);
		else if (a[0] == '-' && a[1])
			rc = parse_short(opts, argc, argv, &i, err);
		else {
			argv[nout++] = a;
			if (stop_at_operand) {
				i++;
				break;
			}
			continue;
		}
		if (rc < 0)
			return rc;
	}
	for (; i < argc; i++)
		argv[nout++] = argv[i];
	argv[nout] = NULL;
	return nout;
}

void assay_options_usage(assay_buf *out, const char *usage, const struct assay_option *opts)
{
	assay_buf_addf(out, "usage: %s\n\n", usage);
	for (const struct assay_option *o = opts; o->type; o++) {
		assay_buf b = ASSAY_BUF_INIT;
		if (o->short_name && o->long_name)
			assay_buf_addf(&b, "-%c, --%s", o->short_name, o->long_name);
		else if (o->short_name)
			assay_buf_addf(&b, "-%c", o->short_name);
		else
			assay_buf_addf(&b, "    --%s", o->long_name);
		if (takes_arg(o))
			assay_buf_addf(&b, " %s", o->argh ? o->argh : "VALUE");
		if (b.len < 28)
			assay_buf_addf(out, "    %-28s %s\n", b.buf, o->help ? o->help : "");
		else
			assay_buf_addf(out, "    %s\n    %-28s %s\n", b.buf, "", o->help ? o->help : "");
		assay_buf_release(&b);
	}
	assay_buf_addf(out, "    %-28s %s\n", "-h, --help", "show this help");
}
