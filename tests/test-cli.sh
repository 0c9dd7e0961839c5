#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-cli.sh: gongkai-cli end to end, as a script would use it.
#
#   sh test-cli.sh PATH/TO/gongkai-cli PATH/TO/tests/data/seeds [PATH/TO/gk-test-import]
#
# gk-test-import fills a library for `export --library`; without it those
# tests are skipped.
# Writes TAP.  Bad inputs are made in a temporary directory; the seeds are
# only read.  jq checks the JSON when it is installed; without it those
# tests are skipped rather than failed.

cli=$1
seeds=$2
importer=${3:-}

if [ -z "$cli" ] || [ -z "$seeds" ]; then
  echo "usage: $0 GONGKAI-CLI SEEDS-DIR" >&2
  exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gk-test-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

n=0

ok ()
{
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok ()
{
  n=$((n + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    echo "# $line"
  done
}

skip ()
{
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

# check DESCRIPTION COMMAND…: one test that passes when COMMAND succeeds.
check ()
{
  description=$1
  shift
  if "$@"; then
    ok "$description"
  else
    not_ok "$description" "failed: $*" \
      "stdout: $(head -c 600 "$tmp/out" 2>/dev/null)" \
      "stderr: $(head -c 600 "$tmp/err" 2>/dev/null)"
  fi
}

# run ARGS…: runs the tool with stdout in $tmp/out, stderr in $tmp/err and
# the exit status in $rc.
run ()
{
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
}

# seed NNN: the path of a seed, named NNN_<hash>.txt.
seed ()
{
  for f in "$seeds/$1"_*.txt; do
    echo "$f"
    return
  done
}

rc_is () { [ "$rc" -eq "$1" ]; }
stderr_lines () { [ "$(wc -l <"$tmp/err")" -eq "$1" ]; }
stderr_has () { grep -q -- "$1" "$tmp/err"; }
stdout_has () { grep -q -- "$1" "$tmp/out"; }
stdout_lacks () { ! grep -q -- "$1" "$tmp/out"; }

have_jq=no
if command -v jq >/dev/null 2>&1; then
  have_jq=yes
fi

s000=$(seed 000)
s001=$(seed 001)
s002=$(seed 002)
s003=$(seed 003)
s004=$(seed 004)

# ---- Bad input: one line on standard error, naming the file, exit 2 ----

run check "$tmp/no-such-file.txt"
check "missing file: exit 2" rc_is 2
check "missing file: one line on stderr" stderr_lines 1
check "missing file: the line names the file" stderr_has "no-such-file.txt"
check "missing file: the line starts with the program's name" stderr_has "^gongkai-cli: "

: >"$tmp/empty.txt"
run check "$tmp/empty.txt"
check "empty file: exit 2" rc_is 2
check "empty file: one line on stderr" stderr_lines 1
check "empty file: says empty" stderr_has "empty.txt: .*empty"

printf '\177ELF\002\001\001\000\000\001\002\003\000\377\376binary\000\000\000' >"$tmp/binary.txt"
run check "$tmp/binary.txt"
check "binary file: exit 2" rc_is 2
check "binary file: one line on stderr" stderr_lines 1
check "binary file: says binary" stderr_has "binary.txt: .*binary"

# A zip that is not a Word document is named for what it is.
printf 'PK\003\004\000\000\001\002\003\000\377\376binary\000\000\000' >"$tmp/archive.txt"
run check "$tmp/archive.txt"
check "zip file: exit 2" rc_is 2
check "zip file: says zip" stderr_has "archive.txt: .*zip"

cat >"$tmp/prose.txt" <<'EOF'
关于做好春节期间安全生产工作的通知

各街道、乡镇：春节将至，请各单位认真做好安全生产工作，确保人民群众过一个平安祥和的节日。
This is plain prose without any of the report's tables.
EOF
run check "$tmp/prose.txt"
check "prose without tables: exit 2" rc_is 2
check "prose without tables: one line on stderr" stderr_lines 1
check "prose without tables: says no report tables" stderr_has "prose.txt: .*no report tables"

mkdir "$tmp/folder"
run check "$tmp/folder"
check "a folder: exit 2" rc_is 2
check "a folder: one line on stderr" stderr_lines 1

# A report cut off inside table 3 still parses: what is missing becomes
# findings, never a crash.
head -n 80 "$s001" >"$tmp/truncated.txt"
run check "$tmp/truncated.txt"
check "truncated table: no crash, findings (exit 1)" rc_is 1
check "truncated table: a summary line" stdout_has "truncated.txt: "

# ---- A bad file does not stop the good ones ----------------------------

run check "$tmp/no-such-file.txt" "$s002"
check "bad then good: exit 2 wins" rc_is 2
check "bad then good: the good report is still checked" stdout_has "002_.*: 0 errors"
check "bad then good: one line on stderr" stderr_lines 1

run export --format csv "$tmp/empty.txt" "$s002"
check "export bad then good: exit 2" rc_is 2
check "export bad then good: the good report's cells are there" stdout_has "^[^,]*002_[^,]*,北京市门头沟区政府,2020,"

if [ "$have_jq" = yes ]; then
  run parse "$tmp/empty.txt" "$s002"
  check "parse bad then good: exit 2" rc_is 2
  check "parse bad then good: an array of two" \
    sh -c '[ "$(jq length "$1")" -eq 2 ]' sh "$tmp/out"
  check "parse bad then good: {file, error} for the bad one" \
    sh -c 'jq -e ".[0].file | test(\"empty.txt\")" "$1" >/dev/null && jq -e ".[0].error | length > 0" "$1" >/dev/null' sh "$tmp/out"
  check "parse bad then good: the good one parsed" \
    sh -c 'jq -e ".[1].agency.name == \"北京市门头沟区政府\"" "$1" >/dev/null' sh "$tmp/out"
else
  for t in "parse bad then good: exit 2" "parse bad then good: an array of two" \
           "parse bad then good: {file, error} for the bad one" "parse bad then good: the good one parsed"; do
    skip "$t" "jq not installed"
  done
fi

# ---- Web pages and Word documents, told apart by their bytes -----------

formats="$seeds/../formats"
cp "$formats/html-word-export.html" "$tmp/saved-page.txt"
cp "$formats/docx-report.docx" "$tmp/word-report.pdf"
printf '\320\317\021\340\241\261\032\341\000\000\000\000' >"$tmp/legacy.doc"

run check "$tmp/saved-page.txt" "$tmp/legacy.doc" "$tmp/word-report.pdf" "$formats/html-no-table.html"
check "formats: bad files among good ones: exit 2" rc_is 2
check "formats: a web page saved as .txt is checked" stdout_has "saved-page.txt: 0 errors"
check "formats: a Word document named .pdf after a bad file is checked" stdout_has "word-report.pdf: 0 errors"
check "formats: two lines on stderr" stderr_lines 2
check "formats: the .doc is named for what it is" stderr_has "legacy.doc: .*legacy Word (.doc)"
check "formats: the page without tables says so" stderr_has "html-no-table.html: .*no report tables"

if [ "$have_jq" = yes ]; then
  run parse "$tmp/saved-page.txt" "$tmp/word-report.pdf"
  check "formats: format and encoding in the JSON" \
    sh -c 'jq -e ".[0].format == \"html\" and .[0].encoding == \"GB18030\" and .[1].format == \"docx\"" "$1" >/dev/null' sh "$tmp/out"
else
  skip "formats: format and encoding in the JSON" "jq not installed"
fi

# ---- Standard input ----------------------------------------------------

"$cli" check - <"$s002" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "check - reads standard input" rc_is 0
check "check -: a summary line for standard input" stdout_has "^stdin: "

"$cli" export --format csv - <"$s004" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "export - reads standard input" stdout_has "^stdin,北京市怀柔区人民政府办公室,2024,"

if [ "$have_jq" = yes ]; then
  "$cli" parse - <"$s000" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  check "parse - reads standard input" \
    sh -c 'jq -e ".[0].agency.name == \"北京市大兴区人民政府政府办公室\" and .[0].year.value == 2021" "$1" >/dev/null' sh "$tmp/out"
else
  skip "parse - reads standard input" "jq not installed"
fi

: | "$cli" check - >"$tmp/out" 2>"$tmp/err"
rc=$?
check "empty standard input: exit 2" rc_is 2
check "empty standard input: says empty" stderr_has "^gongkai-cli: stdin: .*empty"

# ---- CSV ---------------------------------------------------------------

run export --format csv "$s000"
check "csv: the header is exact" \
  sh -c '[ "$(head -n 1 "$1")" = "file,agency,year,template,table,row,column,value,raw,class" ]' sh "$tmp/out"

run export --format csv "$s002"
check "csv 002: exit 0" rc_is 0
check "csv 002: t3 has 23 x 7 = 161 cells" \
  sh -c '[ "$(grep -c ",t3," "$1")" -eq 161 ]' sh "$tmp/out"
check "csv 002: t4 has 15 cells" \
  sh -c '[ "$(grep -c ",t4," "$1")" -eq 15 ]' sh "$tmp/out"
check "csv 002: a blank cell has an empty value and class blank" \
  stdout_has ",t4,review,upheld,,,blank$"

run export --format csv "$s000" "$s001" "$s002" "$s003" "$s004"
check "csv: five reports, one header" \
  sh -c '[ "$(grep -c "^file,agency," "$1")" -eq 1 ]' sh "$tmp/out"

if [ "$have_jq" = yes ]; then
  for s in "$s000" "$s001" "$s002" "$s003" "$s004"; do
    name=$(basename "$s" | cut -c1-3)
    "$cli" export --format csv "$s" >"$tmp/csv" 2>/dev/null
    "$cli" parse "$s" >"$tmp/json" 2>/dev/null
    rows=$(($(wc -l <"$tmp/csv") - 1))
    cells=$(jq '[.[0].tables[] | select(. != null) | .cells | length] | add' "$tmp/json")
    if [ "$rows" -gt 0 ] && [ "$rows" -eq "$cells" ]; then
      ok "csv $name: one line per cell ($rows)"
    else
      not_ok "csv $name: one line per cell" "csv lines: $rows, cells in JSON: $cells"
    fi
  done
else
  for s in 000 001 002 003 004; do
    skip "csv $s: one line per cell" "jq not installed"
  done
fi

# RFC 4180: a field with a comma or a double quote is quoted, its quotes
# doubled.  The file name is such a field here.
cp "$s004" "$tmp/a,b\"c.txt"
run export --format csv "$tmp/a,b\"c.txt"
check "csv: a field with a comma and a quote is quoted" stdout_has "^\"[^,]*/a,b\"\"c.txt\",北京市怀柔区人民政府办公室,"

run export --format xml "$s000"
check "export --format xml: exit 2" rc_is 2

# ---- JSON --------------------------------------------------------------

if [ "$have_jq" = yes ]; then
  for pair in "000|北京市大兴区人民政府政府办公室|2021" \
              "001|西工区金谷园街道办事处|2021" \
              "002|北京市门头沟区政府|2020" \
              "003|北京市密云区科学技术委员会|2021" \
              "004|北京市怀柔区人民政府办公室|2024"; do
    id=${pair%%|*}
    rest=${pair#*|}
    agency=${rest%|*}
    year=${rest#*|}
    run parse "$(seed "$id")"
    if [ "$rc" -eq 0 ] \
       && jq -e --arg a "$agency" --argjson y "$year" \
            '.[0].agency.name == $a and .[0].year.value == $y' "$tmp/out" >/dev/null 2>&1; then
      ok "json $id: parses, agency $agency, year $year"
    else
      not_ok "json $id: parses, agency $agency, year $year" \
        "exit $rc; agency/year: $(jq -c '.[0] | [.agency.name, .year.value]' "$tmp/out" 2>&1 | head -c 300)"
    fi
  done

  run parse "$s002"
  check "json 002: t3 has 161 cells, t4 15, template 2019" \
    sh -c 'jq -e ".[0].tables.t3.cells | length == 161" "$1" >/dev/null &&
           jq -e ".[0].tables.t4.cells | length == 15" "$1" >/dev/null &&
           jq -e ".[0].template == \"2019\"" "$1" >/dev/null' sh "$tmp/out"
  check "json 002: a blank cell has a null value" \
    sh -c 'jq -e "[.[0].tables.t4.cells[] | select(.row == \"review\" and .column == \"upheld\")][0] | .value == null and .class == \"blank\"" "$1" >/dev/null' sh "$tmp/out"
  check "json 002: six sections" \
    sh -c 'jq -e ".[0].sections | length == 6" "$1" >/dev/null' sh "$tmp/out"
else
  for t in "json 000" "json 001" "json 002" "json 003" "json 004" \
           "json 002: cells" "json 002: blank" "json 002: sections"; do
    skip "$t" "jq not installed"
  done
fi

# ---- check: findings for people, the exit status -----------------------

run check "$s000" "$s001" "$s002" "$s003" "$s004"
check "check seeds: exit 0 or 1, never 2" sh -c '[ "$1" -eq 0 ] || [ "$1" -eq 1 ]' sh "$rc"
check "check seeds: a summary line per file" \
  sh -c '[ "$(grep -c ": [0-9]* errors\{0,1\}, [0-9]* warnings\{0,1\}, " "$1")" -eq 5 ]' sh "$tmp/out"
check "check seeds: not-assessable findings are notes" stdout_has "002_.*: note R4 \[t4:review\]"

# Seed 002 with one number changed in 二、上年结转: R1 fails for 自然人.
sed '/二、上年结转政府信息公开申请数量/s/\t4\t0/\t5\t0/' "$s002" >"$tmp/broken.txt"
run check "$tmp/broken.txt"
check "broken report: exit 1" rc_is 1
check "broken report: the R1 error, with expected and found" \
  stdout_has "broken.txt: error R1 \[t3:natural\] .*(expected 197, found 196)$"

# ---- Translations ------------------------------------------------------

LC_ALL=C.UTF-8 LANGUAGE= "$cli" check "$tmp/broken.txt" >"$tmp/out" 2>"$tmp/err"
check "C.UTF-8: English" stdout_has ": error R1 "
check "C.UTF-8: English summary" stdout_has "2 errors"

LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$cli" check "$tmp/broken.txt" "$tmp/empty.txt" >"$tmp/out" 2>"$tmp/err"
check "LANGUAGE=zh_CN: Chinese findings" stdout_has ": 错误 R1 "
check "LANGUAGE=zh_CN: Chinese summary" stdout_has "2 个错误"
check "LANGUAGE=zh_CN: Chinese error message" stderr_has "empty.txt: 文件为空"
check "LANGUAGE=zh_CN: English gone" stdout_lacks "errors"

# ---- Across reports: check and export over several files ---------------

# Seed 002 is 门头沟 2020.  The same text as 2019 carries 8 0 0 0 0 0 8 out
# where 2020 carries 4 0 0 0 0 0 4 in: C1 for 自然人 and 总计, on both.
sed 's/2020/2019/g' "$s002" >"$tmp/mtg-2019.txt"
run check "$tmp/mtg-2019.txt" "$s002"
check "check two years: exit 1" rc_is 1
check "check two years: C1 on 2020, the two cells side by side" \
  stdout_has "002_.*: warning C1 \[t3:natural\] 二、上年结转政府信息公开申请数量 / 自然人: 4 here, but 四、结转下年度继续办理 / 自然人 of the 2019 report “.*mtg-2019.txt” is 8 (expected 8, found 4)$"
check "check two years: C1 on 2019 too" \
  stdout_has "mtg-2019.txt: warning C1 \[t3:natural\] 四、结转下年度继续办理 / 自然人: 8 here, but "
check "check two years: C1 for 总计" stdout_has "002_.*: warning C1 \[t3:total\] "
check "check two years: no C1 for a column that agrees" stdout_lacks " C1 \[t3:commercial\]"
check "check two years: D2, the prose is a copy" \
  stdout_has "002_.*: warning D2 \[prose\] 100.0% of the prose repeats the 2019 report"
check "check two years: D2 on the newer report only" stdout_lacks "mtg-2019.txt: warning D2"

# The carry-over made right: C1 is gone, the other rules stay.
sed '/四、结转下年度继续办理/s/\t8\t0\t0\t0\t0\t0\t8/\t4\t0\t0\t0\t0\t0\t4/' "$tmp/mtg-2019.txt" >"$tmp/mtg-2019-fixed.txt"
run check "$tmp/mtg-2019-fixed.txt" "$s002"
check "check two years, carry-over right: no C1" stdout_lacks " C1 "
check "check two years, carry-over right: C3 still" stdout_has "002_.*: warning C3 \[t2:licensing\] "

run check "$s002"
check "check one file: nothing across reports" sh -c '! grep -q " [CD][0-9] " "$1"' sh "$tmp/out"

# Two versions of 2020 with one number apart: D1 on both.
sed '/一、本年新收政府信息公开申请数量/s/\t192\t/\t193\t/' "$s002" >"$tmp/mtg-2020-v2.txt"
run check "$s002" "$tmp/mtg-2020-v2.txt"
check "check two versions: D1 on the first" \
  stdout_has "002_.*: warning D1 \[versions\] .*mtg-2020-v2.txt.* 192 here, 193 there"
check "check two versions: D1 on the second" \
  stdout_has "mtg-2020-v2.txt: warning D1 \[versions\] .* 193 here, 192 there"

run export --format indicators "$s002" "$s000"
check "indicators: exit 0" rc_is 0
check "indicators: the header" \
  sh -c '[ "$(head -n 1 "$1")" = "file,agency,year,template,received,disclosed_rate,denied_rate,unable_rate,rejected_rate,review_corrected_rate,review_corrected_rate_concluded,suit_corrected_rate,dispute_rate" ]' sh "$tmp/out"
# 216 + 4; 107, 14, 54 and 1 of 212; 复议 blank; 3 of 46; 争议 needs 复议.
check "indicators 002: by hand" \
  stdout_has "002_[^,]*,北京市门头沟区政府,2020,2019,220,0.504717,0.066038,0.254717,0.004717,,,0.065217,$"
check "indicators 000: no rate of nothing" \
  stdout_has "000_[^,]*,北京市大兴区人民政府政府办公室,2021,2021,0,,,,,,,,$"

run export --format csv --output "$tmp/out.csv" "$s002"
check "export --output: nothing on standard output" sh -c '[ ! -s "$1" ]' sh "$tmp/out"
check "export --output: the file has the cells" \
  sh -c '[ "$(grep -c ",t3," "$1")" -eq 161 ]' sh "$tmp/out.csv"

run export --format xlsx --output "$tmp/out.xlsx" "$tmp/mtg-2019.txt" "$s002"
check "xlsx: exit 0" rc_is 0
check "xlsx: a zip" sh -c '[ "$(head -c 2 "$1")" = "PK" ]' sh "$tmp/out.xlsx"
check "xlsx: nothing on standard output" sh -c '[ ! -s "$1" ]' sh "$tmp/out"

run export --format xlsx "$s002"
check "xlsx to a pipe: a zip on standard output" sh -c '[ "$(head -c 2 "$1")" = "PK" ]' sh "$tmp/out"

run export --format xlsx --output "$tmp/no-such-folder/out.xlsx" "$s002"
check "xlsx to a folder that does not exist: exit 2" rc_is 2
check "xlsx to a folder that does not exist: says where" stderr_has "no-such-folder/out.xlsx"

if [ "$have_jq" = yes ]; then
  run export --format json "$tmp/mtg-2019.txt" "$s002"
  check "json: a document of two reports" \
    sh -c 'jq -e ".reports | length == 2" "$1" >/dev/null' sh "$tmp/out"
  check "json: indicators with numerator and denominator" \
    sh -c 'jq -e ".reports[1].indicators.disclosed_rate | .numerator == 107 and .denominator == 212" "$1" >/dev/null' sh "$tmp/out"
  check "json: no value for a blank input" \
    sh -c 'jq -e ".reports[1].indicators.review_corrected_rate | .value == null and .state == \"missing-input\"" "$1" >/dev/null' sh "$tmp/out"
  check "json: C1 names the other report" \
    sh -c 'jq -e "[.reports[1].findings[] | select(.rule == \"C1\")] | length == 2 and all(.other_report == \$sha)" --arg sha "$(jq -r ".reports[0].sha256" "$1")" "$1" >/dev/null' sh "$tmp/out"
else
  for t in "json: two reports" "json: indicators" "json: no value" "json: C1"; do
    skip "$t" "jq not installed"
  done
fi

# ---- export --library ----------------------------------------------------

run check --library "$s002"
check "check --library: exit 2" rc_is 2

run export --library "$s002"
check "export --library with files: exit 2" rc_is 2

XDG_DATA_HOME="$tmp/no-data" "$cli" export --library >"$tmp/out" 2>"$tmp/err"
rc=$?
check "export --library without a library: exit 2" rc_is 2
check "export --library without a library: says so" stderr_has "no library"
check "export --library without a library: none is made" \
  sh -c '[ ! -e "$1/gongkai/library.db" ]' sh "$tmp/no-data"

if [ -n "$importer" ]; then
  data="$tmp/data"
  "$importer" "$data/gongkai/library.db" "$tmp/mtg-2019.txt" "$s002" "$s000" >"$tmp/import" 2>&1
  check "library: three reports imported" sh -c '[ "$(grep -c added "$1")" -eq 3 ]' sh "$tmp/import"

  library ()
  {
    XDG_DATA_HOME="$data" "$cli" export --library "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
  }

  library --format csv
  check "library csv: exit 0" rc_is 0
  check "library csv: every cell of the three" \
    sh -c '[ "$(grep -c ",t3," "$1")" -eq $((161 + 161 + 175)) ]' sh "$tmp/out"
  check "library csv: the file names as imported" stdout_has "^mtg-2019.txt,北京市门头沟区政府,2019,2019,t3,carried_out,natural,8,8,number$"

  library --format indicators
  check "library indicators: 002 by hand" \
    stdout_has "^002_[^,]*,北京市门头沟区政府,2020,2019,220,0.504717,"

  library --format xlsx --output "$tmp/library.xlsx"
  check "library xlsx: a zip" sh -c '[ "$(head -c 2 "$1")" = "PK" ]' sh "$tmp/library.xlsx"

  if [ "$have_jq" = yes ]; then
    library --format json
    check "library json: three reports" sh -c 'jq -e ".reports | length == 3" "$1" >/dev/null' sh "$tmp/out"
    check "library json: C1 between 2019 and 2020" \
      sh -c 'jq -e "[.reports[] | select(.year.value == 2020) | .findings[] | select(.rule == \"C1\" and .subject == \"t3:natural\")] | length == 1" "$1" >/dev/null' sh "$tmp/out"

    # A second version of 2020 with another number: the library still
    # exports one report per agency and year, and D1 names the other.
    "$importer" "$data/gongkai/library.db" "$tmp/mtg-2020-v2.txt" >"$tmp/import" 2>&1
    check "library: the second version is kept as a version" grep -q new-version "$tmp/import"
    library --format json
    check "library json: still three reports, the versions that count" \
      sh -c 'jq -e ".reports | length == 3" "$1" >/dev/null' sh "$tmp/out"
    check "library json: D1 on the active version" \
      sh -c 'jq -e "[.reports[] | select(.year.value == 2020) | .findings[] | select(.rule == \"D1\")] | length == 1" "$1" >/dev/null' sh "$tmp/out"
  else
    for t in "library json: three" "library json: C1" "library: version" "library json: still three" "library json: D1"; do
      skip "$t" "jq not installed"
    done
  fi
else
  skip "export --library" "gk-test-import not given"
fi

# ---- The check sheet (PDF) ---------------------------------------------

run sheet "$s002" --output "$tmp/sheet.pdf"
check "sheet: exit 0" rc_is 0
check "sheet: a PDF" sh -c '[ "$(head -c 5 "$1")" = "%PDF-" ]' sh "$tmp/sheet.pdf"
check "sheet: a whole PDF, ending in %%EOF" sh -c 'tail -c 16 "$1" | grep -q "%%EOF"' sh "$tmp/sheet.pdf"
check "sheet: nothing on stdout with --output" sh -c '[ ! -s "$1" ]' sh "$tmp/out"

mkdir -p "$tmp/sheets"
# The tool and the seed may be named relative to here, not to there.
cli_abs=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")
s002_abs=$(cd "$(dirname "$s002")" && pwd)/$(basename "$s002")
(cd "$tmp/sheets" && "$cli_abs" sheet "$s002_abs" >"$tmp/out" 2>"$tmp/err")
rc=$?
check "sheet without --output: exit 0" rc_is 0
check "sheet without --output: AGENCY-YEAR-check-sheet.pdf" \
  sh -c '[ "$(head -c 5 "$1")" = "%PDF-" ]' sh "$tmp/sheets/北京市门头沟区政府-2020-check-sheet.pdf"
check "sheet without --output: prints the name it made up" stdout_has "^北京市门头沟区政府-2020-check-sheet.pdf$"

"$cli" sheet "$s000" --output - >"$tmp/stdout.pdf" 2>"$tmp/err"
rc=$?
check "sheet --output -: exit 0" rc_is 0
check "sheet --output -: the PDF on standard output" sh -c '[ "$(head -c 5 "$1")" = "%PDF-" ]' sh "$tmp/stdout.pdf"

run sheet "$tmp/empty.txt" --output "$tmp/empty.pdf"
check "sheet of an empty file: exit 2" rc_is 2
check "sheet of an empty file: says empty" stderr_has "empty.txt: .*empty"
check "sheet of an empty file: no PDF left" sh -c '[ ! -e "$1" ]' sh "$tmp/empty.pdf"

run sheet "$s002" --output "$tmp/no-such-folder/sheet.pdf"
check "sheet into a missing folder: exit 2" rc_is 2
check "sheet into a missing folder: one line naming it" \
  sh -c '[ "$(wc -l <"$1")" -eq 1 ] && grep -q "no-such-folder/sheet.pdf: no such file" "$1"' sh "$tmp/err"

run sheet "$s000" "$s002"
check "sheet of two files: exit 2" rc_is 2
check "sheet of two files: says one file" stderr_has "one file"

run sheet --format csv "$s002"
check "sheet --format: exit 2" rc_is 2

run parse --output "$tmp/x.json" "$s002"
check "parse --output: exit 2" rc_is 2
check "parse --output: says where --output applies" stderr_has "export and sheet"

# ---- The command line --------------------------------------------------

run --help
check "--help: exit 0" rc_is 0
check "--help: lists the commands" sh -c 'grep -q "parse" "$1" && grep -q "check" "$1" && grep -q "export" "$1" && grep -q "sheet FILE" "$1"' sh "$tmp/out"

run --version
check "--version: prints the version" stdout_has "^gongkai-cli [0-9]"

run frobnicate "$s000"
check "unknown command: exit 2" rc_is 2
check "unknown command: says so" stderr_has "frobnicate"

run check
check "no file: exit 2" rc_is 2

echo "1..$n"
