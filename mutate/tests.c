/* SPDX-License-Identifier: MIT */
#include "tests.h"
#include "ccdb.h"
#include "mem.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char **strv_from_json(json_t *arr)
{
	size_t n = json_array_size(arr);
	char **v = assay_xcalloc(n + 1, sizeof(char *));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *s = json_array_get(arr, i);
		if (json_is_string(s))
			v[k++] = assay_xstrdup(json_string_value(s));
	}
	return v;
}

static int load_test(mut_test *t, json_t *obj)
{
	json_t *cmd = json_object_get(obj, "command");
	json_t *name = json_object_get(obj, "name");
	if (!json_is_array(cmd) || !json_array_size(cmd) || !json_is_string(name))
		return 0; /* a test without a command (NOT_AVAILABLE) cannot be run */
	json_t *props = json_object_get(obj, "properties");
	for (size_t i = 0; i < json_array_size(props); i++) {
		json_t *p = json_array_get(props, i);
		const char *pn = json_string_value(json_object_get(p, "name"));
		json_t *v = json_object_get(p, "value");
		if (!pn)
			continue;
		if (!strcmp(pn, "DISABLED") && json_is_true(v))
			return 0;
		if (!strcmp(pn, "WORKING_DIRECTORY") && json_is_string(v))
			t->cwd = assay_xstrdup(json_string_value(v));
		else if (!strcmp(pn, "ENVIRONMENT") && json_is_array(v))
			t->env = strv_from_json(v);
		else if (!strcmp(pn, "WILL_FAIL"))
			t->will_fail = json_is_true(v);
	}
	t->name = assay_xstrdup(json_string_value(name));
	t->argv = strv_from_json(cmd);
	return 1;
}

int mut_tests_ctest(mut_tests *out, const char *build_dir, const char *label, const char *regex,
		    assay_err *err)
{
	memset(out, 0, sizeof(*out));
	const char *argv[8];
	size_t k = 0;
	argv[k++] = "ctest";
	argv[k++] = "--show-only=json-v1";
	if (label) {
		argv[k++] = "-L";
		argv[k++] = label;
	}
	if (regex) {
		argv[k++] = "-R";
		argv[k++] = regex;
	}
	argv[k] = NULL;
	struct assay_proc_opts o = {
		.argv = argv, .cwd = build_dir, .timeout_s = 120,
		.flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_CAPTURE,
	};
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	int rc = assay_proc_run(&o, &r, err);
	if (rc == 0 && !assay_proc_ok(&r))
		rc = assay_err_set(err, ASSAY_EINPUT, "ctest --show-only in %s failed: %.300s", build_dir,
				   r.err.buf);
	json_t *root = NULL;
	if (rc == 0) {
		json_error_t je;
		root = json_loads(r.out.buf, 0, &je);
		if (!root)
			rc = assay_err_set(err, ASSAY_EINPUT, "ctest --show-only=json-v1: not JSON: %s", je.text);
	}
	if (rc == 0) {
		json_t *tests = json_object_get(root, "tests");
		size_t n = json_array_size(tests);
		out->v = assay_xcalloc(n ? n : 1, sizeof(mut_test));
		for (size_t i = 0; i < n; i++)
			out->n += load_test(&out->v[out->n], json_array_get(tests, i));
		if (!out->n)
			rc = assay_err_set(err, ASSAY_EINPUT, "%s: ctest lists no tests%s%s%s%s", build_dir,
					   label ? " labelled " : "", label ? label : "", regex ? " matching " : "",
					   regex ? regex : "");
	}
	json_decref(root);
	assay_proc_result_release(&r);
	return rc;
}

void mut_tests_command(mut_tests *out, const char *cmd)
{
	memset(out, 0, sizeof(*out));
	out->v = assay_xcalloc(1, sizeof(mut_test));
	out->n = 1;
	out->v[0].name = assay_xstrdup(cmd);
	out->v[0].argv = assay_xcalloc(4, sizeof(char *));
	out->v[0].argv[0] = assay_xstrdup("sh");
	out->v[0].argv[1] = assay_xstrdup("-c");
	out->v[0].argv[2] = assay_xstrdup(cmd);
}

void mut_tests_release(mut_tests *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		mut_argv_free(t->v[i].argv);
		free(t->v[i].cwd);
		mut_argv_free(t->v[i].env);
		free(t->v[i].hits);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static char **remap_all(const mut_remap *r, char *const *v, size_t extra)
{
	size_t n = 0;
	while (v && v[n])
		n++;
	char **out = assay_xcalloc(n + extra + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		out[i] = mut_remap_str(r, v[i]);
	return out;
}

enum mut_outcome mut_exec_test(const struct mut_exec *x, struct assay_proc_result *res, assay_err *err)
{
	const mut_test *t = x->test;
	size_t nenv = 0;
	while (t->env && t->env[nenv])
		nenv++;
	char **env = remap_all(x->remap, t->env, 3);
	env[nenv] = assay_xasprintf("ASSAY_MUTANT=%d", x->mutant);
	env[nenv + 1] = assay_xasprintf("TMPDIR=%s", x->tmpdir);
	/* empty when no trace is wanted: one inherited from outside must not be written to */
	env[nenv + 2] = assay_xasprintf("ASSAY_TRACE=%s", x->trace ? x->trace : "");
	char **argv = remap_all(x->remap, t->argv, 0);
	char *cwd = t->cwd ? mut_remap_str(x->remap, t->cwd) : assay_xstrdup(x->build_dir);
	enum mut_outcome out;
	/* the output is kept only when it is wanted (to say why a baseline failed): its tail */
	struct assay_proc_opts o = {
		.argv = (const char *const *)argv, .cwd = cwd, .env_set = (const char *const *)env,
		.timeout_s = x->timeout_s > 0 ? x->timeout_s : 3600,
		.flags = ASSAY_PROC_DIE_WITH_PARENT |
			 (x->capture ? ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_TO_OUT | ASSAY_PROC_KEEP_TAIL
				     : ASSAY_PROC_OUT_DISCARD | ASSAY_PROC_ERR_DISCARD),
		.capture_cap = 64 << 10, .stop = x->stop,
	};
	int rc = assay_proc_run(&o, res, err);
	if (rc < 0)
		out = MUT_OUT_NOSTART;
	else if (res->stopped || (x->stop && *x->stop && !assay_proc_ok(res)))
		out = MUT_OUT_STOPPED; /* a failure then may be the stop's signal reaching the test */
	else if (res->timed_out)
		out = MUT_OUT_TIMEOUT;
	else if ((res->exited && res->status == 0) != !t->will_fail)
		out = MUT_OUT_FAIL; /* a crash (signal) is a failure too */
	else
		out = MUT_OUT_PASS;
	mut_argv_free(env);
	mut_argv_free(argv);
	free(cwd);
	return out;
}
