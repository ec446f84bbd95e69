/* assay mutate mark KEY --equivalent --why TEXT: a person's verdict on a survivor, kept in the store. */
#include "cli.h"
#include "cmds.h"
#include "results.h"

#include <stdio.h>

int mut_cmd_mark(int argc, char **argv)
{
	const char *prog = "assay mutate";
	struct assay_cli_common c = { 0 };
	int equivalent = 0;
	const char *why = NULL;
	const struct assay_option opts[] = {
		ASSAY_OPT_BOOL(0, "equivalent", &equivalent, "the mutant behaves as the original: no test can kill it"),
		ASSAY_OPT_STRING(0, "why", &why, "TEXT", "the reason, kept with the verdict"),
		ASSAY_CLI_OPT_DB(&c),
		ASSAY_OPT_END(),
	};
	int status = 0;
	int n = assay_cli_parse(prog, "assay mutate mark KEY --equivalent --why TEXT", opts, argc, argv, 0, &status);
	if (n < 0)
		return status;
	assay_err err = ASSAY_ERR_INIT;
	int rc = 0;
	if (n != 2)
		rc = assay_err_set(&err, ASSAY_EUSAGE, "mark: give one mutant KEY (as the summary or the report shows it)");
	else if (!equivalent)
		rc = assay_err_set(&err, ASSAY_EUSAGE, "mark: say the verdict: --equivalent");
	else if (!why || !*why)
		rc = assay_err_set(&err, ASSAY_EUSAGE, "mark: say why: --why TEXT");
	assay_store *st = NULL;
	char full[33] = { 0 };
	if (rc == 0)
		rc = assay_cli_open_store(&c, &st, &err);
	if (rc == 0)
		rc = mut_store_mark(st, argv[1], why, full, &err);
	assay_store_close(st);
	if (rc < 0)
		return assay_cli_report(prog, &err);
	printf("marked %s equivalent: %s\n", full, why);
	return 0;
}
