# SPDX-License-Identifier: MIT
# The JUnit XML parser (formats/junit.c) and the XML parser under it (lib/xml*.c); libxml2's
# own headers only to count its memory.
assay_unit_test(test_junit LIBS assay_formats PkgConfig::ZLIB PkgConfig::LIBXML2 LABEL "unit;ingest")
# libxml2's own words in its messages are checked only with the version they were written from
target_compile_definitions(test_junit PRIVATE ASSAY_LIBXML2_VERSION="${LIBXML2_VERSION}")

# The whole program on the shared real-world fixtures; skipped (77) where they are absent.
assay_cli_test(junit_shared_fixtures LABEL "cli;ingest")
set_tests_properties(cli.junit_shared_fixtures PROPERTIES SKIP_RETURN_CODE 77)
# A suite's declared totals against its test cases (issue 10, item 18).
assay_cli_test(junit_declared_counts LABEL "cli;ingest")
