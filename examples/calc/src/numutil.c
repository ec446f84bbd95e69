/* Checked integer arithmetic and number utilities. */
#include "calc.h"

#include <string.h>

int calc_add(int64_t *out, int64_t a, int64_t b)
{
	if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
		return CALC_ERR_OVERFLOW;
	*out = a + b;
	return CALC_OK;
}

int calc_sub(int64_t *out, int64_t a, int64_t b)
{
	if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < INT64_MIN + b))
		return CALC_ERR_OVERFLOW;
	*out = a - b;
	return CALC_OK;
}

int calc_mul(int64_t *out, int64_t a, int64_t b)
{
	if (a > 0) {
		if (b > 0 ? a > INT64_MAX / b : b < INT64_MIN / a)
			return CALC_ERR_OVERFLOW;
	} else if (a < 0) {
		if (b > 0 ? a < INT64_MIN / b : b < INT64_MAX / a)
			return CALC_ERR_OVERFLOW;
	}
	*out = a * b;
	return CALC_OK;
}

int calc_div(int64_t *out, int64_t a, int64_t b)
{
	if (b == 0)
		return CALC_ERR_DIV_ZERO;
	if (a == INT64_MIN && b == -1)
		return CALC_ERR_OVERFLOW;
	*out = a / b;
	return CALC_OK;
}

int calc_mod(int64_t *out, int64_t a, int64_t b)
{
	if (b == 0)
		return CALC_ERR_DIV_ZERO;
	/* INT64_MIN % -1 traps on x86 although the answer is 0. */
	*out = b == -1 ? 0 : a % b;
	return CALC_OK;
}

int calc_shl(int64_t *out, int64_t a, int64_t n)
{
	if (n < 0 || n > 63)
		return CALC_ERR_RANGE;
	*out = (int64_t)((uint64_t)a << n);
	return CALC_OK;
}

int calc_shr(int64_t *out, int64_t a, int64_t n)
{
	if (n < 0 || n > 63)
		return CALC_ERR_RANGE;
	/* Arithmetic shift without relying on implementation-defined >> of
	 * a negative value: shift the complement and complement back. */
	*out = a < 0 ? ~(~a >> n) : a >> n;
	return CALC_OK;
}

int calc_ipow(int64_t *out, int64_t base, int64_t exp)
{
	int64_t result = 1;
	int rc;

	if (exp < 0)
		return CALC_ERR_RANGE;
	while (exp > 0) {
		if (exp & 1) {
			rc = calc_mul(&result, result, base);
			if (rc != CALC_OK)
				return rc;
		}
		exp >>= 1;
		if (exp > 0) {
			rc = calc_mul(&base, base, base);
			if (rc != CALC_OK)
				return rc;
		}
	}
	*out = result;
	return CALC_OK;
}

int calc_abs(int64_t *out, int64_t a)
{
	if (a == INT64_MIN)
		return CALC_ERR_OVERFLOW;
	*out = a < 0 ? -a : a;
	return CALC_OK;
}

/* Binary GCD on magnitudes, so INT64_MIN needs no special negation. */
static uint64_t gcd_u(uint64_t a, uint64_t b)
{
	unsigned shift = 0;

	if (a == 0)
		return b;
	if (b == 0)
		return a;
	while (((a | b) & 1) == 0) {
		a >>= 1;
		b >>= 1;
		shift++;
	}
	while ((a & 1) == 0)
		a >>= 1;
	do {
		while ((b & 1) == 0)
			b >>= 1;
		if (a > b) {
			uint64_t t = a;
			a = b;
			b = t;
		}
		b -= a;
	} while (b != 0);
	return a << shift;
}

