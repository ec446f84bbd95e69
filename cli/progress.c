/* SPDX-License-Identifier: MIT */
#include "progress.h"
#include "proc.h"
#include "cli.h"
#include "mem.h"

#include <string.h>

struct assay_progress {
	FILE *out;
	char *what;
	uint64_t total, done;
	int bar;
	int quiet;
	double start, last_draw;
	int last_decile;
};

static double now_s(void)
{
	return (double)assay_proc_now_us() / 1e6;
}

assay_progress *assay_progress_new(FILE *out, const char *what, uint64_t total,
				   enum assay_progress_mode mode)
{
	assay_progress *p = assay_xcalloc(1, sizeof(*p));
	p->out = out;
	p->what = assay_xstrdup(what);
	p->total = total;
	p->quiet = mode == ASSAY_PROGRESS_QUIET;
	p->bar = mode == ASSAY_PROGRESS_BAR || (mode == ASSAY_PROGRESS_AUTO && assay_cli_isatty(out));
	p->start = now_s();
	p->last_decile = -1;
	return p;
}

static void fmt_eta(char *buf, size_t n, double secs)
{
	if (secs < 0 || secs > 1e7)
		snprintf(buf, n, "--:--");
	else if (secs >= 3600)
		snprintf(buf, n, "%d:%02d:%02d", (int)secs / 3600, ((int)secs / 60) % 60, (int)secs % 60);
	else
		snprintf(buf, n, "%02d:%02d", (int)secs / 60, (int)secs % 60);
}

/* final: 0 while going on, 1 finished, 2 stopped before its end */
static void draw(assay_progress *p, const char *detail, int final)
{
	const char *when = final == 2 ? "stopped after" : final ? "in" : "ETA";
	double t = now_s(), elapsed = t - p->start;
	double frac = p->total ? (double)p->done / (double)p->total : 0;
	char eta[32];
	if (final)
		fmt_eta(eta, sizeof(eta), elapsed);
	else
		fmt_eta(eta, sizeof(eta), p->done ? elapsed / (double)p->done * (double)(p->total - p->done) : -1);
	char pct[ASSAY_CLI_PCT_SIZE];
	assay_cli_pct(pct, p->done, p->total);
	if (p->bar) {
		char bar[31];
		int fill = (int)(frac * 30);
		for (int i = 0; i < 30; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[30] = '\0';
		fprintf(p->out, "\r\033[K%s [%s] %llu/%llu %6s %s %s%s", p->what, bar,
			(unsigned long long)p->done, (unsigned long long)p->total, pct,
			when, eta, detail && *detail ? "  " : "");
		if (detail)
			fputs(detail, p->out);
		if (final)
			fputc('\n', p->out);
	} else {
		fprintf(p->out, "%s: %llu/%llu (%s) %s %s%s%s\n", p->what, (unsigned long long)p->done,
			(unsigned long long)p->total, pct, when, eta,
			detail && *detail ? "  " : "", detail ? detail : "");
	}
	fflush(p->out);
	p->last_draw = t;
}

void assay_progress_update(assay_progress *p, uint64_t done, const char *detail)
{
	if (!p || p->quiet)
		return;
	p->done = done;
	double t = now_s();
	if (p->bar) {
		if (t - p->last_draw >= 0.1 || done == p->total)
			draw(p, detail, 0);
		return;
	}
	int decile = p->total ? (int)(done * 10 / p->total) : 0;
	if (decile != p->last_decile || t - p->last_draw >= 30) {
		p->last_decile = decile;
		draw(p, detail, 0);
	}
}

void assay_progress_finish(assay_progress *p, const char *detail)
{
	if (!p || p->quiet)
		return;
	p->done = p->total;
	draw(p, detail, 1);
}

void assay_progress_stop(assay_progress *p, const char *detail)
{
	if (!p || p->quiet)
		return;
	draw(p, detail, 2);
}

void assay_progress_free(assay_progress *p)
{
	if (!p)
		return;
	free(p->what);
	free(p);
}
