# assay mutate: unit tests of its modules, whole-program tests on tests/fixtures/mutate/.
if(TARGET assay_mutate)
	assay_unit_test(test_mutate_schemata LIBS assay_mutate LABEL "unit;mutate")
	foreach(t mutate_basic mutate_modes mutate_bad_input mutate_kill)
		assay_cli_test(${t} LABEL mutate)
	endforeach()
endif()
