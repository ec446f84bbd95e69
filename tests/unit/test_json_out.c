/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "json_out.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* s[0..n) written as one JSON string, compared with want */
static void string_is(const char *s, size_t n, const char *want)
{
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_strn(&j, NULL, s, n);
	assert_string_equal(b.buf, want);
	assay_buf_release(&b);
}

#define STRING_IS(lit, want) string_is(lit, sizeof(lit) - 1, want)

static void test_strings(void **state)
{
	(void)state;
	STRING_IS("plain", "\"plain\"");
	STRING_IS("", "\"\"");
	STRING_IS("q\"b\\", "\"q\\\"b\\\\\"");
	STRING_IS("\n\r\t\x01\x1b\x7f", "\"\\n\\r\\t\\u0001\\u001B\x7f\"");
	STRING_IS("a\0b", "\"a\\u0000b\"");
	/* well-formed UTF-8 as it is: 2, 3 and 4 bytes, the last code point */
	STRING_IS("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf",
		  "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf\"");
	/* each byte not in a well-formed sequence is U+FFFD */
	STRING_IS("a\xff" "b", "\"a\xef\xbf\xbd" "b\"");
	STRING_IS("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");                /* overlong '/' */
	STRING_IS("\xe0\x80\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* overlong, 3 bytes */
	STRING_IS("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* a surrogate */
	STRING_IS("\xf4\x90\x80\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\""); /* past U+10FFFF */
	STRING_IS("\xe2\x82" "x", "\"\xef\xbf\xbd\xef\xbf\xbd" "x\"");         /* cut short */
	STRING_IS("\xe2\x82", "\"\xef\xbf\xbd\xef\xbf\xbd\"");                 /* cut by the end */
	STRING_IS("\xc3\xa9\x80\xc3\xa9", "\"\xc3\xa9\xef\xbf\xbd\xc3\xa9\"");  /* a lone continuation */
}

static void test_structure_and_numbers(void **state)
{
	(void)state;
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_str(&j, "s", NULL);
	assay_json_int(&j, "i", -3);
	assay_json_int(&j, "min", LLONG_MIN);
	assay_json_int(&j, "zero", 0);
	assay_json_uint(&j, "u", 18446744073709551615ULL);
	assay_json_bool(&j, "t", 1);
	assay_json_array(&j, "a");
	assay_json_fixed(&j, NULL, 1, 6);
	assay_json_fixed(&j, NULL, INFINITY, 6);
	assay_json_real(&j, NULL, 0.1, 17);
	assay_json_real(&j, NULL, NAN, 10);
	assay_json_real(&j, NULL, -HUGE_VAL, 10);
	assay_json_array(&j, NULL);
	assay_json_close(&j);
	assay_json_object(&j, NULL);
	assay_json_close(&j);
	assay_json_close(&j);
	assay_json_number_text(&j, "n1", "1.0e+20");
	assay_json_number_text(&j, "n2", "-0.5");
	assay_json_number_text(&j, "n3", "Inf");
	assay_json_number_text(&j, "n4", "01");
	assay_json_number_text(&j, "n5", "1.");
	assay_json_number_text(&j, "n6", NULL);
	assay_json_str(&j, "k\xff", "v");
	assay_json_close(&j);
	assert_string_equal(b.buf, "{\"s\":null,\"i\":-3,\"min\":-9223372036854775808,\"zero\":0,\"u\":18446744073709551615,\"t\":true,"
			    "\"a\":[1.000000,null,0.10000000000000001,null,null,[],{}],"
			    "\"n1\":1.0e+20,\"n2\":-0.5,\"n3\":null,\"n4\":null,\"n5\":null,\"n6\":null,"
			    "\"k\xef\xbf\xbd\":\"v\"}");
	/* the caller may write the text out between values: the writer keeps its place */
	assay_buf_reset(&b);
	assay_json_init(&j, &b);
	assay_json_array(&j, NULL);
	assay_json_int(&j, NULL, 1);
	assay_buf_reset(&b);
	assay_json_int(&j, NULL, 2);
	assay_json_close(&j);
	assert_string_equal(b.buf, ",2]");
	assay_buf_release(&b);
}

/* print closes what is open, ends the line, writes the text out and leaves the buffer empty */
static void test_print(void **state)
{
	(void)state;
	assay_buf b = ASSAY_BUF_INIT;
	assay_json j;
	assay_json_init(&j, &b);
	assay_json_object(&j, NULL);
	assay_json_array(&j, "a");
	assay_json_object(&j, NULL);
	assay_json_int(&j, "n", 1);
	FILE *f = tmpfile();
	assert_non_null(f);
	assay_json_print(&j, f);
	assert_int_equal(b.len, 0);
	assert_int_equal(j.depth, 0);
	char text[64] = { 0 };
	rewind(f);
	assert_int_equal(fread(text, 1, sizeof(text) - 1, f), 16);
	assert_string_equal(text, "{\"a\":[{\"n\":1}]}\n");
	fclose(f);
	assay_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_structure_and_numbers),
		cmocka_unit_test(test_print),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
