# SPDX-License-Identifier: MIT
# The CI templates (ci/) and this repository's own workflows (.github/workflows/).
assay_cli_test(ci_templates LABEL ci)
