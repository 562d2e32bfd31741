#pragma once
/// The offered load as a non-homogeneous Poisson process, generated exactly by thinning
/// (Lewis & Shedler 1979) against a piecewise-constant bound of the rate, one window at a time.
#include "headroom/core/random.hpp"
#include "headroom/workload/curve.hpp"

namespace headroom {

class ArrivalProcess {
 public:
  /// `rate_per_unit` turns curve values into requests per second: 1 for `rate:` curves,
  /// 1 / think_time (s) for `users:` curves. Arrivals stop at `end`.
  ArrivalProcess(Curve curve, double rate_per_unit, SimTime end, Rng rng);

  /// The next arrival strictly after the previous one, or kNever when the run is over.
  SimTime next();
  /// Starts the process afresh at `from` (no arrival at `from` itself) and stops it at `to`: a
  /// hybrid run's zoom window. A Poisson process is memoryless, so nothing before `from` matters.
  void restart(SimTime from, SimTime to) {
    now_ = window_end_ = from;
    end_ = to;
  }
  /// The instantaneous arrival rate (requests/s) at t.
  double rate_at(SimTime t) const { return curve_.at(t) * per_unit_; }
  const Curve& curve() const { return curve_; }

 private:
  /// Windows of one second keep the bound tight for fast-moving curves (a flash crowd) while
  /// costing one bound computation per simulated second.
  static constexpr Duration kWindow = kSecond;
  Curve curve_;
  double per_unit_;
  SimTime end_;
  Rng rng_;
  SimTime now_ = 0;
  SimTime window_end_ = 0;
  bool constant_;
  double bound_ = 0;  // requests/s, upper bound on the current window
};

}  // namespace headroom
