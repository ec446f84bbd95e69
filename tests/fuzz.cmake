# SPDX-License-Identifier: MIT
# What the fuzz harnesses found (tests/fixtures/fuzz/): each input, fed to its parser.
assay_unit_test(test_fuzz_found LIBS assay_formats LABEL unit)
