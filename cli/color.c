/* SPDX-License-Identifier: MIT */
#include "color.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static enum assay_color_mode mode = ASSAY_COLOR_AUTO;

int assay_color_parse(const char *s, enum assay_color_mode *out)
{
	static const char *const names[] = { "auto", "always", "never" };
	for (int i = 0; i < 3; i++)
		if (!strcmp(s, names[i])) {
			*out = (enum assay_color_mode)i;
			return 0;
		}
	return -1;
}

void assay_color_set_mode(enum assay_color_mode m)
{
	mode = m;
}

int assay_color_wanted(FILE *stream)
{
	if (mode != ASSAY_COLOR_AUTO)
		return mode == ASSAY_COLOR_ALWAYS;
	const char *no = getenv("NO_COLOR");
	return !(no && *no) && assay_cli_isatty(stream);
}

const char *assay_color_on(FILE *stream, enum assay_color c)
{
	static const char *const esc[] = {
		[ASSAY_RED] = "\033[31m", [ASSAY_GREEN] = "\033[32m",
		[ASSAY_YELLOW] = "\033[33m", [ASSAY_BOLD] = "\033[1m",
	};
	return assay_color_wanted(stream) ? esc[c] : "";
}

const char *assay_color_off(FILE *stream)
{
	return assay_color_wanted(stream) ? "\033[m" : "";
}

const char *assay_color_on_if(FILE *stream, int cond, enum assay_color c)
{
	return cond ? assay_color_on(stream, c) : "";
}

const char *assay_color_off_if(FILE *stream, int cond)
{
	return cond ? assay_color_off(stream) : "";
}
