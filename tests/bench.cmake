# Tests of assay bench and lib/stats (issue 5).
assay_unit_test(test_stats LIBS m LABEL "unit;bench")
