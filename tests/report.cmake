# SPDX-License-Identifier: MIT
# Tests of assay report html (issue 13).
foreach(t report_html)
	assay_cli_test(${t} LABEL "cli;report")
endforeach()
