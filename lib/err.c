/* SPDX-License-Identifier: MIT */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int vset(assay_err *err, int code, const char *prefix, const char *fmt,
		va_list ap)
{
	if (code < 0)
		code = -code;
	if (err) {
		size_t n = 0;
		err->code = code;
		if (prefix) {
			snprintf(err->msg, sizeof(err->msg), "%s", prefix);
			n = strlen(err->msg);
		}
		vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
		/* one line: a message from a library (libxml2) may end in '\n' */
		for (char *p = err->msg; *p; p++)
			if (*p == '\n' || *p == '\r')
				*p = p[1] ? ' ' : '\0';
	}
	return -code;
}

int assay_err_set(assay_err *err, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = vset(err, code, NULL, fmt, ap);
	va_end(ap);
	return rc;
}

int assay_err_at(assay_err *err, int code, const char *file, long line,
		 const char *fmt, ...)
{
	char prefix[512];
	if (line > 0)
		snprintf(prefix, sizeof(prefix), "%s:%ld: ", file ? file : "-", line);
	else
		snprintf(prefix, sizeof(prefix), "%s: ", file ? file : "-");
	va_list ap;
	va_start(ap, fmt);
	int rc = vset(err, code, prefix, fmt, ap);
	va_end(ap);
	return rc;
}

const char *assay_strerror(int code)
{
	static const char *const names[] = {
		[ASSAY_OK] = "ok",
		[ASSAY_EUSAGE] = "usage error",
		[ASSAY_EINPUT] = "input error",
		[ASSAY_EIO] = "i/o error",
		[ASSAY_EDB] = "store error",
		[ASSAY_ENOMEM] = "out of memory",
		[ASSAY_EEXISTS] = "already exists",
		[ASSAY_ENOTFOUND] = "not found",
		[ASSAY_EVERSION] = "store version too new",
		[ASSAY_ECHILD] = "child process failed",
		[ASSAY_ETIMEOUT] = "timed out",
		[ASSAY_ECHECK] = "check failed",
	};
	if (code < 0)
		code = -code;
	if ((size_t)code >= sizeof(names) / sizeof(names[0]) || !names[code])
		return "unknown error";
	return names[code];
}

int assay_exit_status(int code)
{
	if (code < 0)
		code = -code;
	switch (code) {
	case ASSAY_OK:
	case ASSAY_EEXISTS:
		return 0;
	case ASSAY_ECHECK:
		return 1;
	default:
		return 2;
	}
}
