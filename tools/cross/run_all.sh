#!/usr/bin/env bash
# The long run: every test of the bundled builds, on x86-64 natively and on
# arm64 and armhf under qemu-user (CMakePresets.json: bundled, aarch64,
# armhf). CI runs a subset of the cross tests (.ci/test); this runs all of
# them, and prints each ABI's build and test times and ctest's summary.
#
#   tools/cross/run_all.sh [PRESET...]      default: bundled aarch64 armhf
#
# Needs what .ci/setup installs (cross compilers, qemu-user, tcl, deb-src).
set -uo pipefail
cd "$(dirname "$0")/../.."
presets=("$@")
if [ ${#presets[@]} -eq 0 ]; then
  presets=(bundled aarch64 armhf)
fi

summary=()
status=0
for preset in "${presets[@]}"; do
  log=build/${preset}-run_all.log
  mkdir -p build
  start=$(date +%s)
  echo "=== ${preset}: configure and build"
  if ! { cmake --preset "${preset}" && cmake --build --preset "${preset}"; } >"${log}" 2>&1; then
    tail -40 "${log}"
    summary+=("${preset}: build FAILED (${log})")
    status=1
    continue
  fi
  built=$(date +%s)
  echo "=== ${preset}: tests"
  ctest --preset "${preset}" 2>&1 | tee -a "${log}"
  rc=${PIPESTATUS[0]}
  done_at=$(date +%s)
  [ "${rc}" -eq 0 ] || status=1
  result=$(grep -E "tests passed, [0-9]+ tests failed out of" "${log}" | tail -1)
  summary+=("${preset}: build $((built - start)) s, tests $((done_at - built)) s: ${result}")
done

echo "=== summary"
printf '%s\n' "${summary[@]}"
exit "${status}"
