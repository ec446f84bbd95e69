# SPDX-License-Identifier: MIT
# assay ingest, show and ls as whole programs, on fixtures made by real tools (tests/fixtures).
assay_cli_test(ingest_example LABEL "cli;ingest")
assay_cli_test(ingest_idempotent LABEL "cli;ingest")
assay_cli_test(ingest_bad_input LABEL "cli;ingest")
assay_cli_test(ingest_parallel LABEL "cli;ingest")
assay_cli_test(ingest_runctx LABEL "cli;ingest")
assay_cli_test(ingest_exclusions LABEL "cli;ingest")
assay_cli_test(ingest_encodings LABEL "cli;ingest")
assay_cli_test(ingest_lcov_damage LABEL "cli;ingest")
assay_cli_test(ingest_filters LABEL "cli;ingest")
assay_cli_test(ingest_symlinks LABEL "cli;ingest")
assay_unit_test(test_sniff LIBS assay_formats LABEL "unit;ingest")
