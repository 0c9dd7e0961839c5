#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# test-limits-cli.sh: gongkai-cli --max-size, the size cap a script sets;
# and web addresses, refused without going on the network.
#
#   sh test-limits-cli.sh PATH/TO/gongkai-cli PATH/TO/tests/data/seeds
#
# Writes TAP.  The large files are sparse: refused by their size, they cost
# no disk and are never read.

cli=$1
seeds=$2

if [ -z "$cli" ] || [ -z "$seeds" ]; then
  echo "usage: $0 GONGKAI-CLI SEEDS-DIR" >&2
  exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gk-test-limits.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

n=0
failed=0

# expect DESCRIPTION STATUS PATTERN COMMAND…: COMMAND exits with STATUS and
# its standard error matches the grep pattern PATTERN ("" for none).
expect ()
{
  description=$1
  want=$2
  pattern=$3
  shift 3
  "$@" > "$tmp/out" 2> "$tmp/err"
  got=$?
  n=$((n + 1))
  if [ "$got" -eq "$want" ] && { [ -z "$pattern" ] || grep -q -e "$pattern" "$tmp/err"; }; then
    echo "ok $n - $description"
  else
    failed=1
    echo "not ok $n - $description"
    echo "# exit status $got, expected $want; standard error:"
    sed 's/^/#   /' "$tmp/err" | head -n 10
  fi
}

echo "1..13"

seed=$(ls "$seeds"/*.txt | head -n 1)
# 1.5 MB of a real report, repeated: text, not binary.
i=0
while [ $i -lt 250 ]; do
  cat "$seed"
  i=$((i + 1))
done > "$tmp/large.txt"
# 65 MB of nothing, and 5 GB.
dd if=/dev/zero of="$tmp/huge.txt" bs=1 count=0 seek=65M 2> /dev/null
dd if=/dev/zero of="$tmp/giant.txt" bs=1 count=0 seek=5G 2> /dev/null

expect "--max-size 1 refuses a 1.5 MB file, naming both sizes" \
       2 "large.txt: the file is 1\.[0-9] MB, more than the 1 MB a report can be" \
       "$cli" check --max-size 1 "$tmp/large.txt"
expect "--max-size 1 refuses 1.5 MB on standard input" \
       2 "stdin: the file is .*, more than the 1 MB a report can be" \
       sh -c '"$1" check --max-size 1 - < "$2"' sh "$cli" "$tmp/large.txt"
expect "--max-size 2 reads the same file" \
       0 "" "$cli" parse --max-size 2 "$tmp/large.txt"
expect "--max-size 1 still reads a report of a few kB" \
       0 "" "$cli" parse --max-size 1 "$seed"
expect "without --max-size, 65 MB is over the default 64 MB" \
       2 "huge.txt: the file is 65 MB, more than the 64 MB a report can be" \
       "$cli" parse "$tmp/huge.txt"
expect "without --max-size, 5 GB is refused before it is read" \
       2 "giant.txt: the file is 5120 MB, more than the 64 MB a report can be" \
       "$cli" check "$tmp/giant.txt"
expect "--max-size 0 is a usage error" \
       2 "--max-size takes a number of megabytes from 1 to 4096" \
       "$cli" check --max-size 0 "$seed"
expect "--max-size past 4096 MB is a usage error" \
       2 "--max-size takes a number of megabytes from 1 to 4096" \
       "$cli" check --max-size 5000 "$seed"

# A URL is refused before GIO is asked about it (GVfs would fetch it).  The
# hosts are .invalid, which never resolve: a CLI that tried would fail
# with another message.
expect "parse refuses an https:// address as a web address" \
       2 "https://example\.invalid/report\.pdf: this is a web address; Gongkai works offline: download the file and open it" \
       "$cli" parse "https://example.invalid/report.pdf"
expect "check refuses http:// and ftp:// addresses, each named" \
       2 "ftp://example\.invalid/report\.txt: this is a web address" \
       "$cli" check "http://example.invalid/report.txt" "ftp://example.invalid/report.txt"
expect "an smb:// address is not a file on this computer" \
       2 "smb://server\.invalid/share/report\.docx: this is not a file on this computer but a “smb:” address" \
       "$cli" check "smb://server.invalid/share/report.docx"
expect "export --output never uploads a workbook to a web address" \
       2 "https://example\.invalid/out\.xlsx: this is not a file on this computer; Gongkai works offline" \
       "$cli" export --format xlsx --output "https://example.invalid/out.xlsx" "$seed"
expect "a local file given as a file:// URI is read" \
       0 "" "$cli" parse "file://$(cd "$(dirname "$seed")" && pwd)/$(basename "$seed")"

exit $failed
