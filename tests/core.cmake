# libassay's core modules and the store-reading utilities.
assay_unit_test(test_store)
assay_unit_test(test_path)
assay_unit_test(test_covset)
assay_unit_test(test_proc)
assay_unit_test(test_runctx)
assay_unit_test(test_run)
assay_unit_test(test_options LIBS assay_cli)
assay_cli_test(frontend)
