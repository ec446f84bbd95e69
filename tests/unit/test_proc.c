/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "proc.h"
#include "testtmp.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void captures_output_and_status(void **state)
{
	(void)state;
	const char *argv[] = { "sh", "-c", "echo out; echo err >&2; exit 3", NULL };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_CAPTURE };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_int_equal(r.exited, 1);
	assert_int_equal(r.status, 3);
	assert_string_equal(r.out.buf, "out\n");
	assert_string_equal(r.err.buf, "err\n");
	assert_false(assay_proc_ok(&r));
	assay_proc_result_release(&r);
}

/* Running, not a zombie nobody reaps (a container's init may not). */
static int alive(pid_t pid)
{
	char path[64], stat[256] = { 0 };
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return kill(pid, 0) == 0;
	size_t n = fread(stat, 1, sizeof(stat) - 1, f);
	fclose(f);
	const char *paren = n ? strrchr(stat, ')') : NULL;
	return paren && paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X';
}

/* Wait (at most 5 s) until pid is no longer running: a SIGKILL takes a moment to land. */
static int gone_soon(pid_t pid)
{
	for (int i = 0; i < 500; i++) {
		if (!alive(pid))
			return 1;
		struct timespec ts = { 0, 10000000 };
		nanosleep(&ts, NULL);
	}
	return 0;
}

/* The process whose pid is in pidfile is gone (soon); pidfile and its directory dir are removed. */
static void assert_gone(const char *pidfile, const char *dir)
{
	FILE *f = fopen(pidfile, "r");
	assert_non_null(f);
	long pid = 0;
	assert_int_equal(fscanf(f, "%ld", &pid), 1);
	fclose(f);
	unlink(pidfile);
	rmdir(dir);
	assert_true(pid > 0);
	int gone = gone_soon((pid_t)pid);
	if (!gone)
		kill((pid_t)pid, SIGKILL);
	assert_true(gone);
}

static void timeout_kills_the_whole_group(void **state)
{
	(void)state;
	const char *tmpdir = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/assay-proc.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	assert_non_null(mkdtemp(dir));
	char pidfile[600], cmd[700];
	snprintf(pidfile, sizeof(pidfile), "%s/pid", dir);
	/* the grandchild holds stdout open and tells its pid: it must die with the group */
	snprintf(cmd, sizeof(cmd), "sleep 30 & echo $! > '%s'; sleep 30; echo never", pidfile);
	const char *argv[] = { "sh", "-c", cmd, NULL };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_CAPTURE };
	/* a loaded machine may not have started the grandchild in time: a longer limit until it has */
	for (o.timeout_s = 0.3; o.timeout_s < 40; o.timeout_s *= 2) {
		struct assay_proc_result r;
		assay_proc_result_init(&r);
		assay_err err = ASSAY_ERR_INIT;
		assert_int_equal(assay_proc_run(&o, &r, &err), 0);
		assert_int_equal(r.timed_out, 1);
		assert_int_equal(r.exited, 0);
		assert_int_equal(r.signal, 9);
		assert_string_equal(r.out.buf, "");
		char d[64];
		assay_proc_describe(&r, d, sizeof(d));
		assert_string_equal(d, "timed out");
		assay_proc_result_release(&r);
		if (access(pidfile, F_OK) == 0)
			break;
	}

	assert_gone(pidfile, dir);
}

struct stopper {
	const char *pidfile;
	volatile sig_atomic_t flag;
};

/* What a signal handler would do, once the grandchild has told its pid (at most a minute). */
static void *stop_when_started(void *arg)
{
	struct stopper *s = arg;
	for (int i = 0; i < 6000 && access(s->pidfile, F_OK) < 0; i++) {
		struct timespec ts = { 0, 10000000 };
		nanosleep(&ts, NULL);
	}
	s->flag = 1;
	return NULL;
}

