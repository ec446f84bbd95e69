# SPDX-License-Identifier: MIT
# assay mutate: unit tests of its modules, whole-program tests on tests/fixtures/mutate/,
# on the example project and on Assay's own lib/ (dogfood).
assay_unit_test(test_mutate_schemata LIBS assay_mutate LABEL "unit;mutate")
foreach(t mutate_basic mutate_modes mutate_bad_input mutate_kill mutate_example mutate_dogfood mutate_summary mutate_timeouts mutate_reuse mutate_resume mutate_escape mutate_reach
		mutate_json_hostile)
	assay_cli_test(${t} LABEL mutate)
endforeach()
# real builds: outside git, C89 and sources compiled inside other translation units
foreach(t mutate_nogit mutate_include mutate_unity)
	assay_cli_test(${t} LABEL mutate)
endforeach()
# the dogfood test copies this build directory: no other test may write into it meanwhile
set_tests_properties(cli.mutate_dogfood PROPERTIES RUN_SERIAL TRUE)
