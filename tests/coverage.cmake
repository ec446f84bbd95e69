# SPDX-License-Identifier: MIT
# Coverage parsers (lcov, gcov JSON, Cobertura) and exclusion markers.
# The parsers are formats/'s (assay_formats), linked as the front ends link them.
foreach(t test_lcov test_gcov_json test_cobertura test_exclude test_covfilter)
	assay_unit_test(${t} LIBS assay_formats)
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