/* *stop set while it runs: the whole group is killed, and the result says stopped, not timed out. */
static void stop_kills_the_whole_group(void **state)
{
	(void)state;
	const char *tmpdir = getenv("TMPDIR");
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/assay-proc.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	assert_non_null(mkdtemp(dir));
	char pidfile[600], cmd[2000];
	snprintf(pidfile, sizeof(pidfile), "%s/pid", dir);
	snprintf(cmd, sizeof(cmd), "sleep 30 & echo $! > '%s.new' && mv '%s.new' '%s'; sleep 30; echo never",
		 pidfile, pidfile, pidfile);
	const char *argv[] = { "sh", "-c", cmd, NULL };
	struct stopper s = { pidfile, 0 };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_CAPTURE, .stop = &s.flag };
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, stop_when_started, &s), 0);
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	pthread_join(th, NULL);
	assert_int_equal(r.stopped, 1);
	assert_int_equal(r.timed_out, 0);
	assert_int_equal(r.signal, 9);
	assert_string_equal(r.out.buf, "");
	assert_false(assay_proc_ok(&r));
	char d[64];
	assay_proc_describe(&r, d, sizeof(d));
	assert_string_equal(d, "stopped");
	assay_proc_result_release(&r);

	assert_gone(pidfile, dir);
}

static void environment_and_cwd(void **state)
{
	(void)state;
	const char *argv[] = { "sh", "-c", "printf '%s|%s|%s' \"$A\" \"${HOME:-unset}\" \"$(pwd)\"", NULL };
	const char *set[] = { "A=1", NULL };
	const char *unset[] = { "HOME", NULL };
	struct assay_proc_opts o = { .argv = argv, .env_set = set, .env_unset = unset, .cwd = "/",
				     .flags = ASSAY_PROC_OUT_CAPTURE };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_string_equal(r.out.buf, "1|unset|/");
	assay_proc_result_release(&r);
}

static void cannot_start(void **state)
{
	(void)state;
	const char *argv[] = { "assay-no-such-program", NULL };
	struct assay_proc_opts o = { .argv = argv };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), -ASSAY_ECHILD);
	assert_string_equal(err.msg, "cannot run 'assay-no-such-program': No such file or directory");
	assay_proc_result_release(&r);
}

static void capture_cap_truncates(void **state)
{
	(void)state;
	const char *argv[] = { "sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x", NULL };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_CAPTURE, .capture_cap = 1000 };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_int_equal(r.out.len, 1000);
	assert_int_equal(r.out_truncated, 1);
	assert_true(assay_proc_ok(&r));
	assay_proc_result_release(&r);
}

static void keep_tail_keeps_the_last_bytes(void **state)
{
	(void)state;
	/* 300000 bytes, the last 11 of them "end of run\n", on stdout and stderr joined */
	const char *argv[] = { "sh", "-c", "head -c 299989 /dev/zero | tr '\\0' x; echo end of run >&2", NULL };
	struct assay_proc_opts o = { .argv = argv, .capture_cap = 1000,
				     .flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_TO_OUT | ASSAY_PROC_KEEP_TAIL };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_int_equal(r.out.len, 1000);
	assert_int_equal(r.out_truncated, 1);
	assert_string_equal(r.out.buf + 989, "end of run\n");
	assert_int_equal(r.out.buf[0], 'x');
	assay_proc_result_release(&r);

	/* under the cap: all of it, not truncated */
	const char *small[] = { "sh", "-c", "echo hello", NULL };
	o.argv = small;
	assay_proc_result_init(&r);
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_string_equal(r.out.buf, "hello\n");
	assert_int_equal(r.out_truncated, 0);
	assay_proc_result_release(&r);
}

/* A child started with ASSAY_PROC_DIE_WITH_PARENT dies when the process that started it is killed. */
static void die_with_parent(void **state)
{
	(void)state;
	int pp[2];
	assert_int_equal(pipe(pp), 0);
	pid_t mid = fork();
	assert_true(mid >= 0);
	if (mid == 0) {
		/* the middle process: starts a long sleep that tells its pid, and is killed meanwhile */
		close(pp[0]);
		char cmd[64];
		snprintf(cmd, sizeof(cmd), "echo $$ >&%d; exec sleep 30", pp[1]);
		const char *argv[] = { "sh", "-c", cmd, NULL };
		struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_DIE_WITH_PARENT, .timeout_s = 60 };
		struct assay_proc_result r;
		assay_proc_result_init(&r);
		assay_err err = ASSAY_ERR_INIT;
		assay_proc_run(&o, &r, &err);
		_exit(0);
	}
	close(pp[1]);
	char buf[32] = { 0 };
	ssize_t n = read(pp[0], buf, sizeof(buf) - 1);
	close(pp[0]);
	assert_true(n > 0);
	pid_t grandchild = (pid_t)atol(buf);
	assert_true(grandchild > 0);
	assert_true(alive(grandchild));
	kill(mid, SIGKILL);
	waitpid(mid, NULL, 0);
	/* the grandchild is reparented and then killed */
	int gone = gone_soon(grandchild);
	if (!gone)
		kill(grandchild, SIGKILL);
	assert_true(gone);
}

