# assay mutate: unit tests of its modules, whole-program tests on tests/fixtures/mutate/.
if(TARGET assay_mutate)
	assay_cli_test(mutate_basic LABEL mutate)
endif()
