# SPDX-License-Identifier: MIT
# Tests of assay flaky (issue 5).
assay_unit_test(test_flaky_repset LIBS assay_flaky LABEL "unit;flaky")
assay_unit_test(test_flaky_score LIBS assay_flaky LABEL "unit;flaky")
assay_unit_test(test_flaky_repeat LIBS assay_flaky LABEL "unit;flaky")
assay_unit_test(test_flaky_sim LIBS assay_flaky LABEL "unit;flaky")
foreach(t flaky_run flaky_list flaky_kill)
	assay_cli_test(${t} LABEL "cli;flaky")
endforeach()
