#!/usr/bin/env bash
# Makes Debian's source packages reachable through apt (`apt-get source`),
# which is where the bundled build (CONFIDANT_DEPS=bundled) takes the
# original release tarballs of SQLite, libsodium and protobuf from.
#
# It adds a deb-src entry for every `deb` entry already configured, same
# mirror, suites and components, so the sources come from wherever the
# binaries do. Idempotent; needs root; run `apt-get update` afterwards.
set -euo pipefail

out=/etc/apt/sources.list.d/confidant-deb-src.sources
if [ -e "$out" ]; then
  exit 0
fi
# Already enabled by the machine's own configuration?
if grep -rqsE '^(deb-src[[:space:]]|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  exit 0
fi

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# deb822 files (*.sources): copy each stanza whose Types has `deb`, with
# Types rewritten. Disabled files (other suffixes) are not read by apt either.
for f in /etc/apt/sources.list.d/*.sources; do
  [ -e "$f" ] || continue
  awk '
    function flush() { if (stanza != "" && isdeb) printf "%s\n", stanza; stanza = ""; isdeb = 0 }
    /^[[:space:]]*$/ { flush(); next }
    /^#/ { next }
    /^Types:/ { if ($0 ~ /[[:space:]]deb([[:space:]]|$)/) isdeb = 1; stanza = stanza "Types: deb-src\n"; next }
    { stanza = stanza $0 "\n" }
    END { flush() }
  ' "$f" >>"$tmp"
done

# One-line format (sources.list, *.list): `deb [opts] uri suite comps...`.
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -e "$f" ] || continue
  sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >>"$tmp.list"
done

if [ -s "$tmp" ]; then
  install -m 0644 "$tmp" "$out"
fi
if [ -s "$tmp.list" ]; then
  install -m 0644 "$tmp.list" "${out%.sources}.list"
fi
rm -f "$tmp.list"
if [ ! -e "$out" ] && [ ! -e "${out%.sources}.list" ]; then
  echo "enable_deb_src: no deb entry found in /etc/apt/sources.list{,.d}" >&2
  exit 1
fi
