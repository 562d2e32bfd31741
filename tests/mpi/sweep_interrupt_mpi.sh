#!/bin/sh
# A signal on another rank than 0 reaches rank 0's outputs (issue 16): under mpirun, rank 1 alone
# gets SIGTERM as its first run ends (HEADROOM_TEST_RAISE through `env`, for that rank only).
# Rank 0 must stop handing out jobs, exit 143 and write what was done, marked partial, with every
# point not run listed; before, rank 1's later runs (each cut short at once) came back as done and
# rank 0 wrote a "complete" sweep. Which jobs rank 0's own thread finished depends on timing, so
# the checks are the invariants. Run by ctest in an MPI build: sweep_interrupt_mpi.sh HEADROOM SOURCE_DIR MPIEXEC
set -eu
bin=$1 src=$2 mpiexec=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cat >"$dir/sweep.yaml" <<YAML
scenario: $src/scenarios/examples/single-server.yaml
sweep:
  seeds: 5
  parameters:
    load.rate: [500/s, 650/s, 800/s]
    components.server.count: {from: 1, to: 3, step: 1}
YAML
args="sweep $dir/sweep.yaml --set warmup=2s --duration 12s --quiet --json $dir/s.json --csv $dir/s.csv --markdown $dir/s.md"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
status=0
"$mpiexec" --oversubscribe -n 1 "$bin" $args : -n 1 env HEADROOM_TEST_RAISE=TERM@1runs "$bin" $args >"$dir/out" 2>&1 || status=$?
fail() { echo "FAIL: $*"; cat "$dir/out"; exit 1; }
[ "$status" -eq 143 ] || fail "mpirun exit $status, expected 143"
grep -q '^  "partial": true,$' "$dir/s.json" || fail "the JSON is not marked partial"
grep -q '^  "signal": "SIGTERM",$' "$dir/s.json" || fail "the JSON does not name SIGTERM"
# No run cut short is written as done (a record of one would say "note": "interrupted").
[ "$(grep -c '"note": "interrupted"' "$dir/s.json")" -eq 0 ] || fail "a run cut short is written as done"
not_run=$(grep -c ',not run (SIGTERM)$' "$dir/s.csv")
[ "$not_run" -ge 1 ] || fail "no point listed as not run in the CSV"
[ "$(wc -l <"$dir/s.csv")" -eq 10 ] || fail "the CSV has not one row per point"
head -1 "$dir/s.csv" | grep -q ',status$' || fail "the CSV has no status column"
grep -q "^\*\*partial: $((9 - not_run)) of 9 points, interrupted by SIGTERM" "$dir/s.md" || fail "the Markdown does not say how partial"
echo "mpirun, SIGTERM on rank 1: rank 0 wrote $((9 - not_run)) of 9 points, the rest listed as not run"
