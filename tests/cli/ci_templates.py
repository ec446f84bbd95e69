# SPDX-License-Identifier: MIT
"""Checks the CI templates in ci/ and this repository's own workflows in .github/workflows/.

usage: ci_templates.py ROOT HELP_DIR

ROOT holds ci/ and .github/workflows/.  HELP_DIR holds NAME.help, the --help text of each
utility (`assay --help` as assay.help); a gate.help there means assay-gate is built, and then the
gate's flags are checked against its help; without it, against the interface of issue 12 (the
flags below), which is all the templates may ask of the gate.

Every YAML file must parse; in each template and workflow, the tests' JUnit and the coverage come
before `assay ingest`, ingest before `assay gate`, the shards' `assay mutate --shard K/N` (a matrix
of N jobs, or N parallel stages) before the `assay merge` of their stores, handed over as
artifacts or stashes; each workflow's gate and merge steps and actions are its template's; every
utility and flag the commands use exists; and each template says, in its comments, how the store
is kept (a cache or artifacts, and a data branch with its git commands) and how `assay merge`
joins parallel jobs' stores.  Prints one line per failed check, then the count; exit 1 if any
failed.
"""
import os
import re
import shlex
import sys

import yaml

# What `assay gate` offers, from issue 12: until assay-gate is built, the templates may use these.
GATE_FLAGS = {"--base", "--head", "--config", "--markdown", "--junit", "--codequality", "--json",
              "--base-depth"}

GITHUB_ACTIONS = {"actions/checkout@v4", "actions/cache@v4", "actions/cache/restore@v4",
                  "actions/cache/save@v4", "actions/upload-artifact@v4",
                  "actions/download-artifact@v4"}
# Gitea: artifacts @v3 (@v4 takes any server but github.com for GHES and refuses it).
GITEA_ACTIONS = {"actions/checkout@v4", "actions/cache@v4", "actions/cache/restore@v4",
                 "actions/cache/save@v4", "actions/upload-artifact@v3",
                 "actions/download-artifact@v3"}

TEMPLATES = ["ci/github/assay-pr.yml", "ci/github/assay-nightly.yml", "ci/gitea/assay-pr.yml",
             "ci/gitea/assay-nightly.yml", "ci/gitlab/.gitlab-ci.yml", "ci/jenkins/Jenkinsfile"]
# This repository's workflows, each from its template.
WORKFLOWS = {".github/workflows/assay-pr.yml": "ci/github/assay-pr.yml",
             ".github/workflows/assay-nightly.yml": "ci/github/assay-nightly.yml"}

checks = 0
failures = 0


def check(ok, what):
    global checks, failures
    checks += 1
    if not ok:
        failures += 1
        print("FAIL: " + what)
    return ok


# --- commands -----------------------------------------------------------------------------

def expressions_out(text):
    """${{ matrix.shard }} and the like as one shell word (EXPR_matrix.shard)."""
    return re.sub(r"\$\{\{\s*([^}]*?)\s*\}\}", lambda m: "EXPR_" + m.group(1).replace(" ", ""), text)


def shell_lines(script):
    """The commands of a shell script: continuation lines joined, comments dropped."""
    script = expressions_out(script).replace("\\\n", " ")
    out = []
    for line in script.split("\n"):
        if line.strip().startswith("#"):
            continue
        out.append(line)
    return out


class Command:
    def __init__(self, words, where):
        self.words = words
        self.where = where

    @property
    def name(self):
        return self.words[0]

    def flags(self):
        return [w.split("=", 1)[0] for w in self.words if re.match(r"^--?[A-Za-z]", w)]

    def arg(self, flag):
        for i, w in enumerate(self.words):
            if w == flag and i + 1 < len(self.words):
                return self.words[i + 1]
            if w.startswith(flag + "="):
                return w[len(flag) + 1:]
        return None

    def operands(self):
        """The words that are neither flags nor their values (every flag here takes one, but
        the ones listed)."""
        bare = {"--ctest", "--json", "--no-git", "--external", "--files", "-q", "--quiet",
                "--tce", "--all-tests", "--no-reuse", "--no-schemata", "--keep-scratch"}
        out, skip = [], False
        for w in self.words[1:]:
            if skip:
                skip = False
            elif re.match(r"^--?[A-Za-z]", w):
                skip = "=" not in w and w not in bare
            else:
                out.append(w)
        return out


