# SPDX-License-Identifier: MIT
# The example project and the demo built on it (owned with examples/calc,
# scripts/demo.sh and tests/fixtures).
assay_cli_test(example_builds LABEL examples)
assay_cli_test(demo_job LABEL examples)
