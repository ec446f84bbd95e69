/* SPDX-License-Identifier: MIT */
/*
 * Colour for people at a terminal: failures in red, regressions and
 * survivors in red or yellow, passes and improvements in green.  Never on
 * a stream that is not a terminal, nor when NO_COLOR is set (no-color.org),
 * unless --color=always says so; --color=never turns it off everywhere.
 * Every utility takes --color (assay_cli_parse() reads it), so the mode is
 * the front end's, set once before anything prints: one setting per
 * process, like git's color.ui, not passed through every printing call.
 */
#ifndef ASSAY_COLOR_H
#define ASSAY_COLOR_H

#include <stdio.h>

enum assay_color_mode { ASSAY_COLOR_AUTO = 0, ASSAY_COLOR_ALWAYS, ASSAY_COLOR_NEVER };

enum assay_color {
	ASSAY_RED,    /* failed, a regression, a surviving mutant */
	ASSAY_GREEN,  /* passed, an improvement */
	ASSAY_YELLOW, /* flaky, skipped, a warning */
	ASSAY_BOLD,   /* headings */
};

/* "auto", "always" or "never" into *out: 0, or -1 for anything else. */
int assay_color_parse(const char *s, enum assay_color_mode *out);
void assay_color_set_mode(enum assay_color_mode m);

/* 1 when what is written to stream is coloured. */
int assay_color_wanted(FILE *stream);

/* The escape that starts colour c on stream, or "" when stream is not coloured. */
const char *assay_color_on(FILE *stream, enum assay_color c);
/* The escape that ends it, or "". */
const char *assay_color_off(FILE *stream);

/* The same only when cond holds, else "": a count in red only when it is not 0. */
const char *assay_color_on_if(FILE *stream, int cond, enum assay_color c);
const char *assay_color_off_if(FILE *stream, int cond);

#endif
