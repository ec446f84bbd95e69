# SPDX-License-Identifier: MIT
# Tests of assay merge (issue 12): stores of parallel jobs joined into one.
assay_unit_test(test_store_merge LABEL "unit;merge")
foreach(t merge_stores merge_bad_input)
	assay_cli_test(${t} LABEL "cli;merge")
endforeach()
