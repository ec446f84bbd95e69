#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Build a git history and fill a store with one run per commit, for perf/gate.sh.

    perf/gen-gate-history.py --bin BIN --repo DIR --db STORE --work DIR
        [--commits 365] [--files 500] [--lines 200] [--tests 2000] [--benchmarks 50]
        [--samples 10] [--diff-files 20]

The repository (made with git fast-import, one stream) has COMMITS commits of FILES C files
of LINES lines (src/modNNN/fileNNNNN.c, the paths perf/gen-lcov.py writes).  The first commit
adds them all; each later one rewrites 5 lines of one file; the last (head) rewrites 100 lines
in each of DIFF-FILES files (2,000 lines with the defaults) against its parent (base).
Every commit gets one `assay ingest` of TESTS JUnit test cases (perf/gen-junit.py's file)
and an lcov tracefile of every file (perf/gen-lcov.py's records; a file a commit changes gets
new hits), and one `assay bench ingest` of BENCHMARKS custom-JSON benchmarks, SAMPLES samples
each (the seventh 20% slower on head).  Head's coverage is also written as Cobertura XML with
the same line hits, to WORK/head-cobertura.xml.  Prints "BASE HEAD" (the shas) on stdout.
Deterministic: the same arguments give the same repository, shas and store contents.
"""

import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen_lcov", os.path.join(here, "gen-lcov.py"))
gen_lcov = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen_lcov)
STRIP = "/home/ci/proj"


def path_of(f):
    return f"src/mod{f // 100:03d}/file{f:05d}.c"


def text_of(f, values):
    return "".join(f"int f{f}_l{i + 1} = {v};\n" for i, v in enumerate(values))


def blob(data):
    raw = data.encode()
    return b"data %d\n" % len(raw) + raw + b"\n"


def history(args):
    """The commits as (files changed {f: (first line, count)}) and the fast-import stream."""
    values = [[0] * args.lines for _ in range(args.files)]
    stream, changes = [], []
    for k in range(args.commits):
        if k == 0:
            changed = {f: (0, args.lines) for f in range(args.files)}
        elif k < args.commits - 1:
            changed = {(k * 37) % args.files: ((k * 13) % (args.lines - 5), 5)}
        else:
            step = max(1, args.files // args.diff_files)
            first = max(0, args.lines // 2 - 50)
            changed = {(i * step) % args.files: (first, min(100, args.lines)) for i in range(args.diff_files)}
        changes.append(changed)
        stream.append(b"commit refs/heads/main\nmark :%d\n" % (k + 1))
        stream.append(b"committer Perf <perf@example.org> %d +0000\n" % (1700000000 + k * 3600))
        stream.append(blob(f"commit {k + 1}"))
        if k:
            stream.append(b"from :%d\n" % k)
        for f, (first, count) in sorted(changed.items()):
            for i in range(first, first + count):
                values[f][i] = k + 1
            stream.append(b"M 100644 inline " + path_of(f).encode() + b"\n" + blob(text_of(f, values[f])))
    return changes, b"".join(stream)


def cobertura(records, out):
    """Cobertura XML of the lcov records' line hits (paths relative to the repository)."""
    w = out.write
    w('<?xml version="1.0" ?>\n<coverage version="perf" timestamp="0" line-rate="0" branch-rate="0" '
      'lines-covered="0" lines-valid="0" branches-covered="0" branches-valid="0" complexity="0">\n'
      '<sources><source>.</source></sources>\n<packages>\n')
    for rec in records:
        lines = rec.split("\n")
        path = next(l[3:] for l in lines if l.startswith("SF:"))[len(STRIP) + 1:]
        w(f'<package name="{os.path.dirname(path)}" line-rate="0" branch-rate="0" complexity="0"><classes>\n'
          f'<class name="{os.path.basename(path)}" filename="{path}" line-rate="0" branch-rate="0" '
          'complexity="0"><methods/><lines>\n')
        for l in lines:
            if l.startswith("DA:"):
                n, h = l[3:].split(",")
                w(f'<line number="{n}" hits="{h}"/>\n')
        w("</lines></class>\n</classes></package>\n")
    w("</packages>\n</coverage>\n")


def benchmarks(args, k, head, path):
    rng = random.Random(k)
    entries = []
    for b in range(args.benchmarks):
        level = (100.0 + b) * (1.2 if head and b == 7 else 1.0)
        for _ in range(args.samples):
            entries.append({"name": f"BM_{b:03d}", "unit": "ms", "value": round(level * rng.uniform(0.98, 1.02), 3)})
    with open(path, "w", encoding="ascii") as fp:
        json.dump(entries, fp)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--db", required=True)
    ap.add_argument("--work", required=True)
    for name, default in (("commits", 365), ("files", 500), ("lines", 200), ("tests", 2000),
                          ("benchmarks", 50), ("samples", 10), ("diff-files", 20)):
        ap.add_argument("--" + name, type=int, default=default)
    args = ap.parse_args()
    if args.commits < 2 or args.lines < 6:
        sys.exit("gen-gate-history: at least 2 commits of files of at least 6 lines")

    changes, stream = history(args)
    git = ["git", "-C", args.repo]
    subprocess.run(["git", "init", "-q", "-b", "main", args.repo], check=True)
    subprocess.run(git + ["fast-import", "--quiet"], input=stream, check=True)
    subprocess.run(git + ["reset", "-q", "--hard", "main"], check=True)
    shas = subprocess.run(git + ["rev-list", "--first-parent", "--reverse", "main"], check=True,
                          capture_output=True, text=True).stdout.split()
    assert len(shas) == args.commits

    junit = os.path.join(args.work, "tests.xml")
    subprocess.run([sys.executable, os.path.join(here, "gen-junit.py"), str(args.tests), junit], check=True)
    records = []
    for f in range(args.files):
        out = []
        gen_lcov.record(out, random.Random(f), f, args.lines)
        records.append("".join(out))
    lcov, bench = os.path.join(args.work, "coverage.info"), os.path.join(args.work, "bench.json")
    ingest = [os.path.join(args.bin, "assay-ingest"), "-q", "--db", args.db, "--no-git", "--branch", "main",
              "--strip", STRIP]
    bench_ingest = [os.path.join(args.bin, "assay-bench"), "ingest", "-q", "--db", args.db, "--no-git",
                    "--branch", "main", "--format", "custom"]
    for k, sha in enumerate(shas):
        for f in changes[k]:
            if k:
                out = []
                gen_lcov.record(out, random.Random(k * 100003 + f), f, args.lines)
                records[f] = "".join(out)
        with open(lcov, "w", encoding="ascii") as fp:
            fp.write("".join(records))
        subprocess.run(ingest + ["--commit", sha, lcov, junit], check=True)
        benchmarks(args, k, k == len(shas) - 1, bench)
        subprocess.run(bench_ingest + ["--commit", sha, bench], check=True)
        if k % 100 == 99:
            print(f"gen-gate-history: {k + 1} of {len(shas)} commits ingested", file=sys.stderr)
    with open(os.path.join(args.work, "head-cobertura.xml"), "w", encoding="ascii") as fp:
        cobertura(records, fp)
    print(shas[-2], shas[-1])


if __name__ == "__main__":
    main()
