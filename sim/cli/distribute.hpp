#pragma once
// Where a sweep's jobs run: this process's threads or, in an MPI build started by mpirun with
// more than one rank, every rank (docs/scaling-out.md).
#include <cstddef>
#include <vector>

#include "headroom/study/sweep.hpp"

namespace headroom {

struct Distributed {
  std::vector<JobRecord> records;  ///< every job of the shard, on the process that writes
  bool writes = true;              ///< false on the MPI ranks other than 0: they write nothing
};

/// Runs the jobs `shard` owns. Without MPI (or without mpirun, or with one rank) this is
/// run_jobs on `threads` threads. Under mpirun -n N, rank 0 hands out one job at a time to
/// whichever rank asks next (dynamic load balancing: a slow point holds up one rank, not the
/// rest) while a thread of its own runs jobs too, and collects every record; records cross
/// ranks as JSON, whose doubles round-trip exactly, so the result has the same bytes.
Distributed distribute_jobs(std::size_t count, const Shard& shard, int threads, const JobFn& job);

}  // namespace headroom
