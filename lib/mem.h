/* SPDX-License-Identifier: MIT */
/*
 * Memory in libassay — who frees what.
 *
 * Every allocation has one owner.  A function that returns a new object
 * says so in its comment and names its destructor: objects made by
 * assay_X_new()/assay_X_open()/assay_X_begin() are freed by assay_X_free()
 * or assay_X_close(); structs the caller owns on the stack are set up by
 * assay_X_init() and emptied by assay_X_release().  Every destructor
 * accepts NULL.  Strings handed to callbacks are borrowed: they live until
 * the callback returns, copy them to keep them.
 *
 * Running out of memory is the one condition libassay does not return:
 * assay_xmalloc() and friends abort with a message, as git's xmalloc does,
 * because no caller could do anything better with it.
 */
#ifndef ASSAY_MEM_H
#define ASSAY_MEM_H

#include <stddef.h>
#include <stdlib.h> /* free() */

void *assay_xmalloc(size_t n);
void *assay_xcalloc(size_t nmemb, size_t size);
void *assay_xrealloc(void *p, size_t n);
/* p, or abort as assay_xmalloc() does when it is NULL: for what another library
   (jansson) allocated and returns NULL for only when out of memory. */
void *assay_xcheck(void *p);
/* A copy of s (NULL stays NULL). */
char *assay_xstrdup(const char *s);
/* A NUL-terminated copy of the n bytes at s. */
char *assay_xstrndup(const char *s, size_t n);
/* A new string from printf-style arguments. */
char *assay_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *arr (of *alloc elements of size elem) to hold at least need. */
void assay_grow(void **arr, size_t *alloc, size_t need, size_t elem);
#define ASSAY_GROW(arr, alloc, need) \
	assay_grow((void **)&(arr), &(alloc), (need), sizeof(*(arr)))

#endif
