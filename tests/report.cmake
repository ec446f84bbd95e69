# SPDX-License-Identifier: MIT
# Tests of assay report html (issue 13).
foreach(t report_html report_rerender report_diff report_tests report_browser)
	assay_cli_test(${t} LABEL "cli;report")
endforeach()
set_tests_properties(cli.report_browser PROPERTIES SKIP_RETURN_CODE 77)
