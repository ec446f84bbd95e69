/* Named variables: a small fixed table, searched linearly. */
#include "calc.h"

#include <string.h>

void calc_env_init(calc_env *env)
{
	memset(env, 0, sizeof(*env));
}

static int valid_name(const char *name)
{
	size_t i;

	for (i = 0; name[i] != '\0'; i++) {
		char c = name[i];
		int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

		if (!letter && (i == 0 || c < '0' || c > '9'))
			return 0;
	}
	return i > 0 && i <= CALC_MAX_NAME;
}

int calc_env_set(calc_env *env, const char *name, int64_t value)
{
	size_t i, len;

	if (!valid_name(name))
		return CALC_ERR_SYNTAX;
	len = strlen(name);
	for (i = 0; i < env->count; i++) {
		if (strcmp(env->vars[i].name, name) == 0) {
			env->vars[i].value = value;
			return CALC_OK;
		}
	}
	if (env->count == CALC_MAX_VARS)
		return CALC_ERR_FULL;
	memcpy(env->vars[env->count].name, name, len + 1);
	env->vars[env->count].value = value;
	env->count++;
	return CALC_OK;
}

int calc_env_get(int64_t *out, const calc_env *env, const char *name, size_t len)
{
	size_t i;

	if (env == NULL)
		return CALC_ERR_UNKNOWN;
	for (i = 0; i < env->count; i++) {
		const char *v = env->vars[i].name;

		if (strncmp(v, name, len) == 0 && v[len] == '\0') {
			*out = env->vars[i].value;
			return CALC_OK;
		}
	}
	return CALC_ERR_UNKNOWN;
}
/* SPDX-License-Identifier: MIT */
