#define _GNU_SOURCE
#include "launch.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
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

int mut_spawn_run(const struct mut_spawn *s, struct mut_spawn_result *r, assay_err *err)
{
	memset(r, 0, sizeof(*r));
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, s->out_path ? s->out_path : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	if (s->cwd)
		posix_spawn_file_actions_addchdir_np(&fa, s->cwd);
	/* its own process group, so a timeout kills all it started; default signals */
	sigset_t none, deflt;
	sigemptyset(&none);
	sigemptyset(&deflt);
	sigaddset(&deflt, SIGPIPE);
	sigaddset(&deflt, SIGINT);
	sigaddset(&deflt, SIGTERM);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &deflt);
	char **env = child_env(s);
	pid_t pid;
	int64_t start = now_us();
	int e = posix_spawnp(&pid, s->argv[0], &fa, &attr, (char *const *)s->argv, env);
	free(env);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (e)
		return assay_err_set(err, ASSAY_ECHILD, "cannot run '%s'%s%s: %s", s->argv[0],
				     s->cwd ? " in " : "", s->cwd ? s->cwd : "", strerror(e));
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
	if (WIFEXITED(status)) {
		r->exited = 1;
		r->status = WEXITSTATUS(status);
	} else if (WIFSIGNALED(status)) {
		r->signal = WTERMSIG(status);
	}
	return 0;
}
