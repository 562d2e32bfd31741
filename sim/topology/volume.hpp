#pragma once
// A database's storage volume as a resource (docs/storage.md, docs/sources.md §2b, §14): the I/Os
// of each query that reaches the disk go through one FCFS rate station whose service time is
// ios × the longer of 1/IOPS and bytes/throughput, then a fixed device latency as pure delay,
// while the query holds its connection.
//
// Why this shape: EBS (and RDS storage, which is EBS) provisions a rate — IOPS and MiB/s — and
// throttles to it; a volume pushed at its provisioned rate queues requests in the block layer,
// which a single server at the provisioned rate reproduces (its utilisation is AWS's own
// "IOPS used ÷ provisioned"). The device latency (gp3 "single-digit milliseconds", io1
// "sub-millisecond" class, sources.md §2b) does not depend on the load until the rate binds, so it
// is a delay, not service. A query's I/Os are issued together (the redo-log write and its fsync,
// the pages it reads), so the latency is paid once per query that does I/O, not per I/O.
#include <cmath>
#include <cstdint>
#include <limits>

#include "headroom/core/random.hpp"
#include "headroom/core/time.hpp"
#include "topology/ring_queue.hpp"

namespace headroom {

inline constexpr std::uint32_t kNoVolume = 0xFFFFFFFF;

/// What a database's queries ask of its storage, compiled from its spec (rds `io:`).
struct StorageIo {
  bool on = false;         // without `io:` the disk is no station
  double read = 0, write = 0;  // mean I/Os per read query and per write query (a replica's apply: a write)
  double ns_per_io = 0;    // service time of one I/O: max(1/IOPS, bytes/throughput), ns
  Duration latency = 0;    // device latency, once per query that does I/O
  double iops = 0;         // provisioned IOPS (for the report and the analytic model)
  double bytes_per_s = 0;  // provisioned throughput, bytes/s
  double io_bytes = 0;     // bytes per I/O

  /// True when an I/O's bytes take longer at the provisioned throughput than its turn at the
  /// provisioned IOPS: the volume's wall is then its MiB/s (large I/Os), else its IOPS.
  bool throughput_binds() const { return io_bytes / bytes_per_s > 1 / iops; }
  /// The I/Os an operation costs on average: reads their figure, writes and applies theirs.
  double per(bool read_op) const { return read_op ? read : write; }
  /// The whole I/Os of one operation: the mean's whole part, plus one with the chance of its
  /// fraction (so 0.05 per read is one I/O for one read in twenty). StorageLoad's moments are
  /// this distribution's.
  std::uint32_t sample(bool read_op, Rng& rng) const {
    const double mean = per(read_op), whole = std::floor(mean);
    return static_cast<std::uint32_t>(whole) + (rng.bernoulli(mean - whole) ? 1 : 0);
  }
};

/// The queries offered to one volume, per second, for the rate-level answers (the analytic model
/// and the hybrid engine): an M/G/1 station whose service is n × ns_per_io, n a query's I/Os — its
/// mean's whole part, plus one with the chance of its fraction, as the runtime samples it.
struct StorageLoad {
  double queries = 0;  // queries per second that do I/O
  double ios = 0;      // I/Os per second
  double n2 = 0;       // Σ rate × E[n²], for the service's second moment
  double s = 0;        // seconds per I/O
  Duration latency = 0;

  /// Adds `rate` operations per second costing `mean` I/Os each on average.
  void add(double rate, double mean) {
    const double whole = std::floor(mean), frac = mean - whole;
    queries += rate * (whole > 0 ? 1 : frac);
    ios += rate * mean;
    n2 += rate * ((1 - frac) * whole * whole + frac * (whole + 1) * (whole + 1));
  }
  double rho() const { return ios * s; }
  /// Pollaczek–Khinchine: the mean wait of a query that does I/O, λE[S²] / (2(1 − ρ)), seconds.
  double wait_s() const {
    const double r = rho();
    if (queries <= 0) return 0;
    if (r >= 1) return std::numeric_limits<double>::infinity();
    return n2 * s * s / (2 * (1 - r));
  }
  /// The mean time one operation costing `mean` I/Os spends on storage: its transfer, and for the
  /// share of them that do I/O the wait and the device's latency.
  double time_s(double mean) const {
    if (mean <= 0) return 0;
    const double whole = std::floor(mean), p = whole > 0 ? 1 : mean - whole;
    return mean * s + p * (wait_s() + to_seconds(latency));
  }
};

/// One instance's volume during a run.
struct Volume {
  std::uint16_t component = 0;
  bool busy = false;
  std::uint32_t epoch = 0;  // bumped when its instance dies: the I/O in progress is void
  RingQueue wait;           // queries whose I/Os wait for the volume
};

}  // namespace headroom
