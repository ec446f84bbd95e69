/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "proc.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

void assay_proc_result_init(struct assay_proc_result *r)
{
	memset(r, 0, sizeof(*r));
	assay_buf_init(&r->out);
	assay_buf_init(&r->err);
}

void assay_proc_result_release(struct assay_proc_result *r)
{
	assay_buf_release(&r->out);
	assay_buf_release(&r->err);
}

int assay_proc_ok(const struct assay_proc_result *r)
{
	return r->exited && r->status == 0 && !r->timed_out && !r->stopped;
}

void assay_proc_describe(const struct assay_proc_result *r, char *buf, size_t n)
{
	if (r->timed_out)
		snprintf(buf, n, "timed out");
	else if (r->stopped)
		snprintf(buf, n, "stopped");
	else if (r->exited)
		snprintf(buf, n, "exit status %d", r->status);
	else
		snprintf(buf, n, "killed by signal %d (%s)", r->signal, strsignal(r->signal));
}

int64_t assay_proc_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The child's environment: ours, less env_unset, with env_set applied. */
static char **child_env(const struct assay_proc_opts *o)
{
	size_t n = 0, extra = 0;
	while (environ[n])
		n++;
	if (o->env_set)
		while (o->env_set[extra])
			extra++;
	char **env = assay_xcalloc(n + extra + 1, sizeof(*env));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(environ[i], '=');
		size_t len = eq ? (size_t)(eq - environ[i]) : strlen(environ[i]);
		int drop = 0;
		for (size_t j = 0; o->env_unset && o->env_unset[j] && !drop; j++)
			drop = strlen(o->env_unset[j]) == len && !strncmp(o->env_unset[j], environ[i], len);
		for (size_t j = 0; j < extra && !drop; j++) {
			const char *e = strchr(o->env_set[j], '=');
			drop = e && (size_t)(e - o->env_set[j]) == len &&
			       !strncmp(o->env_set[j], environ[i], len);
		}
		if (!drop)
			env[k++] = environ[i];
	}
	for (size_t j = 0; j < extra; j++)
		env[k++] = (char *)o->env_set[j];
	env[k] = NULL;
	return env;
}

/* Cut b to its last cap bytes. */
static void keep_tail(assay_buf *b, size_t cap, int *truncated)
{
	if (b->len <= cap)
		return;
	memmove(b->buf, b->buf + b->len - cap, cap);
	assay_buf_setlen(b, cap);
	*truncated = 1;
}

static void drain(int *fd, assay_buf *b, size_t cap, int tail, int *truncated)
{
	char tmp[65536];
	ssize_t n = read(*fd, tmp, sizeof(tmp));
	if (n > 0) {
		if (tail) {
			assay_buf_add(b, tmp, (size_t)n);
			if (b->len >= 2 * cap) /* cut now and then, not on every read */
				keep_tail(b, cap, truncated);
		} else if (b->len < cap) {
			size_t keep = (size_t)n;
			if (b->len + keep > cap) {
				keep = cap - b->len;
				*truncated = 1;
			}
			assay_buf_add(b, tmp, keep);
		} else {
			*truncated = 1;
		}
		return;
	}
	if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
		close(*fd);
		*fd = -1;
	}
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void child_signals(int die_with_parent, pid_t parent)
{
	if (die_with_parent) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(127); /* the parent is gone already */
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	struct sigaction dfl;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGPIPE, &dfl, NULL);
	sigaction(SIGINT, &dfl, NULL);
	sigaction(SIGTERM, &dfl, NULL);
}

/*
 * The CPU time of process group pgid's members, each with the children it
 * reaped, from /proc (Linux): 0 when there is no /proc.  A killed group's
 * members die unreaped, so wait4's rusage never holds their time.
 */
