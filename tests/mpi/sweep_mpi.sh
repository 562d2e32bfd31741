#!/bin/sh
# `mpirun -n 3 headroom sweep` writes the bytes a one-process sweep writes (issue 15): 2 parameters
# × 3 values × 5 seeds of the M/M/1 example, each run 10 s measured. Run by ctest in an MPI build
# (-DHEADROOM_MPI=ON): sweep_mpi.sh HEADROOM SOURCE_DIR MPIEXEC. Then a signal on rank 1 alone (issue 16).
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
short="--set warmup=2s --duration 12s --quiet"
"$bin" sweep "$dir/sweep.yaml" $short --threads 1 --json "$dir/one.json"
# Open MPI refuses root unless told, and a CI machine has fewer cores than ranks; shared memory
# between ranks needs no single-copy mechanism (containers often forbid ptrace-based CMA).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
"$mpiexec" --oversubscribe -n 3 "$bin" sweep "$dir/sweep.yaml" $short --json "$dir/mpi.json"
cmp "$dir/one.json" "$dir/mpi.json"
echo "mpirun -n 3: the same bytes as one process"

# A signal on another rank than 0 reaches rank 0's outputs (issue 16): rank 1 alone gets SIGTERM
# as its first run ends (HEADROOM_TEST_RAISE through `env`, for that rank only). Rank 0 must stop
# handing out runs, exit 143 and write what was done, marked partial, every point not run listed
# (before, rank 1's later runs, each cut short at once, came back as done and rank 0 failed on
# them). Which runs rank 0's own thread finished depends on timing: the checks are invariants.
out="--json $dir/s.json --csv $dir/s.csv --markdown $dir/s.md"
status=0
"$mpiexec" --oversubscribe -n 1 "$bin" sweep "$dir/sweep.yaml" $short $out : \
  -n 1 env HEADROOM_TEST_RAISE=TERM@1runs "$bin" sweep "$dir/sweep.yaml" $short $out >"$dir/log" 2>&1 || status=$?
fail() { echo "FAIL: $*"; cat "$dir/log"; exit 1; }
[ "$status" -eq 143 ] || fail "mpirun exit $status, expected 143"
grep -q '^  "partial": true,$' "$dir/s.json" || fail "the JSON is not marked partial"
grep -q '^  "signal": "SIGTERM",$' "$dir/s.json" || fail "the JSON does not name SIGTERM"
# No run cut short is written as done (its record would say "note": "interrupted").
[ "$(grep -c '"note": "interrupted"' "$dir/s.json")" -eq 0 ] || fail "a run cut short is written as done"
not_run=$(grep -c ',not run (SIGTERM)$' "$dir/s.csv")
[ "$not_run" -ge 1 ] || fail "no point listed as not run in the CSV"
[ "$(wc -l <"$dir/s.csv")" -eq 10 ] || fail "the CSV has not one row per point"
head -1 "$dir/s.csv" | grep -q ',status$' || fail "the CSV has no status column"
grep -q "^\*\*partial: $((9 - not_run)) of 9 points, interrupted by SIGTERM" "$dir/s.md" || fail "the Markdown does not say how partial"
echo "mpirun, SIGTERM on rank 1 alone: rank 0 wrote $((9 - not_run)) of 9 points, the rest listed as not run"
