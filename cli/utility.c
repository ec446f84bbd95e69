/* SPDX-License-Identifier: MIT */
#include "utility.h"

#include <string.h>

/* The commit first: a run that cannot say what it belongs to creates no store. */
static int open_needs(const struct assay_cli_common *c, const struct assay_cli_needs *needs,
		      struct assay_cli_session *s, assay_err *err)
{
	int rc = needs->runctx ? assay_cli_runctx(c, &s->ctx, err) : 0;
	if (rc == 0 && needs->store == ASSAY_CLI_STORE)
		rc = assay_cli_open_store(c, &s->st, err);
	else if (rc == 0 && needs->store == ASSAY_CLI_STORE_READONLY)
		rc = assay_cli_open_store_readonly(c, &s->st, err);
	return rc;
}

int assay_cli_main(const struct assay_cli_utility *u, int argc, char **argv)
{
	int status = 0;
	int n = assay_cli_parse(u->prog, u->usage, u->opts, argc, argv, u->stop_at_operand, &status);
	if (n < 0)
		return status;
	struct assay_cli_needs needs = u->needs;
	assay_err err = ASSAY_ERR_INIT;
	int rc = u->check ? u->check(u->ud, n, argv, &needs, &err) : 0;
	if (rc > 0)
		return rc; /* said already */
	static const struct assay_cli_common none;
	struct assay_cli_session s;
	memset(&s, 0, sizeof(s));
	s.n = n;
	s.argv = argv;
	if (rc == 0)
		rc = open_needs(u->common ? u->common : &none, &needs, &s, &err);
	if (rc == 0)
		rc = u->run(u->ud, &s, &err);
	assay_store_close(s.st);
	assay_runctx_release(&s.ctx);
	return rc < 0 ? assay_cli_report(u->prog, &err) : rc;
}
