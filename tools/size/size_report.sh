#!/usr/bin/env bash
# The size of libconfidant_c.so as an app ships it, per ABI, and what it is
# made of.
#
#   tools/size/size_report.sh [ABI...]     ABI: x86_64 aarch64 armhf (default: all three)
#
# Each ABI gets a size-optimized bundled build of the one target
# confidant_c (build/size-<ABI>/): -Os, link-time optimization (-flto),
# -ffunction-sections -fdata-sections with --gc-sections, hidden visibility
# (the project default; the version script exports confidant_* only),
# 16 KiB pages and the static C++ runtime (as every bundled build), then
# `strip --strip-all`. The stripped file's size is the figure that counts.
#
# The split by part: the objects are compiled fat (-ffat-lto-objects: LTO
# bytecode and ordinary code in one object), so the very same objects are
# linked a second time without LTO, with a GNU ld map file, and
# map_shares.py adds up every section the linker kept by the object it came
# from (core, SQLite, libsodium, protobuf-lite, the C++ runtime). The shares
# are of that non-LTO link (LTO moves code across objects, so its map names
# no origin); the KiB column applies them to the stripped LTO size, an
# estimate of each part's cost in the shipped file.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
abis=("$@")
if [ ${#abis[@]} -eq 0 ]; then
  abis=(x86_64 aarch64 armhf)
fi

# The dependency tarballs, fetched once for all ABIs.
export CONFIDANT_DEPS_DIR=${CONFIDANT_DEPS_DIR:-${root}/build/size-deps}
mkdir -p "${CONFIDANT_DEPS_DIR}"
if ! ls "${CONFIDANT_DEPS_DIR}"/*.orig.tar.* >/dev/null 2>&1; then
  bash "${root}/tools/deps/fetch_sources.sh" "${CONFIDANT_DEPS_DIR}" sqlite3 libsodium protobuf >/dev/null
fi

flags="-ffunction-sections -fdata-sections -flto -ffat-lto-objects"
rows=()
for abi in "${abis[@]}"; do
  case "${abi}" in
    x86_64) toolchain=""; prefix="" ;;
    aarch64) toolchain="${root}/cmake/toolchains/aarch64-linux-gnu.cmake"; prefix=aarch64-linux-gnu- ;;
    armhf) toolchain="${root}/cmake/toolchains/arm-linux-gnueabihf.cmake"; prefix=arm-linux-gnueabihf- ;;
    *) echo "size_report: unknown ABI ${abi} (x86_64, aarch64, armhf)" >&2; exit 2 ;;
  esac
  dir=${root}/build/size-${abi}
  echo "=== ${abi}: building ${dir}" >&2
  cmake -S "${root}" -B "${dir}" -G Ninja ${toolchain:+-DCMAKE_TOOLCHAIN_FILE=${toolchain}} \
    -DCMAKE_BUILD_TYPE=MinSizeRel -DCONFIDANT_DEPS=bundled \
    -DCONFIDANT_BUILD_TESTS=OFF -DCONFIDANT_BUILD_BENCH=OFF -DCONFIDANT_HOST_TOOLS=OFF \
    "-DCMAKE_C_FLAGS=${flags}" "-DCMAKE_CXX_FLAGS=${flags}" \
    "-DCMAKE_SHARED_LINKER_FLAGS=-flto=auto -Wl,--gc-sections -Wl,-O1" >"${dir}.log" 2>&1
  cmake --build "${dir}" --target confidant_c -- -j2 >>"${dir}.log" 2>&1

  lib=$(find "${dir}/sdk/capi" -maxdepth 1 -name 'libconfidant_c.so' | head -1)
  "${prefix}strip" --strip-all -o "${dir}/libconfidant_c.stripped.so" "${lib}"
  size=$(stat -c %s "${dir}/libconfidant_c.stripped.so")

  # The same link without LTO, with a map file: the last command ninja runs
  # for the target is its link.
  link=$(cd "${dir}" && ninja -t commands confidant_c | tail -1)
  link=${link#: && }
  link=${link% && :}
  link=${link//-flto=auto/-fno-lto}
  link=${link//-flto/-fno-lto}
  link=${link//-ffat-lto-objects/}
  link=${link//-o sdk\/capi\/libconfidant_c.so/-o libconfidant_c.nolto.so}
  (cd "${dir}" && eval "${link} -Wl,-Map=libconfidant_c.nolto.map")
  shares=$(python3 "${root}/tools/size/map_shares.py" "${dir}/libconfidant_c.nolto.map")

  row="${abi}|$(awk -v s="${size}" 'BEGIN { printf "%.2f MiB (%d bytes)", s / 1048576, s }')"
  while IFS=$'\t' read -r part bytes pct; do
    row+="|$(awk -v s="${size}" -v p="${pct}" 'BEGIN { printf "%.0f KiB (%.1f%%)", s * p / 100 / 1024, p }')"
  done <<<"${shares}"
  rows+=("${row}")
done

echo
echo "| ABI | stripped libconfidant_c.so | core | SQLite | libsodium | protobuf-lite | C++ runtime | other |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
  echo "| ${row//|/ | } |"
done
