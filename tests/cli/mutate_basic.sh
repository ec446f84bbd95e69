#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# assay mutate on the tiny fixture with --ctest: exact counts per status, per-test
# selection, the store, the JSON report against the schema, SARIF, the user's tree
# untouched, reuse on a second run, a person's verdict, --fail-under.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/mutate_lib.sh"

tiny_project "$TMP/p"
before=$(tree_sum "$TMP/p")
M="assay-mutate --build-dir $TMP/p/build --ctest --timeout-const 0.3 --commit c1"

expect_exit 0 $M --report json --report sarif --report-dir "$TMP"
expect_grep '^assay mutate: 49 mutants in 1 files, 49 in this run; 0 reused' "$TMP/out"
expect_grep '^  killed 35  survived 6  no_coverage 5  timeout 3  compile_error 0' "$TMP/out"
expect_grep '^mutation score: 77\.6%$' "$TMP/out"
expect_grep '^covered score:  86\.4%$' "$TMP/out"
# the case label cannot take a runtime switch: its two mutants are rebuilt alone
expect_grep '^builds: 3 compiles of mutated code \(2 rebuilds for single mutants\)' "$TMP/out"
expect_grep '^  src/tiny.c:12:8  >  ->  >=  \[rel in tiny_max, key [0-9a-f]{12}\]$' "$TMP/out"
expect_eq "store counts" "killed=35 no_coverage=5 survived=6 timeout=3" "$(counts)"
expect_eq "runs of kind mutation" "1" "$(q "SELECT count(*) FROM runs WHERE kind = 'mutation'")"
# selection: a mutant in tiny_add is run on 'arith' only, one in tiny_count_up on 'loop' only
expect_eq "tiny_add killed by" "arith|1" "$(q "SELECT DISTINCT m.killed_by, m.tests_run FROM mutations m JOIN mutants k ON k.id = m.mutant_id WHERE k.function = 'tiny_add'")"
expect_eq "tiny_count_up killers" "loop" "$(q "SELECT DISTINCT m.killed_by FROM mutations m JOIN mutants k ON k.id = m.mutant_id WHERE k.function = 'tiny_count_up' AND m.status IN ('killed', 'timeout')")"
expect_eq "never run: no_coverage" "0" "$(q "SELECT sum(tests_run) FROM mutations WHERE status = 'no_coverage'")"
# macro bodies and no-mutate lines are not mutated; the macro's argument site is
expect_eq "no mutant in TWICE's body" "0" "$(q "SELECT count(*) FROM mutants WHERE line = 3")"
expect_eq "no mutant on the no-mutate line" "0" "$(q "SELECT count(*) FROM mutants WHERE function = 'tiny_skip'")"
expect_eq "TWICE(a) as a return value" "3" "$(q "SELECT count(*) FROM mutants WHERE original = 'TWICE(a)'")"

# the report: schema-valid, every mutant, statuses as the schema names them.  The schema is in
# ../shared beside the source tree, which a plain clone (a CI checkout: .github/workflows) lacks:
# there the statuses are still counted, and only the validation is skipped.
schema=$ASSAY_SOURCE_DIR/../shared/schemas/mutation-testing-report-schema.json
[ -f "$schema" ] || { echo "no $schema: the report's schema is not checked"; schema=-; }
/usr/bin/python3 - "$TMP/mutation-report.json" "$schema" >"$TMP/py" 2>&1 <<'PY'
import json, sys, collections
report = json.load(open(sys.argv[1]))
if sys.argv[2] != "-":
    import jsonschema
    jsonschema.validate(report, json.load(open(sys.argv[2])))
    print("valid")
c = collections.Counter(m["status"] for f in report["files"].values() for m in f["mutants"])
print(" ".join(f"{k}={v}" for k, v in sorted(c.items())))
PY
[ "$schema" = - ] || expect_grep '^valid' "$TMP/py"
expect_grep '^Killed=35 NoCoverage=5 Survived=6 Timeout=3$' "$TMP/py"
expect_eq "sarif results" "14" "$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["runs"][0]["results"]))' "$TMP/mutation-report.sarif")"

# the user's sources and build directory are as they were
expect_eq "tree unchanged" "$before" "$(tree_sum "$TMP/p")"

# again on the same code: every result is taken over, nothing is built or run, and the same
# results for the same commit are no new run
expect_exit 0 $M
expect_grep '49 in this run; 49 reused: the same results as run 1, no new run$' "$TMP/out"
expect_grep '^builds: 0 compiles of mutated code \(0 rebuilds for single mutants\), 0 test runs' "$TMP/out"
expect_eq "still one run" "1" "$(q "SELECT count(*) FROM runs WHERE kind = 'mutation'")"
expect_eq "same counts" "killed=35 no_coverage=5 survived=6 timeout=3" "$(counts)"
# for another commit, the results taken over are a run of its own
expect_exit 0 ${M/--commit c1/--commit c2}
expect_grep '49 in this run; 49 reused; run 2$' "$TMP/out"
expect_eq "reused rows" "49" "$(q "SELECT count(*) FROM mutations WHERE run_id = 2 AND reused = 1")"

# a person's verdict: tiny_max's a >= b is the same function
key=$(q "SELECT key FROM mutants WHERE function = 'tiny_max' AND replacement = '>='")
expect_exit 0 assay-mutate mark "${key:0:12}" --equivalent --why "max(a, a) is a either way"
expect_grep "^marked $key equivalent" "$TMP/out"
expect_exit 0 $M --json
expect_grep '"counts":\{"killed":35,"survived":5,"no_coverage":5,"timeout":3,"compile_error":0,"runtime_error":0,"ignored":0,"equivalent":1,"duplicate":0\}' "$TMP/out"
expect_grep '"score":79\.17' "$TMP/out"
expect_eq "verdict reason" "marked equivalent: max(a, a) is a either way" "$(q "SELECT reason FROM mutations m JOIN mutants k ON k.id = m.mutant_id WHERE k.key = '$key' AND run_id = 3")"
expect_exit 2 assay-mutate mark 0123456789ab --equivalent --why x
expect_grep 'no mutant with key 0123456789ab' "$TMP/err"

# --fail-under: 79.2% is below 80 (exit 1), above 79
expect_exit 1 $M --fail-under 80
expect_grep 'mutation score 79\.2% is below 80\.0%' "$TMP/err"
expect_exit 0 $M --fail-under 79
finish
