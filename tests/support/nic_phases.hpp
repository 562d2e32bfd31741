#pragma once
// The three phases of a NIC that sends flat out from a full burst bucket (sim/topology/nic.hpp):
// bursting, throttled to its baseline, and the moment between. Shared by the instance and node
// NIC tests.
#include <doctest/doctest.h>

#include "headroom/measure/report.hpp"

namespace headroom::testing {

struct NicPhases {
  double burst_rps = 0, baseline_rps = 0, empty_at = 0;
};

/// The served rate while it bursts (20 s to `until`), after it throttles (from `after` s), and the
/// end of the last 10-s interval before after + 60 s that served more than `half` a second.
inline NicPhases nic_phases(const Report& r, double until = 280, double after = 340, double half = 312) {
  NicPhases p;
  int early = 0, late = 0;
  for (const TimeSeriesRow& row : r.timeseries.rows) {
    if (row.t_s > 20 && row.t_s <= until) p.burst_rps += row.ok_rps, ++early;
    if (row.t_s > after) p.baseline_rps += row.ok_rps, ++late;
    if (row.t_s < after + 60 && row.ok_rps > half) p.empty_at = row.t_s;
  }
  REQUIRE(early > 0);
  REQUIRE(late > 0);
  p.burst_rps /= early;
  p.baseline_rps /= late;
  return p;
}

}  // namespace headroom::testing
