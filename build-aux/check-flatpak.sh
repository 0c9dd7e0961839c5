#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the Flatpak manifest offline and prints the results as TAP:
#
#   check-flatpak.sh MANIFEST DESKTOP-FILE METAINFO-FILE
#
# The manifest must parse with flatpak-builder (unknown keys are fatal), its
# app id must agree with the desktop file's name and with the metainfo's <id>
# and <launchable>, and the sandbox must stay closed: the finish-args are
# exactly the four below, and nothing anywhere asks for the network or the
# file system (files arrive through the document portal).
#
# flatpak-builder, jq and Python 3 are needed; without them the whole test is
# skipped.

set -u

allowed_finish_args='--device=dri --share=ipc --socket=fallback-x11 --socket=wayland'

if [ $# -ne 3 ]; then
  echo "usage: $0 MANIFEST DESKTOP-FILE METAINFO-FILE" >&2
  exit 2
fi

# flatpak-builder runs in a scratch directory (below), so the manifest's path
# must not be relative.
case $1 in
  /*) manifest=$1 ;;
  *) manifest=$(pwd)/$1 ;;
esac
desktop=$2
metainfo=$3

python=
for p in /usr/bin/python3 python3; do
  if command -v "$p" >/dev/null 2>&1; then
    python=$p
    break
  fi
done

for tool in flatpak-builder jq; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done
if [ -z "$python" ]; then
  echo "1..0 # SKIP python3 is not installed"
  exit 0
fi

# flatpak-builder leaves a .flatpak-builder directory in the working
# directory, so it runs in a scratch one.
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT

echo "1..8"

n=0
failed=0

ok ()
{
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok ()
{
  n=$((n + 1))
  failed=1
  echo "not ok $n - $1"
  shift
  for text in "$@"; do
    printf '%s\n' "$text" | sed 's/^/# /'
  done
}

skip ()
{
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

check ()
{
  # check DESCRIPTION EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    ok "$1"
  else
    not_ok "$1" "expected: $2" "got:      $3"
  fi
}

# Prints one XPath-like value from the metainfo file: "id" or "launchable".
metainfo_value ()
{
  "$python" - "$metainfo" "$1" <<'EOF'
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
if sys.argv[2] == "id":
    node = root.find("id")
else:
    node = root.find("launchable[@type='desktop-id']")
print("" if node is None or node.text is None else node.text.strip())
EOF
}

# 1. The manifest parses, with warnings (unknown keys) fatal.
if (cd "$scratch" && G_DEBUG=fatal-warnings flatpak-builder --show-manifest "$manifest") \
     >"$scratch/manifest.json" 2>"$scratch/stderr"; then
  ok "flatpak-builder --show-manifest parses $(basename "$manifest")"
else
  not_ok "flatpak-builder --show-manifest parses $(basename "$manifest")" \
         "$(grep -v '^$' "$scratch/stderr")"
  # Nothing else can be checked without a parsed manifest.
  while [ $n -lt 8 ]; do
    skip "check $((n + 1))" "the manifest does not parse"
  done
  exit 1
fi

parsed=$scratch/manifest.json

# flatpak-builder prints "app-id" as "id".
app_id=$(jq -r '.id // ."app-id" // ""' "$parsed")
desktop_id=$(basename "$desktop" .desktop)

# 2–4. One application id everywhere.
check "app id matches the desktop file name" "$app_id" "$desktop_id"
check "app id matches the metainfo <id>" "$app_id" "$(metainfo_value id)"
check "metainfo <launchable> names the desktop file" \
      "$app_id.desktop" "$(metainfo_value launchable)"

# 5. The command is the program the desktop file runs.
exec_program=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -n 1)
check "command matches the desktop file's Exec" \
      "$exec_program" "$(jq -r '.command // ""' "$parsed")"

# 6. The runtime is GNOME 43, the API level the code is written against.
check "runtime is org.gnome.Platform//43 with org.gnome.Sdk" \
      "org.gnome.Platform 43 org.gnome.Sdk" \
      "$(jq -r '"\(.runtime) \(."runtime-version") \(.sdk)"' "$parsed")"

# 7. Exactly the allowed finish-args, each once.
finish_args=$(jq -r '(."finish-args" // []) | sort | join(" ")' "$parsed")
check "finish-args are exactly: $allowed_finish_args" \
      "$allowed_finish_args" "$finish_args"

# 8. No network or file-system access anywhere, including a module's
# build-args.
leaks=$(jq -r '[.. | strings
                | select(test("^--(share=network|filesystem|persist)"))]
               | unique | join(" ")' "$parsed")
if [ -z "$leaks" ]; then
  ok "no --share=network, --filesystem or --persist anywhere"
else
  not_ok "no --share=network, --filesystem or --persist anywhere" "found: $leaks"
fi

exit $failed