def commands(script, where):
    """The `assay NAME ...` commands in a shell script, in order, and the other commands' first
    words (ctest, gcov, ...) as Command too, so that order can be checked across both."""
    out = []
    for line in shell_lines(script):
        for part in re.split(r"&&|\|\||;|\|", line):
            part = part.strip().lstrip("(").strip()
            if not part:
                continue
            try:
                words = shlex.split(part)
            except ValueError:
                words = part.split()
            # `if [ ... ]; then assay gate ...`: the command after a shell keyword
            while words and words[0] in ("if", "then", "else", "elif", "do", "!", "{", "}"):
                words = words[1:]
            if not words:
                continue
            if words[0] == "assay" and len(words) > 1:
                out.append(Command(words[1:], where))
            elif words[0] in ("ctest", "gcov", "find"):
                out.append(Command(["!" + words[0]] + words[1:], where))
    return out


def named(cmds, name):
    return [i for i, c in enumerate(cmds) if c.name == name]


def gcov_run(cmds):
    """The index of the command that runs gcov (directly or through find -exec)."""
    for i, c in enumerate(cmds):
        if c.name == "!gcov" or (c.name == "!find" and "gcov" in c.words):
            return i
    return None


# --- the flags each utility has ---------------------------------------------------------

def load_helps(help_dir):
    helps = {}
    for f in os.listdir(help_dir):
        if f.endswith(".help"):
            with open(os.path.join(help_dir, f), encoding="utf-8") as h:
                helps[f[:-5]] = h.read()
    return helps


def check_flags(cmds, helps, where):
    listed = helps.get("assay", "")
    for c in cmds:
        if c.name.startswith("!"):
            continue
        if c.name == "gate" and "gate" not in helps:
            for f in c.flags():
                check(f in GATE_FLAGS, "%s: assay gate %s is not in the gate's interface (issue 12)" % (where, f))
            continue
        if not check(re.search(r"^\s+%s\s" % re.escape(c.name), listed, re.M) is not None and c.name in helps,
                     "%s: assay %s is not a utility `assay --help` lists" % (where, c.name)):
            continue
        for f in c.flags():
            check(re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(f), helps[c.name]) is not None,
                  "%s: assay %s has no option %s (assay %s --help)" % (where, c.name, f, c.name))


# --- each kind of file --------------------------------------------------------------------

def load_yaml(root, rel):
    path = os.path.join(root, rel)
    try:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        check(False, "%s: not valid YAML: %s" % (rel, str(e).replace("\n", " ")))
        return None
    if not check(isinstance(doc, dict), "%s: not a YAML mapping" % rel):
        return None
    return doc


def comments(root, rel, mark):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        return "\n".join(l.strip()[len(mark):] for l in f if l.strip().startswith(mark))


def check_store_comments(root, rel, mark, keeping):
    """The template says how the store is kept: its CI's way (the words in keeping), and a data
    branch, with the git commands that restore and save it; and how parallel jobs join their
    stores with assay merge."""
    text = comments(root, rel, mark)
    for what in keeping + ["assay-data", "git show FETCH_HEAD:assay.db", "git push --force-with-lease",
                           "assay merge"]:
        check(what in text, "%s: its comments do not say `%s` (how the store is kept)" % (rel, what))


def trigger(doc):
    # YAML 1.1 reads the key `on` as True
    return doc.get("on", doc.get(True))


def gh_job_commands(job, where):
    out = []
    for step in job.get("steps") or []:
        if "run" in step:
            out += commands(str(step["run"]), where)
    return out