static int64_t group_cpu_us(pid_t pgid)
{
	DIR *d = opendir("/proc");
	if (!d)
		return 0;
	long hz = sysconf(_SC_CLK_TCK);
	unsigned long long ticks = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		char path[300], buf[1024];
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		/* the name in parentheses may hold anything: the fields start after the last ')' */
		const char *p = strrchr(buf, ')');
		int pgrp;
		unsigned long long ut, st, cut, cst;
		if (p && sscanf(p + 1, " %*c %*d %d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu %llu %llu", &pgrp,
				&ut, &st, &cut, &cst) == 5 && pgrp == pgid)
			ticks += ut + st + cut + cst;
	}
	closedir(d);
	return hz > 0 ? (int64_t)(ticks * 1000000ULL / (unsigned long long)hz) : 0;
}

/* What the child tells the parent when it cannot get as far as exec. */
enum child_step { STEP_EXEC, STEP_CWD, STEP_STDIN, STEP_DEVNULL };
struct child_failure {
	int step; /* enum child_step */
	int err;  /* errno */
};

/* In the child: report why it stops, and stop. */
static void child_fail(int fd, int step)
{
	struct child_failure f = { step, errno };
	(void)!write(fd, &f, sizeof(f));
	_exit(127);
}

/*
 * In the child: make fd (opened close-on-exec) its descriptor target.
 * dup2 onto itself would keep the flag, and the descriptor would close
 * at exec: then the flag is cleared instead.
 */
static int child_move(int fd, int target)
{
	if (fd == target)
		return fcntl(fd, F_SETFD, 0);
	return dup2(fd, target) < 0 ? -1 : 0;
}

/* In the child: /dev/null (or path) opened close-on-exec as its descriptor target. */
static int child_open(const char *path, int mode, int target)
{
	int fd = open(path, mode | O_CLOEXEC);
	return fd < 0 ? -1 : child_move(fd, target);
}

static void close_pair(int p[2])
{
	for (int i = 0; i < 2; i++)
		if (p[i] >= 0) {
			close(p[i]);
			p[i] = -1;
		}
}