/* A shell loop that costs some CPU time (the same however loaded the machine), then DONE is made. */
#define SPIN "i=0; while [ $i -lt 150000 ]; do i=$((i+1)); done"

/*
 * A run that times out says how much CPU its whole group used, a grandchild
 * still running included: that tells a spinning test from a starved one.
 */
static void timeout_counts_the_group_cpu(void **state)
{
	(void)state;
	char tmpl[TESTTMP_MAX];
	assert_int_equal(testtmp_template(tmpl, sizeof(tmpl), "assay-proc"), 0);
	assert_non_null(mkdtemp(tmpl));
	char cmd[1024 + TESTTMP_MAX], done[TESTTMP_MAX + 8];
	snprintf(done, sizeof(done), "%s/done", tmpl);
	/* the loop alone, waited for: what it costs */
	const char *alone[] = { "sh", "-c", SPIN, NULL };
	struct assay_proc_opts o = { .argv = alone };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	int64_t cost = r.cpu_us;
	assert_true(cost > 0);
	assert_int_equal(r.cpu_us, r.user_us + r.sys_us);
	assay_proc_result_release(&r);

	/*
	 * The loop in a background subshell, killed while it sleeps after: its CPU
	 * is the group's.  The child itself (sleep) never waits for it, so
	 * wait4's rusage cannot have it.
	 */
	snprintf(cmd, sizeof(cmd), "(" SPIN "; : > '%s'; exec sleep 60) & exec sleep 60", done);
	const char *argv[] = { "sh", "-c", cmd, NULL };
	o.argv = argv;
	/* a loaded machine may not finish the loop in time: a longer limit until it does */
	for (double limit = 0.5; limit < 70; limit *= 2) {
		unlink(done);
		o.timeout_s = limit;
		assay_proc_result_init(&r);
		assert_int_equal(assay_proc_run(&o, &r, &err), 0);
		assert_int_equal(r.timed_out, 1);
		if (access(done, F_OK) == 0)
			break;
		assay_proc_result_release(&r);
	}
	assert_int_equal(access(done, F_OK), 0);
	/* without the group: only the child's own time (a few ms) */
	assert_true(r.cpu_us > cost / 2);
	assert_true(r.user_us + r.sys_us < cost / 2);
	assay_proc_result_release(&r);

	/* a sleeper killed: next to no CPU */
	const char *sleeper[] = { "sh", "-c", "sleep 60; echo never", NULL };
	o.argv = sleeper;
	o.timeout_s = 0.3;
	assay_proc_result_init(&r);
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_int_equal(r.timed_out, 1);
	assert_true(r.cpu_us < cost / 2);
	assay_proc_result_release(&r);
	unlink(done);
	rmdir(tmpl);
}

/* How many of this process's descriptors a child inherits: those open without FD_CLOEXEC. */
static int inheritable_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	assert_non_null(d);
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		int fd = atoi(de->d_name);
		int fl = fcntl(fd, F_GETFD);
		if (fd > 2 && fd != dirfd(d) && fl >= 0 && !(fl & FD_CLOEXEC))
			n++;
	}
	closedir(d);
	return n;
}

static int count_lines(const assay_buf *b)
{
	int n = 0;
	for (size_t i = 0; i < b->len; i++)
		n += b->buf[i] == '\n';
	return n;
}

/*
 * The child has its 0, 1 and 2 and what this process lets it inherit, none
 * of Assay's pipes or /dev/null descriptors, whichever way its output goes.
 * ls lists its own descriptors: those, and the one it reads the list with.
 */
