#include "path.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

void assay_path_clean(char *path)
{
	int absolute = path[0] == '/';
	char *out = path + absolute;
	const char *p = path + absolute;
	char *start = out;
	while (*p) {
		const char *e = strchr(p, '/');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* skip */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			/* drop the last kept part, unless there is none to drop */
			char *last = out > start ? out - 1 : out;
			while (last > start && last[-1] != '/')
				last--;
			int last_is_dotdot = out - last >= 3 && !strncmp(last, "../", 3);
			if (out > start && !last_is_dotdot)
				out = last;
			else if (!absolute) {
				memmove(out, "../", 3);
				out += 3;
			}
		} else {
			memmove(out, p, len);
			out += len;
			*out++ = '/';
		}
		p += len;
		if (*p == '/')
			p++;
	}
	if (out > start && out[-1] == '/')
		out--;
	*out = '\0';
	if (!path[0] && !absolute)
		strcpy(path, ".");
}

char *assay_path_normalize(const char *path, const char *base, const struct assay_pathopts *o)
{
	char *p = assay_xstrdup(path);
	for (char *c = p; *c; c++)
		if (*c == '\\')
			*c = '/';
	/* a Windows drive "C:/..." keeps its letter but is treated as absolute */
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
	if (p[0] != '/' && base && *base) {
		char *q = assay_xasprintf("%s/%s", base, p);
		free(p);
		p = q;
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
