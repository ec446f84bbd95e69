/*
 * Where the unit tests write: under $TMPDIR, as CTest's callers and the
 * whole-program tests do, else /tmp; never at a fixed path.  Paths made
 * from it may be long and hold any character but NUL: give them room
 * (TESTTMP_MAX) and never pass them through a shell unquoted.
 */
#ifndef ASSAY_TESTTMP_H
#define ASSAY_TESTTMP_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#define TESTTMP_MAX PATH_MAX

static inline const char *testtmp_dir(void)
{
	const char *dir = getenv("TMPDIR");
	return dir && *dir ? dir : "/tmp";
}

/* buf = "$TMPDIR/NAME-XXXXXX", a template for mkdtemp() or mkstemp(); 0, or -1 if it does not fit. */
static inline int testtmp_template(char *buf, size_t size, const char *name)
{
	int n = snprintf(buf, size, "%s/%s-XXXXXX", testtmp_dir(), name);
	return n > 0 && (size_t)n < size ? 0 : -1;
}

#endif
