#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Gongkai never goes on the network: reports come from strangers' web
# sites, and reading them must not tell anyone anything.  Checks, as TAP:
#
#   check-no-network.sh SOURCE-ROOT
#
#  1. no source under src/ calls a network API (sockets, name lookups,
#     GIO's network classes, libsoup, libcurl, TLS, libxml2's HTTP/FTP);
#  2. no meson.build asks for a network library;
#  3. every libxml2 parse under src/ forbids network access (*_PARSE_NONET)
#     and never loads external DTDs or substitutes external entities;
#  4. the Flatpak manifest asks for no network and no file system access
#     (files arrive through the document portal).  check-flatpak.sh checks
#     the parsed manifest more closely, when flatpak-builder is installed;
#     this check needs nothing but grep.

set -u

if [ $# -ne 1 ]; then
  echo "usage: $0 SOURCE-ROOT" >&2
  exit 2
fi

root=$1
src=$root/src
failed=0
n=0

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
  printf '%s\n' "$2" | sed 's/^/# /'
}

# check DESCRIPTION FINDINGS: passes when FINDINGS is empty.
check ()
{
  if [ -z "$2" ]; then
    ok "$1"
  else
    not_ok "$1" "$2"
  fi
}

sources ()
{
  find "$src" -type f \( -name '*.c' -o -name '*.h' \) | sort
}

# Drops grep -n lines that are comments: a comment may name what it avoids.
drop_comments ()
{
  grep -v -E ':[0-9]+:[[:space:]]*(\*|/\*|//)'
}

echo "1..5"

if [ ! -d "$src" ]; then
  echo "Bail out! no src/ under $root"
  exit 1
fi

# 1. Network APIs.  "connect (" and "socket (" only as functions of their
# own: g_signal_connect() is not one.
apis='(^|[^_[:alnum:]])(socket|connect|bind|listen|accept|getaddrinfo|gethostbyname|gethostbyaddr|sendto|recvfrom)[[:space:]]*\(|<(sys/socket|netdb|netinet/[a-z]+|arpa/inet)\.h>|GSocket|g_socket_|GNetwork|g_network_|GResolver|g_resolver_|GInetAddress|g_inet_|GTls|g_tls_|GProxy|g_proxy_|GDtls|[Ss]oup|curl|xmlNano(HTTP|FTP)|xmlIOHTTP|xmlIOFTP'
check "no network API in src/" \
      "$(sources | xargs grep -n -E "$apis" /dev/null | drop_comments)"

# 2. Network libraries.
check "no network library in any meson.build" \
      "$(find "$root" -name meson.build -not -path '*/_build*' \
           | xargs grep -n -E "dependency\(['\"](libsoup|libcurl|gnutls|openssl|libssl|glib-networking)" /dev/null)"

# 3. libxml2: each file that parses forbids the network and external
# entities.
parsers='(html|xml)(Ctxt)?Read(Memory|Doc|File|Fd|IO)|(html|xml)CtxtUseOptions|xmlParseMemory|htmlParseDoc|xmlReaderForMemory'
missing=$(for file in $(sources | xargs grep -l -E "$parsers" /dev/null); do
            grep -q -E '(XML|HTML)_PARSE_NONET' "$file" \
              || echo "$file: parses with libxml2 without *_PARSE_NONET"
          done)
check "every libxml2 parse forbids network access (*_PARSE_NONET)" "$missing"

check "no libxml2 parse loads external DTDs or substitutes entities" \
      "$(sources | xargs grep -n -E 'XML_PARSE_(NOENT|DTDLOAD|DTDVALID)|xmlSubstituteEntitiesDefault[[:space:]]*\([[:space:]]*1|xmlLoadExtDtdDefaultValue' /dev/null | drop_comments)"

# 4. The sandbox.
manifests=$(find "$root/flatpak" -name '*.json' -o -name '*.yml' -o -name '*.yaml' 2> /dev/null | sort)
if [ -z "$manifests" ]; then
  not_ok "the Flatpak manifest asks for no network and no file system" "no manifest under $root/flatpak"
else
  check "the Flatpak manifest asks for no network and no file system" \
        "$(echo "$manifests" | xargs grep -n -E -e '--share=network|--filesystem|--persist|--socket=(system-bus|session-bus)|--talk-name=org\.freedesktop\.NetworkManager' /dev/null)"
fi

exit $failed
