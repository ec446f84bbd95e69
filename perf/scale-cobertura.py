#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a large Cobertura XML file by repeating the packages of a real one.

usage: scale-cobertura.py IN.xml COPIES OUT.xml

The input is a tool's own output (perf/ingest-cobertura.sh uses gcovr's Cobertura of the
example, tests/fixtures/cobertura/calc-gcovr.xml).  Everything before <packages> and after
</packages> is written once; what is between them COPIES times, each copy's filenames and
package names prefixed "copyNNNNN/", so that every copy is a distinct set of files with the
same lines, hits and branches.  The totals of the output are therefore COPIES times those of
the input.  Deterministic: the same arguments give the same file.
"""
import re
import sys

src, copies, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = open(src, encoding="utf-8").read()
start = text.index("<packages>") + len("<packages>")
end = text.rindex("</packages>")
head, body, tail = text[:start], text[start:end], text[end:]
# the root's totals are the producer's and Assay does not read them: left as they are
attr = re.compile(r'(\bfilename|<package name)="([^"]*)"')
with open(dst, "w", encoding="utf-8") as out:
    out.write(head)
    for k in range(copies):
        out.write(attr.sub(lambda m: f'{m.group(1)}="copy{k:05d}/{m.group(2)}"', body))
    out.write(tail)
