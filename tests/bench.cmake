# Tests of assay bench and lib/stats (issue 5).
assay_unit_test(test_stats LIBS m LABEL "unit;bench")
assay_unit_test(test_bench_formats LIBS assay_bench LABEL "unit;bench")
assay_unit_test(test_bench_compare LIBS assay_bench LABEL "unit;bench")
