#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay flaky run killed: a repetition's command dies with it (SIGKILL); SIGTERM and Ctrl-C
# (SIGINT) kill the repetitions running, start no more, remove their directories and store nothing.
. "$(dirname "$0")/lib.sh"

# start_flaky: run assay-flaky in the background (its pid in $pid, its TMPDIR $TMP/t) and return
# once its first repetition is running: that repetition's shell has written its pid to $TMP/rep.pid
# and become `sleep 60`; each repetition adds its pid to $TMP/reps.log.
start_flaky() {
	rm -rf "$TMP/t" "$TMP/rep.pid" "$TMP/reps.log"
	mkdir "$TMP/t"
	: >"$TMP/err"
	TMPDIR="$TMP/t" assay-flaky run --commit k1 -n 3 -j 1 -- \
		sh -c "echo \$\$ >> '$TMP/reps.log' && echo \$\$ > '$TMP/rep.pid.new' && mv '$TMP/rep.pid.new' '$TMP/rep.pid' && exec sleep 60" \
		>"$TMP/out" 2>"$TMP/err" &
	pid=$!
	for _ in $(seq 1 600); do
		[ -s "$TMP/rep.pid" ] && break
		sleep 0.05
	done
	rep=$(cat "$TMP/rep.pid" 2>/dev/null)
	expect_eq "a repetition is running" "yes" "$([ -n "$rep" ] && kill -0 "$rep" 2>/dev/null && echo yes)"
}

# gone WHAT: the repetition's process ends (soon), or is killed here and counted as a failure
gone() {
	for _ in $(seq 1 100); do
		kill -0 "$rep" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$rep" 2>/dev/null; then
		kill -KILL "$rep"
		fail "$1: the repetition's process $rep outlived assay-flaky"
	fi
	CHECKS=$((CHECKS + 1))
}

runs=$(q "SELECT count(*) FROM runs" 2>/dev/null || echo 0)

start_flaky
kill -KILL "$pid"
wait "$pid"
expect_eq "killed" "137" "$?"
gone "SIGKILL"

start_flaky
kill -TERM "$pid"
wait "$pid"
expect_eq "SIGTERM: exit status" "2" "$?"
expect_grep '^assay flaky run: interrupted: nothing stored$' "$TMP/err"
gone "SIGTERM"
expect_eq "SIGTERM: the repetitions' directories removed" "" "$(ls -A "$TMP/t")"
expect_eq "SIGTERM: one repetition started, no more" "1" "$(grep -c . "$TMP/reps.log")"

# Ctrl-C: with job control, a background job's SIGINT is not ignored
set -m
start_flaky
set +m
kill -INT "$pid"
wait "$pid"
expect_eq "SIGINT: exit status" "2" "$?"
expect_grep '^assay flaky run: interrupted: nothing stored$' "$TMP/err"
gone "SIGINT"
expect_eq "SIGINT: the repetitions' directories removed" "" "$(ls -A "$TMP/t")"
expect_eq "nothing stored" "$runs" "$(q "SELECT count(*) FROM runs" 2>/dev/null || echo 0)"
finish
