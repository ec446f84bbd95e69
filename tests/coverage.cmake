# Coverage parsers (lcov, gcov JSON, Cobertura) and exclusion markers.
# The parsers are compiled into each test directly, so a test needs only its own parser.
set(ASSAY_COV_INGEST ${CMAKE_CURRENT_LIST_DIR}/../ingest)

assay_unit_test(test_lcov SOURCES ${ASSAY_COV_INGEST}/lcov.c ${ASSAY_COV_INGEST}/ignore.c)
assay_unit_test(test_gcov_json SOURCES ${ASSAY_COV_INGEST}/gcov_json.c LIBS PkgConfig::JANSSON)
assay_unit_test(test_cobertura SOURCES ${ASSAY_COV_INGEST}/cobertura.c)
assay_unit_test(test_exclude SOURCES ${ASSAY_COV_INGEST}/exclude.c)
assay_unit_test(test_covfilter SOURCES ${ASSAY_COV_INGEST}/covfilter.c)
foreach(t test_lcov test_gcov_json test_cobertura test_exclude test_covfilter)
	target_include_directories(${t} PRIVATE ${ASSAY_COV_INGEST})
endforeach()

# Cobertura in the shapes of other producers (coverlet, slather): tests/fixtures/cobertura.
assay_cli_test(coverage_producers)
# gcov JSON, lcov and Cobertura of one build, alone and together.
assay_cli_test(coverage_formats)

# The whole program on the shared real-world fixtures; skipped (77) where they are absent.
assay_cli_test(coverage_shared_fixtures)
set_tests_properties(cli.coverage_shared_fixtures PROPERTIES SKIP_RETURN_CODE 77)

# Two labels each: LABEL "unit;ingest" would keep only the first (a one-value argument).
set_tests_properties(unit.test_lcov unit.test_gcov_json unit.test_cobertura unit.test_exclude
	unit.test_covfilter PROPERTIES LABELS "unit;ingest")
set_tests_properties(cli.coverage_shared_fixtures cli.coverage_producers cli.coverage_formats PROPERTIES LABELS "cli;ingest")
