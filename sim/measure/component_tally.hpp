#pragma once
// What a run measured of one component inside the measured window: the counters the report and
// the bill read, and the instance-time integrals. Kept apart from the component's run-time state
// (topology/model.hpp), which the handlers change as they go.
#include <cstdint>

namespace headroom {

struct ComponentTally {
  std::uint64_t completed = 0, errors = 0;
  std::uint64_t ops = 0, reads = 0, writes = 0;  // requests that reached it, for per-request prices
  double bytes = 0;           // bytes it answered to the requests that reached it (their hops' response_bytes)
  double request_bytes = 0;   // bytes those requests brought it (their hops' request_bytes)
  // bytes both ways (request and response) of its hops that crossed an AZ boundary from its
  // caller, except from an ALB (its cross-zone traffic is free: sources.md §5)
  double cross_az_bytes = 0;
  std::int64_t busy_ns = 0;   // core-nanoseconds busy
  double nic_bits = 0;        // bits its instances' NICs sent (sim/topology/nic.hpp)
  double nic_s = 0;           // and the time those answers take at their sustained rate (s)
  // a database's volumes (topology/volume.hpp): I/Os started, their service time (volume-ns), and
  // the queries that did I/O with their total time from queueing to the device's answer (ns)
  double storage_ios = 0, storage_busy_ns = 0;
  double storage_queries = 0, storage_wait_ns = 0;
  // burstable instances in unlimited mode: surplus CPU credits spent, less those paid down
  // (core-seconds; 60 per credit)
  double surplus_s = 0;
  // instances alive over time (fewest, most) and integrated (instance-ns); `billed` also counts
  // instances booting, draining, or dead but not yet terminated; Spot's share of it
  std::uint32_t alive_min = 0, alive_max = 0;
  double alive_area = 0, billed_area = 0, spot_area = 0;
  double spot_usd = 0;  // with a Spot price trace: the Spot hours' cost, integrated
  // ec2 with a connection pool: connections asked for by measured requests, those that had to
  // wait, those that gave up at the pool timeout; connection-ns lent inside the window
  std::uint64_t pool_borrows = 0, pool_waited = 0, pool_timeouts = 0;
  double pool_held_ns = 0;
};

}  // namespace headroom
