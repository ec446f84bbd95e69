/* SPDX-License-Identifier: MIT */
/*
 * The commands of assay-mutate (one file each): the mutation run, its
 * default form (no command word), and mark.  Each takes its own argv
 * (argv[0] is the command's name, or the program's for the run) and
 * returns the process exit status.
 */
#ifndef ASSAY_MUTATE_CMDS_H
#define ASSAY_MUTATE_CMDS_H

int mut_cmd_run(int argc, char **argv);
int mut_cmd_mark(int argc, char **argv);

#endif
