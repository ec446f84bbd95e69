/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "parsers.h"

#include <string.h>

static enum assay_format sniff(const char *s)
{
	return assay_format_sniff((const unsigned char *)s, strlen(s));
}

static void formats_by_content(void **state)
{
	(void)state;
	assert_int_equal(sniff("<?xml version=\"1.0\"?>\n<testsuites>"), ASSAY_FMT_JUNIT);
	assert_int_equal(sniff("\xef\xbb\xbf<testsuite name=\"x\">"), ASSAY_FMT_JUNIT);
	assert_int_equal(sniff("<?xml version='1.0'?><!-- a <comment> --><testsuite>"), ASSAY_FMT_JUNIT);
	assert_int_equal(sniff("<?xml version=\"1.0\" ?>\n<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n<coverage line-rate=\"1\">"), ASSAY_FMT_COBERTURA);
	assert_int_equal(sniff("{\"format_version\": \"1\", \"gcc_version\": \"12.2.0\"}"), ASSAY_FMT_GCOV_JSON);
	assert_int_equal(sniff("TN:\nSF:/a.c\n"), ASSAY_FMT_LCOV);
	assert_int_equal(sniff("SF:a.c\nDA:1,1\n"), ASSAY_FMT_LCOV);
	assert_int_equal(sniff("<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n<testsuite>"), ASSAY_FMT_JUNIT);
	assert_int_equal(sniff("<html><body/></html>"), ASSAY_FMT_UNKNOWN);
	assert_int_equal(sniff("{\"benchmarks\": []}"), ASSAY_FMT_UNKNOWN);
	assert_int_equal(sniff(""), ASSAY_FMT_UNKNOWN);
	assert_int_equal(sniff("   \n"), ASSAY_FMT_UNKNOWN);
	assert_int_equal(sniff("<?xml never closed"), ASSAY_FMT_UNKNOWN);
}

/* text as UTF-16 (a byte-order mark first if bom), little- or big-endian */
static enum assay_format sniff16(const char *s, int big, int bom)
{
	unsigned char buf[512];
	size_t n = 0;
	if (bom) {
		buf[n++] = big ? 0xFE : 0xFF;
		buf[n++] = big ? 0xFF : 0xFE;
	}
	for (; *s; s++) {
		buf[n++] = big ? 0 : (unsigned char)*s;
		buf[n++] = big ? (unsigned char)*s : 0;
	}
	return assay_format_sniff(buf, n);
}

/* Windows tools write XML in UTF-16: the formats are told all the same. */
static void formats_in_utf16(void **state)
{
	(void)state;
	static const char junit[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<testsuites>";
	for (int big = 0; big < 2; big++)
		for (int bom = 0; bom < 2; bom++) {
			assert_int_equal(sniff16(junit, big, bom), ASSAY_FMT_JUNIT);
			assert_int_equal(sniff16("<coverage line-rate=\"1\">", big, bom), ASSAY_FMT_COBERTURA);
			assert_int_equal(sniff16("<html/>", big, bom), ASSAY_FMT_UNKNOWN);
		}
	/* a byte-order mark and nothing else, and one byte after it */
	assert_int_equal(assay_format_sniff((const unsigned char *)"\xff\xfe", 2), ASSAY_FMT_UNKNOWN);
	assert_int_equal(assay_format_sniff((const unsigned char *)"\xfe\xff<", 3), ASSAY_FMT_UNKNOWN);
}

static void names(void **state)
{
	(void)state;
	assert_int_equal(assay_format_parse("auto"), ASSAY_FMT_UNKNOWN);
	assert_int_equal(assay_format_parse("gcov-json"), ASSAY_FMT_GCOV_JSON);
	assert_int_equal(assay_format_parse("xml"), -1);
	assert_string_equal(assay_format_name(ASSAY_FMT_COBERTURA), "cobertura");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formats_by_content),
		cmocka_unit_test(formats_in_utf16),
		cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
