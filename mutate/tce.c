/* SPDX-License-Identifier: MIT */
/*
 * Trivial compiler equivalence (--tce): each mutant's file is compiled at
 * -O2 with the mutant applied, and the object's code and data (relocations
 * included, debug info left out) are hashed.  A mutant whose hash is the
 * original's cannot be told apart by any test: equivalent.  One whose hash
 * is an earlier mutant's is a duplicate of it.  Neither is run.
 */
#include "engine.h"
#include "digest.h"
#include "mem.h"
#include "schemata.h"

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *str_at(const unsigned char *o, size_t len, const Elf64_Shdr *strtab, uint32_t off)
{
	if (!strtab || strtab->sh_offset + off >= len)
		return "";
	return (const char *)o + strtab->sh_offset + off;
}

/* Hash an ELF64 relocatable's allocated sections and their relocations. 0 on success. */
static int object_hash(const char *path, char hex[33])
{
	assay_buf b = ASSAY_BUF_INIT;
	if (mut_read_file(path, &b, NULL) < 0) {
		assay_buf_release(&b);
		return -1;
	}
	size_t len;
	unsigned char *o = (unsigned char *)assay_buf_detach(&b, &len);
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)o;
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > len) {
		free(o);
		return -1;
	}
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(o + eh->e_shoff);
	const Elf64_Shdr *shstr = eh->e_shstrndx < eh->e_shnum ? &sh[eh->e_shstrndx] : NULL;
	assay_digest *d = assay_digest_new();
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const Elf64_Shdr *s = &sh[i];
		if (s->sh_flags & SHF_ALLOC) {
			assay_digest_update_str(d, str_at(o, len, shstr, s->sh_name));
			assay_digest_update(d, &s->sh_size, sizeof(s->sh_size));
			if (s->sh_type != SHT_NOBITS && s->sh_offset + s->sh_size <= len)
				assay_digest_update(d, o + s->sh_offset, s->sh_size);
		}
		if (s->sh_type != SHT_RELA || s->sh_info >= eh->e_shnum || !(sh[s->sh_info].sh_flags & SHF_ALLOC) ||
		    s->sh_link >= eh->e_shnum)
			continue;
		const Elf64_Shdr *symtab = &sh[s->sh_link];
		const Elf64_Shdr *symstr = symtab->sh_link < eh->e_shnum ? &sh[symtab->sh_link] : NULL;
		size_t nrel = s->sh_size / sizeof(Elf64_Rela);
		for (size_t r = 0; r < nrel && s->sh_offset + (r + 1) * sizeof(Elf64_Rela) <= len; r++) {
			const Elf64_Rela *rel = (const Elf64_Rela *)(o + s->sh_offset) + r;
			size_t si = ELF64_R_SYM(rel->r_info);
			const char *name = "";
			if (symtab->sh_offset + (si + 1) * sizeof(Elf64_Sym) <= len) {
				const Elf64_Sym *sym = (const Elf64_Sym *)(o + symtab->sh_offset) + si;
				if (ELF64_ST_TYPE(sym->st_info) == STT_SECTION && sym->st_shndx < eh->e_shnum)
					name = str_at(o, len, shstr, sh[sym->st_shndx].sh_name);
				else
					name = str_at(o, len, symstr, sym->st_name);
			}
			uint64_t fields[3] = { rel->r_offset, ELF64_R_TYPE(rel->r_info), (uint64_t)rel->r_addend };
			assay_digest_update(d, fields, sizeof(fields));
			assay_digest_update_str(d, name);
		}
	}
	assay_digest_hex(d, hex);
	assay_digest_free(d);
	free(o);
	return 0;
}

/* Compile text as file f at -O2 and hash the object; 1 when it does not compile. */
static int compile_hash(const mut_ccentry *en, const char *src, const char *obj,
			const char *text, size_t len, char hex[33], assay_err *err)
{
	int rc = mut_write_file(src, text, len, err);
	if (rc < 0)
		return rc;
	static const char *const extra[] = { "-O2", "-g0", "-w", "-Wno-error", NULL };
	const char **argv = mut_ccdb_compile_argv(en, src, obj, extra);
	struct assay_proc_opts o = {
		.argv = argv, .cwd = en->dir, .timeout_s = 600,
		.flags = ASSAY_PROC_OUT_DISCARD | ASSAY_PROC_ERR_DISCARD,
	};
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	unlink(obj);
	rc = assay_proc_run(&o, &r, err);
	if (rc == 0)
		rc = assay_proc_ok(&r) && object_hash(obj, hex) == 0 ? 0 : 1;
	assay_proc_result_release(&r);
	free(argv);
	return rc;
}

int mut_tce(mut_engine *e, assay_err *err)
{
	mut_project *p = &e->proj;
	int rc = 0;
	for (size_t fi = 0; fi < p->nfiles && rc >= 0; fi++) {
		mut_file *f = &p->files[fi];
		size_t want = 0;
		for (size_t i = 0; i < p->nmutants; i++)
			want += p->mutants[i].file == fi && p->mutants[i].selected &&
				p->mutants[i].status == MUT_PENDING;
		if (!want)
			continue;
		char *spath = NULL;
		const mut_ccentry *en = mut_scratch_entry(e, f, &spath);
		if (!en) {
			free(spath);
			continue;
		}
		/* one name for every variant: __FILE__ and the like are the same in all */
		char *dir = assay_xstrdup(spath);
		*strrchr(dir, '/') = '\0';
		char *src = assay_xasprintf("%s/.assay-tce.c", dir);
		char *obj = assay_xasprintf("%s/tce.o", e->scratch);
		char orig[33];
		rc = compile_hash(en, src, obj, f->text, f->len, orig, err);
		char (*seen)[33] = assay_xcalloc(p->nmutants + 1, 33);
		int *seen_id = assay_xcalloc(p->nmutants + 1, sizeof(int));
		size_t nseen = 0;
		for (size_t i = 0; rc == 0 && i < p->nmutants; i++) {
			mut_mutant *m = &p->mutants[i];
			if (m->file != fi || !m->selected || m->status != MUT_PENDING)
				continue;
			if ((rc = mut_interrupted(e, err)) < 0)
				break; /* a compile each: a signal stops it here */
			size_t len;
			char *text = mut_render_single(p, m, &len);
			char h[33];
			int c = compile_hash(en, src, obj, text, len, h, err);
			free(text);
			if (c < 0) {
				rc = c;
				break;
			}
			if (c == 1) {
				m->status = MUT_COMPILE_ERROR;
				m->reason = assay_xstrdup("does not compile");
				continue;
			}
			if (!strcmp(h, orig)) {
				m->status = MUT_EQUIVALENT;
				m->reason = assay_xstrdup("TCE: the same object code as the original at -O2");
				continue;
			}
			for (size_t k = 0; k < nseen; k++) {
				if (!strcmp(seen[k], h)) {
					m->status = MUT_DUPLICATE;
					m->reason = assay_xasprintf("TCE: the same object code as mutant %.12s",
								    p->mutants[seen_id[k] - 1].key);
					break;
				}
			}
			if (m->status == MUT_PENDING) {
				memcpy(seen[nseen], h, 33);
				seen_id[nseen++] = m->id;
			}
		}
		if (rc == 1)
			rc = 0; /* the original did not compile at -O2 alone: no TCE for this file */
		unlink(src);
		unlink(obj);
		free(seen);
		free(seen_id);
		free(src);
		free(obj);
		free(dir);
		free(spath);
	}
	return rc < 0 ? rc : 0;
}