def gh_check_pr(doc, rel, allowed, helps):
    jobs = doc.get("jobs") or {}
    check(isinstance(trigger(doc), dict) and "pull_request" in trigger(doc),
          "%s: not run on pull_request" % rel)
    gates = 0
    for jname, job in jobs.items():
        where = "%s: job %s" % (rel, jname)
        steps = job.get("steps") or []
        for s in steps:
            if "uses" in s:
                check(s["uses"] in allowed, "%s: action %s is not one of %s" % (where, s["uses"], sorted(allowed)))
            if str(s.get("uses", "")).startswith("actions/checkout@"):
                check((s.get("with") or {}).get("fetch-depth") == 0,
                      "%s: checkout without fetch-depth: 0 (the gate needs the base commit)" % where)
        cmds = gh_job_commands(job, where)
        check_flags(cmds, helps, where)
        g = named(cmds, "gate")
        if not g:
            continue
        gates += 1
        ing, tests, cov = named(cmds, "ingest"), named(cmds, "!ctest"), gcov_run(cmds)
        check(ing and ing[0] < g[0], "%s: assay ingest does not come before assay gate" % where)
        check(tests and ing and tests[0] < ing[0] and
              any("--output-junit" in w for w in cmds[tests[0]].words),
              "%s: ctest --output-junit does not come before assay ingest" % where)
        check(cov is not None and ing and cov < ing[0], "%s: gcov does not come before assay ingest" % where)
        gate = cmds[g[0]]
        check(gate.arg("--markdown") == "gate.md" and gate.arg("--junit") == "gate-junit.xml",
              "%s: the gate writes no gate.md and gate-junit.xml: %s" % (where, " ".join(gate.words)))
        uploaded = " ".join(str((s.get("with") or {}).get("path", "")) for s in steps
                            if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
        check("gate.md" in uploaded and "gate-junit.xml" in uploaded,
              "%s: gate.md and gate-junit.xml are not uploaded" % where)
        cache = [str(s.get("uses")) for s in steps if str(s.get("uses", "")).startswith("actions/cache")]
        check(cache == ["actions/cache/restore@v4", "actions/cache/save@v4"] or cache == ["actions/cache@v4"],
              "%s: the store is not restored and saved with actions/cache (%s)" % (where, cache))
    check(gates == 1, "%s: %d jobs run assay gate, not 1" % (rel, gates))


def gh_check_nightly(doc, rel, allowed, helps):
    jobs = doc.get("jobs") or {}
    check(isinstance(trigger(doc), dict) and "schedule" in trigger(doc), "%s: not run on a schedule" % rel)
    shards_env = str((doc.get("env") or {}).get("SHARDS", ""))
    mutate_jobs, merged = [], 0
    for jname, job in jobs.items():
        where = "%s: job %s" % (rel, jname)
        steps = job.get("steps") or []
        for s in steps:
            if "uses" in s:
                check(s["uses"] in allowed, "%s: action %s is not one of %s" % (where, s["uses"], sorted(allowed)))
        cmds = gh_job_commands(job, where)
        check_flags(cmds, helps, where)
        for c in cmds:
            if c.name == "mutate" and c.arg("--shard"):
                mutate_jobs.append(jname)
                matrix = ((job.get("strategy") or {}).get("matrix") or {}).get("shard")
                check(isinstance(matrix, list) and len(matrix) > 1, "%s: the shards are not a matrix" % where)
                check(c.arg("--shard") == "EXPR_matrix.shard/$SHARDS",
                      "%s: --shard %s is not ${{ matrix.shard }}/$SHARDS" % (where, c.arg("--shard")))
                check(isinstance(matrix, list) and shards_env == str(len(matrix)),
                      "%s: SHARDS is %r, the matrix has %s shards" % (where, shards_env, len(matrix or [])))
                db = c.arg("--db") or ""
                up = [expressions_out(str((s.get("with") or {}).get("path", ""))) for s in steps
                      if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
                check(db != "" and db in up, "%s: the shard's store %s is not uploaded (uploads: %s)" % (where, db, up))
    check(len(mutate_jobs) == 1, "%s: %d jobs run assay mutate --shard, not 1" % (rel, len(mutate_jobs)))
    for jname, job in jobs.items():
        where = "%s: job %s" % (rel, jname)
        steps = job.get("steps") or []
        merge_step = [i for i, s in enumerate(steps) if "run" in s and named(commands(str(s["run"]), where), "merge")]
        if not merge_step:
            continue
        merged += 1
        needs = job.get("needs")
        needs = [needs] if isinstance(needs, str) else (needs or [])
        check(mutate_jobs and mutate_jobs[0] in needs, "%s: assay merge does not come after the shards (needs: %s)" % (where, needs))
        dl = [i for i, s in enumerate(steps) if str(s.get("uses", "")).startswith("actions/download-artifact@")]
        check(dl and dl[0] < merge_step[0], "%s: the shards' stores are not downloaded before assay merge" % where)
        m = named(commands(str(steps[merge_step[0]]["run"]), where), "merge")
        c = commands(str(steps[merge_step[0]]["run"]), where)[m[0]]
        path = str((steps[dl[0]].get("with") or {}).get("path", "")) if dl else ""
        check(any(o.startswith(path + "/") for o in c.operands()) and path != "",
              "%s: assay merge %s does not read the downloaded %s/" % (where, c.operands(), path))
    check(merged == 1, "%s: %d jobs run assay merge, not 1" % (rel, merged))


def gitlab_check(doc, rel, helps):
    jobs = {k: v for k, v in doc.items() if isinstance(v, dict) and "script" in v}
    stages = doc.get("stages") or []
    check(str((doc.get("variables") or {}).get("GIT_DEPTH")) == "0",
          "%s: GIT_DEPTH is not 0 (the gate needs the base commit)" % rel)
    gates = merges = 0
    shard_job = None
    for jname, job in jobs.items():
        where = "%s: job %s" % (rel, jname)
        script = "\n".join(str(l) for l in job["script"])
        cmds = commands(script, where)
        check_flags(cmds, helps, where)
        g = named(cmds, "gate")
        if g:
            gates += 1
            ing, tests, cov = named(cmds, "ingest"), named(cmds, "!ctest"), gcov_run(cmds)
            check(ing and ing[0] < g[0], "%s: assay ingest does not come before assay gate" % where)
            check(tests and ing and tests[0] < ing[0], "%s: ctest does not come before assay ingest" % where)
            check(cov is not None and ing and cov < ing[0], "%s: gcov does not come before assay ingest" % where)
            gate = cmds[g[0]]
            reports = (job.get("artifacts") or {}).get("reports") or {}
            check(gate.arg("--codequality") is not None and reports.get("codequality") == gate.arg("--codequality"),
                  "%s: reports: codequality: is not the gate's --codequality file" % where)
            check(gate.arg("--junit") is not None and reports.get("junit") == gate.arg("--junit"),
                  "%s: reports: junit: is not the gate's --junit file" % where)
            check((job.get("artifacts") or {}).get("when") == "always",
                  "%s: the reports are not kept when the gate fails (artifacts: when: always)" % where)
        for c in cmds:
            if c.name == "mutate" and c.arg("--shard"):
                shard_job = jname
                matrix = ((job.get("parallel") or {}).get("matrix") or [{}])[0].get("SHARD")
                n = str((doc.get("variables") or {}).get("SHARDS", ""))
                check(c.arg("--shard") == "$SHARD/$SHARDS", "%s: --shard %s is not $SHARD/$SHARDS" % (where, c.arg("--shard")))
                check(isinstance(matrix, list) and n == str(len(matrix)) and len(matrix) > 1,
                      "%s: SHARDS is %r, the parallel matrix has %s shards" % (where, n, len(matrix or [])))
                paths = [str(p) for p in (job.get("artifacts") or {}).get("paths") or []]
                check(c.arg("--db") in paths, "%s: the shard's store %s is not an artifact (%s)" % (where, c.arg("--db"), paths))
    for jname, job in jobs.items():
        where = "%s: job %s" % (rel, jname)
        cmds = commands("\n".join(str(l) for l in job["script"]), where)
        if not named(cmds, "merge"):
            continue
        merges += 1
        check(shard_job is not None and shard_job in (job.get("needs") or []),
              "%s: assay merge does not need the shards' job" % where)
        sj = jobs.get(shard_job) or {}
        check(sj.get("stage") in stages and job.get("stage") in stages and
              stages.index(sj.get("stage")) < stages.index(job.get("stage")),
              "%s: its stage does not come after the shards'" % where)
        c = cmds[named(cmds, "merge")[0]]
        check(c.operands() == ["shards/*/assay.db"], "%s: assay merge reads %s, not the shards' stores" % (where, c.operands()))
    check(gates == 1, "%s: %d jobs run assay gate, not 1" % (rel, gates))
    check(merges == 1, "%s: %d jobs run assay merge, not 1" % (rel, merges))


def groovy_strip(text):
    """Jenkinsfile text with comments removed and strings replaced by '' (their text returned
    apart), to count braces; a string left open is an error."""
    code, strings, i, n = [], [], 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                return None, None
            i = j + 2
        elif text.startswith("'''", i) or text.startswith('"""', i) or text[i] in "'\"":
            q = text[i:i + 3] if text.startswith(text[i] * 3, i) else text[i]
            j = i + len(q)
            while j < n and not text.startswith(q, j):
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                return None, None
            strings.append(text[i + len(q):j])
            code.append("''")
            i = j + len(q)
        else:
            code.append(text[i])
            i += 1
    return "".join(code), strings


def jenkins_check(root, rel, helps):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        text = f.read()
    code, strings = groovy_strip(text)
    if not check(code is not None, "%s: a string or comment is left open" % rel):
        return
    for o, c in ("{}", "()", "[]"):
        check(code.count(o) == code.count(c), "%s: %d '%s' but %d '%s'" % (rel, code.count(o), o, code.count(c), c))
    check(re.search(r"^pipeline\s*\{", code, re.M) is not None, "%s: no declarative pipeline { }" % rel)
    where = rel
    # The shell scripts, in the order of the file, with the GString's ${k} as a word.
    sh = [s for s in strings if "\n" in s or s.startswith("test ")]
    cmds = []
    for s in sh:
        cmds += commands(s.replace("\\$", "$"), where)
    check_flags(cmds, helps, where)
    g, ing = named(cmds, "gate"), named(cmds, "ingest")
    check(len(g) == 1 and ing and ing[0] < g[0], "%s: assay ingest does not come before the one assay gate" % where)
    tests, cov = named(cmds, "!ctest"), gcov_run(cmds)
    check(tests and ing and tests[0] < ing[0], "%s: ctest does not come before assay ingest" % where)
    check(cov is not None and ing and cov < ing[0], "%s: gcov does not come before assay ingest" % where)
    if g:
        check(cmds[g[0]].arg("--junit") == "gate-junit.xml", "%s: the gate writes no gate-junit.xml" % where)
    check(re.search(r"junit\b[^\n]*testResults:\s*''", code) is not None and "gate-junit.xml" in strings,
          "%s: no junit step for gate-junit.xml" % where)
    check(re.search(r"stage\(''\)\s*\{\s*when\s*\{\s*changeRequest\(\)\s*\}", code) is not None,
          "%s: no stage when { changeRequest() } (the gate's)" % where)
    m = re.search(r"^SHARDS\s*=\s*(\d+)", code, re.M)
    n = int(m.group(1)) if m else 0
    par = code.find("parallel {")
    calls = re.findall(r"mutateShard\((\d+),\s*SHARDS", code[par:]) if par >= 0 else []
    check(n > 1 and calls == [str(k) for k in range(1, n + 1)],
          "%s: the parallel stages run shards %s, not 1..SHARDS (%d)" % (where, calls, n))
    mut = [c for c in cmds if c.name == "mutate" and c.arg("--shard")]
    check(len(mut) == 1 and mut[0].arg("--shard") == "${k}/${n}", "%s: assay mutate --shard is not ${k}/${n}" % where)
    check(re.search(r"def mutateShard[^{]*\{[^}]*?stash name:", code.replace("\n", " ")) is not None,
          "%s: a shard does not stash its store" % where)
    unstash = code.find("unstash")
    mcmd = named(cmds, "merge")
    check(len(mcmd) == 1 and cmds[mcmd[0]].operands() == ["shards/*/assay.db"],
          "%s: assay merge does not read the shards' stores" % where)
    check(par >= 0 and unstash > par, "%s: the stores are not unstashed after the parallel shards" % where)
    check("copyArtifacts" in code and "archiveArtifacts" in code, "%s: the store is not archived and copied" % where)


def shared_steps(job):
    """A job's steps that a workflow takes from its template as they are: the actions, and the
    steps that run assay gate or assay merge."""
    out = []
    for s in job.get("steps") or []:
        if "uses" in s:
            out.append(s)
        elif "run" in s and any(c.name in ("gate", "merge") for c in commands(str(s["run"]), "")):
            out.append(s)
    return out


def check_workflow(wf, tpl, rel, trel):
    check(trigger(wf) == trigger(tpl), "%s: runs on %s, its template %s on %s" % (rel, trigger(wf), trel, trigger(tpl)))
    wjobs, tjobs = wf.get("jobs") or {}, tpl.get("jobs") or {}
    check(sorted(wjobs) == sorted(tjobs), "%s: jobs %s, its template's %s" % (rel, sorted(wjobs), sorted(tjobs)))
    for jname in sorted(set(wjobs) & set(tjobs)):
        wj, tj = wjobs[jname], tjobs[jname]
        for key in ("runs-on", "container", "strategy", "needs", "if"):
            check(wj.get(key) == tj.get(key), "%s: job %s: %s is %r, in %s %r" % (rel, jname, key, wj.get(key), trel, tj.get(key)))
        ws, ts = shared_steps(wj), shared_steps(tj)
        check(len(ws) == len(ts), "%s: job %s has %d action/gate/merge steps, %s %d" % (rel, jname, len(ws), trel, len(ts)))
        for a, b in zip(ws, ts):
            check(a == b, "%s: job %s: step %r differs from %s's %r" % (rel, jname, a.get("name"), trel, b.get("name")))


def main():
    root, help_dir = sys.argv[1], sys.argv[2]
    helps = load_helps(help_dir)
    docs = {}
    for rel in TEMPLATES + sorted(WORKFLOWS):
        if not check(os.path.isfile(os.path.join(root, rel)), "%s: missing" % rel):
            continue
        if rel.endswith(".yml"):
            docs[rel] = load_yaml(root, rel)
    # every YAML file there, not only those named
    for d in ("ci", ".github/workflows"):
        for top, _, files in os.walk(os.path.join(root, d)):
            for f in files:
                rel = os.path.relpath(os.path.join(top, f), root)
                if f.endswith((".yml", ".yaml")) and rel not in docs:
                    docs[rel] = load_yaml(root, rel)
    for rel, doc in sorted(docs.items()):
        if doc is None:
            continue
        github = rel.startswith(("ci/github/", ".github/"))
        allowed = GITHUB_ACTIONS if github else GITEA_ACTIONS
        if rel.endswith("assay-pr.yml"):
            gh_check_pr(doc, rel, allowed, helps)
        elif rel.endswith("assay-nightly.yml"):
            gh_check_nightly(doc, rel, allowed, helps)
        elif rel == "ci/gitlab/.gitlab-ci.yml":
            gitlab_check(doc, rel, helps)
    jenkins = "ci/jenkins/Jenkinsfile"
    if os.path.isfile(os.path.join(root, jenkins)):
        jenkins_check(root, jenkins, helps)
    for rel, trel in sorted(WORKFLOWS.items()):
        if docs.get(rel) is not None and docs.get(trel) is not None:
            check_workflow(docs[rel], docs[trel], rel, trel)
    for rel in TEMPLATES:
        if not os.path.isfile(os.path.join(root, rel)):
            continue
        if rel.startswith(("ci/github/", "ci/gitea/")):
            check_store_comments(root, rel, "#", ["actions/cache", "restore-keys", "artifact"])
        elif rel.startswith("ci/gitlab/"):
            check_store_comments(root, rel, "#", ["cache", "fallback_keys", "artifact"])
        else:
            check_store_comments(root, rel, "//", ["archived", "copyArtifacts", "stash"])
    print("ci templates: %d files, %d checks, %d failed" % (len(docs) + 1, checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
