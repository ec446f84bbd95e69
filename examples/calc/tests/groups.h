/* A main() for test programs made of several cmocka groups: with no
 * argument every group runs; with one, only the group of that name (so
 * that CTest can list each group as its own test). */
#ifndef CALC_TEST_GROUPS_H
#define CALC_TEST_GROUPS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

struct calc_group {
	const char *name;
	const struct CMUnitTest *tests;
	size_t count;
};

#define CALC_GROUP(name, tests) { name, tests, sizeof(tests) / sizeof((tests)[0]) }

/* The number of failed tests, or 2 (with a message) for a bad argument. */
static inline int calc_run_groups(const struct calc_group *groups, size_t n,
				  int argc, char **argv)
{
	int failed = 0, ran = 0;
	size_t i;

	if (argc > 2) {
		fprintf(stderr, "usage: %s [GROUP]\n", argv[0]);
		return 2;
	}
	for (i = 0; i < n; i++) {
		if (argc == 2 && strcmp(argv[1], groups[i].name) != 0)
			continue;
		failed += _cmocka_run_group_tests(groups[i].name, groups[i].tests,
						  groups[i].count, NULL, NULL);
		ran++;
	}
	if (ran == 0) {
		fprintf(stderr, "%s: no group named '%s'\n", argv[0], argv[1]);
		return 2;
	}
	return failed;
}

#endif
/* SPDX-License-Identifier: MIT */
