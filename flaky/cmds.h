/* The subcommands of assay-flaky, one file each; each returns the exit status. */
#ifndef ASSAY_FLAKY_CMDS_H
#define ASSAY_FLAKY_CMDS_H

int flaky_cmd_run(int argc, char **argv);
int flaky_cmd_list(int argc, char **argv);
int flaky_cmd_quarantine(int argc, char **argv);

#endif