static void child_gets_only_its_stdio(void **state)
{
	(void)state;
	int expect = 3 + inheritable_fds() + 1;
	const char *to_out[] = { "ls", "/proc/self/fd", NULL };
	const char *to_err[] = { "sh", "-c", "exec ls /proc/self/fd 1>&2", NULL };
	static const struct {
		int flags, on_err;
	} ways[] = {
		{ ASSAY_PROC_OUT_CAPTURE, 0 },
		{ ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_DISCARD, 0 },
		{ ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_CAPTURE, 0 },
		{ ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_TO_OUT, 0 },
		{ ASSAY_PROC_OUT_DISCARD | ASSAY_PROC_ERR_CAPTURE, 1 },
		{ ASSAY_PROC_OUT_DISCARD | ASSAY_PROC_ERR_CAPTURE | ASSAY_PROC_DIE_WITH_PARENT, 1 },
	};
	for (size_t i = 0; i < sizeof(ways) / sizeof(ways[0]); i++) {
		struct assay_proc_opts o = { .argv = ways[i].on_err ? to_err : to_out, .flags = ways[i].flags };
		struct assay_proc_result r;
		assay_proc_result_init(&r);
		assay_err err = ASSAY_ERR_INIT;
		assert_int_equal(assay_proc_run(&o, &r, &err), 0);
		assert_true(assay_proc_ok(&r));
		const assay_buf *list = ways[i].on_err ? &r.err : &r.out;
		if (count_lines(list) != expect)
			fprintf(stderr, "flags %d: the child had\n%s", ways[i].flags, list->buf);
		assert_int_equal(count_lines(list), expect);
		assay_proc_result_release(&r);
	}
}

/* The lowest descriptor number not open here: the next that open() or pipe() returns. */
static int lowest_free_fd(int from)
{
	while (fcntl(from, F_GETFD) >= 0)
		from++;
	return from;
}

/* When only some of the pipes can be made, those made are closed again. */
static void a_pipe_that_fails_leaks_nothing(void **state)
{
	(void)state;
	struct rlimit was;
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &was), 0);
	/* room for the stdout pipe's two ends, none for stderr's */
	int first = lowest_free_fd(0), second = lowest_free_fd(first + 1);
	struct rlimit tight = { (rlim_t)second + 1, was.rlim_max };
	const char *argv[] = { "true", NULL };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_CAPTURE };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &tight), 0);
	int rc = assay_proc_run(&o, &r, &err);
	int first_open = fcntl(first, F_GETFD) >= 0, second_open = fcntl(second, F_GETFD) >= 0;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &was), 0);
	if (first_open)
		close(first);
	if (second_open)
		close(second);
	assert_int_equal(rc, -ASSAY_ECHILD);
	assert_string_equal(err.msg, "pipe: Too many open files");
	assert_false(first_open);
	assert_false(second_open);
	assay_proc_result_release(&r);
}

/* stdin from a file that is not there: the command does not run on someone else's stdin. */
static void stdin_that_cannot_open(void **state)
{
	(void)state;
	const char *argv[] = { "cat", NULL };
	struct assay_proc_opts o = { .argv = argv, .flags = ASSAY_PROC_OUT_CAPTURE,
				     .stdin_path = "/nonexistent/assay-input" };
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	assay_err err = ASSAY_ERR_INIT;
	assert_int_equal(assay_proc_run(&o, &r, &err), -ASSAY_ECHILD);
	assert_string_equal(err.msg, "cannot run 'cat': /nonexistent/assay-input: No such file or directory");
	assay_proc_result_release(&r);

	/* one that is: read */
	const char *tmpdir = getenv("TMPDIR");
	char file[512];
	snprintf(file, sizeof(file), "%s/assay-stdin.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(file);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "fed\n", 4), 4);
	close(fd);
	o.stdin_path = file;
	assay_proc_result_init(&r);
	assert_int_equal(assay_proc_run(&o, &r, &err), 0);
	assert_string_equal(r.out.buf, "fed\n");
	assay_proc_result_release(&r);
	unlink(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(captures_output_and_status),
		cmocka_unit_test(timeout_kills_the_whole_group),
		cmocka_unit_test(stop_kills_the_whole_group),
		cmocka_unit_test(environment_and_cwd),
		cmocka_unit_test(cannot_start),
		cmocka_unit_test(capture_cap_truncates),
		cmocka_unit_test(keep_tail_keeps_the_last_bytes),
		cmocka_unit_test(die_with_parent),
		cmocka_unit_test(timeout_counts_the_group_cpu),
		cmocka_unit_test(child_gets_only_its_stdio),
		cmocka_unit_test(a_pipe_that_fails_leaks_nothing),
		cmocka_unit_test(stdin_that_cannot_open),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
