#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The coverage parsers through assay-ingest, on the shared real-world fixtures (lcov, gcov JSON,
# Cobertura written by other producers): each file's totals in the store must be the figures in
# its folder's EXPECTED.tsv, which come from the producers or lcov 1.16, not from Assay.
# Then bad coverage input: one FILE:LINE message, exit 2, nothing stored.
# The fixtures live outside the project (ASSAY_SHARED_FIXTURES, default /work/shared/fixtures);
# where they are absent the test is skipped (exit 77).
. "$(dirname "$0")/lib.sh"
SHARED=${ASSAY_SHARED_FIXTURES:-/work/shared/fixtures}
if [ ! -d "$SHARED/lcov" ]; then
	echo "skipped: no shared fixtures at $SHARED"
	exit 77
fi

# column NAME: the index of NAME in the header (first non-comment line) of the EXPECTED.tsv on stdin
column() {
	awk -F'\t' -v name="$1" '/^#/ { next } { for (i = 1; i <= NF; i++) if ($i == name) print i; exit }'
}

# rows FILE: the data rows of an EXPECTED.tsv
rows() {
	grep -v '^#' "$1" | tail -n +2
}

# ingest FORMAT FILE: a store of its own per file, so totals are that file's; sets DB
ingest() {
	DB="$TMP/$(basename "$2").db"
	# --external: the expected totals are of every file, wherever the producer found it
	expect_exit 0 assay-ingest --db "$DB" --commit abc --external --format "$1" "$2"
}

# total MEASURE: the sum over the files of the one run in $DB
total() {
	sqlite3 -batch -noheader "$DB" "SELECT coalesce(sum($1), 0) FROM coverage"
}

# check FILE MEASURE EXPECTED
check() {
	expect_eq "$(basename "$1") $2" "$3" "$(total "$2")"
}

# ---- lcov: lcov 1.16's own --summary figures ----
E=$SHARED/lcov/EXPECTED.tsv
n=0
while IFS=$'\t' read -r -a row; do
	f=$SHARED/lcov/${row[0]}
	[ -f "$f" ] || continue
	ingest lcov "$f"
	for m in lines_hit lines_found functions_hit functions_found branches_hit branches_found; do
		check "$f" "$m" "${row[$(($(column $m < "$E") - 1))]}"
	done
	# the same with a record whose SF spans lines (grcov's data: URLs) after the first record:
	# refused, and with --ignore-errors format that record alone is skipped
	first_end=$(grep -n '^end_of_record' "$f" | head -1 | cut -d: -f1)
	{
		head -n "$first_end" "$f"
		printf 'SF:data:text/javascript,(function() {\n  f();\n})\nDA:1,1\nend_of_record\n'
		tail -n +$((first_end + 1)) "$f"
	} > "$TMP/data-url-$(basename "$f")"
	expect_exit 2 assay-ingest --db "$TMP/strict.db" --commit abc --external --format lcov "$TMP/data-url-$(basename "$f")"
	expect_grep ":$((first_end + 2)): not an lcov line:   f\(\);$" "$TMP/err"
	DB="$TMP/data-url-$(basename "$f").db"
	expect_exit 0 assay-ingest --db "$DB" --commit abc --external --ignore-errors format --format lcov "$TMP/data-url-$(basename "$f")"
	expect_grep "warning: .*:$((first_end + 2)): not an lcov line" "$TMP/err"
	for m in lines_hit lines_found functions_hit functions_found branches_hit branches_found; do
		check "$f (data: URL skipped)" "$m" "${row[$(($(column $m < "$E") - 1))]}"
	done
	n=$((n + 1))
done < <(rows "$E")
expect_eq "lcov fixtures checked" 1 "$([ "$n" -gt 0 ] && echo 1 || echo 0)"

# ---- gcov JSON: totals computed from the JSON, and gcov's own stdout ----
E=$SHARED/gcov_json/EXPECTED.tsv
n=0
while IFS=$'\t' read -r -a row; do
	f=$SHARED/gcov_json/${row[0]}
	[ -f "$f" ] || continue
	ingest gcov-json "$f"
	for m in lines_hit lines_found branches_hit branches_found; do
		check "$f" "$m" "${row[$(($(column $m < "$E") - 1))]}"
	done
	check "$f" functions_found "${row[$(($(column functions < "$E") - 1))]}"
	expect_eq "$(basename "$f") files" "${row[$(($(column files < "$E") - 1))]}" \
		"$(sqlite3 -batch -noheader "$DB" 'SELECT count(*) FROM coverage')"
	n=$((n + 1))
