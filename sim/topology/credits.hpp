#pragma once
// CPU credits of a burstable instance (t2, t3, t3a, t4g; docs/sources.md §1b): the instance earns
// `baseline` of each vCPU continuously and spends what it runs. A credit is one vCPU at 100% for a
// minute; here the balance is kept in core-seconds (60 per credit). Standard mode throttles the
// vCPUs to the baseline while the balance is empty; unlimited mode runs on, the balance going
// negative by the surplus credits spent, which later earnings pay down and the bill charges.
#include <algorithm>
#include <cstdint>

#include "headroom/core/time.hpp"

namespace headroom {

inline constexpr double kCoreSecondsPerCredit = 60;

struct CpuCredits {
  double baseline = 0;  // share of each core it earns; 0: not burstable (runs at 100%)
  double earn = 0;      // core-seconds earned per second: cores × baseline
  double max = 0;       // core-seconds: 24 h of earnings (AWS's accrual limit)
  double balance = 0;   // core-seconds; below 0: surplus spent (unlimited) or one service's overdraft
  bool unlimited = false;
  SimTime at = 0;       // earned up to here
  std::uint16_t owner = 0;  // the ec2 component whose instance it is (guests run on it too)

  bool on() const { return baseline > 0; }

  /// Earns up to `now` (capped at `max`; T2 launch credits above it are kept, not added to);
  /// returns the surplus core-seconds this paid down (unlimited mode).
  double settle(SimTime now) {
    const double earned = earn * to_seconds(now - at);
    at = now;
    const double paid = unlimited && balance < 0 ? std::min(earned, -balance) : 0;
    if (balance < max) balance = std::min(max, balance + earned);
    return paid;
  }
  /// Spends `work` core-seconds; returns the surplus core-seconds this spent (unlimited mode).
  double spend(double work) {
    const double before = std::min(balance, 0.0);
    balance -= work;
    return unlimited ? before - std::min(balance, 0.0) : 0;
  }
  /// How much longer a service takes now: 1, or 1 / baseline for a standard instance whose
  /// balance is empty (each vCPU throttled to the baseline).
  double stretch() const { return on() && !unlimited && balance <= 0 ? 1 / baseline : 1; }
};

}  // namespace headroom
