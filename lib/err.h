/* SPDX-License-Identifier: MIT */
/*
 * Error codes and messages for libassay.
 *
 * Every fallible library function returns 0 on success or a negative
 * assay_code (-ASSAY_EINPUT, ...) and, when it fails, fills the caller's
 * assay_err with one line of text.  Messages about input name the input:
 * "FILE:LINE: what is wrong".  Only front ends print them and exit.
 *
 * The numbering is append-only: tools and scripts may depend on it.
 */
#ifndef ASSAY_ERR_H
#define ASSAY_ERR_H

enum assay_code {
	ASSAY_OK = 0,
	ASSAY_EUSAGE = 1,    /* bad flags or arguments */
	ASSAY_EINPUT = 2,    /* malformed or unknown input */
	ASSAY_EIO = 3,       /* a file could not be read or written */
	ASSAY_EDB = 4,       /* the store failed */
	ASSAY_ENOMEM = 5,
	ASSAY_EEXISTS = 6,   /* already there (same digest): not an error for callers that say so */
	ASSAY_ENOTFOUND = 7, /* a run, commit or record that does not exist */
	ASSAY_EVERSION = 8,  /* a store written by a newer Assay */
	ASSAY_ECHILD = 9,    /* a child process could not start or failed */
	ASSAY_ETIMEOUT = 10, /* a child process ran out of time */
	ASSAY_ECHECK = 11,   /* a gate or check failed (exit status 1) */
};

typedef struct assay_err {
	int code;       /* an enum assay_code, ASSAY_OK when nothing failed */
	char msg[1024]; /* one line, no trailing newline */
} assay_err;

#define ASSAY_ERR_INIT { 0, { 0 } }

/* Fill err (may be NULL) with code and a printf-style message; returns -code. */
int assay_err_set(assay_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same, prefixed "FILE:LINE: " (or "FILE: " when line <= 0). Returns -code. */
int assay_err_at(assay_err *err, int code, const char *file, long line,
		 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* A short static name for a code ("input error", ...). */
const char *assay_strerror(int code);

/*
 * The process exit status a front end uses for a code: 0 ok, 1 a check
 * failed, 2 usage or input error (everything else that stops a command).
 */
int assay_exit_status(int code);

#endif
