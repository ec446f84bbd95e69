# SPDX-License-Identifier: MIT
# Tests of assay bench and lib/stats (issue 5).
assay_unit_test(test_stats LIBS m LABEL "unit;bench")
assay_unit_test(test_bench_formats LIBS assay_formats LABEL "unit;bench")
assay_unit_test(test_bench_compare LABEL "unit;bench")
assay_unit_test(test_bench_measure LIBS assay_bench LABEL "unit;bench")
foreach(t bench_ingest bench_compare bench_history bench_run)
	assay_cli_test(${t} LABEL "cli;bench")
endforeach()
# The real-world files of ../shared; skipped (77) where they are absent.
assay_cli_test(bench_shared_fixtures LABEL "cli;bench")
set_tests_properties(cli.bench_shared_fixtures PROPERTIES SKIP_RETURN_CODE 77)
