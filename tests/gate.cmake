# SPDX-License-Identifier: MIT
# Tests of assay gate (issue 12).
foreach(t gate_decisions gate_bad_input gate_pipeline gate_checks gate_hostile)
	assay_cli_test(${t} LABEL "cli;gate")
endforeach()
