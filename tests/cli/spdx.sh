#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every source, build and script file of the project carries its SPDX licence tag (LICENSE: MIT),
# the fixture and example sources at their end so that the line numbers the tests pin stay put.
. "$(dirname "$0")/lib.sh"
cd "$ASSAY_SOURCE_DIR" || exit 2
untagged=$(find lib cli formats ingest show mutate flaky bench tools fuzz tests perf scripts examples cmake .ci \
	ci .github \
	-type f \( -name '*.c' -o -name '*.h' -o -name '*.cc' -o -name '*.sh' -o -name '*.py' -o -name '*.cmake' \
	-o -name '*.sql' -o -name CMakeLists.txt -o -path .ci/run -o -name '*.yml' -o -name Jenkinsfile \) \
	! -path '*/build*' ! -path 'tests/fixtures/*/build/*' -print 2>/dev/null |
	while read -r f; do grep -q 'SPDX-License-Identifier: MIT' "$f" || echo "$f"; done | sort)
expect_eq "files without an SPDX tag" "" "$untagged"
[ -f CMakeLists.txt ] && ! grep -q 'SPDX-License-Identifier: MIT' CMakeLists.txt && fail "top CMakeLists.txt untagged"
expect_eq "the licence the tags name" "MIT License" "$(head -n1 LICENSE)"
finish