int assay_proc_run(const struct assay_proc_opts *o, struct assay_proc_result *res,
		   assay_err *err)
{
	/* every descriptor made here is close-on-exec: the child gets its 0, 1 and 2, no more */
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 }, execp[2] = { -1, -1 };
	int cap_out = o->flags & ASSAY_PROC_OUT_CAPTURE;
	int cap_err = (o->flags & ASSAY_PROC_ERR_CAPTURE) && !(o->flags & ASSAY_PROC_ERR_TO_OUT);
	size_t cap = o->capture_cap ? o->capture_cap : (size_t)16 << 20;
	int tail = (o->flags & ASSAY_PROC_KEEP_TAIL) != 0;

	if ((cap_out && pipe2(outp, O_CLOEXEC) < 0) || (cap_err && pipe2(errp, O_CLOEXEC) < 0) ||
	    pipe2(execp, O_CLOEXEC) < 0) {
		int e = errno;
		close_pair(outp);
		close_pair(errp);
		return assay_err_set(err, ASSAY_ECHILD, "pipe: %s", strerror(e));
	}

	char **env = child_env(o);
	pid_t parent = getpid();
	int64_t start = assay_proc_now_us();
	pid_t pid = fork();
	if (pid < 0) {
		int e = errno;
		free(env);
		close_pair(outp);
		close_pair(errp);
		close_pair(execp);
		return assay_err_set(err, ASSAY_ECHILD, "fork: %s", strerror(e));
	}
	if (pid == 0) {
		setpgid(0, 0);
		child_signals(o->flags & ASSAY_PROC_DIE_WITH_PARENT, parent);
		if (child_open(o->stdin_path ? o->stdin_path : "/dev/null", O_RDONLY, 0) < 0)
			child_fail(execp[1], STEP_STDIN);
		if (cap_out) {
			if (child_move(outp[1], 1) < 0)
				child_fail(execp[1], STEP_EXEC);
		} else if ((o->flags & ASSAY_PROC_OUT_DISCARD) && child_open("/dev/null", O_WRONLY, 1) < 0) {
			child_fail(execp[1], STEP_DEVNULL);
		}
		if (o->flags & ASSAY_PROC_ERR_TO_OUT) {
			if (dup2(1, 2) < 0)
				child_fail(execp[1], STEP_EXEC);
		} else if (cap_err) {
			if (child_move(errp[1], 2) < 0)
				child_fail(execp[1], STEP_EXEC);
		} else if ((o->flags & ASSAY_PROC_ERR_DISCARD) && child_open("/dev/null", O_WRONLY, 2) < 0) {
			child_fail(execp[1], STEP_DEVNULL);
		}
		if (o->cwd && chdir(o->cwd) < 0)
			child_fail(execp[1], STEP_CWD);
		environ = env;
		execvp(o->argv[0], (char *const *)o->argv);
		child_fail(execp[1], STEP_EXEC);
	}
	free(env);
	setpgid(pid, pid); /* also here: no race with an early killpg */
	close(execp[1]);
	if (cap_out)
		close(outp[1]);
	if (cap_err)
		close(errp[1]);

	struct child_failure cf = { STEP_EXEC, 0 };
	ssize_t got;
	while ((got = read(execp[0], &cf, sizeof(cf))) < 0 && errno == EINTR)
		;
	close(execp[0]);

	int ofd = cap_out ? outp[0] : -1, efd = cap_err ? errp[0] : -1;
	/*
	 * A pidfd becomes readable when the child exits, so waiting costs no
	 * polling tick (a benchmark or a mutant's test run is timed by this).
	 * Kernels before 5.3 have none: then a 50 ms tick it is.
	 */
	int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int64_t deadline = o->timeout_s > 0 ? start + (int64_t)(o->timeout_s * 1e6) : 0;
	int status = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof(ru));
	int reaped = 0;
	int64_t end = 0; /* when the child was reaped: the wall time ends there, not after the drain */
	int64_t group_cpu = 0;
	while (!reaped) {
		struct pollfd pf[3];
		int np = 0;
		if (ofd >= 0)
			pf[np++] = (struct pollfd){ .fd = ofd, .events = POLLIN };
		if (efd >= 0)
			pf[np++] = (struct pollfd){ .fd = efd, .events = POLLIN };
		if (pidfd >= 0)
			pf[np++] = (struct pollfd){ .fd = pidfd, .events = POLLIN };
		int wait_ms = o->stop ? 100 : pidfd >= 0 ? 1000 : 50; /* a stop is looked at 10 times a second */
		if (deadline) {
			int64_t left = (deadline - assay_proc_now_us()) / 1000;
			if (left < wait_ms)
				wait_ms = left > 0 ? (int)left : 0;
		}
		if (np) {
			if (poll(pf, (nfds_t)np, wait_ms) > 0) {
				for (int i = 0; i < np; i++) {
					if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)) || pf[i].fd == pidfd)
						continue;
					if (pf[i].fd == ofd)
						drain(&ofd, &res->out, cap, tail, &res->out_truncated);
					else
						drain(&efd, &res->err, cap, tail, &res->err_truncated);
				}
			}
		} else {
			struct timespec ts = { 0, (long)wait_ms * 1000000L };
			nanosleep(&ts, NULL);
		}
		pid_t w = wait4(pid, &status, WNOHANG, &ru);
		if (w == pid) {
			reaped = 1;
		} else if ((deadline && assay_proc_now_us() >= deadline) || (o->stop && *o->stop)) {
			if (o->stop && *o->stop) {
				res->stopped = 1;
			} else {
				res->timed_out = 1;
				group_cpu = group_cpu_us(pid);
			}
			killpg(pid, SIGKILL);
			kill(pid, SIGKILL);
			while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR)
				;
			reaped = 1;
		}
		if (reaped)
			end = assay_proc_now_us();
	}
	/* the child is gone; its descendants may still hold the pipes: read what is there */
	killpg(pid, res->timed_out || res->stopped ? SIGKILL : 0);
	while (ofd >= 0 || efd >= 0) {
		struct pollfd pf[2];
		int np = 0;
		if (ofd >= 0)
			pf[np++] = (struct pollfd){ .fd = ofd, .events = POLLIN };
		if (efd >= 0)
			pf[np++] = (struct pollfd){ .fd = efd, .events = POLLIN };
		if (poll(pf, (nfds_t)np, 100) <= 0)
			break; /* a daemonised grandchild keeps the pipe open: stop waiting */
		for (int i = 0; i < np; i++) {
			if (!pf[i].revents)
				continue;
			if (pf[i].fd == ofd)
				drain(&ofd, &res->out, cap, tail, &res->out_truncated);
			else
				drain(&efd, &res->err, cap, tail, &res->err_truncated);
		}
	}
	if (ofd >= 0)
		close(ofd);
	if (efd >= 0)
		close(efd);
	if (pidfd >= 0)
		close(pidfd);
	if (tail) {
		keep_tail(&res->out, cap, &res->out_truncated);
		keep_tail(&res->err, cap, &res->err_truncated);
	}

	res->wall_us = end - start;
	res->user_us = (int64_t)ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec;
	res->sys_us = (int64_t)ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
	res->maxrss_kb = ru.ru_maxrss;
	res->cpu_us = res->user_us + res->sys_us;
	if (group_cpu > res->cpu_us)
		res->cpu_us = group_cpu;
	if (got == (ssize_t)sizeof(cf) && cf.err) {
		if (cf.step == STEP_CWD)
			return assay_err_set(err, ASSAY_ECHILD, "cannot run '%s': directory %s: %s",
					     o->argv[0], o->cwd, strerror(cf.err));
		if (cf.step != STEP_EXEC)
			return assay_err_set(err, ASSAY_ECHILD, "cannot run '%s': %s: %s", o->argv[0],
					     cf.step == STEP_STDIN && o->stdin_path ? o->stdin_path : "/dev/null",
					     strerror(cf.err));
		return assay_err_set(err, ASSAY_ECHILD, "cannot run '%s': %s", o->argv[0],
				     strerror(cf.err));
	}
	if (WIFEXITED(status)) {
		res->exited = 1;
		res->status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		res->signal = WTERMSIG(status);
	}
	return 0;
}

