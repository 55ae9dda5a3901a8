#!/usr/bin/env bash
# Downloads Debian's source packages of the bundled dependencies into DIR
# with `apt-get source --download-only` (no unpacking, no build, no root).
# The bundled configure (cmake/deps/sources.cmake) runs it when no
# CONFIDANT_DEPS_DIR is given, then checks each .orig tarball against the
# SHA-256 pinned in cmake/deps/pins.cmake: what apt delivers is trusted
# only after that check.
#
#   fetch_sources.sh DIR PACKAGE...     e.g. fetch_sources.sh /tmp/deps sqlite3 libsodium protobuf
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 DIR PACKAGE..." >&2
  exit 2
fi
dir=$1
shift
mkdir -p "$dir"
cd "$dir"
if ! apt-get source --download-only "$@"; then
  cat >&2 <<MSG
fetch_sources: apt-get could not download the source packages: $*
  apt needs deb-src entries for its mirror: as root run tools/deps/enable_deb_src.sh,
  then apt-get update (.ci/setup does both). Or copy the tarballs that
  cmake/deps/pins.cmake names into a folder and configure with
  -DCONFIDANT_DEPS_DIR=<folder> (or the environment variable of that name).
MSG
  exit 1
fi
