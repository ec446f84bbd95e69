#include "measure.h"
#include "buf.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Wait for pid up to timeout_s: 1 when it is ready to be reaped, 0 on timeout. */
static int wait_ready(pid_t pid, double timeout_s)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (pfd < 0) {
		/* an old kernel: poll the child, coarsely but correctly */
		double end = now_s() + timeout_s;
		siginfo_t si;
		while (now_s() < end) {
			memset(&si, 0, sizeof(si));
			if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid)
				return 1;
			struct timespec ts = { 0, 1000000 };
			nanosleep(&ts, NULL);
		}
		return 0;
	}
	struct pollfd p = { .fd = pfd, .events = POLLIN };
	int left_ms = (int)(timeout_s * 1000);
	double end = now_s() + timeout_s;
	int r;
	while ((r = poll(&p, 1, left_ms)) < 0 && errno == EINTR)
		left_ms = (int)((end - now_s()) * 1000);
	close(pfd);
	return r > 0;
}

static void keep_tail(FILE *f, char *tail, size_t n)
{
	tail[0] = '\0';
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	long from = size > (long)n - 1 ? size - ((long)n - 1) : 0;
	fseek(f, from, SEEK_SET);
	size_t got = fread(tail, 1, n - 1, f);
	tail[got] = '\0';
	/* one line for a message: the last non-empty one */
	while (got && (tail[got - 1] == '\n' || tail[got - 1] == '\r'))
		tail[--got] = '\0';
	char *nl = strrchr(tail, '\n');
	if (nl)
		memmove(tail, nl + 1, strlen(nl + 1) + 1);
}

int bench_measure_run(const char *const *argv, double timeout_s, struct bench_measure *out,
		      assay_err *err)
{
	memset(out, 0, sizeof(*out));
	int execp[2];
	if (pipe(execp) < 0)
		return assay_err_set(err, ASSAY_ECHILD, "pipe: %s", strerror(errno));
	/* close-on-exec: the pipe reports a failed exec and closes on a good one */
	fcntl(execp[0], F_SETFD, FD_CLOEXEC);
	fcntl(execp[1], F_SETFD, FD_CLOEXEC);
	FILE *errf = tmpfile();
	double start = now_s();
	pid_t pid = fork();
	if (pid < 0) {
		close(execp[0]);
		close(execp[1]);
		if (errf)
			fclose(errf);
		return assay_err_set(err, ASSAY_ECHILD, "fork: %s", strerror(errno));
	}
	if (pid == 0) {
		setpgid(0, 0);
		int in = open("/dev/null", O_RDWR);
		dup2(in, 0);
		dup2(in, 1);
		if (errf)
			dup2(fileno(errf), 2);
		execvp(argv[0], (char *const *)argv);
		int e = errno;
		(void)!write(execp[1], &e, sizeof(e));
		_exit(127);
	}
	setpgid(pid, pid);
	close(execp[1]);
	int child_errno = 0;
	ssize_t got;
	while ((got = read(execp[0], &child_errno, sizeof(child_errno))) < 0 && errno == EINTR)
		;
	close(execp[0]);

	if (timeout_s > 0 && !wait_ready(pid, timeout_s)) {
		out->timed_out = 1;
		killpg(pid, SIGKILL);
	}
	int status = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof(ru));
	while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
		;
	out->wall_s = now_s() - start;
	keep_tail(errf, out->err_tail, sizeof(out->err_tail));
	if (errf)
		fclose(errf);
	if (got == (ssize_t)sizeof(child_errno) && child_errno)
		return assay_err_set(err, ASSAY_ECHILD, "cannot run '%s': %s", argv[0],
				     strerror(child_errno));
	out->user_s = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6;
	out->sys_s = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec * 1e-6;
	out->maxrss_bytes = (double)ru.ru_maxrss * 1024; /* Linux reports KiB */
	if (WIFEXITED(status)) {
		out->exited = 1;
		out->status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		out->signal = WTERMSIG(status);
	}
	return 0;
}

int bench_measure_ok(const struct bench_measure *m)
{
	return m->exited && m->status == 0 && !m->timed_out;
}

void bench_measure_describe(const struct bench_measure *m, double timeout_s, char *buf, size_t n)
{
	if (m->timed_out)
		snprintf(buf, n, "timed out after %g s", timeout_s);
	else if (m->exited)
		snprintf(buf, n, "exit status %d", m->status);
	else
		snprintf(buf, n, "killed by signal %d", m->signal);
}

int bench_callgrind_parse(const char *text, uint64_t *out)
{
	static const char *const keys[] = { "\nsummary:", "\ntotals:" };
	for (size_t k = 0; k < 2; k++) {
		const char *p = strstr(text, keys[k]);
		if (!p && !strncmp(text, keys[k] + 1, strlen(keys[k]) - 1))
			p = text - 1; /* at the very start */
		if (!p)
			continue;
		p += strlen(keys[k]);
		char *end;
		errno = 0;
		unsigned long long v = strtoull(p, &end, 10);
		if (end != p && !errno) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

static int read_file(const char *path, assay_buf *b)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assay_buf_add(b, chunk, n);
	fclose(f);
	return 0;
}

int bench_callgrind_run(const char *const *argv, double timeout_s, uint64_t *instructions,
			struct bench_measure *m, assay_err *err)
{
	char dir[] = "/tmp/assay-callgrind.XXXXXX";
	if (!mkdtemp(dir))
		return assay_err_set(err, ASSAY_EIO, "cannot make a temporary directory: %s",
				     strerror(errno));
	size_t argc = 0;
	while (argv[argc])
		argc++;
	char *outfile = assay_xasprintf("--callgrind-out-file=%s/callgrind.out.%%p", dir);
	const char **vg = assay_xcalloc(argc + 7, sizeof(*vg));
	size_t k = 0;
	vg[k++] = "valgrind";
	vg[k++] = "--tool=callgrind";
	vg[k++] = "--trace-children=yes";
	vg[k++] = "-q";
	vg[k++] = outfile;
	vg[k++] = "--";
	for (size_t i = 0; i < argc; i++)
		vg[k++] = argv[i];
	int rc = bench_measure_run(vg, timeout_s, m, err);
	free(vg);
	free(outfile);

	/* sum the counts of every process callgrind followed, and clean up */
	uint64_t total = 0;
	size_t files = 0;
	int bad = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *path = assay_xasprintf("%s/%s", dir, e->d_name);
		assay_buf b = ASSAY_BUF_INIT;
		uint64_t v;
		if (read_file(path, &b) == 0 && bench_callgrind_parse(b.buf, &v) == 0) {
			total += v;
			files++;
		} else {
			bad = 1;
		}
		assay_buf_release(&b);
		unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
	if (rc < 0)
		return rc;
	if (bench_measure_ok(m) && (files == 0 || bad))
		return assay_err_set(err, ASSAY_ECHILD,
				     "callgrind wrote no instruction count (is valgrind installed? %s)",
				     m->err_tail);
	*instructions = total;
	return 0;
}
