#!/bin/sh
# `mpirun -n 3 headroom sweep` writes the bytes a one-process sweep writes (issue 15): 2 parameters
# × 3 values × 5 seeds of the M/M/1 example, each run 10 s measured. Run by ctest in an MPI build
# (-DHEADROOM_MPI=ON): sweep_mpi.sh HEADROOM SOURCE_DIR MPIEXEC
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
