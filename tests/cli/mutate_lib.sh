# SPDX-License-Identifier: MIT
# Helpers for the assay mutate tests (sourced after lib.sh): the tiny fixture
# project, copied, put under git and built, and a checksum of a tree.

# tiny_project DIR [BUILD]: copy tests/fixtures/mutate/tiny to DIR, commit it, build it in BUILD (default DIR/build)
tiny_project() {
	local dir=$1 build=${2:-$1/build}
	cp -r "$ASSAY_FIXTURES/mutate/tiny" "$dir"
	git -C "$dir" init -q
	git -C "$dir" -c user.name=t -c user.email=t@t add -A
	git -C "$dir" -c user.name=t -c user.email=t@t commit -qm tiny
	cmake -S "$dir" -B "$build" >/dev/null || fail "cmake configure of the fixture"
	cmake --build "$build" >/dev/null || fail "cmake build of the fixture"
}

# one_test_project DIR NAME: DIR, where src/NAME.c and tests/t.c are written, made a CMake project
# of one test, t, over both, committed and built in DIR/build
one_test_project() {
	local dir=$1 name=$2
	cat >"$dir/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.20)
project($name LANGUAGES C)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
add_executable(t tests/t.c src/$name.c)
enable_testing()
add_test(NAME t COMMAND t)
CMAKE
	git -C "$dir" init -q
	git -C "$dir" -c user.name=t -c user.email=t@t add -A
	git -C "$dir" -c user.name=t -c user.email=t@t commit -qm "$name"
	cmake -S "$dir" -B "$dir/build" >/dev/null || fail "cmake configure"
	cmake --build "$dir/build" >/dev/null || fail "cmake build"
}

# tree_sum DIR: one checksum over every file's path, content and mtime (no .git)
tree_sum() {
	(cd "$1" && find . -path ./.git -prune -o -type f -printf '%p %T@\n' | sort | sha1sum
	 find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha1sum | sha1sum) | sha1sum | cut -c1-40
}

# counts: "status=count ..." of the store's latest mutation run
counts() {
	q "SELECT group_concat(status || '=' || n, ' ') FROM (SELECT status, count(*) AS n FROM mutations
	   WHERE run_id = (SELECT max(run_id) FROM mutations) GROUP BY status ORDER BY status)"
}

# wait_for PATTERN FILE: wait (at most five minutes: a loaded machine, sanitizers) until a line of
# FILE matches PATTERN, and check it does
wait_for() {
	for _ in $(seq 1 6000); do
		grep -qE -- "$1" "$2" && break
		sleep 0.05
	done
	expect_grep "$1" "$2"
}
