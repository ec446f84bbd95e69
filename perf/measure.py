#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run a command once; print its wall time (s) and peak resident memory (MiB) as 'WALL RSS'.

With --cpu first, 'WALL RSS CPU': CPU also its user + system time (s), its waited children's
included; its standard output then goes to the file named by $MEASURE_OUT (else nowhere), its
standard error to $MEASURE_ERR.

Used by the perf/ scripts so every figure is measured the same way: os.wait4 gives the
child's own rusage (ru_maxrss, the largest resident set of the process and its waited children).
"""
import os
import subprocess
import sys
import time

cpu = len(sys.argv) > 1 and sys.argv[1] == "--cpu"
argv = sys.argv[2:] if cpu else sys.argv[1:]
out = open(os.environ["MEASURE_OUT"], "wb") if cpu and os.environ.get("MEASURE_OUT") else subprocess.DEVNULL
err = open(os.environ["MEASURE_ERR"], "wb") if cpu and os.environ.get("MEASURE_ERR") else None
start = time.monotonic()
proc = subprocess.Popen(argv, stdout=out, stderr=err)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.monotonic() - start
code = os.waitstatus_to_exitcode(status)
if code != 0:
    sys.stderr.write(f"measure: {argv[0]} exited {code}\n")
    sys.exit(1)
if cpu:
    print(f"{wall:.4f} {usage.ru_maxrss / 1024:.1f} {usage.ru_utime + usage.ru_stime:.4f}")
else:
    print(f"{wall:.3f} {usage.ru_maxrss / 1024:.1f}")
