#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a JUnit XML file of N test cases, shaped like a large real suite.

usage: gen-junit.py N OUT.xml
Suites of 500 cases under one <testsuites>; about 2% fail (with a message and text), 1% error,
3% skipped, and every 50th case has system-out.  Deterministic: the same N gives the same file.
"""
import sys

n = int(sys.argv[1])
out = open(sys.argv[2], "w", encoding="utf-8")
w = out.write
w('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="generated">\n')
per_suite = 500
for s in range(0, n, per_suite):
    w(f'  <testsuite name="suite{s // per_suite}" tests="{min(per_suite, n - s)}" time="12.5">\n')
    for i in range(s, min(s + per_suite, n)):
        t = (i * 7919) % 1000 / 1000.0
        head = f'    <testcase classname="pkg.module{i % 97}.Class{i % 13}" name="test_case_{i}" time="{t:.3f}"'
        k = i % 100
        if k < 2:
            w(head + f'>\n      <failure message="assertion failed: expected {i} &lt; {i - 1}" type="AssertionError">'
              f'Traceback (most recent call last):\n  File "t.py", line {i % 500}, in test_case_{i}\n'
              f'AssertionError</failure>\n    </testcase>\n')
        elif k < 3:
            w(head + '>\n      <error message="RuntimeError: connection reset" type="RuntimeError"/>\n    </testcase>\n')
        elif k < 6:
            w(head + '>\n      <skipped message="not on this platform"/>\n    </testcase>\n')
        elif i % 50 == 7:
            w(head + f'>\n      <system-out>log line for {i}\nanother line</system-out>\n    </testcase>\n')
        else:
            w(head + '/>\n')
    w('  </testsuite>\n')
w('</testsuites>\n')
out.close()
