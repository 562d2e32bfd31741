#include "headroom/workload/arrivals.hpp"

#include <algorithm>
#include <cmath>

namespace headroom {

ArrivalProcess::ArrivalProcess(Curve curve, double rate_per_unit, SimTime end, Rng rng)
    : curve_(std::move(curve)), per_unit_(rate_per_unit), end_(end), rng_(rng),
      constant_(curve_.is_constant()) {}

SimTime ArrivalProcess::next() {
  for (;;) {
    if (now_ >= window_end_) {
      if (now_ >= end_) return kNever;
      window_end_ = std::min(end_, now_ - now_ % kWindow + kWindow);
      bound_ = std::max(0.0, curve_.max_over(now_, window_end_) * per_unit_);
    }
    if (bound_ <= 0) {  // no arrivals possible in this window
      now_ = window_end_;
      continue;
    }
    // Exponential gap at the bounding rate; the exponential's memorylessness lets a gap that
    // overruns the window restart from the window's end at the next window's rate.
    const double gap_ns = rng_.exp1() / bound_ * 1e9;
    const double t = static_cast<double>(now_) + gap_ns;
    if (t >= static_cast<double>(window_end_)) {
      now_ = window_end_;
      continue;
    }
    now_ = std::max(now_ + 1, static_cast<SimTime>(t + 0.5));
    if (now_ >= window_end_) continue;
    if (constant_) return now_;  // the bound is the rate: every candidate is accepted
    const double rate = curve_.at(now_) * per_unit_;
    if (rate >= bound_ || rng_.uniform01() * bound_ < rate) return now_;
  }
}

}  // namespace headroom
