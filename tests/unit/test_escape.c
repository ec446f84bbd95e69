/* SPDX-License-Identifier: MIT */
/* lib/escape.c: hostile text shown as text in HTML, XML and Markdown. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "escape.h"

#include <string.h>

static char *html(const char *s)
{
	static assay_buf b;
	assay_buf_release(&b);
	assay_add_html(&b, s);
	return b.buf ? b.buf : (char *)"";
}

static char *html_text(const char *s)
{
	static assay_buf b;
	assay_buf_release(&b);
	assay_add_html_text(&b, s);
	return b.buf ? b.buf : (char *)"";
}

static char *md(const char *s)
{
	static assay_buf b;
	assay_buf_release(&b);
	assay_add_markdown(&b, s);
	return b.buf ? b.buf : (char *)"";
}

static void html_escapes_markup(void **state)
{
	(void)state;
	assert_string_equal(html("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_string_equal(html("</pre><img src=x onerror=alert(1)>"),
			    "&lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;");
	assert_string_equal(html("a & \"b\" 'c'"), "a &amp; &quot;b&quot; &#39;c&#39;");
	/* XML 1.0 cannot carry a control character, not even as a reference */
	assert_string_equal(html("bell\a tab\t nl\n"), "bell\xef\xbf\xbd tab\t nl\n");
	/* a C1 control (U+009B, CSI) and a stray byte */
	assert_string_equal(html("x\xc2\x9by \xff z"), "x\xef\xbf\xbdy \xef\xbf\xbd z");
	assert_string_equal(html("caf\xc3\xa9"), "caf\xc3\xa9");
	/* plain runs (taken in one piece) between what is escaped, at either end and in the middle */
	assert_string_equal(html("<a\tb\xc3\xa9" "c\x7f\"d>"), "&lt;a\tb\xc3\xa9" "c\xef\xbf\xbd&quot;d&gt;");
	assert_string_equal(html("\tint y = x * 2; /* ok */"), "\tint y = x * 2; /* ok */");
}

static void html_text_escapes_what_starts_markup(void **state)
{
	(void)state;
	assert_string_equal(html_text("</pre><img src=x onerror=alert(1)>"), "&lt;/pre>&lt;img src=x onerror=alert(1)>");
	assert_string_equal(html_text("p->n >= 2 && s[0] == '\"'"), "p->n >= 2 &amp;&amp; s[0] == '\"'");
	/* what no escaping helps with is repaired as in attributes */
	assert_string_equal(html_text("<a\tb\xc3\xa9" "c\x7f\"d\xc2\x9b\xff>"),
			    "&lt;a\tb\xc3\xa9" "c\xef\xbf\xbd\"d\xef\xbf\xbd\xef\xbf\xbd>");
}

static void markdown_escapes_markup(void **state)
{
	(void)state;
	assert_string_equal(md("a|b"), "a\\|b");
	assert_string_equal(md("[x](http://e) *y* `z`"), "\\[x\\](http\\://e) \\*y\\* \\`z\\`");
	assert_string_equal(md("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
	assert_string_equal(md("it's 88.5% (a-b)"), "it's 88.5% (a-b)");
	assert_string_equal(md(":x: ![i](u)"), "\\:x\\: \\!\\[i\\](u)");
	assert_string_equal(md("two\nlines"), "two lines");
	assert_string_equal(md("\xfe"), "\xef\xbf\xbd");
}

static void code_fence_outlasts_the_text(void **state)
{
	(void)state;
	assay_buf b = ASSAY_BUF_INIT;
	assay_add_markdown_code(&b, "x ```` y");
	assert_string_equal(b.buf, "`````\nx ```` y\n`````\n");
	assay_buf_reset(&b);
	assay_add_markdown_code(&b, "plain\n");
	assert_string_equal(b.buf, "```\nplain\n```\n");
	assay_buf_release(&b);
}

static void utf8_repair(void **state)
{
	(void)state;
	assay_buf b = ASSAY_BUF_INIT;
	/* an overlong NUL, a surrogate, past U+10FFFF: each byte is one U+FFFD */
	assay_add_utf8(&b, "\xc0\x80|\xed\xa0\x80|\xf4\x90\x80\x80", 11);
	assert_string_equal(b.buf, "\xef\xbf\xbd\xef\xbf\xbd|\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd|"
				   "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	assay_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(html_escapes_markup),
		cmocka_unit_test(html_text_escapes_what_starts_markup),
		cmocka_unit_test(markdown_escapes_markup),
		cmocka_unit_test(code_fence_outlasts_the_text),
		cmocka_unit_test(utf8_repair),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	html("");
	html_text("");
	md("");
	return rc;
}
