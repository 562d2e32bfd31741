#!/usr/bin/env bash
# Runs the libFuzzer target (build-asan/fuzz/headroom_fuzz, built by `make fuzz`) for SECONDS
# (default 600) over the loader and a short run of the engine. Seeds: the bundled scenarios, the
# broken-file corpus and every earlier finding; what it learns goes to build-asan/corpus (not
# committed). A crash leaves its input in build-asan/findings and fails: copy it into
# tests/fuzz/regressions/, where ctest feeds it through the same entry point, then fix it.
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
fuzz=build-asan/fuzz/headroom_fuzz
[ -x "$fuzz" ] || { echo "headroom: $fuzz is missing: run 'make fuzz'" >&2; exit 1; }
mkdir -p build-asan/corpus build-asan/findings
# libFuzzer reads seed directories, not trees: the scenarios' subdirectories one by one.
seeds=(tests/fuzz/regressions tests/config/bad)
while IFS= read -r d; do seeds+=("$d"); done < <(find scenarios -type f -name '*.yaml' -printf '%h\n' | sort -u)
# One job: the machine is shared. -rss_limit_mb bounds an input's memory (a finding beyond it);
# -timeout one input's time; no leak checks: a run stopped by the fuzzer's limits is not a leak.
export ASAN_OPTIONS=detect_leaks=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# FUZZ_RUNS=N (CI) makes a run reproducible: N inputs from a fixed seed, so the same commit
# finds the same things whatever the machine's speed; SECONDS still bounds it.
extra=()
[ -n "${FUZZ_RUNS:-}" ] && extra=(-runs="$FUZZ_RUNS" -seed=1)
exec "$fuzz" "${extra[@]}" build-asan/corpus "${seeds[@]}" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 \
  -max_len=8192 -print_final_stats=1 -artifact_prefix=build-asan/findings/
