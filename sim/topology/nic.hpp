#pragma once
// An EC2 instance's network interface as a resource (docs/sources.md §1c): the responses an
// instance answers leave through it one at a time, FCFS, at its bandwidth — a transmission
// station whose service time is bytes × 8 / bandwidth. An instance with an "up to" figure above
// its baseline bursts to it while a token bucket of surplus bits lasts: the bucket earns the
// baseline continuously and every transmission spends its bits, so it drains at
// (burst − baseline) while the NIC sends flat out and refills whenever it sends less than the
// baseline. Its size is the surplus of `kNicBurstSeconds` at full burst from a full bucket.
#include <algorithm>
#include <cstdint>

#include "headroom/core/time.hpp"
#include "topology/ring_queue.hpp"

namespace headroom {

/// How long an instance sustains its burst bandwidth from a full bucket: AWS says "typically 5
/// to 60 minutes" (sources.md §1c) without a figure per type; headroom takes the short end, so
/// that a sizing never counts on a burst it may not get.
inline constexpr Duration kNicBurstSeconds = 5 * kMinute;
inline constexpr std::uint32_t kNoNic = 0xFFFFFFFF;

struct Nic {
  double baseline_bps = 0;  // bits/s it sustains
  double burst_bps = 0;     // bits/s while its bucket lasts (== baseline: no burst)
  double max_bits = 0;      // the bucket's size: (burst − baseline) × kNicBurstSeconds
  double bucket = 0;        // bits; below 0: one transmission's overdraft, earned back at the baseline
  SimTime at = 0;           // earned up to here
  bool busy = false;
  std::uint16_t component = 0;  // the pool whose instance it is
  std::uint32_t epoch = 0;  // bumped when its instance dies: the transmission in progress is void
  RingQueue wait;           // requests whose response waits for the wire

  bool bursts() const { return burst_bps > baseline_bps; }
  /// Earns the baseline up to `now`, capped at the bucket's size.
  void settle(SimTime now) {
    if (bucket < max_bits) bucket = std::min(max_bits, bucket + baseline_bps * to_seconds(now - at));
    at = now;
  }
  /// Starts sending `bits` at `now`: true when it goes at the burst rate (the bucket holds surplus),
  /// false at the baseline. Spends them either way: at the baseline it earns them back meanwhile.
  bool spend(SimTime now, double bits) {
    settle(now);
    const bool fast = bursts() && bucket > 0;
    bucket -= bits;
    return fast;
  }
};

}  // namespace headroom