int assay_git(char **out, const char *cwd, const char *const *args, assay_err *err)
{
	const char *argv[32];
	size_t n = 0;
	argv[n++] = "git";
	for (size_t i = 0; args[i] && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	struct assay_proc_opts o = {
		.argv = argv, .cwd = cwd,
		.flags = ASSAY_PROC_OUT_CAPTURE | ASSAY_PROC_ERR_CAPTURE,
		.timeout_s = 60,
	};
	struct assay_proc_result r;
	assay_proc_result_init(&r);
	*out = NULL;
	int rc = assay_proc_run(&o, &r, err);
	if (rc == 0 && !assay_proc_ok(&r)) {
		while (r.err.len && (r.err.buf[r.err.len - 1] == '\n'))
			assay_buf_setlen(&r.err, r.err.len - 1);
		rc = assay_err_set(err, ASSAY_ECHILD, "git %s: %s", args[0],
				   r.err.len ? r.err.buf : "failed");
	}
	if (rc == 0) {
		while (r.out.len && (r.out.buf[r.out.len - 1] == '\n' || r.out.buf[r.out.len - 1] == '\r'))
			assay_buf_setlen(&r.out, r.out.len - 1);
		*out = assay_buf_detach(&r.out, NULL);
	}
	assay_proc_result_release(&r);
	return rc;
}

int assay_git_toplevel(char **out, const char *cwd, assay_err *err)
{
	static const char *const args[] = { "rev-parse", "--show-toplevel", NULL };
	return assay_git(out, cwd, args, err);
}
