#define _GNU_SOURCE
#include "launch.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static size_t name_len(const char *kv)
{
	const char *eq = strchr(kv, '=');
	return eq ? (size_t)(eq - kv) : strlen(kv);
}

/* Our environment with s->env_set applied: a new array of borrowed strings. */
static char **child_env(const struct mut_spawn *s)
{
	size_t n = 0, extra = 0;
	while (environ[n])
		n++;
	while (s->env_set && s->env_set[extra])
		extra++;
	char **env = assay_xcalloc(n + extra + 1, sizeof(char *));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		int replaced = 0;
		for (size_t j = 0; j < extra && !replaced; j++)
			replaced = name_len(s->env_set[j]) == name_len(environ[i]) &&
				   !strncmp(s->env_set[j], environ[i], name_len(environ[i]));
		if (!replaced)
			env[k++] = environ[i];
	}
	for (size_t j = 0; j < extra; j++)
		env[k++] = (char *)s->env_set[j];
	env[k] = NULL;
	return env;
}

/* Wait for pid until deadline (monotonic us); 1 when it ended in time. */
static int wait_until(pid_t pid, int64_t deadline, int *status)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	for (;;) {
		pid_t w = waitpid(pid, status, WNOHANG);
		if (w == pid) {
			if (pfd >= 0)
				close(pfd);
			return 1;
		}
		int64_t left = deadline - now_us();
		if (left <= 0)
			break;
		if (pfd >= 0) {
			struct pollfd p = { .fd = pfd, .events = POLLIN };
			poll(&p, 1, (int)(left / 1000) + 1);
		} else {
			/* no pidfd (an old kernel): short naps */
			struct timespec ts = { 0, 1000000 };
			nanosleep(&ts, NULL);
		}
	}
	if (pfd >= 0)
		close(pfd);
	return 0;
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void child(const struct mut_spawn *s, char **env, pid_t parent, int report)
{
	setpgid(0, 0); /* its own process group: a timeout kills all it started */
	/* and if Assay dies (SIGKILL included), the test goes with it instead of looping on */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(127);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	struct sigaction dfl;
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGPIPE, &dfl, NULL);
	sigaction(SIGINT, &dfl, NULL);
	sigaction(SIGTERM, &dfl, NULL);
	int in = open("/dev/null", O_RDONLY);
	int out = open(s->out_path ? s->out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (in >= 0)
		dup2(in, 0);
	if (out >= 0) {
		dup2(out, 1);
		dup2(out, 2);
	}
	int e = 0;
	if (s->cwd && chdir(s->cwd) < 0)
		e = errno;
	else
		execvpe(s->argv[0], (char *const *)s->argv, env);
	if (!e)
		e = errno;
	(void)!write(report, &e, sizeof(e));
	_exit(127);
}

int mut_spawn_run(const struct mut_spawn *s, struct mut_spawn_result *r, assay_err *err)
{
	memset(r, 0, sizeof(*r));
	int pipefd[2];
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return assay_err_set(err, ASSAY_ECHILD, "pipe: %s", strerror(errno));
	char **env = child_env(s);
	pid_t parent = getpid();
	int64_t start = now_us();
	pid_t pid = fork();
	if (pid == 0)
		child(s, env, parent, pipefd[1]);
	free(env);
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		return assay_err_set(err, ASSAY_ECHILD, "fork: %s", strerror(errno));
	}
	setpgid(pid, pid); /* also here: no race with an early killpg */
	int child_errno = 0;
	ssize_t got;
	while ((got = read(pipefd[0], &child_errno, sizeof(child_errno))) < 0 && errno == EINTR)
		;
	close(pipefd[0]);
	int status = 0;
	if (!wait_until(pid, start + (int64_t)(s->timeout_s * 1e6), &status)) {
		r->timed_out = 1;
		killpg(pid, SIGKILL);
		kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		killpg(pid, SIGKILL); /* what it left behind */
	}
	r->wall_us = now_us() - start;
	if (got == (ssize_t)sizeof(child_errno) && child_errno)
		return assay_err_set(err, ASSAY_ECHILD, "cannot run '%s'%s%s: %s", s->argv[0],
				     s->cwd ? " in " : "", s->cwd ? s->cwd : "", strerror(child_errno));
	if (WIFEXITED(status)) {
		r->exited = 1;
		r->status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		r->signal = WTERMSIG(status);
	}
	return 0;
}
