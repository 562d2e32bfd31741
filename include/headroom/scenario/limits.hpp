#pragma once
/// headroom's budgets for one scenario (spec.md §7, "Limits"): what is refused before a run
/// starts, because it would allocate gigabytes up front or run for hours. They are headroom's
/// own bounds, not AWS's quotas; each is far beyond every bundled scenario.
#include <cstdint>

#include "headroom/core/time.hpp"

namespace headroom {

/// The longest run: 366 days. Per-minute figures (Lambda concurrency, a stream's iterator age)
/// are arrays of one entry per simulated minute, allocated before the first event: a year is
/// 527,040 entries (about 4 MB each), 290 years would be 3.5 GB. Bundled runs last 1–2 hours.
inline constexpr Duration kMaxDuration = 366 * kDay;

/// The most instances in one scenario, summed over its components (a pool's `count` or
/// `scaling.max`, a cache's `nodes`, a stream's `shards`): 100,000. Each is simulated one by
/// one and its state (queues, CPU, health, Spot and scaling fields, a balancer's view of it) is
/// allocated up front, a few hundred bytes each, so the budget is tens of MB. The largest
/// bundled fleet is 160 (stage 6's Auto Scaling maximum).
inline constexpr std::int64_t kMaxInstances = 100'000;

/// The most requests a run may be expected to offer: 1e9. The estimate is the load curve's
/// integral over the run (users divided by think time plus the client's round trip, an upper
/// bound on each user's rate). It binds a run forced to per request (`--fidelity request`): auto
/// turns a larger load hybrid. The largest per-request bundled stage offers about 1.5e8; a run simulates
/// about 10^6 requests per second of wall time (stage 6: 9.9e7 requests in 64 s on a CI-sized
/// machine), so 1e9 is ten minutes or more for one run, and a capacity search runs a dozen.
inline constexpr double kMaxRequests = 1e9;

}  // namespace headroom