static uint64_t magnitude(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

int calc_gcd(int64_t *out, int64_t a, int64_t b)
{
	uint64_t g = gcd_u(magnitude(a), magnitude(b));

	if (g > (uint64_t)INT64_MAX)
		return CALC_ERR_OVERFLOW;
	*out = (int64_t)g;
	return CALC_OK;
}

int calc_lcm(int64_t *out, int64_t a, int64_t b)
{
	int64_t g, q;
	int rc;

	if (a == 0 || b == 0) {
		*out = 0;
		return CALC_OK;
	}
	rc = calc_gcd(&g, a, b);
	if (rc != CALC_OK)
		return rc;
	rc = calc_abs(&q, a / g);
	if (rc != CALC_OK)
		return rc;
	rc = calc_abs(&g, b);
	if (rc != CALC_OK)
		return rc;
	return calc_mul(out, q, g);
}

uint64_t calc_isqrt(uint64_t n)
{
	uint64_t root = 0;
	uint64_t bit = (uint64_t)1 << 62;

	while (bit > n)
		bit >>= 2;
	while (bit != 0) {
		if (n >= root + bit) {
			n -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}

unsigned calc_popcount(uint64_t x)
{
	unsigned count = 0;

	while (x != 0) {
		x &= x - 1;
		count++;
	}
	return count;
}

int calc_clamp(int64_t *out, int64_t v, int64_t lo, int64_t hi)
{
	if (lo > hi)
		return CALC_ERR_RANGE;
	if (v < lo)
		*out = lo;
	else if (v > hi)
		*out = hi;
	else
		*out = v;
	return CALC_OK;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return -1;
}

int calc_parse_int(int64_t *out, const char *s, size_t len, int base)
{
	int64_t value = 0;
	size_t i = 0;
	int digits = 0;

	if (base == 0) {
		base = 10;
		if (len >= 2 && s[0] == '0') {
			switch (s[1]) {
			case 'x': case 'X': base = 16; i = 2; break;
			case 'o': case 'O': base = 8; i = 2; break;
			case 'b': case 'B': base = 2; i = 2; break;
			default: break;
			}
		}
	} else if (base < 2 || base > 36) {
		return CALC_ERR_RANGE;
	}
	for (; i < len; i++) {
		int d;

		if (s[i] == '_' && digits > 0 && i + 1 < len && s[i + 1] != '_')
			continue;
		d = digit_value(s[i]);
		if (d < 0 || d >= base)
			return CALC_ERR_SYNTAX;
		if (value > (INT64_MAX - d) / base)
			return CALC_ERR_OVERFLOW;
		value = value * base + d;
		digits++;
	}
	if (digits == 0)
		return CALC_ERR_SYNTAX;
	*out = value;
	return CALC_OK;
}

int calc_format(char *buf, size_t size, int64_t v, int base)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[64 + 3];
	size_t n = 0, len;
	uint64_t m = magnitude(v);
	const char *prefix;

	switch (base) {
	case 2: prefix = "0b"; break;
	case 8: prefix = "0o"; break;
	case 10: prefix = ""; break;
	case 16: prefix = "0x"; break;
	default: return CALC_ERR_RANGE;
	}
	do {
		tmp[n++] = digits[m % (uint64_t)base];
		m /= (uint64_t)base;
	} while (m != 0);
	len = (v < 0) + strlen(prefix) + n;
	if (size > 0) {
		size_t w = 0;
		const char *p;

		if (v < 0 && w + 1 < size)
			buf[w++] = '-';
		for (p = prefix; *p != '\0' && w + 1 < size; p++)
			buf[w++] = *p;
		while (n > 0 && w + 1 < size)
			buf[w++] = tmp[--n];
		buf[w] = '\0';
	}
	return (int)len;
}

// Message texts: a mutant here would test the wording, not the calculator.
// assay: no-mutate-begin
const char *calc_strerror(int status)
{
	switch (status) {
	case CALC_OK: return "success";
	case CALC_ERR_SYNTAX: return "syntax error";
	case CALC_ERR_DIV_ZERO: return "division by zero";
	case CALC_ERR_OVERFLOW: return "integer overflow";
	case CALC_ERR_UNKNOWN: return "unknown name";
	case CALC_ERR_TOO_DEEP: return "expression nested too deeply";
	case CALC_ERR_RANGE: return "argument out of range";
	case CALC_ERR_FULL: return "too many variables";
	case CALC_ERR_ARITY: return "wrong number of arguments";
	}
	return "unknown error";
}
// assay: no-mutate-end
/* SPDX-License-Identifier: MIT */
