#!/usr/bin/env bash
# Runs the libFuzzer targets for longer than CI's brief runs (docs/fuzzing.md).
#
#   tests/fuzz/run_all.sh SECONDS [TARGET...]
#
# Each target (all of tests/fuzz/*.cpp by default) fuzzes for SECONDS of CPU
# time (user + system; stopped by SIGINT when it has had them, with a wall
# cap of four times as long), so a busy machine gets the same work done,
# only later. It runs on a scratch corpus, build/fuzz/run_all/<target>/corpus, seeded from
# the repository's corpus tests/fuzz/<target>/ and kept between runs (delete
# build/fuzz/run_all to start over). The repository's corpus is never
# written. Crash, timeout and OOM inputs go to build/fuzz/run_all/<target>/
# artifacts/. Prints per target: wall and CPU seconds, executions, coverage
# (cov: / ft:), corpus size, and whether it crashed (with the artifacts).
#
# Needs the fuzz preset's build (cmake --preset fuzz && cmake --build --preset fuzz).
# FUZZ_JOBS=2 runs two targets at a time (no more: each takes a core).
# FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS=-max_len=8192).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build/fuzz}
scratch=${FUZZ_SCRATCH_DIR:-$build/run_all}
jobs=${FUZZ_JOBS:-1}

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS [TARGET...]" >&2
  exit 2
fi
seconds=$1
shift
if [[ $jobs -gt 2 ]]; then jobs=2; fi

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for source in "$here"/*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi
for target in "${targets[@]}"; do
  if [[ ! -x $build/tests/fuzz/fuzz_$target ]]; then
    echo "$build/tests/fuzz/fuzz_$target: not built (cmake --build --preset fuzz --target fuzz_$target)" >&2
    exit 2
  fi
done

run_one() {
  local target=$1
  local dir=$scratch/$target
  # Artifacts are per run (an earlier run's are in its log); the corpus is kept.
  rm -rf "$dir/artifacts" "$dir/cpu" "$dir/result"
  mkdir -p "$dir/corpus" "$dir/artifacts"
  # Seed (without overwriting what earlier runs found).
  cp -n "$here/$target"/* "$dir/corpus/" 2>/dev/null || true
  local dict=()
  [[ -f $here/$target.dict ]] && dict=(-dict="$here/$target.dict")
  local started=$(date +%s)
  "$build/tests/fuzz/fuzz_$target" -max_total_time=$((seconds * 4)) -rss_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$dir/artifacts/" "${dict[@]}" ${FUZZ_ARGS:-} \
    "$dir/corpus" >"$dir/log" 2>&1 &
  local pid=$!
  # CPU seconds (user + system), sampled while it runs: on a shared machine
  # the wall time says little about how much fuzzing was done.
  local ticks used=0 interrupted=0
  ticks=$(getconf CLK_TCK)
  while kill -0 "$pid" 2>/dev/null; do
    if used=$(awk -v t="$ticks" '{printf "%d\n", ($14 + $15) / t}' "/proc/$pid/stat" 2>/dev/null); then
      echo "$used" >"$dir/cpu"
      if [[ $used -ge $seconds && $interrupted -eq 0 ]]; then
        kill -INT "$pid" 2>/dev/null  # libFuzzer prints its final stats and exits 72
        interrupted=1
      fi
    fi
    sleep 2
  done
  wait "$pid"
  local status=$?
  if [[ $interrupted -eq 1 && $status -eq 72 ]]; then status=0; fi
  echo "$status $(( $(date +%s) - started )) $(cat "$dir/cpu" 2>/dev/null || echo '?')" >"$dir/result"
}

summarize() {
  local target=$1
  local dir=$scratch/$target
  local status elapsed cpu
  read -r status elapsed cpu <"$dir/result"
  local execs cov ft corpus rate
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
  if [[ -z $execs ]]; then execs=$(grep -o '^#[0-9]*' "$dir/log" | tail -1 | tr -d '#'); fi
  cov=$(grep -o 'cov: [0-9]*' "$dir/log" | tail -1 | awk '{print $2}')
  ft=$(grep -o 'ft: [0-9]*' "$dir/log" | tail -1 | awk '{print $2}')
  corpus=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$dir/log" | tail -1 | awk '{print $2}')
  local verdict=ok
  local artifacts
  artifacts=$(ls "$dir/artifacts" 2>/dev/null | sort)
  if [[ $status -ne 0 || -n $artifacts ]]; then verdict="CRASHED (exit $status)"; fi
  printf '%-16s %5ss wall %5ss cpu  execs %-10s (%s/s)  cov %-6s ft %-7s corpus %-10s %s\n' \
    "$target" "$elapsed" "${cpu:-?}" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corpus:-?}" "$verdict"
  if [[ -n $artifacts ]]; then
    while read -r file; do echo "    artifact: $dir/artifacts/$file"; done <<<"$artifacts"
    grep -m1 -E 'fuzz property violated|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error' "$dir/log" |
      sed 's/^/    /'
    echo "    log: $dir/log"
  fi
  [[ $verdict == ok ]]
}

echo "fuzzing ${#targets[@]} target(s) for ${seconds} CPU seconds each, $jobs at a time; scratch: $scratch"
running=0
for target in "${targets[@]}"; do
  run_one "$target" &
  running=$((running + 1))
  if [[ $running -ge $jobs ]]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

failed=0
for target in "${targets[@]}"; do
  summarize "$target" || failed=1
done
exit $failed
