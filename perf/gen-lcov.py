#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a synthetic lcov tracefile for the ingest benchmark.

    perf/gen-lcov.py [--files 5000] [--lines 400] [-o OUT]

Each source file gets a record as geninfo (lcov 1.16, --rc lcov_branch_coverage=1)
writes it: TN, SF, FN/FNDA for a function every 20 lines, BRDA pairs on every 8th
line, DA for every line, and the summary lines.  About a third of the lines are
never executed, so that hit and found differ.  The output is the same for the
same arguments (fixed seed), so runs can be compared.
"""

import argparse
import random
import sys


def record(out, rng, index, nlines):
    out.append("TN:\n")
    out.append(f"SF:/home/ci/proj/src/mod{index // 100:03d}/file{index:05d}.c\n")
    counts = [0 if rng.random() < 0.33 else rng.randint(1, 5000) for _ in range(nlines)]
    funcs = list(range(1, nlines + 1, 20))
    for line in funcs:
        out.append(f"FN:{line},func_{index}_{line}\n")
    for line in funcs:
        out.append(f"FNDA:{counts[line - 1]},func_{index}_{line}\n")
    out.append(f"FNF:{len(funcs)}\n")
    out.append(f"FNH:{sum(1 for line in funcs if counts[line - 1])}\n")
    branches = hit = 0
    for line in range(8, nlines + 1, 8):
        c = counts[line - 1]
        for b in range(2):
            if c == 0:
                out.append(f"BRDA:{line},0,{b},-\n")
            else:
                taken = rng.randint(0, c)
                out.append(f"BRDA:{line},0,{b},{taken}\n")
                hit += taken > 0
            branches += 1
    out.append(f"BRF:{branches}\nBRH:{hit}\n")
    for line, c in enumerate(counts, 1):
        out.append(f"DA:{line},{c}\n")
    out.append(f"LF:{nlines}\nLH:{sum(1 for c in counts if c)}\n")
    out.append("end_of_record\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--lines", type=int, default=400)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()
    rng = random.Random(20240601)
    fp = sys.stdout if args.output == "-" else open(args.output, "w", encoding="ascii")
    with fp:
        for i in range(args.files):
            out = []
            record(out, rng, i, args.lines)
            fp.write("".join(out))


if __name__ == "__main__":
    main()
