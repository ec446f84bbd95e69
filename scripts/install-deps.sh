#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install what Assay needs to build, test and run, from Debian's packages.
# Used by the README's commands and by .ci/run; safe to run again.
set -euo pipefail

packages=(
	# build
	build-essential cmake pkg-config git
	# libassay and the utilities
	libxml2-dev libsqlite3-dev zlib1g-dev libjansson-dev libxxhash-dev
	# tests (python3-yaml: tests/cli/ci_templates.sh parses the CI templates)
	libcmocka-dev sqlite3 libxml2-utils python3 python3-yaml
	# producers used by the example, the fixtures and the tests (python3-coverage, grcov:
	# tests/fixtures/cobertura/generate.sh)
	lcov gcovr python3-coverage grcov
	# assay mutate: libclang's C API, the default version (cmake/libclang.cmake finds any); the report schema check in its tests
	libclang-dev python3-jsonschema
	# assay report html: its tests validate the pages (tidy) and look at them in a browser (chromium)
	tidy chromium
	# assay gate: its configuration file (libinih); tests compare patch coverage with diff-cover
	libinih-dev diff-cover
	# assay bench: callgrind counts instructions (tests too); tests/fixtures/bench/generate.sh runs the producers
	valgrind libbenchmark-dev hyperfine
	# scripts/fuzz.sh: clang's libFuzzer and sanitizer runtimes
	clang libclang-rt-dev
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
	SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