done < <(rows "$E")
expect_eq "gcov JSON fixtures checked" 1 "$([ "$n" -gt 0 ] && echo 1 || echo 0)"

# ---- Cobertura: the per-line data, which Assay trusts over the root's totals ----
# lines_found is EXPECTED's count of class-level <line> elements; hits and branches are
# counted here from the same elements with xmllint, independently of Assay.
E=$SHARED/cobertura/EXPECTED.tsv
n=0
while IFS=$'\t' read -r -a row; do
	f=$SHARED/cobertura/${row[0]}
	[ -f "$f" ] || continue
	ingest cobertura "$f"
	check "$f" lines_found "${row[$(($(column line_elements_in_classes < "$E") - 1))]}"
	check "$f" lines_hit "$(xmllint --xpath 'count(//class/lines/line[number(@hits) > 0])' "$f")"
	branches=$(xmllint --xpath '//class/lines/line/@condition-coverage' "$f" 2>/dev/null |
		grep -o '([0-9]*/[0-9]*)' | tr -d '()' |
		awk -F/ '{ hit += $1; found += $2 } END { print hit + 0, found + 0 }')
	check "$f" branches_hit "${branches% *}"
	check "$f" branches_found "${branches#* }"
	n=$((n + 1))
done < <(rows "$E")
expect_eq "Cobertura fixtures checked" 1 "$([ "$n" -gt 0 ] && echo 1 || echo 0)"

# ---- bad coverage input ----
# bad FORMAT FILE LINE PATTERN: exit 2, one line naming FILE:LINE, nothing in the store
bad() {
	expect_exit 2 assay-ingest --commit bad --format "$1" "$2"
	expect_eq "$(basename "$2"): one line" 1 "$(wc -l < "$TMP/err")"
	expect_grep "$2:$3: $4" "$TMP/err"
	expect_eq "$(basename "$2"): nothing stored" 0 \
		"$(q 'SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM coverage)')"
}

printf 'SF:a.c\nDA:1,1\nend_of_record\nDA:2,1\n' > "$TMP/outside.info"
bad lcov "$TMP/outside.info" 4 'DA outside a record'

# each lcov fixture without its last end_of_record: an error at that record's SF
for f in "$SHARED"/lcov/*.info; do
	last_end=$(grep -n '^end_of_record' "$f" | tail -1 | cut -d: -f1)
	head -n $((last_end - 1)) "$f" > "$TMP/cut-$(basename "$f")"
	last_sf=$(grep -n '^SF:' "$f" | tail -1 | cut -d: -f1)
	bad lcov "$TMP/cut-$(basename "$f")" "$last_sf" "record for .* has no end_of_record \\(the file ends at line $((last_end - 1))\\)"
done

head -c 200 "$SHARED/cobertura/gcovr-ref__simple__standard__gcc-5.xml" > "$TMP/cut.xml"
printf '\n' >> "$TMP/cut.xml"
bad cobertura "$TMP/cut.xml" '[0-9]+' 'malformed XML'

cat > "$TMP/xxe.xml" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE coverage [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]>
<coverage><sources><source>&x;</source></sources><packages><package><classes>
<class filename="&x;"><lines><line number="1" hits="1"/></lines></class>
</classes></package></packages></coverage>
XML
bad cobertura "$TMP/xxe.xml" '[0-9]+' '.*entit'
expect_eq "no passwd leaked" 0 "$(cat "$TMP/out" "$TMP/err" | grep -c 'root:')"

# a gzip cut short is an error, not a shorter document
f=$(ls "$SHARED"/gcov_json/*.gz | head -1)
head -c 200 "$f" > "$TMP/cut.json.gz"
expect_exit 2 assay-ingest --commit bad --format gcov-json "$TMP/cut.json.gz"
expect_grep "cut.json.gz" "$TMP/err"
expect_eq "cut gzip: nothing stored" 0 "$(q 'SELECT count(*) FROM runs')"
finish
