/* SPDX-License-Identifier: MIT */
#include "path.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

void assay_path_clean(char *path)
{
	if (!path[0])
		return; /* no room for the "." an emptied path becomes */
	int absolute = path[0] == '/';
	char *start = path + absolute, *out = start;
	const char *p = start;
	/*
	 * Parts are copied down in place with the separator written before
	 * each: the output never overtakes the input, which has at least as
	 * many separators between the parts it keeps.
	 */
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 1 && p[0] == '.') {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			char *last = out;
			while (last > start && last[-1] != '/')
				last--;
			int last_is_dotdot = out - last == 2 && last[0] == '.' && last[1] == '.';
			if (out > start && !last_is_dotdot) {
				out = last > start ? last - 1 : start;
			} else if (!absolute) {
				if (out > start)
					*out++ = '/';
				*out++ = '.';
				*out++ = '.';
			}
		} else {
			if (out > start)
				*out++ = '/';
			memmove(out, p, len);
			out += len;
		}
		p += len;
	}
	*out = '\0';
	if (!path[0])
		strcpy(path, ".");
}

char *assay_path_normalize(const char *path, const char *base, const struct assay_pathopts *o)
{
	char *p = assay_xstrdup(path);
	for (char *c = p; *c; c++)
		if (*c == '\\')
			*c = '/';
	if (o && o->strip && *o->strip) {
		size_t n = strlen(o->strip);
		while (n > 1 && o->strip[n - 1] == '/')
			n--;
		if (!strncmp(p, o->strip, n) && (p[n] == '/' || p[n] == '\0')) {
			const char *rest = p[n] == '/' ? p + n + 1 : p + n;
			char *q = assay_xstrdup(rest);
			free(p);
			p = q;
			base = NULL; /* stripped: now relative to the repository */
		}
	}
	int drive = ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':' &&
		    p[2] == '/';
	if (p[0] != '/' && !drive && base && *base) {
		char *q = assay_xasprintf("%s/%s", base, p);
		free(p);
		p = q;
	}
	if (!p[0]) { /* the strip prefix itself, or nothing: the top, as "a/.." is */
		free(p);
		p = assay_xstrdup(".");
	}
	assay_path_clean(p);
	if (p[0] == '/' && o && o->root && *o->root) {
		char *root = assay_xstrdup(o->root);
		assay_path_clean(root);
		size_t n = strlen(root);
		if (n == 1 && root[0] == '/')
			n = 0;
		if (!strncmp(p, root, n) && p[n] == '/') {
			char *q = assay_xstrdup(p + n + 1);
			free(p);
			p = q;
		}
		free(root);
	}
	if (!strncmp(p, "./", 2)) {
		char *q = assay_xstrdup(p + 2);
		free(p);
		p = q;
	}
	return p;
}
