#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-cli.sh: gongkai-cli end to end, as a script would use it.
#
#   sh test-cli.sh PATH/TO/gongkai-cli PATH/TO/tests/data/seeds
#
# Writes TAP.  Bad inputs are made in a temporary directory; the seeds are
# only read.  jq checks the JSON when it is installed; without it those
# tests are skipped rather than failed.

cli=$1
seeds=$2

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

# ---- The command line --------------------------------------------------

run --help
check "--help: exit 0" rc_is 0
check "--help: lists the commands" sh -c 'grep -q "parse" "$1" && grep -q "check" "$1" && grep -q "export" "$1"' sh "$tmp/out"

run --version
check "--version: prints the version" stdout_has "^gongkai-cli [0-9]"

run frobnicate "$s000"
check "unknown command: exit 2" rc_is 2
check "unknown command: says so" stderr_has "frobnicate"

run check
check "no file: exit 2" rc_is 2

echo "1..$n"
