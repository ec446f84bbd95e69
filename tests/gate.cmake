# SPDX-License-Identifier: MIT
# Tests of assay gate (issue 12).
foreach(t gate_decisions)
	assay_cli_test(${t} LABEL "cli;gate")
endforeach()
