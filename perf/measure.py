#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run a command once; print its wall time (s) and peak resident memory (MiB) as 'WALL RSS'.

Used by the perf/ scripts so every figure is measured the same way: os.wait4 gives the
child's own rusage (ru_maxrss, the largest resident set of the process and its waited children).
"""
import os
import subprocess
import sys
import time

start = time.monotonic()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.monotonic() - start
code = os.waitstatus_to_exitcode(status)
if code != 0:
    sys.stderr.write(f"measure: {sys.argv[1]} exited {code}\n")
    sys.exit(1)
print(f"{wall:.3f} {usage.ru_maxrss / 1024:.1f}")
